#include "decision/manager_assignment.h"

#include <charconv>
#include <vector>

#include "model/csv.h"

namespace credo::decision {

std::string ManagerAssignment::ManagerOf(SubjectId subject) const {
  auto it = manager_of.find(subject);
  return it == manager_of.end() ? "(unassigned)" : it->second;
}

Result<ManagerAssignment> ParseManagerAssignment(std::string_view text,
                                                 const std::string& source) {
  auto table = model::ParseCsvText(text, source);
  if (!table.ok()) return table.error();
  size_t subject_column = table->header.size(), manager_column = table->header.size();
  for (size_t i = 0; i < table->header.size(); ++i) {
    if (table->header[i] == "subject") subject_column = i;
    if (table->header[i] == "manager") manager_column = i;
  }
  if (subject_column == table->header.size() || manager_column == table->header.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the header must name the columns subject and manager", source + ":1");
  }
  ManagerAssignment out;
  std::vector<std::string> problems;
  std::map<SubjectId, size_t> first_line;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const std::string& subject = table->rows[r][subject_column];
    const std::string& manager = table->rows[r][manager_column];
    const std::string where = source + ":" + std::to_string(table->lines[r]);
    SubjectId id = 0;
    auto [end, error] = std::from_chars(subject.data(), subject.data() + subject.size(), id);
    if (error != std::errc() || end != subject.data() + subject.size() || id <= 0) {
      problems.push_back(where + " field subject: not a subject id (got '" + subject + "')");
      continue;
    }
    if (manager.empty()) {
      problems.push_back(where + " field manager: empty");
      continue;
    }
    if (auto seen = first_line.find(id); seen != first_line.end()) {
      problems.push_back(where + " field subject: subject " + subject +
                         " is already assigned on line " + std::to_string(seen->second));
      continue;
    }
    first_line[id] = table->lines[r];
    out.manager_of[id] = manager;
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.size()) + " bad line(s); fix them and retry:";
    for (size_t i = 0; i < problems.size() && i < 20; ++i) message += "\n  " + problems[i];
    return MakeError(ErrorCode::kInvalidArgument, message, source);
  }
  return out;
}

Result<ManagerAssignment> LoadManagerAssignment(const std::string& path) {
  auto text = model::ReadWholeFile(path);
  if (!text.ok()) return text.error();
  return ParseManagerAssignment(*text, path);
}

}  // namespace credo::decision
