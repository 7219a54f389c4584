// credo ingest/metro2 internal: small text helpers for messages.
#pragma once

#include <string>
#include <string_view>

#include "ingest/metro2/rules.h"

namespace credo::metro2::internal {

//! An identifier for a message: every byte but the last 4 replaced by '*', the rest escaped.
inline std::string MaskValue(std::string_view bytes) {
  std::string masked(bytes);
  for (size_t i = 0; i + 4 < masked.size(); ++i) masked[i] = '*';
  return EscapeBytes(masked);
}

}  // namespace credo::metro2::internal
