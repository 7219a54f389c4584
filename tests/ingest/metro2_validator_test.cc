// Validation rules: samples, each code set, cross-field rules and trailer totals. Every test
// checks the exact rule and field reported, and that all issues are reported (not the first).
#include "ingest/metro2/validator.h"

#include <gtest/gtest.h>

#include "metro2_test_util.h"

namespace credo::metro2 {
namespace {

using testing::KeepingSink;
using testing::SamplePath;
using testing::ValidRecord;
using testing::WriteFile;

std::vector<Issue> IssuesFor(const DataRecord& record) {
  return testing::ValidateBytes(WriteFile({record}));
}

bool Has(const std::vector<Issue>& issues, Rule rule, std::string_view field) {
  for (const Issue& issue : issues) {
    if (issue.rule == rule && issue.field == field) return true;
  }
  return false;
}

std::string Dump(const std::vector<Issue>& issues) {
  std::string text;
  for (const Issue& issue : issues) text += issue.ToString() + "\n";
  return text;
}

TEST(Metro2Validator, AValidWrittenFileHasNoIssues) {
  std::vector<Issue> issues = IssuesFor(ValidRecord());
  EXPECT_TRUE(issues.empty()) << Dump(issues);
}

TEST(Metro2Validator, SampleFilesHaveNoFatalIssues) {
  for (const char* name : {"unpacked_fixed_file.dat", "unpacked_fixed_request.dat",
                           "packed_file.dat"}) {
    KeepingSink sink;
    auto summary = ValidateFile(SamplePath(name), sink);
    ASSERT_TRUE(summary.ok()) << name;
    EXPECT_EQ(summary->data_records, 1u) << name;
    // The samples carry a date of first delinquency on status 62 and a date opened after
    // the date of account information (11/22/2019 > 09/20/2002): both are reported.
    EXPECT_TRUE(Has(sink.issues, Rule::kDateOpenedAfterAccountInformation, "date_opened"))
        << name << "\n" << sink.Dump();
  }
}

TEST(Metro2Validator, ReportsEveryCodeSetViolationInOneRecord) {
  DataRecord record = ValidRecord();
  BaseSegment& b = record.base;
  b.portfolio_type = "X";
  b.account_type = "ZZ";
  b.terms_frequency = "Q";  // valid
  b.account_status = "12";
  b.special_comment = "QQ";
  b.compliance_condition_code = "XZ";
  b.ecoa_code = "9";
  b.interest_type_indicator = "A";
  b.payment_history_profile = "00000A000000000000000000";
  std::vector<Issue> issues = IssuesFor(record);
  EXPECT_TRUE(Has(issues, Rule::kPortfolioType, "portfolio_type")) << Dump(issues);
  EXPECT_TRUE(Has(issues, Rule::kAccountType, "account_type"));
  EXPECT_TRUE(Has(issues, Rule::kAccountStatus, "account_status"));
  EXPECT_TRUE(Has(issues, Rule::kSpecialComment, "special_comment"));
  EXPECT_TRUE(Has(issues, Rule::kComplianceConditionCode, "compliance_condition_code"));
  EXPECT_TRUE(Has(issues, Rule::kEcoaCode, "ecoa_code"));
  EXPECT_TRUE(Has(issues, Rule::kInterestTypeIndicator, "interest_type_indicator"));
  EXPECT_TRUE(Has(issues, Rule::kPaymentHistoryCode, "payment_history_profile"));
  EXPECT_FALSE(Has(issues, Rule::kTermsFrequency, "terms_frequency"));
  // The offset points at the field: header 426+1 bytes, then position 73 of the base.
  for (const Issue& issue : issues) {
    if (issue.rule == Rule::kPortfolioType) {
      EXPECT_EQ(issue.byte_offset, 427u + 72u);
      EXPECT_EQ(issue.record_number, 2u);
      EXPECT_EQ(issue.value, "X");
    }
  }
}

TEST(Metro2Validator, PaymentRatingFollowsTheStatus) {
  DataRecord record = ValidRecord();
  record.base.account_status = "13";
  record.base.date_closed = {12012023};
  std::vector<Issue> issues = IssuesFor(record);
  EXPECT_TRUE(Has(issues, Rule::kPaymentRating, "payment_rating")) << Dump(issues);
  record.base.payment_rating = "0";
  EXPECT_FALSE(Has(IssuesFor(record), Rule::kPaymentRating, "payment_rating"));
  record.base.account_status = "11";
  record.base.date_closed = {};
  EXPECT_TRUE(Has(IssuesFor(record), Rule::kPaymentRating, "payment_rating"));
}

TEST(Metro2Validator, CrossFieldRules) {
  DataRecord record = ValidRecord();
  record.base.date_opened = {1152024};  // after the date of account information 12/31/2023
  record.base.amount_past_due = 5000;   // balance 1200, status 11
  record.base.date_closed = {12012023};
  std::vector<Issue> issues = IssuesFor(record);
  EXPECT_TRUE(Has(issues, Rule::kDateOpenedAfterAccountInformation, "date_opened")) << Dump(issues);
  EXPECT_TRUE(Has(issues, Rule::kPastDueExceedsBalance, "amount_past_due"));
  EXPECT_TRUE(Has(issues, Rule::kDateClosedOnCurrentAccount, "date_closed"));
  EXPECT_TRUE(Has(issues, Rule::kDateInFuture, "date_opened"));

  DataRecord closed = ValidRecord();
  closed.base.account_status = "13";
  closed.base.payment_rating = "0";
  EXPECT_TRUE(Has(IssuesFor(closed), Rule::kDateClosedMissing, "date_closed"));

  DataRecord late = ValidRecord();
  late.base.account_status = "80";  // 90 days late, but last month was current
  late.base.amount_past_due = 300;
  std::vector<Issue> late_issues = IssuesFor(late);
  EXPECT_TRUE(Has(late_issues, Rule::kPaymentHistoryInconsistent, "payment_history_profile"))
      << Dump(late_issues);
  EXPECT_TRUE(Has(late_issues, Rule::kFirstDelinquencyMissing, "date_of_first_delinquency"));
  late.base.payment_history_profile = "210000000000000000000000";
  late.base.date_of_first_delinquency = {10312023};
  late_issues = IssuesFor(late);
  EXPECT_FALSE(Has(late_issues, Rule::kPaymentHistoryInconsistent, "payment_history_profile"));
  EXPECT_FALSE(Has(late_issues, Rule::kFirstDelinquencyMissing, "date_of_first_delinquency"));

  DataRecord embedded = ValidRecord();
  embedded.base.payment_history_profile = "000BB0000000000000000000";
  EXPECT_TRUE(Has(IssuesFor(embedded), Rule::kPaymentHistoryEmbeddedB, "payment_history_profile"));
  // 'B' running to the oldest month is a young account, not an error.
  DataRecord young = ValidRecord();
  young.base.payment_history_profile = "000000BBBBBBBBBBBBBBBBBB";
  EXPECT_FALSE(Has(IssuesFor(young), Rule::kPaymentHistoryEmbeddedB, "payment_history_profile"));
  young.base.payment_history_profile = "BBBBBBBBBBBBBBBBBBBBBBB0";
  EXPECT_TRUE(Has(IssuesFor(young), Rule::kPaymentHistoryEmbeddedB, "payment_history_profile"));
}

TEST(Metro2Validator, PaymentHistoryCodesNameTheFirstBadMonth) {
  DataRecord record = ValidRecord();
  record.base.payment_history_profile = "0000000X00000000000000Q0";
  std::vector<Issue> issues = IssuesFor(record);
  int found = 0;
  for (const Issue& issue : issues) {
    if (issue.rule != Rule::kPaymentHistoryCode) continue;
    ++found;
    EXPECT_EQ(issue.detail, "month 8 is 'X'");
  }
  EXPECT_EQ(found, 1) << Dump(issues);  // one issue per record, for the first bad month
  record.base.payment_history_profile = "00000000000000000000000Z";  // Z: character format only
  EXPECT_FALSE(Has(IssuesFor(record), Rule::kPaymentHistoryCode, "payment_history_profile"));
}

TEST(Metro2Validator, TermsDurationIsANumberLocOrRev) {
  for (const char* good : {"360", "36 ", " 36", "LOC", "REV", "   "}) {
    DataRecord record = ValidRecord();
    record.base.terms_duration = good;
    EXPECT_FALSE(Has(IssuesFor(record), Rule::kTermsDuration, "terms_duration")) << good;
  }
  for (const char* bad : {"3 6", "ABC", "3X ", "LO "}) {
    DataRecord record = ValidRecord();
    record.base.terms_duration = bad;
    EXPECT_TRUE(Has(IssuesFor(record), Rule::kTermsDuration, "terms_duration")) << bad;
  }
}

TEST(Metro2Validator, SsnRulesUseTheCoreValidator) {
  DataRecord record = ValidRecord();
  record.base.social_security_number = 666123456;  // area 666 is never issued
  std::vector<Issue> issues = IssuesFor(record);
  ASSERT_TRUE(Has(issues, Rule::kInvalidSsn, "social_security_number")) << Dump(issues);
  for (const Issue& issue : issues) {
    if (issue.rule == Rule::kInvalidSsn) {
      EXPECT_EQ(issue.value, "*****3456");  // masked
    }
  }
  record.base.social_security_number = 0;
  record.base.date_of_birth = {};
  EXPECT_TRUE(Has(IssuesFor(record), Rule::kSsnAndBirthDateMissing, "social_security_number"));
  record.base.ecoa_code = "2";  // joint contractual liability: exempt
  EXPECT_FALSE(Has(IssuesFor(record), Rule::kSsnAndBirthDateMissing, "social_security_number"));
}

TEST(Metro2Validator, AppendedSegmentRules) {
  DataRecord record = ValidRecord();
  J1Segment j1;
  j1.surname = "DOE";
  j1.first_name = "JOHN";
  j1.ecoa_code = "Q";
  j1.social_security_number = 987654321;  // area 987 is not issued
  record.j1.push_back(j1);
  K2Segment k2;
  k2.purchased_or_sold_indicator = 9;
  k2.purchased_from_or_sold_to_name = "OLD BANK";
  record.k2 = k2;
  K3Segment k3;
  k3.agency_identifier = 0;
  k3.agency_account_number = "123";
  record.k3 = k3;
  L1Segment l1;
  l1.change_indicator = 1;
  l1.new_identification_number = "NEWID";
  record.l1 = l1;
  std::vector<Issue> issues = IssuesFor(record);
  EXPECT_TRUE(Has(issues, Rule::kEcoaCode, "ecoa_code")) << Dump(issues);
  EXPECT_TRUE(Has(issues, Rule::kInvalidSsn, "social_security_number"));
  EXPECT_TRUE(Has(issues, Rule::kK2NameWithRemove, "purchased_from_or_sold_to_name"));
  EXPECT_TRUE(Has(issues, Rule::kK3AccountNumberWithMinOnly, "agency_account_number"));
  EXPECT_TRUE(Has(issues, Rule::kL1UnchangedFieldFilled, "new_identification_number"));
  EXPECT_TRUE(Has(issues, Rule::kRequiredMissing, "new_consumer_account_number"));
  // J1 sits right after the base: its ECOA code is at 427 + 426 + 96.
  for (const Issue& issue : issues) {
    if (issue.rule == Rule::kEcoaCode) {
      EXPECT_EQ(issue.segment, SegmentKind::kJ1);
      EXPECT_EQ(issue.byte_offset, 427u + 426u + 96u);
    }
  }
}

TEST(Metro2Validator, TrailerTotalsAreCheckedAgainstTheRecordsRead) {
  std::string bytes = WriteFile({ValidRecord(1), ValidRecord(2)});
  // Claim 3 base records and 5 status-11 accounts.
  size_t trailer = bytes.size() - 427;
  bytes.replace(trailer + 11, 9, "000000003");
  bytes.replace(trailer + 83, 9, "000000005");
  std::vector<Issue> issues = testing::ValidateBytes(bytes);
  ASSERT_TRUE(Has(issues, Rule::kTrailerTotalMismatch, "total_base_records")) << Dump(issues);
  EXPECT_TRUE(Has(issues, Rule::kTrailerTotalMismatch, "total_status_code_11"));
  for (const Issue& issue : issues) {
    if (issue.field == "total_base_records") {
      EXPECT_EQ(issue.detail, "trailer says 3, the file has 2");
    }
  }
}

TEST(Metro2Validator, SummaryCountsRejectedRecords) {
  DataRecord bad = ValidRecord(2);
  bad.base.account_status = "XX";
  std::string bytes = WriteFile({ValidRecord(1), bad, ValidRecord(3)});
  KeepingSink sink;
  auto reader = Reader::FromMemory(bytes);
  ValidationSummary summary = ValidateAll(*reader, sink);
  EXPECT_EQ(summary.records, 5u);
  EXPECT_EQ(summary.data_records, 3u);
  EXPECT_EQ(summary.rejected_records, 1u);
  EXPECT_FALSE(summary.ok());
  EXPECT_EQ(summary.bytes, bytes.size());
}

}  // namespace
}  // namespace credo::metro2
