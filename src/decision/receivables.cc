#include "decision/receivables.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "model/csv.h"

namespace credo::decision {

namespace {

std::optional<bool> ParseFlag(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (value == "true" || value == "yes" || value == "y" || value == "1") return true;
  if (value == "false" || value == "no" || value == "n" || value == "0") return false;
  return std::nullopt;
}

}  // namespace

Result<std::vector<Receivable>> ParseReceivables(std::string_view text,
                                                 const std::string& source) {
  auto table = model::ParseCsvText(text, source);
  if (!table.ok()) return table.error();
  static const char* kColumns[] = {"supplier", "buyer",     "invoice_id", "amount",
                                   "due_date", "confirmed", "disputed"};
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < table->header.size(); ++i) index[table->header[i]] = i;
  for (const char* column : kColumns) {
    if (index.count(column) == 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("missing column \"") + column +
                           "\"; the header must name supplier, buyer, invoice_id, amount, "
                           "due_date, confirmed, disputed",
                       source + ":1");
    }
  }
  std::vector<Receivable> out;
  std::vector<std::string> problems;
  size_t problem_count = 0;
  auto problem = [&](size_t line, const std::string& field, const std::string& what,
                     const std::string& value) {
    ++problem_count;
    if (problems.size() < 20) {
      problems.push_back(source + ":" + std::to_string(line) + " field " + field + ": " + what +
                         " (got '" + value + "')");
    }
  };
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const size_t line = table->lines[r];
    auto cell = [&](const char* name) -> const std::string& { return row[index[name]]; };
    Receivable receivable;
    receivable.line = line;
    receivable.supplier = cell("supplier");
    receivable.buyer = cell("buyer");
    receivable.invoice_id = cell("invoice_id");
    if (receivable.supplier.empty()) problem(line, "supplier", "empty", "");
    if (receivable.buyer.empty()) problem(line, "buyer", "empty", "");
    if (receivable.invoice_id.empty()) problem(line, "invoice_id", "empty", "");
    const std::string& amount = cell("amount");
    int64_t value = 0;
    auto [end, error] = std::from_chars(amount.data(), amount.data() + amount.size(), value);
    if (error != std::errc() || end != amount.data() + amount.size() || amount.empty()) {
      problem(line, "amount", "not a whole number of minor units", amount);
    } else if (value <= 0) {
      problem(line, "amount", "must be above 0", amount);
    } else {
      receivable.amount = value;
    }
    auto due = Date::ParseIso(cell("due_date"));
    if (!due.ok()) {
      problem(line, "due_date", "not a date YYYY-MM-DD", cell("due_date"));
    } else {
      receivable.due_date = *due;
    }
    auto confirmed = ParseFlag(cell("confirmed"));
    if (!confirmed) {
      problem(line, "confirmed", "not true or false", cell("confirmed"));
    } else {
      receivable.confirmed = *confirmed;
    }
    auto disputed = ParseFlag(cell("disputed"));
    if (!disputed) {
      problem(line, "disputed", "not true or false", cell("disputed"));
    } else {
      receivable.disputed = *disputed;
    }
    out.push_back(std::move(receivable));
  }
  if (problem_count > 0) {
    std::string message = std::to_string(problem_count) + " bad field(s); fix them and retry:";
    for (const auto& text_line : problems) message += "\n  " + text_line;
    if (problem_count > problems.size()) {
      message += "\n  ... and " + std::to_string(problem_count - problems.size()) + " more";
    }
    return MakeError(ErrorCode::kInvalidArgument, message, source);
  }
  return out;
}

Result<std::vector<Receivable>> LoadReceivables(const std::string& path) {
  auto text = model::ReadWholeFile(path);
  if (!text.ok()) return text.error();
  return ParseReceivables(*text, path);
}

}  // namespace credo::decision

namespace credo::decision {

Result<std::map<std::string, std::string>> ParseGrades(std::string_view text,
                                                       const std::string& source) {
  auto table = model::ParseCsvText(text, source);
  if (!table.ok()) return table.error();
  size_t subject = table->header.size(), grade = table->header.size();
  for (size_t i = 0; i < table->header.size(); ++i) {
    if (table->header[i] == "subject") subject = i;
    if (table->header[i] == "grade") grade = i;
  }
  if (subject == table->header.size() || grade == table->header.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the header must name the columns subject and grade", source + ":1");
  }
  std::map<std::string, std::string> out;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const std::string where = source + ":" + std::to_string(table->lines[r]);
    const std::string& name = table->rows[r][subject];
    const std::string& value = table->rows[r][grade];
    if (name.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "field subject: empty", where);
    }
    if (value.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "field grade: empty", where);
    }
    if (!out.emplace(name, value).second) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field subject: " + name + " has a grade already", where);
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> LoadGrades(const std::string& path) {
  auto text = model::ReadWholeFile(path);
  if (!text.ok()) return text.error();
  return ParseGrades(*text, path);
}

}  // namespace credo::decision
