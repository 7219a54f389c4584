// credo monitor internal: small helpers for the module's SQL (parameters, column reads).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.h"

namespace credo::monitor::internal {

inline SqlValue Int(int64_t value) { return SqlValue::Int(value); }
inline SqlValue Text(std::string_view value) { return SqlValue::Text(std::string(value)); }
inline int64_t IntAt(const SqlRow& row, size_t index) {
  const SqlValue& value = row.at(index);
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  return value.int_value;
}
inline bool IsNullAt(const SqlRow& row, size_t index) {
  return row.at(index).kind == SqlValue::Kind::kNull;
}
inline const std::string& TextAt(const SqlRow& row, size_t index) { return row.at(index).bytes; }

}  // namespace credo::monitor::internal
