#include "monitor/internal/detectors.h"

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "features/compute.h"
#include "../monitor_test_support.h"

namespace credo::monitor::internal {
namespace {

using testing::D;

features::CreditFile File(std::string_view as_of, SubjectKind kind = SubjectKind::kPerson) {
  features::CreditFile file;
  file.subject.id = 1;
  file.subject.kind = kind;
  file.requested_id = 1;
  file.as_of = D(as_of);
  return file;
}

void Add(features::CreditFile& file, int64_t id, const Tradeline& tradeline) {
  features::TradelineAsOf entry;
  entry.row.id = id;
  entry.row.tradeline = tradeline;
  entry.months = features::MonthsFromReport(tradeline, id);
  file.tradelines.push_back(std::move(entry));
}

Tradeline Card(std::string_view reported, std::string_view codes, int64_t balance = 1000,
               int64_t limit = 10000) {
  return testing::MakeTradeline(1, "bank_a", "A1", reported, codes, balance, limit);
}

TEST(TradelineStateTest, LatestMonthAndKnownAccountStatus) {
  features::CreditFile file = File("2026-02-28");
  Tradeline card = Card("2026-02-28", "210");
  Add(file, 7, card);
  auto state = CurrentTradelineState(file.tradelines[0], file.as_of);
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(state->severity, 2);
  EXPECT_EQ(state->month, D("2026-02-01"));
  // An account status charged off, known on the date, wins over the month.
  file.tradelines[0].row.tradeline.status = AccountStatus::kChargeOff;
  EXPECT_EQ(CurrentTradelineState(file.tradelines[0], file.as_of)->severity, 9);
  // ... but not when the stored report is later than the date (no look-ahead).
  EXPECT_EQ(CurrentTradelineState(file.tradelines[0], D("2026-02-27"))->severity, 0);
}

TEST(DetectorsTest, DelinquencyOnlyWhenWorseAndAboveTheThreshold) {
  features::CreditFile before = File("2026-01-31");
  Add(before, 7, Card("2026-01-31", "100"));
  features::CreditFile same = File("2026-02-28");
  Add(same, 7, Card("2026-02-28", "1100"));  // still 30 days: not worse
  features::CreditFile worse = File("2026-02-28");
  Add(worse, 7, Card("2026-02-28", "2100"));  // 60 days
  TriggerSpec spec{.kind = TriggerKind::kDelinquency};
  std::vector<Finding> findings;
  DetectDelinquency(before, same, spec, false, findings);
  EXPECT_TRUE(findings.empty());
  DetectDelinquency(before, worse, spec, false, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].evidence_key, "tradeline=7;severity=2;since=2026-01");
  auto evidence = nlohmann::json::parse(findings[0].evidence);
  EXPECT_EQ(evidence["status_before"], "30 days past due");
  EXPECT_EQ(evidence["status_after"], "60 days past due");
  EXPECT_EQ(evidence.count("account_number"), 0u);
  EXPECT_EQ(findings[0].evidence.find("A1"), std::string::npos);  // no account number
  findings.clear();
  DetectDelinquency(before, worse, {.kind = TriggerKind::kDelinquency, .min_days = 90}, false,
                    findings);
  EXPECT_TRUE(findings.empty());
}

TEST(DetectorsTest, NewAccountAlreadyDelinquentCountsAndChargeOffGoesToItsTrigger) {
  features::CreditFile before = File("2026-01-31");
  features::CreditFile after = File("2026-02-28");
  Add(after, 3, Card("2026-02-28", "1"));
  Add(after, 4, Card("2026-02-28", "L65"));
  std::vector<Finding> delinquency;
  DetectDelinquency(before, after, {.kind = TriggerKind::kDelinquency}, true, delinquency);
  ASSERT_EQ(delinquency.size(), 1u);
  EXPECT_NE(delinquency[0].evidence.find("\"not known\""), std::string::npos);
  std::vector<Finding> charge_off;
  DetectChargeOff(before, after, charge_off);
  ASSERT_EQ(charge_off.size(), 1u);
  EXPECT_EQ(charge_off[0].severity, Severity::kCritical);
  EXPECT_EQ(charge_off[0].evidence_key, "tradeline=4;severity=9;since=2025-12");
  // Without the charge-off trigger subscribed, the delinquency trigger reports it.
  delinquency.clear();
  DetectDelinquency(before, after, {.kind = TriggerKind::kDelinquency}, false, delinquency);
  EXPECT_EQ(delinquency.size(), 2u);
}

TEST(DetectorsTest, PublicRecordsNewSinceTheBaseline) {
  features::CreditFile before = File("2026-01-31");
  features::CreditFile after = File("2026-02-28");
  PublicRecord old_record;
  old_record.id = 1;
  old_record.kind = PublicRecordKind::kTaxArrears;
  old_record.filed_on = D("2025-06-01");
  before.public_records.push_back(old_record);
  after.public_records.push_back(old_record);
  PublicRecord enforcement = old_record;
  enforcement.id = 2;
  enforcement.kind = PublicRecordKind::kCourtEnforcement;
  enforcement.filed_on = D("2026-02-10");
  enforcement.authority = "Court";
  enforcement.case_number = "(2026)京0105执123号";
  after.public_records.push_back(enforcement);
  std::vector<Finding> findings;
  DetectPublicRecords(before, after, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kCritical);
  EXPECT_EQ(findings[0].evidence_key, "public_record=2");
  EXPECT_EQ(findings[0].evidence.find("执123"), std::string::npos);  // no case number
  auto event = DetectDefault(before, after);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->key, "public_record=2");
}

