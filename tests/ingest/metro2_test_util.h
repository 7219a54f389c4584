// Helpers shared by the Metro 2 tests: sample paths, file reading, a sink that keeps issues,
// and a valid record to start from.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/metro2/metro2.h"

namespace credo::metro2::testing {

inline std::string SamplePath(const std::string& name) {
  return std::string(CREDO_SHARED_DIR) + "/data/metro2/moov/test/testdata/" + name;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class KeepingSink : public IssueSink {
 public:
  void Report(Issue issue) override { issues.push_back(std::move(issue)); }
  std::vector<Issue> issues;
  size_t Count(Rule rule) const {
    size_t n = 0;
    for (const Issue& issue : issues) n += issue.rule == rule;
    return n;
  }
  size_t Fatal() const {
    size_t n = 0;
    for (const Issue& issue : issues) n += issue.severity() == Severity::kFatal;
    return n;
  }
  std::string Dump() const {
    std::string text;
    for (const Issue& issue : issues) text += issue.ToString() + "\n";
    return text;
  }
};

inline HeaderRecord ValidHeader() {
  HeaderRecord header;
  header.equifax_program_identifier = "EQ12345";
  header.activity_date = {12312023};
  header.date_created = {12312023};
  header.reporter_name = "CREDO TEST BANK";
  header.reporter_address = "1 MAIN ST, SPRINGFIELD IL 62701";
  header.reporter_telephone_number = 2175550100;
  return header;
}

//! A current revolving account that passes every rule.
inline DataRecord ValidRecord(int serial = 1) {
  DataRecord record;
  BaseSegment& b = record.base;
  b.time_stamp = {12312023120000};
  b.identification_number = "CREDOBANK01";
  b.consumer_account_number = "ACCT" + std::to_string(serial);
  b.portfolio_type = "R";
  b.account_type = "18";
  b.date_opened = {3152019};
  b.credit_limit = 5000;
  b.highest_credit = 3200;
  b.terms_duration = "REV";
  b.terms_frequency = "M";
  b.scheduled_monthly_payment_amount = 35;
  b.actual_payment_amount = 100;
  b.account_status = "11";
  b.payment_history_profile = "000000000000000000000000";
  b.current_balance = 1200;
  b.date_of_account_information = {12312023};
  b.date_of_last_payment = {12152023};
  b.surname = "DOE";
  b.first_name = "JANE";
  b.social_security_number = 123456789;
  b.date_of_birth = {7041980};
  b.telephone_number = 2175550123;
  b.ecoa_code = "1";
  b.first_line_of_address = "12 ELM ST";
  b.city = "SPRINGFIELD";
  b.state = "IL";
  b.postal_zip_code = "62701";
  b.residence_code = "O";
  return record;
}

//! A whole file written by Writer.
inline std::string WriteFile(const std::vector<DataRecord>& records, FileFormat format = {},
                             WriterOptions options = {}) {
  std::ostringstream out;
  Writer writer(out, format, options);
  if (!writer.WriteHeader(ValidHeader()).ok()) return {};
  for (const DataRecord& record : records) {
    if (!writer.WriteData(record).ok()) return {};
  }
  if (!writer.Finish().ok()) return {};
  return out.str();
}

inline std::vector<Issue> ValidateBytes(const std::string& bytes, ReaderOptions options = {}) {
  KeepingSink sink;
  auto reader = Reader::FromMemory(bytes, options);
  ValidateAll(*reader, sink);
  return sink.issues;
}

}  // namespace credo::metro2::testing
