#include "resolve/table_builder.h"

#include <charconv>
#include <thread>

#include "ingest/standardize/name.h"
#include "ingest/standardize/text.h"
#include "resolve/strong_identifier.h"

namespace credo::resolve {

using ingest::CanonicalField;

namespace {
// Distinct values (over all columns) from which Finish prepares comparison keys on two threads.
constexpr size_t kParallelPrepareValues = 4096;
}  // namespace

Result<RecordTableBuilder> RecordTableBuilder::ForMapping(const ingest::Mapping& mapping) {
  RecordTableBuilder builder;
  builder.mapping_ = &mapping;
  auto mapped = [&](CanonicalField field) { return mapping.Find(field) != nullptr; };
  auto add = [&](std::string name, ComparatorKind comparator, bool tf,
                 std::vector<CanonicalField> fields, bool person_name = false) {
    std::vector<CanonicalField> present;
    for (auto field : fields) {
      if (mapped(field)) present.push_back(field);
    }
    if (present.empty()) return;
    builder.schema_.push_back(FieldSpec{std::move(name), comparator, tf});
    builder.sources_.push_back(ColumnSource{std::move(present), person_name});
  };
  bool company = mapped(CanonicalField::kCompanyName);
  builder.table_.entity_kind_ = company ? EntityKind::kCompany : EntityKind::kPerson;
  if (company) {
    add("company_name", ComparatorKind::kCompanyName, true, {CanonicalField::kCompanyName});
    add("company_identifier", ComparatorKind::kIdentifier, false,
        {CanonicalField::kCompanyIdentifier});
    add("legal_representative", ComparatorKind::kName, true,
        {CanonicalField::kLegalRepresentative}, true);
    if (mapped(CanonicalField::kRegisteredAddress)) {
      add("address", ComparatorKind::kAddress, false, {CanonicalField::kRegisteredAddress});
    } else {
      add("address", ComparatorKind::kAddress, false,
          {CanonicalField::kAddressLine1, CanonicalField::kAddressLine2});
    }
    add("city", ComparatorKind::kName, true, {CanonicalField::kCity});
    add("postcode", ComparatorKind::kPostcode, false, {CanonicalField::kPostcode});
    add("phone", ComparatorKind::kPhone, false, {CanonicalField::kPhone});
    builder.identifier_field_ = CanonicalField::kCompanyIdentifier;
  } else {
    builder.split_full_name_ = mapped(CanonicalField::kFullName) &&
                               !mapped(CanonicalField::kGivenName) &&
                               !mapped(CanonicalField::kSurname);
    if (builder.split_full_name_) {
      builder.schema_.push_back(FieldSpec{"given_name", ComparatorKind::kName, true});
      builder.sources_.push_back(ColumnSource{{CanonicalField::kFullName}, true});
      builder.schema_.push_back(FieldSpec{"surname", ComparatorKind::kName, true});
      builder.sources_.push_back(ColumnSource{{CanonicalField::kFullName}, true});
    } else {
      add("given_name", ComparatorKind::kName, true, {CanonicalField::kGivenName}, true);
      add("surname", ComparatorKind::kName, true, {CanonicalField::kSurname}, true);
    }
    add("date_of_birth", ComparatorKind::kDate, false, {CanonicalField::kDateOfBirth});
    add("identifier", ComparatorKind::kIdentifier, false, {CanonicalField::kIdentifier});
    add("phone", ComparatorKind::kPhone, false, {CanonicalField::kPhone});
    add("email", ComparatorKind::kExact, false, {CanonicalField::kEmail});
    add("street_number", ComparatorKind::kExact, false, {CanonicalField::kStreetNumber});
    add("address", ComparatorKind::kAddress, false,
        {CanonicalField::kAddressLine1, CanonicalField::kAddressLine2});
    add("city", ComparatorKind::kName, true, {CanonicalField::kCity});
    add("postcode", ComparatorKind::kPostcode, false, {CanonicalField::kPostcode});
    add("state", ComparatorKind::kExact, false, {CanonicalField::kState});
    add("sex", ComparatorKind::kExact, false, {CanonicalField::kSex});
  }
  if (builder.schema_.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the mapping maps no field that resolution compares; map at least names, "
                     "date_of_birth, identifier, phone or address (or company_name)",
                     mapping.path);
  }
  if (builder.schema_.size() > 16) {
    return MakeError(ErrorCode::kInternal, "more than 16 compared fields");
  }
  if (const auto* rule = mapping.Find(builder.identifier_field_)) {
    builder.identifier_kind_ = rule->identifier_kind;
    builder.identifier_is_strong_ = rule->identifier_kind == IdentifierKind::kCnResidentId ||
                                    rule->identifier_kind == IdentifierKind::kCnUnifiedSocialCredit ||
                                    rule->identifier_kind == IdentifierKind::kUsSsn ||
                                    rule->identifier_kind == IdentifierKind::kUsEin;
  }
  for (const auto& spec : builder.schema_) {
    FieldColumn column;
    column.spec = spec;
    column.comparator = std::shared_ptr<const Comparator>(MakeComparator(spec.comparator));
    column.texts.push_back("");
    column.counts.push_back(0);
    builder.table_.columns_.push_back(std::move(column));
  }
  builder.dictionaries_.resize(builder.schema_.size());
  if (mapping.truth.kind == ingest::TruthSpec::Kind::kRecordIdPattern) {
    try {
      builder.truth_pattern_.emplace(mapping.truth.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "[truth] record_id_pattern is not a valid regular expression: " +
                           std::string(e.what()),
                       mapping.path);
    }
  }
  return builder;
}