TEST(DetectorsTest, InquiryVelocityCountsOtherInstitutionsOnly) {
  features::CreditFile before = File("2026-02-10");
  features::CreditFile after = File("2026-02-28");
  auto inquiry = [](int64_t id, std::string institution, std::string_view on,
                    InquiryKind kind = InquiryKind::kHard) {
    Inquiry i;
    i.id = id;
    i.institution = std::move(institution);
    i.inquired_on = D(on);
    i.kind = kind;
    return i;
  };
  before.inquiries = {inquiry(1, "Lender X", "2026-02-05")};
  after.inquiries = {inquiry(1, "Lender X", "2026-02-05"), inquiry(2, "lender y", "2026-02-20"),
                     inquiry(3, " BANK1 ", "2026-02-21"), inquiry(4, "Lender Z", "2026-02-22"),
                     inquiry(5, "Lender W", "2026-02-23", InquiryKind::kSoft),
                     inquiry(6, "Lender V", "2025-12-01")};
  std::vector<Finding> findings;
  DetectInquiries(before, after, {.kind = TriggerKind::kInquiries, .count = 3, .days = 30},
                  "bank1", findings);
  ASSERT_EQ(findings.size(), 1u);  // X, Y, Z: 3 hard inquiries by others in 30 days, 2 new
  auto evidence = nlohmann::json::parse(findings[0].evidence);
  EXPECT_EQ(evidence["inquiries_in_window"], 3);
  EXPECT_EQ(evidence["new_inquiries"], 2);
  EXPECT_EQ(findings[0].evidence_key, "latest_inquiry=4");
  findings.clear();
  DetectInquiries(before, after, {.kind = TriggerKind::kInquiries, .count = 4, .days = 30},
                  "bank1", findings);
  EXPECT_TRUE(findings.empty());
  findings.clear();
  DetectInquiries(after, after, {.kind = TriggerKind::kInquiries, .count = 1, .days = 30}, "bank1",
                  findings);
  EXPECT_TRUE(findings.empty());  // nothing new
}

TEST(DetectorsTest, UtilisationSpikeFromTheAttributes) {
  features::CreditFile before = File("2026-01-31");
  Add(before, 1, Card("2026-01-31", "0", 2000, 10000));
  features::CreditFile after = File("2026-02-28");
  Add(after, 1, Card("2026-02-28", "00", 9500, 10000));
  auto then = features::ComputeAttributes(before);
  auto now = features::ComputeAttributes(after);
  std::vector<Finding> findings;
  DetectUtilisation(then, now, {.kind = TriggerKind::kUtilisation, .increase = 0.3}, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_NE(findings[0].summary.find("20% to 95%"), std::string::npos) << findings[0].summary;
  findings.clear();
  DetectUtilisation(then, now, {.kind = TriggerKind::kUtilisation, .increase = 0.8}, findings);
  EXPECT_TRUE(findings.empty());
}

FinancialStatementRow Statement(std::string_view period_end, int64_t current_assets,
                                int64_t current_liabilities, int64_t equity, int64_t ebit) {
  FinancialStatementRow row;
  FinancialStatement& s = row.statement;
  s.subject_id = 1;
  s.period_end = D(period_end);
  s.currency = Currency::Cny();
  s.total_assets = 1000000;
  s.current_assets = current_assets;
  s.current_liabilities = current_liabilities;
  s.total_liabilities = 1000000 - equity;
  s.equity = equity;
  s.long_term_debt = s.total_liabilities / 2;
  s.retained_earnings = equity / 2;
  s.revenue = 800000;
  s.ebit = ebit;
  s.ebitda = ebit + 10000;
  s.interest_expense = 20000;
  s.net_income = ebit / 2;
  return row;
}

TEST(DetectorsTest, FinancialDeteriorationZoneAndRatios) {
  features::CreditFile before = File("2025-12-31", SubjectKind::kOrganization);
  before.financial_statements = {Statement("2024-12-31", 500000, 250000, 600000, 150000)};
  features::CreditFile after = File("2026-01-31", SubjectKind::kOrganization);
  after.financial_statements = {before.financial_statements[0],
                                Statement("2025-12-31", 200000, 400000, 50000, -50000)};
  auto then = features::ComputeAttributes(before);
  auto now = features::ComputeAttributes(after);
  std::vector<Finding> findings;
  DetectFinancial(after, then, now, {.kind = TriggerKind::kFinancial}, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kHigh);  // into distress
  auto evidence = nlohmann::json::parse(findings[0].evidence);
  EXPECT_EQ(evidence["latest_statement_period_end"], "2025-12-31");
  std::set<std::string> metrics;
  for (const auto& change : evidence["changes"]) metrics.insert(change["metric"]);
  EXPECT_TRUE(metrics.count("altman_z_double_prime_zone")) << findings[0].evidence;
  EXPECT_TRUE(metrics.count("current_ratio")) << findings[0].evidence;
  EXPECT_TRUE(metrics.count("debt_to_equity")) << findings[0].evidence;
  EXPECT_TRUE(metrics.count("ebit_interest_coverage")) << findings[0].evidence;
  findings.clear();
  DetectFinancial(after, now, now, {.kind = TriggerKind::kFinancial}, findings);
  EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace credo::monitor::internal
