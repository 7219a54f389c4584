#include "compliance/context.h"
#include "compliance/read_gate.h"
#include "compliance/refusal.h"

#include <gtest/gtest.h>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

TEST(RetentionRulesFor, ChinaCountsFromTheEndOfTheEvent) {
  auto cn = LoadBuiltinProfile("cn").value();
  RetentionRules rules = RetentionRulesFor(cn);
  EXPECT_EQ(rules.clock, RetentionClock::kFromEventEnd);
  EXPECT_EQ(rules.negative_years, 5);
  EXPECT_EQ(rules.collection_clock_delay_days, 0);
}

TEST(RetentionRulesFor, UnitedStatesCountsFromFirstDelinquency) {
  auto us = LoadBuiltinProfile("us").value();
  RetentionRules rules = RetentionRulesFor(us);
  EXPECT_EQ(rules.clock, RetentionClock::kFromFirstDelinquency);
  EXPECT_EQ(rules.negative_years, 7);
  EXPECT_EQ(rules.bankruptcy_years, 10);
  EXPECT_EQ(rules.collection_clock_delay_days, 180);
}

TEST(DisputeMarkRulesFor, ChinaRemovesTheMarkOnceADisputeIsHandled) {
  // 征信业管理条例 第25条: the mark goes when the dispute is handled.
  EXPECT_FALSE(DisputeMarkRulesFor(LoadBuiltinProfile("cn").value()).resolved_condition_on_item);
  Bureau bureau("cn", D(2024, 1, 10));
  EXPECT_FALSE(bureau.context().disputes.resolved_condition_on_item);
}

TEST(DisputeMarkRulesFor, UnitedStatesKeepsTheMetro2Condition) {
  // Metro 2 field 20 (XH, XC) and FCRA 611(c) keep a resolved dispute's condition.
  EXPECT_TRUE(DisputeMarkRulesFor(LoadBuiltinProfile("us").value()).resolved_condition_on_item);
}

TEST(ComplianceSchema, InstallsOnceAndIsIdempotent) {
  Bureau bureau("cn", D(2024, 1, 10));
  // Version 2 keeps the court order of a court-order read in the query log, version 3 the right
  // a self-query used.
  EXPECT_EQ(bureau.store().SchemaVersion("compliance").value(), 3);
  EXPECT_TRUE(EnsureComplianceSchema(bureau.store()).ok());
  EXPECT_EQ(bureau.store().SchemaVersion("compliance").value(), 3);
}

TEST(ComplianceSchema, QueryLogAndRefusalsAreAppendOnly) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  ReadRequest court{subject, "Court", "judge.li", "court_order", "", {"report"}};
  court.order_reference = "(2024)京0105执1234号";
  ASSERT_TRUE(ReadThroughGate(bureau.store(), bureau.context(), court,
                              [](Transaction&, const ReadGrant&) { return Ok(); }).ok());
  court.purpose = "marketing";
  court.order_reference.clear();
  ASSERT_FALSE(ReadThroughGate(bureau.store(), bureau.context(), court,
                               [](Transaction&, const ReadGrant&) { return Ok(); }).ok());
  auto status = bureau.store().WithTransaction([](Transaction& tx) {
    return tx.Execute("DELETE FROM compliance_query_log");
  });
  EXPECT_FALSE(status.ok());
  status = bureau.store().WithTransaction([](Transaction& tx) {
    return tx.Execute("UPDATE compliance_refusals SET rule = 'x'");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(bureau.Refusals().size(), 1u);
}

}  // namespace
}  // namespace credo::compliance