uint32_t RecordTableBuilder::Intern(size_t column, std::string value) {
  if (value.empty()) return 0;
  FieldColumn& target = table_.columns_[column];
  auto [it, inserted] =
      dictionaries_[column].try_emplace(std::move(value), static_cast<uint32_t>(target.texts.size()));
  if (inserted) {
    target.texts.push_back(it->first);
    target.counts.push_back(0);
  }
  ++target.counts[it->second];
  ++target.non_null;
  return it->second;
}

Result<uint32_t> RecordTableBuilder::TruthOf(const ingest::MappedRecord& record) {
  std::string entity;
  const std::string& id = record.Get(CanonicalField::kRecordId);
  switch (mapping_->truth.kind) {
    case ingest::TruthSpec::Kind::kNone:
      return 0u;
    case ingest::TruthSpec::Kind::kColumn:
      entity = record.truth;
      break;
    case ingest::TruthSpec::Kind::kRecordIdPattern: {
      std::smatch match;
      if (std::regex_search(id, match, *truth_pattern_)) {
        entity = match.size() > 1 ? match[1].str() : match[0].str();
      }
      break;
    }
    case ingest::TruthSpec::Kind::kRecordIdDivisor: {
      long long number = 0;
      auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
      if (ec == std::errc() && ptr == id.data() + id.size()) {
        entity = std::to_string(number / mapping_->truth.divisor);
      }
      break;
    }
  }
  if (entity.empty()) return 0u;
  auto [it, inserted] =
      truth_index_.try_emplace(entity, static_cast<uint32_t>(truth_index_.size() + 1));
  return it->second;
}

Status RecordTableBuilder::Add(const ingest::MappedRecord& record, uint8_t side,
                               const std::string& source_name) {
  return AddStandardized(record, Standardize(record), side, source_name);
}

Result<std::vector<std::string>> RecordTableBuilder::Standardize(
    const ingest::MappedRecord& record) const {
  std::vector<std::string> out(schema_.size());
  std::string joined;
  for (size_t c = 0; c < schema_.size(); ++c) {
    joined.clear();
    for (auto field : sources_[c].fields) {
      const std::string& value = record.Get(field);
      if (value.empty()) continue;
      if (!joined.empty()) joined.push_back(' ');
      joined += value;
    }
    if (joined.empty()) continue;
    auto text = sources_[c].person_name ? ingest::StandardizePersonName(joined)
                                        : ingest::NormalizeText(joined, ingest::TextCase::kLower);
    if (!text.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       text.error().message + " in field " + schema_[c].name);
    }
    std::string standardized = std::move(text).value();
    if (split_full_name_) {
      // Full names only: Han names take the first character as the surname; Latin names the
      // last word.
      bool given = schema_[c].name == "given_name";
      if (ingest::ContainsHan(standardized)) {
        size_t first = 1;
        while (first < standardized.size() &&
               (static_cast<unsigned char>(standardized[first]) & 0xC0) == 0x80) {
          ++first;
        }
        standardized = given ? standardized.substr(first) : standardized.substr(0, first);
      } else {
        size_t space = standardized.rfind(' ');
        if (space == std::string::npos) {
          standardized = given ? std::string() : standardized;
        } else {
          standardized = given ? standardized.substr(0, space) : standardized.substr(space + 1);
        }
      }
    }
    out[c] = std::move(standardized);
  }
  return out;
}

