#include "resolve/record_table.h"

namespace credo::resolve {

int RecordTable::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].spec.name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace credo::resolve
