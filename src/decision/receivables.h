// credo decision: receivables for supply-chain finance, read from CSV.
//
// Header (any order, names exact): supplier,buyer,invoice_id,amount,due_date,confirmed,disputed
// supplier and buyer are subject ids or names as the caller uses them; amount is a whole number
// of minor units (> 0); due_date is YYYY-MM-DD; confirmed and disputed are true/false (also
// yes/no, y/n, 1/0, case-insensitive). Every bad line is reported in one error, each as
// "file:line field <name>: <what is wrong> (got '<value>')" (at most 20, then a count), and no
// receivable is returned: a financing limit is never computed from part of a file.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace credo::decision {

struct Receivable {
  std::string supplier;
  std::string buyer;
  std::string invoice_id;
  int64_t amount = 0;
  Date due_date;
  bool confirmed = false;
  bool disputed = false;
  size_t line = 0;
};

Result<std::vector<Receivable>> ParseReceivables(std::string_view text, const std::string& source);
Result<std::vector<Receivable>> LoadReceivables(const std::string& path);

}  // namespace credo::decision

namespace credo::decision {

//! Grades by subject from a CSV with header subject,grade (grades are checked against the
//! master scale by ComputeScfLimits). Bad lines: "file:line field <name>: ...".
Result<std::map<std::string, std::string>> ParseGrades(std::string_view text,
                                                       const std::string& source);
Result<std::map<std::string, std::string>> LoadGrades(const std::string& path);

}  // namespace credo::decision
