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

TEST(ComplianceSchema, InstallsOnceAndIsIdempotent) {
  Bureau bureau("cn", D(2024, 1, 10));
  EXPECT_EQ(bureau.store().SchemaVersion("compliance").value(), 1);
  EXPECT_TRUE(EnsureComplianceSchema(bureau.store()).ok());
  EXPECT_EQ(bureau.store().SchemaVersion("compliance").value(), 1);
}

TEST(ComplianceSchema, QueryLogAndRefusalsAreAppendOnly) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  ReadRequest court{subject, "Court", "judge.li", "court_order", "", {"report"}};
  ASSERT_TRUE(ReadThroughGate(bureau.store(), bureau.context(), court,
                              [](Transaction&, const ReadGrant&) { return Ok(); }).ok());
  court.purpose = "marketing";
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
