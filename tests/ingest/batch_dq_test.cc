// DqReport: counting, drift warnings and the JSON round trip used to store reports.
#include "ingest/batch/dq.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

ValidatedRecord Outcome(RecordOutcome outcome, bool delinquent, std::vector<std::string> rules) {
  ValidatedRecord validated;
  validated.outcome = outcome;
  validated.delinquent = delinquent;
  for (auto& rule : rules) validated.findings.push_back({rule, true, "f", "", "m", -1});
  return validated;
}

TEST(DqReportTest, CountsOutcomesRulesAndCompleteness) {
  DqReport report;
  CanonicalRecord record;
  record.Set(RecordField::kAccountNumber, "A");
  report.Count(record, Outcome(RecordOutcome::kAccepted, false, {}));
  report.Count(record, Outcome(RecordOutcome::kAcceptedWithWarnings, true, {"IN-042"}));
  CanonicalRecord empty;
  report.Count(empty, Outcome(RecordOutcome::kRejected, true, {"IN-010", "IN-060"}));
  EXPECT_EQ(report.records, 3);
  EXPECT_EQ(report.accepted, 1);
  EXPECT_EQ(report.accepted_with_warnings, 1);
  EXPECT_EQ(report.rejected, 1);
  EXPECT_EQ(report.delinquent, 1);  // rejected records do not count
  EXPECT_DOUBLE_EQ(report.delinquent_share(), 0.5);
  EXPECT_EQ(report.by_rule["IN-010"], 1);
  EXPECT_EQ(report.field_present["account_number"], 2);
}

TEST(DqReportTest, DriftWarnsPastThresholds) {
  DqReport previous;
  previous.batch_id = 4;
  previous.records = 1000;
  previous.accepted = 1000;
  previous.delinquent = 50;
  DqReport current;
  current.batch_id = 9;
  current.records = 600;
  current.accepted = 600;
  current.delinquent = 90;
  current.CompareWith(previous, DriftThresholds{});
  ASSERT_TRUE(current.drift.has_value());
  EXPECT_NEAR(current.drift->record_count_change, -0.4, 1e-9);
  EXPECT_NEAR(current.drift->delinquent_share_change, 0.10, 1e-9);
  ASSERT_EQ(current.warnings.size(), 2u);
  EXPECT_NE(current.warnings[0].find("record count changed by -40.0%"), std::string::npos);

  DqReport steady = previous;
  steady.batch_id = 10;
  steady.CompareWith(previous, DriftThresholds{});
  EXPECT_TRUE(steady.warnings.empty());
}

TEST(DqReportTest, JsonRoundTripAndText) {
  DqReport report;
  report.batch_id = 3;
  report.source = "bank_a";
  report.feed = "accounts";
  report.records = 2;
  report.accepted = 2;
  report.by_rule["IN-042"] = 1;
  report.field_present["phone"] = 1;
  report.associated_written = 2;
  report.associated_removed = 1;
  report.associated_rejected = 1;
  DqReport previous = report;
  previous.batch_id = 2;
  previous.records = 10;
  previous.accepted = 10;
  report.CompareWith(previous, DriftThresholds{});
  auto parsed = DqReport::FromJson(report.ToJson());
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(parsed->ToJson(), report.ToJson());
  EXPECT_EQ(parsed->associated_written, 2);
  EXPECT_EQ(parsed->associated_removed, 1);
  EXPECT_EQ(parsed->associated_rejected, 1);
  std::string text = report.ToText();
  EXPECT_NE(text.find("associated consumers (J1/J2): copies written 2"), std::string::npos)
      << text;
  EXPECT_NE(text.find("batch 3 (bank_a, accounts)"), std::string::npos);
  EXPECT_NE(text.find("phone: 50.0%"), std::string::npos);
  EXPECT_NE(text.find("warning: record count changed"), std::string::npos);
  EXPECT_FALSE(DqReport::FromJson("{not json").ok());
}

}  // namespace
}  // namespace credo::ingest
