#include "ingest/mapping/mapped_reader.h"

#include "ingest/mapping/transform.h"
#include "ingest/standardize/text.h"

namespace credo::ingest {
namespace {

std::string Trimmed(const std::string& text) {
  size_t start = text.find_first_not_of(" \t");
  if (start == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(start, end - start + 1);
}

// ASCII white space only; a cell of U+3000 or U+00A0 is still kept here and then found blank by
// CanonicalRecord::Set (standardize IsBlank), which quarantines it under the required rule.
bool IsAsciiBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<MappedReader>> MappedReader::Open(const Mapping& mapping,
                                                         const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(auto source, OpenByteSource(path));
  return Open(mapping, std::move(source));
}

Result<std::unique_ptr<MappedReader>> MappedReader::Open(const Mapping& mapping,
                                                         std::unique_ptr<ByteSource> source) {
  std::unique_ptr<MappedReader> reader(new MappedReader(mapping));
  reader->source_name_ = source->name();
  if (mapping.format == SourceFormat::kCsv) {
    CsvOptions options;
    options.delimiter = mapping.delimiter;
    options.skip_initial_space = mapping.skip_initial_space;
    reader->csv_ = std::make_unique<CsvReader>(std::move(source), options);
    CREDO_TRY(reader->BindHeader());
  } else {
    reader->json_ = std::make_unique<JsonLinesReader>(std::move(source));
    if (mapping.truth.kind == TruthSpec::Kind::kColumn) {
      CREDO_ASSIGN_OR_RETURN(JsonPath path, JsonPath::Parse(mapping.truth.column));
      reader->truth_path_ = std::move(path);
    }
  }
  return reader;
}

Status MappedReader::BindHeader() {
  CREDO_ASSIGN_OR_RETURN(bool got, csv_->Next(&header_));
  if (!got) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "file is empty: expected a header line naming the columns", source_name_);
  }
  for (auto& name : header_) {
    name = Trimmed(name);
    // A UTF-8 byte-order mark before the first column name is not part of it.
    if (name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
  }
  auto list_columns = [this]() {
    std::string list;
    for (const auto& name : header_) list += (list.empty() ? "" : ", ") + name;
    return list;
  };
  auto find = [this](const std::string& column) -> std::optional<size_t> {
    for (size_t i = 0; i < header_.size(); ++i) {
      if (header_[i] == column) return i;
    }
    return std::nullopt;
  };
  for (const auto& rule : mapping_.fields) {
    std::vector<size_t> indexes;
    for (const auto& column : rule.sources) {
      auto index = find(column);
      if (!index) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "field " + std::string(CanonicalFieldName(rule.target)) +
                             " names column \"" + column + "\", which is not in the header of " +
                             source_name_ + " (columns: " + list_columns() +
                             "); fix the mapping or the file",
                         mapping_.path + ":" + std::to_string(rule.mapping_line));
      }
      indexes.push_back(*index);
    }
    column_indexes_.push_back(std::move(indexes));
  }
  if (mapping_.truth.kind == TruthSpec::Kind::kColumn) {
    truth_index_ = find(mapping_.truth.column);
    if (!truth_index_) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "[truth] column \"" + mapping_.truth.column + "\" is not in the header of " +
                           source_name_ + " (columns: " + list_columns() + ")",
                       mapping_.path);
    }
  }
  return Ok();
}

Result<bool> MappedReader::Next(MappedRecord* record) {
  record->present.reset();
  record->issues.clear();
  record->truth.clear();
  for (const auto& rule : mapping_.fields) record->values[static_cast<size_t>(rule.target)].clear();
  std::vector<std::string> json_values;
  if (csv_) {
    CREDO_ASSIGN_OR_RETURN(bool got, csv_->Next(&row_));
    if (!got) return false;
    record->line = csv_->record_line();
    if (row_.size() != header_.size()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "row has " + std::to_string(row_.size()) + " fields but the header has " +
                           std::to_string(header_.size()) +
                           "; quote fields that contain the delimiter",
                       source_name_ + ":" + std::to_string(record->line));
    }
    if (truth_index_) record->truth = Trimmed(row_[*truth_index_]);
  } else {
    CREDO_ASSIGN_OR_RETURN(bool got, json_->Next());
    if (!got) return false;
    record->line = json_->record_line();
    if (truth_path_) record->truth = truth_path_->Lookup(json_->current()).value_or("");
  }
  for (size_t r = 0; r < mapping_.fields.size(); ++r) {
    const FieldRule& rule = mapping_.fields[r];
    values_.clear();
    if (csv_) {
      for (size_t index : column_indexes_[r]) values_.push_back(row_[index]);
    } else {
      json_values.clear();
      for (const auto& path : rule.json_paths) {
        json_values.push_back(path.Lookup(json_->current()).value_or(""));
      }
      for (const auto& value : json_values) values_.push_back(value);
    }
    for (size_t s = 0; s < values_.size(); ++s) {
      auto valid = ValidateUtf8(values_[s]);
      if (!valid.ok()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         valid.error().message + " within the value",
                         source_name_ + ":" + std::to_string(record->line) + " column " +
                             rule.sources[s]);
      }
    }
    std::string location = source_name_ + ":" + std::to_string(record->line) + " column " +
                           rule.sources.front() + " field " +
                           std::string(CanonicalFieldName(rule.target));
    auto value = ApplyTransforms(rule, mapping_, values_);
    size_t slot = static_cast<size_t>(rule.target);
    if (!value.ok()) {
      record->issues.push_back(
          FieldIssue{rule.target, MakeError(value.error().code, value.error().message, location)});
      continue;
    }
    record->values[slot] = std::move(value).value();
    if (!IsAsciiBlank(record->values[slot])) {
      record->present.set(slot);
    } else if (rule.required) {
      record->issues.push_back(FieldIssue{
          rule.target, MakeError(ErrorCode::kInvalidArgument,
                                 "required field is empty", location)});
    }
  }
  return true;
}

}  // namespace credo::ingest
