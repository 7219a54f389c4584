// credo decision: which relationship manager looks after which customer (a CSV file).
//
// Header: subject,manager (subject is a subject id, a positive whole number; manager is a
// non-empty name). A subject listed twice is refused (it would be unclear who owns it). Every
// bad line is reported as "file:line field <name>: <what> (got '<value>')" in one error.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "core/subject.h"

namespace credo::decision {

struct ManagerAssignment {
  std::map<SubjectId, std::string> manager_of;
  //! The manager of `subject`, or "(unassigned)".
  std::string ManagerOf(SubjectId subject) const;
};

Result<ManagerAssignment> ParseManagerAssignment(std::string_view text, const std::string& source);
Result<ManagerAssignment> LoadManagerAssignment(const std::string& path);

}  // namespace credo::decision
