#include "model/dataset.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace credo::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Location(const RawTable& table, size_t row, std::string_view column) {
  std::string location = table.source;
  if (row < table.lines.size()) location += " line " + std::to_string(table.lines[row]);
  location += " column ";
  location += column;
  return location;
}

// Decides which of the two target values is bad when the user did not say.
std::optional<std::string> GuessBadValue(const std::set<std::string>& values) {
  for (const std::string& value : values) {
    std::string lower = Lower(value);
    if (lower == "bad" || lower == "yes" || lower == "true" || lower == "default") return value;
  }
  for (const std::string& value : values) {
    auto number = ParseNumber(value);
    if (number && *number == 1.0) return value;
  }
  return std::nullopt;
}

bool SameTargetValue(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto x = ParseNumber(a);
  auto y = ParseNumber(b);
  return x && y && *x == *y;
}

}  // namespace

std::string_view ColumnKindName(ColumnKind kind) {
  return kind == ColumnKind::kNumeric ? "numeric" : "categorical";
}

Result<ColumnKind> ParseColumnKind(std::string_view name) {
  if (name == "numeric") return ColumnKind::kNumeric;
  if (name == "categorical") return ColumnKind::kCategorical;
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown column kind '" + std::string(name) + "'; use numeric or categorical");
}

bool Column::IsMissing(size_t row) const {
  return kind == ColumnKind::kNumeric ? std::isnan(numbers[row]) : texts[row].empty();
}

const Column* Dataset::Find(std::string_view name) const {
  for (const Column& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

Dataset Dataset::Subset(const std::vector<size_t>& row_indexes) const {
  Dataset out;
  out.source = source;
  out.target_name = target_name;
  out.bad_value = bad_value;
  out.good_value = good_value;
  out.dropped_columns = dropped_columns;
  out.rows = row_indexes.size();
  for (const Column& column : columns) {
    Column copy;
    copy.name = column.name;
    copy.kind = column.kind;
    if (column.kind == ColumnKind::kNumeric) {
      copy.numbers.reserve(row_indexes.size());
      for (size_t row : row_indexes) copy.numbers.push_back(column.numbers[row]);
    } else {
      copy.texts.reserve(row_indexes.size());
      for (size_t row : row_indexes) copy.texts.push_back(column.texts[row]);
    }
    out.columns.push_back(std::move(copy));
  }
  if (!target.empty()) {
    for (size_t row : row_indexes) out.target.push_back(target[row]);
  }
  if (!lines.empty()) {
    for (size_t row : row_indexes) out.lines.push_back(lines[row]);
  }
  return out;
}

size_t Dataset::Bads() const {
  return static_cast<size_t>(std::count(target.begin(), target.end(), uint8_t{1}));
}

bool IsMissingToken(std::string_view cell) {
  if (cell.empty() || cell == "?") return true;
  if (cell.size() > 4) return false;  // asked of every cell: no lower-cased copy of a number
  auto is = [cell](std::string_view lower_word) {
    if (cell.size() != lower_word.size()) return false;
    for (size_t i = 0; i < cell.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(cell[i])) != lower_word[i]) return false;
    }
    return true;
  };
  return is("na") || is("n/a") || is("nan") || is("null");
}

std::optional<double> ParseNumber(std::string_view cell) {
  if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
  if (cell.empty()) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size()) return std::nullopt;
  if (std::isnan(value)) return std::nullopt;
  return value;
}

