#include "model/bureau_training.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/identifier.h"
#include "features/compute.h"
#include "features/format.h"
#include "model/csv.h"

namespace credo::model {
namespace {

//! The optional column naming each row's identifier kind (IdentifierKindName: "us_ein" ...).
constexpr const char* kIdentifierKindColumn = "identifier_kind";

Result<size_t> ColumnIndex(const RawTable& table, const std::string& name) {
  for (size_t i = 0; i < table.header.size(); ++i) {
    if (table.header[i] == name) return i;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "the outcome file has no column '" + name +
                       "'; name it with --id-column / --outcome-column",
                   table.source + " line 1");
}

std::optional<IdentifierKind> PersonIdKind(const std::string& value, const std::string& country) {
  if (country == "cn") return IdentifierKind::kCnResidentId;
  if (country == "us") return IdentifierKind::kUsSsn;
  if (value.size() == 18) return IdentifierKind::kCnResidentId;
  std::string digits;
  for (char c : value) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.size() == 9) return IdentifierKind::kUsSsn;
  return std::nullopt;
}

//! A company's registration number: the unified social credit code (CN) or the EIN (US), by the
//! row's country, else by its form: 18 characters a USCC, 9 digits ("12-3456789") an EIN.
std::optional<IdentifierKind> CompanyIdKind(const std::string& value, const std::string& country) {
  if (country == "cn") return IdentifierKind::kCnUnifiedSocialCredit;
  if (country == "us") return IdentifierKind::kUsEin;
  std::string compact;
  bool digits_only = true;
  for (char c : value) {
    if (c == ' ' || c == '-') continue;
    compact += c;
    digits_only = digits_only && c >= '0' && c <= '9';
  }
  if (compact.size() == 18) return IdentifierKind::kCnUnifiedSocialCredit;
  if (compact.size() == 9 && digits_only) return IdentifierKind::kUsEin;
  return std::nullopt;
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

Result<LabelledExportSummary> ExportLabelledAttributes(Store& store, Date as_of,
                                                       const std::string& outcome_csv,
                                                       std::ostream& out,
                                                       const LabelledExportOptions& options) {
  const bool persons = options.kind == SubjectKind::kPerson;
  const std::string id_column = !options.identifier_column.empty() ? options.identifier_column
                                : persons                          ? "national_id"
                                                                   : "uscc";
  const std::string outcome_column = !options.outcome_column.empty() ? options.outcome_column
                                     : persons                       ? "defaulted_12m"
                                                                     : "defaults_12m";
  CREDO_ASSIGN_OR_RETURN(RawTable table, ReadCsvFile(outcome_csv));
  CREDO_ASSIGN_OR_RETURN(size_t id_index, ColumnIndex(table, id_column));
  CREDO_ASSIGN_OR_RETURN(size_t outcome_index, ColumnIndex(table, outcome_column));
  std::optional<size_t> country_index;
  if (auto found = ColumnIndex(table, "country"); found.ok()) country_index = *found;
  std::optional<size_t> kind_index;
  if (auto found = ColumnIndex(table, kIdentifierKindColumn); found.ok()) kind_index = *found;
  auto cell = [](const std::vector<std::string>& row, std::optional<size_t> index) {
    return index && *index < row.size() ? row[*index] : std::string();
  };

  LabelledExportSummary summary;
  std::map<SubjectId, int> outcomes;  // -1: conflicting
  const auto definitions = features::AttributeDefinitionsFor(options.kind);
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::vector<std::string>& row = table.rows[r];
      const std::string where = table.source + " line " + std::to_string(table.lines[r]);
      if (row.size() <= std::max(id_index, outcome_index)) {
        return MakeError(ErrorCode::kInvalidArgument, "the row has too few fields", where);
      }
      const std::string& outcome_text = row[outcome_index];
      if (outcome_text != "0" && outcome_text != "1") {
        return MakeError(ErrorCode::kInvalidArgument,
                         "outcome '" + outcome_text + "' is not 0 or 1",
                         where + " column " + outcome_column);
      }
      ++summary.outcome_rows;
      const std::string& value = row[id_index];
      // The identifier's own kind: named by the row, else told by its country or its form.
      std::optional<IdentifierKind> kind;
      if (const std::string name = cell(row, kind_index); !name.empty()) {
        auto parsed = ParseIdentifierKind(name);
        if (!parsed.ok()) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "identifier kind '" + name.substr(0, 32) +
                               "' is unknown; use cn_resident_id, cn_uscc, us_ssn, us_ein, "
                               "phone, email, account_number or other",
                           where + " column " + kIdentifierKindColumn);
        }
        kind = *parsed;
      } else {
        const std::string country = Lower(cell(row, country_index));
        kind = persons ? PersonIdKind(value, country) : CompanyIdKind(value, country);
      }
      if (!kind || NormalizeIdentifierForIndex(*kind, value).empty()) {
        ++summary.unmatched;
        continue;
      }
      Identifier identifier;
      identifier.kind = *kind;
      identifier.value = value;
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> subjects,
                             tx.FindSubjectsByIdentifier(identifier));
      if (subjects.empty()) ++summary.unmatched;
      const int outcome = outcome_text == "1" ? 1 : 0;
      for (SubjectId subject : subjects) {
        auto [it, inserted] = outcomes.emplace(subject, outcome);
        if (!inserted && it->second != outcome) it->second = -1;
      }
    }
    if (outcomes.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       "no stored subject holds an identifier of the outcome file; ingest the "
                       "furnisher files first",
                       outcome_csv);
    }
    std::vector<features::AttributeSet> sets;
    std::vector<int> labels;
    for (const auto& [subject, outcome] : outcomes) {
      if (outcome < 0) {
        ++summary.conflicting;
        continue;
      }
      CREDO_ASSIGN_OR_RETURN(features::AttributeSet set,
                             features::ComputeAttributesForSubject(tx, subject, as_of,
                                                                   options.filter));
      if (set.kind != options.kind) {
        ++summary.wrong_kind;
        continue;
      }
      sets.push_back(std::move(set));
      labels.push_back(outcome);
    }
    // Columns with one value (or none) among the labelled subjects cannot be trained on.
    std::vector<size_t> columns;
    for (size_t i = 0; i < definitions.size(); ++i) {
      std::optional<double> first;
      bool varies = false;
      for (const features::AttributeSet& set : sets) {
        const features::AttributeValue& value = set.values[i];
        if (!value) continue;
        if (!first) {
          first = *value;
        } else if (*value != *first) {
          varies = true;
          break;
        }
      }
      if (!options.drop_constant_columns || varies) {
        columns.push_back(i);
      } else {
        summary.dropped_columns.push_back(std::string(definitions[i].name));
      }
    }
    std::string line = "subject_id";
    for (size_t i : columns) {
      line += ',';
      line += definitions[i].name;
    }
    line += ',' + outcome_column + '\n';
    out << line;
    for (size_t s = 0; s < sets.size(); ++s) {
      line = std::to_string(sets[s].subject_id);
      for (size_t i : columns) {
        line += ',';
        line += features::FormatValue(sets[s].definitions[i], sets[s].values[i]);
      }
      line += ',';
      line += std::to_string(labels[s]);
      line += '\n';
      out << line;
      ++summary.labelled_subjects;
      summary.bads += labels[s];
    }
    return Ok();
  }));
  if (!out) return MakeError(ErrorCode::kUnavailable, "could not write the training CSV");
  return summary;
}

}  // namespace credo::model
