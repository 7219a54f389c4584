// credo resolve: records prepared for resolution, stored by column.
//
// Each compared field is a column of value ids into a dictionary of distinct standardised
// values, with the comparator's prepared key and a count per value (term frequencies). Records
// sharing a value share its storage, so a million records take tens of megabytes, and equal ids
// compare as exact without touching the text. A table holds one file (dedupe) or two (link:
// side 0 = left, 1 = right). Built by RecordTableBuilder from mapped records; immutable after
// Finish() and safe to read from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "resolve/comparators/comparator.h"

namespace credo::resolve {

enum class EntityKind { kPerson, kCompany };

struct FieldSpec {
  std::string name;                 //!< "given_name", "surname", "date_of_birth", ...
  ComparatorKind comparator = ComparatorKind::kExact;
  bool term_frequency = false;      //!< rarer values weigh more at the exact level
};

struct FieldColumn {
  FieldSpec spec;
  std::shared_ptr<const Comparator> comparator;
  std::vector<uint32_t> value_ids;  //!< per record; 0 = missing
  std::vector<std::string> texts;   //!< distinct values; texts[0] is the missing value ""
  std::vector<std::string> keys;    //!< comparator->Prepare(texts[i])
  std::vector<uint32_t> counts;     //!< records holding each value
  uint64_t non_null = 0;            //!< records with a value

  PreparedValue Value(uint32_t value_id) const { return {texts[value_id], keys[value_id]}; }
  //! Share of the non-missing records holding this value.
  double Frequency(uint32_t value_id) const {
    return non_null == 0 ? 0.0 : static_cast<double>(counts[value_id]) / non_null;
  }
};

class RecordTable {
 public:
  size_t size() const { return record_ids_.size(); }
  EntityKind entity_kind() const { return entity_kind_; }
  const std::string& record_id(size_t i) const { return record_ids_[i]; }
  int64_t line(size_t i) const { return lines_[i]; }
  uint8_t side(size_t i) const { return sides_[i]; }
  //! Interned "kind:value" of a valid strong identifier (0 = none).
  uint32_t strong_id(size_t i) const { return strong_ids_[i]; }
  const std::string& strong_id_text(uint32_t id) const { return strong_texts_[id]; }
  //! True when every compared field is missing: such a record forms its own cluster.
  bool empty(size_t i) const { return empty_[i] != 0; }
  //! Truth entity for scoring (0 = unknown); never used for training.
  uint32_t truth(size_t i) const { return truths_.empty() ? 0 : truths_[i]; }
  bool has_truth() const { return !truths_.empty(); }
  size_t side_size(uint8_t side) const { return side == 0 ? left_size_ : size() - left_size_; }

  const std::vector<FieldColumn>& columns() const { return columns_; }
  //! The value ids of one record, one per column in column order (the same ids as the
  //! columns' value_ids, laid out by record so that comparing a pair reads two cache lines
  //! instead of one per field).
  const uint32_t* row(size_t record) const { return &row_values_[record * columns_.size()]; }
  //! Column index of a field name, or -1.
  int FindColumn(std::string_view name) const;
  //! Columns of the given name and surname (-1 when not compared): ComparePair also tries them
  //! crossed, since the two are often swapped (and Chinese names come in either order).
  int given_name_column() const { return given_name_column_; }
  int surname_column() const { return surname_column_; }

 private:
  friend class RecordTableBuilder;
  EntityKind entity_kind_ = EntityKind::kPerson;
  std::vector<std::string> record_ids_;
  std::vector<int64_t> lines_;
  std::vector<uint8_t> sides_;
  std::vector<uint32_t> strong_ids_;
  std::vector<std::string> strong_texts_{""};
  std::vector<uint8_t> empty_;
  std::vector<uint32_t> truths_;
  std::vector<FieldColumn> columns_;
  std::vector<uint32_t> row_values_;  //!< records x columns, filled by Finish()
  size_t left_size_ = 0;
  int given_name_column_ = -1;
  int surname_column_ = -1;
};

}  // namespace credo::resolve
