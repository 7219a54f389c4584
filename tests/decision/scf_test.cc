#include "decision/scf.h"

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

model::MasterScale Scale() {
  auto scale = model::LoadMasterScale(model::DefaultMasterScalePath());
  EXPECT_TRUE(scale.ok());
  return *scale;
}

Date D(const char* iso) { return *Date::ParseIso(iso); }

Receivable R(std::string supplier, std::string invoice, int64_t amount, const char* due,
             bool confirmed = true, bool disputed = false, std::string buyer = "CORE") {
  Receivable r;
  r.supplier = std::move(supplier);
  r.buyer = std::move(buyer);
  r.invoice_id = std::move(invoice);
  r.amount = amount;
  r.due_date = D(due);
  r.confirmed = confirmed;
  r.disputed = disputed;
  return r;
}

ScfPolicy Policy() {
  ScfPolicy policy = DefaultScfPolicy();
  policy.dilution_reserve = 0.0;
  policy.supplier_share_of_core = 0.5;
  policy.rounding = 1;
  return policy;
}

TEST(ScfTest, OnlyConfirmedUndisputedCurrentSingleReceivablesCount) {
  ScfInput input;
  input.core = "CORE";
  input.core_grade = "A";
  input.core_limit_remaining = 100000000;
  input.as_of = D("2026-03-01");
  input.supplier_grades = {{"S1", "BBB"}};
  input.receivables = {
      R("S1", "I1", 1000000, "2026-04-01"),
      R("S1", "I2", 200000, "2026-04-01", false),              // not confirmed
      R("S1", "I3", 300000, "2026-04-01", true, true),         // disputed
      R("S1", "I4", 400000, "2026-02-28"),                     // overdue
      R("S1", "I5", 500000, "2026-12-31"),                     // beyond 180 days
      R("S1", "I6", 600000, "2026-04-01"),
      R("S1", "I6", 600000, "2026-04-01"),                     // pledged twice
      R("S1", "I7", 700000, "2026-04-01", true, false, "OTHER"),  // another buyer
      R("S1", "I8", 50000, "2026-03-01"),                      // due today: not overdue
  };
  auto result = ComputeScfLimits(Policy(), Scale(), input);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_TRUE(result->programme_open);
  EXPECT_DOUBLE_EQ(result->advance_rate, 0.9);  // core A is at least A-
  EXPECT_EQ(result->other_buyers_receivables, 1);
  ASSERT_EQ(result->suppliers.size(), 1u);
  const SupplierLimit& s1 = result->suppliers[0];
  EXPECT_EQ(s1.eligible_amount, 1050000);
  EXPECT_EQ(s1.ineligible_amount, 200000 + 300000 + 400000 + 500000 + 1200000);
  EXPECT_EQ(s1.ineligible_by_reason.at("not confirmed by the core"), 200000);
  EXPECT_EQ(s1.ineligible_by_reason.at("disputed"), 300000);
  EXPECT_EQ(s1.ineligible_by_reason.at("overdue"), 400000);
  EXPECT_EQ(s1.ineligible_by_reason.at("due beyond the maximum tenor"), 500000);
  EXPECT_EQ(s1.ineligible_by_reason.at("invoice appears more than once (possible double pledge)"),
            1200000);
  EXPECT_EQ(s1.limit, 945000);  // 1,050,000 x 0.9
  EXPECT_EQ(s1.binding, "eligible receivables x advance rate");
}

TEST(ScfTest, ConcentrationAndSupplierCapsBind) {
  ScfInput input;
  input.core = "CORE";
  input.core_grade = "BBB";  // advance 80%
  input.core_limit_remaining = 10000000;
  input.as_of = D("2026-03-01");
  input.supplier_grades = {{"BIG", "A"}, {"WEAK", "B"}};
  input.receivables = {R("BIG", "1", 50000000, "2026-05-01"),
                       R("WEAK", "2", 5000000000, "2026-05-01"),
                       R("NEW", "3", 1000000, "2026-05-01")};
  ScfPolicy policy = Policy();
  policy.supplier_share_of_core = 0.3;
  auto result = ComputeScfLimits(policy, Scale(), input);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->suppliers.size(), 3u);
  // BIG: 40,000,000 base, capped by 30% of the core's 10,000,000.
  EXPECT_EQ(result->suppliers[0].supplier, "BIG");
  EXPECT_EQ(result->suppliers[0].limit, 3000000);
  EXPECT_EQ(result->suppliers[0].binding, "core allocation (concentration cap)");
  // NEW is unrated: base 800,000 under the unrated cap of 2 million.
  EXPECT_EQ(result->suppliers[1].supplier, "NEW");
  EXPECT_EQ(result->suppliers[1].grade, "unrated");
  EXPECT_EQ(result->suppliers[1].limit, 800000);
  // WEAK (B): also capped by the core allocation (below its grade cap of 5 million).
  EXPECT_EQ(result->suppliers[2].limit, 3000000);
  EXPECT_EQ(result->total_limit, 6800000);
  EXPECT_DOUBLE_EQ(result->scale, 1.0);

  // A supplier graded below the last cap band (CCC) gets nothing.
  input.supplier_grades["WEAK"] = "CCC";
  result = ComputeScfLimits(policy, Scale(), input);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->suppliers[2].limit, 0);
  EXPECT_EQ(result->suppliers[2].binding, "supplier cap for grade CCC");
}

TEST(ScfTest, SuppliersTogetherAreScaledToTheCoresRemainingLimit) {
  ScfInput input;
  input.core = "CORE";
  input.core_grade = "AA";
  input.core_limit_remaining = 1000000;
  input.as_of = D("2026-03-01");
  for (const char* name : {"A", "B", "C", "D"}) {
    input.supplier_grades[name] = "A";
    input.receivables.push_back(R(name, "1", 10000000, "2026-04-01"));
  }
  ScfPolicy policy = Policy();
  policy.supplier_share_of_core = 0.5;  // four suppliers at 50% each: 200% of the core
  auto result = ComputeScfLimits(policy, Scale(), input);
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->scale, 0.5);
  for (const auto& supplier : result->suppliers) EXPECT_EQ(supplier.limit, 250000);
  EXPECT_EQ(result->total_limit, 1000000);
}

TEST(ScfTest, ACoreBelowInvestmentGradeOpensNoProgramme) {
  ScfInput input;
  input.core = "CORE";
  input.core_grade = "BB+";
  input.core_limit_remaining = 1000000;
  input.as_of = D("2026-03-01");
  input.receivables = {R("S", "1", 100000, "2026-04-01")};
  auto result = ComputeScfLimits(Policy(), Scale(), input);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->programme_open);
  EXPECT_NE(result->programme_reason.find("below BBB-"), std::string::npos);
  EXPECT_EQ(result->total_limit, 0);
}

TEST(ScfTest, RefusesUnknownGrades) {
  ScfInput input;
  input.core = "CORE";
  input.core_grade = "A1";
  auto result = ComputeScfLimits(Policy(), Scale(), input);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("unknown grade \"A1\""), std::string::npos);
  input.core_grade = "A";
  input.supplier_grades = {{"S", "Baa1"}};
  result = ComputeScfLimits(Policy(), Scale(), input);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().location, "grade of supplier S");
}

}  // namespace
}  // namespace credo::decision