Status RecordTableBuilder::AddStandardized(const ingest::MappedRecord& record,
                                           Result<std::vector<std::string>> standardized,
                                           uint8_t side, const std::string& source_name) {
  const std::string& id = record.Get(CanonicalField::kRecordId);
  std::string location = source_name + ":" + std::to_string(record.line);
  if (id.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "record id is empty; every row needs a value in the record_id column",
                     location);
  }
  auto [seen, inserted] = seen_ids_[side].try_emplace(id, record.line);
  if (!inserted) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "duplicate record id \"" + id + "\" (first on line " +
                         std::to_string(seen->second) +
                         "); record ids must be unique within a file, or clusters could not be "
                         "reported per record",
                     location);
  }
  ++stats_.records;
  for (const auto& issue : record.issues) {
    ++stats_.transform_issues;
    if (stats_.first_issues.size() < 5) stats_.first_issues.push_back(issue.error.ToString());
  }
  if (!standardized.ok()) {
    Error error = std::move(standardized).error();
    error.location = location;
    return error;
  }
  std::vector<std::string>& values = *standardized;
  bool any = false;
  for (size_t c = 0; c < schema_.size(); ++c) {
    uint32_t value_id = Intern(c, std::move(values[c]));
    table_.columns_[c].value_ids.push_back(value_id);
    any = any || value_id != 0;
  }
  uint32_t strong = 0;
  if (identifier_is_strong_) {
    const std::string& value = record.Get(identifier_field_);
    if (!value.empty()) {
      auto key = StrongIdentifierKey(identifier_kind_, value);
      if (key) {
        auto [it, added] = strong_index_.try_emplace(
            *key, static_cast<uint32_t>(table_.strong_texts_.size()));
        if (added) table_.strong_texts_.push_back(*key);
        strong = it->second;
      } else {
        ++stats_.invalid_strong_identifiers;
      }
    }
  }
  CREDO_ASSIGN_OR_RETURN(uint32_t truth, TruthOf(record));
  if (mapping_->truth.kind != ingest::TruthSpec::Kind::kNone) table_.truths_.push_back(truth);
  table_.record_ids_.push_back(id);
  table_.lines_.push_back(record.line);
  table_.sides_.push_back(side);
  table_.strong_ids_.push_back(strong);
  table_.empty_.push_back(any ? 0 : 1);
  if (!any) ++stats_.empty_records;
  if (side == 0) ++table_.left_size_;
  return Ok();
}

RecordTable RecordTableBuilder::Finish() {
  dictionaries_.clear();
  seen_ids_[0].clear();
  seen_ids_[1].clear();
  auto prepare = [this](size_t first, size_t step) {
    for (size_t c = first; c < table_.columns_.size(); c += step) {
      FieldColumn& column = table_.columns_[c];
      column.keys.resize(column.texts.size());
      for (size_t v = 1; v < column.texts.size(); ++v) {
        column.keys[v] = column.comparator->Prepare(column.texts[v]);
      }
    }
  };
  table_.given_name_column_ = table_.FindColumn("given_name");
  table_.surname_column_ = table_.FindColumn("surname");
  const size_t width = table_.columns_.size();
  table_.row_values_.assign(table_.size() * width, 0);
  for (size_t c = 0; c < width; ++c) {
    const std::vector<uint32_t>& ids = table_.columns_[c].value_ids;
    for (size_t r = 0; r < ids.size(); ++r) table_.row_values_[r * width + c] = ids[r];
  }
  // Preparing the keys of a large table is shared with a second thread; a small one (the two
  // subjects the incremental attacher compares, once per candidate) is not worth starting one.
  size_t values = 0;
  for (const FieldColumn& column : table_.columns_) values += column.texts.size();
  if (values >= kParallelPrepareValues) {
    std::thread helper(prepare, 1, 2);
    prepare(0, 2);
    helper.join();
  } else {
    prepare(0, 1);
  }
  return std::move(table_);
}

}  // namespace credo::resolve