Result<Dataset> BuildDataset(const RawTable& table, const DatasetOptions& options,
                             const std::map<std::string, ColumnKind>& declared_kinds) {
  Dataset data;
  data.source = table.source;
  data.rows = table.rows.size();
  data.lines = table.lines;
  std::set<std::string> seen;
  std::optional<size_t> target_index;
  for (size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    if (!name.empty() && !seen.insert(name).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "the header names column '" + name + "' twice; rename one",
                       table.source + " line 1");
    }
    if (name == options.target && !options.target.empty()) target_index = c;
  }
  for (const std::string& excluded : options.exclude) {
    if (!seen.count(excluded)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "--exclude names column '" + excluded + "', which the header does not have",
                       table.source + " line 1");
    }
  }
  for (const auto& [name, kind] : options.schema) {
    if (!seen.count(name)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "the model needs column '" + name + "' (" +
                           std::string(ColumnKindName(kind)) + "), which the file does not have",
                       table.source + " line 1");
    }
  }
  if (!options.target.empty() && !target_index) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "target column '" + options.target + "' is not in the header",
                     table.source + " line 1");
  }

  // Target.
  if (target_index) {
    data.target_name = options.target;
    std::set<std::string> values;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& cell = table.rows[r][*target_index];
      if (IsMissingToken(cell)) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "the target is missing; every training row needs a target value",
                         Location(table, r, options.target));
      }
      bool known = false;
      for (const std::string& value : values) known = known || SameTargetValue(value, cell);
      if (!known) {
        if (values.size() == 2 ||
            (values.size() == 1 && !options.bad_value.empty() &&
             !SameTargetValue(*values.begin(), options.bad_value) &&
             !SameTargetValue(cell, options.bad_value))) {
          std::string listed;
          for (const std::string& value : values) listed += "'" + value + "' ";
          return MakeError(ErrorCode::kInvalidArgument,
                           "target column '" + options.target + "' has a third value '" + cell +
                               "' besides " + listed +
                               "; the target must have exactly two classes",
                           Location(table, r, options.target));
        }
        values.insert(cell);
      }
    }
    if (values.size() < 2) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "target column '" + options.target +
                           "' has only one class; both good and bad rows are needed",
                       table.source + " column " + options.target);
    }
    std::string bad;
    if (!options.bad_value.empty()) {
      bool found = false;
      for (const std::string& value : values) {
        if (SameTargetValue(value, options.bad_value)) {
          bad = value;
          found = true;
        }
      }
      if (!found) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "--bad-value '" + options.bad_value + "' does not occur in target column '" +
                             options.target + "'",
                         table.source + " column " + options.target);
      }
    } else {
      auto guess = GuessBadValue(values);
      if (!guess) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "cannot tell which value of target column '" + options.target +
                             "' is bad; pass --bad-value",
                         table.source + " column " + options.target);
      }
      bad = *guess;
    }
    data.bad_value = bad;
    for (const std::string& value : values) {
      if (value != bad) data.good_value = value;
    }
    data.target.reserve(table.rows.size());
    for (const auto& row : table.rows) {
      data.target.push_back(SameTargetValue(row[*target_index], bad) ? 1 : 0);
    }
  }

  // Features.
  for (size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    if (target_index && c == *target_index) continue;
    if (std::find(options.exclude.begin(), options.exclude.end(), name) != options.exclude.end()) {
      continue;
    }
    if (name.empty()) {
      data.dropped_columns.push_back("(unnamed column " + std::to_string(c + 1) + ")");
      continue;
    }
    Column column;
    column.name = name;
    std::optional<ColumnKind> fixed;
    if (auto it = options.schema.find(name); it != options.schema.end()) fixed = it->second;
    if (auto it = declared_kinds.find(name); it != declared_kinds.end() && !fixed) {
      fixed = it->second;
    }
    size_t present = 0;
    bool numeric = true;
    std::optional<size_t> first_text_row;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& cell = table.rows[r][c];
      if (IsMissingToken(cell)) continue;
      ++present;
      if (numeric && !ParseNumber(cell)) {
        numeric = false;
        first_text_row = r;
      }
    }
    if (fixed == ColumnKind::kNumeric && !numeric) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "value '" + table.rows[*first_text_row][c] +
                           "' is not a number, but the column is numeric",
                       Location(table, *first_text_row, name));
    }
    column.kind = fixed.value_or(numeric ? ColumnKind::kNumeric : ColumnKind::kCategorical);
    if (column.kind == ColumnKind::kNumeric) {
      column.numbers.reserve(table.rows.size());
      for (const auto& row : table.rows) {
        column.numbers.push_back(IsMissingToken(row[c]) ? kNaN : *ParseNumber(row[c]));
      }
    } else {
      column.texts.reserve(table.rows.size());
      for (const auto& row : table.rows) {
        column.texts.push_back(IsMissingToken(row[c]) ? std::string() : row[c]);
      }
    }
    if (options.training) {
      if (present == 0) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "column '" + name + "' has no values (all missing); drop it with --exclude " +
                             name,
                         table.source + " column " + name);
      }
      bool constant = true;
      size_t first = table.rows.size();
      for (size_t r = 0; r < table.rows.size() && constant; ++r) {
        if (column.IsMissing(r)) continue;
        if (first == table.rows.size()) {
          first = r;
        } else if (column.kind == ColumnKind::kNumeric
                       ? column.numbers[r] != column.numbers[first]
                       : column.texts[r] != column.texts[first]) {
          constant = false;
        }
      }
      if (constant) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "column '" + name +
                             "' is constant (one value in every row), so it cannot separate good "
                             "from bad; drop it with --exclude " + name,
                         table.source + " column " + name);
      }
    }
    data.columns.push_back(std::move(column));
  }
  if (options.training && data.columns.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no feature columns are left to model",
                     table.source);
  }
  return data;
}

Result<Dataset> LoadCsvDataset(const std::string& path, const DatasetOptions& options) {
  CREDO_ASSIGN_OR_RETURN(RawTable table, ReadCsvFile(path));
  return BuildDataset(table, options);
}

Result<Dataset> ParseCsvDataset(std::string_view text, const std::string& source,
                                const DatasetOptions& options) {
  CREDO_ASSIGN_OR_RETURN(RawTable table, ParseCsvText(text, source));
  return BuildDataset(table, options);
}

}  // namespace credo::model
