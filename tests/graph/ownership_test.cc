#include "graph/ownership.h"

#include <gtest/gtest.h>

#include "hand_graph.h"

namespace credo::graph {
namespace {

using testing::HandGraph;

double ShareOf(const UboResult& result, SubjectId owner) {
  for (const auto& o : result.owners) {
    if (o.subject_id == owner) return o.effective_percent;
  }
  return -1;
}

bool HasWarning(const std::vector<OwnershipWarning>& warnings, const std::string& code) {
  for (const auto& w : warnings) {
    if (w.code == code) return true;
  }
  return false;
}

TEST(OwnershipTest, PercentagesMultiplyAlongAChainAndAddOverPaths) {
  // Person 100 holds 60% of A(1) and 20% of B(2) directly; A holds 50% of B; person 101 holds
  // 40% of A and 30% of B. B: 100 -> 20 + 60*50% = 50%; 101 -> 30 + 40*50% = 50%.
  auto graph = HandGraph().Person(100).Person(101).Company(1).Company(2)
                   .Holds(100, 1, 60).Holds(101, 1, 40)
                   .Holds(1, 2, 50).Holds(100, 2, 20).Holds(101, 2, 30).Build();
  auto ubo = UltimateOwners(graph, 2);
  ASSERT_TRUE(ubo.ok()) << ubo.error().ToString();
  EXPECT_NEAR(ShareOf(*ubo, 100), 50.0, 1e-9);
  EXPECT_NEAR(ShareOf(*ubo, 101), 50.0, 1e-9);
  EXPECT_EQ(ubo->beneficial_owners.size(), 2u);
  EXPECT_FALSE(ubo->owners[0].controls);  // 50% is not above 50%
  EXPECT_EQ(ubo->owners[0].shortest_chain, 1);
  EXPECT_NEAR(ubo->unidentified_percent, 0, 1e-9);
  EXPECT_TRUE(ubo->warnings.empty());
}

TEST(OwnershipTest, ACompanyWithNoRecordedHolderIsWhollyUnidentified) {
  // A borrower known only from a loan tape: no registry record, no shareholder.
  auto graph = HandGraph().Person(100).Company(1).Company(2).Holds(100, 1, 100).Build();
  auto ubo = UltimateOwners(graph, 2);
  ASSERT_TRUE(ubo.ok()) << ubo.error().ToString();
  EXPECT_TRUE(ubo->owners.empty());
  EXPECT_NEAR(ubo->unidentified_percent, 100.0, 1e-9);
  EXPECT_NEAR(ubo->unresolved_percent, 0, 1e-9);
}

TEST(OwnershipTest, ThresholdDecidesWhoIsBeneficial) {
  auto graph = HandGraph().Person(100).Person(101).Person(102).Company(1)
                   .Holds(100, 1, 60).Holds(101, 1, 24.99).Holds(102, 1, 15.01).Build();
  auto at25 = UltimateOwners(graph, 1);
  ASSERT_TRUE(at25.ok());
  ASSERT_EQ(at25->beneficial_owners.size(), 1u);
  EXPECT_EQ(at25->beneficial_owners[0].subject_id, 100);
  EXPECT_TRUE(at25->beneficial_owners[0].controls);
  OwnershipOptions ten;
  ten.threshold_percent = 10;
  EXPECT_EQ(UltimateOwners(graph, 1, ten)->beneficial_owners.size(), 3u);
  OwnershipOptions bad;
  bad.threshold_percent = 0;
  auto refused = UltimateOwners(graph, 1, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
}

TEST(OwnershipTest, ShareholdingCycleIsSummedAsASeriesAndTerminates) {
  // A(1) and B(2) hold 50% of each other; person 100 holds the other 50% of A, person 101 the
  // other 50% of B. Of A: 100 gets 50% + 25%*... = 0.5 / (1 - 0.25) = 66.67%, 101 gets 33.33%.
  auto graph = HandGraph().Person(100).Person(101).Company(1).Company(2)
                   .Holds(2, 1, 50).Holds(100, 1, 50).Holds(1, 2, 50).Holds(101, 2, 50).Build();
  auto ubo = UltimateOwners(graph, 1);
  ASSERT_TRUE(ubo.ok());
  EXPECT_NEAR(ShareOf(*ubo, 100), 200.0 / 3.0, 1e-6);
  EXPECT_NEAR(ShareOf(*ubo, 101), 100.0 / 3.0, 1e-6);
  EXPECT_EQ(ubo->cycle, (std::vector<SubjectId>{1, 2}));
  EXPECT_TRUE(HasWarning(ubo->warnings, "GR-102"));
  EXPECT_FALSE(HasWarning(ubo->warnings, "GR-103"));
  EXPECT_LT(ubo->unresolved_percent, 1e-6);
}

TEST(OwnershipTest, ACycleThatHoldsItselfWhollyIsLeftUnresolvedWithAWarning) {
  // 1 holds 100% of 2 and 2 holds 100% of 1: nothing ever leaves the cycle.
  auto graph = HandGraph().Company(1).Company(2).Holds(1, 2, 100).Holds(2, 1, 100).Build();
  OwnershipOptions options;
  options.max_rounds = 500;
  auto ubo = UltimateOwners(graph, 1, options);
  ASSERT_TRUE(ubo.ok());
  EXPECT_TRUE(ubo->owners.empty());
  EXPECT_NEAR(ubo->unresolved_percent, 100.0, 1e-9);
  EXPECT_TRUE(HasWarning(ubo->warnings, "GR-103"));
  EXPECT_TRUE(HasWarning(ubo->warnings, "GR-102"));
}

TEST(OwnershipTest, HoldersOverOneHundredPercentGiveADataWarningNotACrash) {
  auto graph = HandGraph().Person(100).Person(101).Company(1)
                   .Holds(100, 1, 80).Holds(101, 1, 50).Build();
  auto ubo = UltimateOwners(graph, 1);
  ASSERT_TRUE(ubo.ok());
  ASSERT_TRUE(HasWarning(ubo->warnings, "GR-101"));
  EXPECT_NE(ubo->warnings[0].message.find("130.00%"), std::string::npos);
  EXPECT_NEAR(ShareOf(*ubo, 100), 80.0 / 1.3, 1e-4);
  EXPECT_NEAR(ShareOf(*ubo, 100) + ShareOf(*ubo, 101), 100.0, 1e-6);
}

TEST(OwnershipTest, DiamondOfDifferentLengthsIsNotACycle) {
  // 100 holds 1 (100%); 1 holds 2 (50%) and 3 (100%); 3 holds 2 (50%): two paths of length 2
  // and 3 from 2 to 100, no cycle.
  auto graph = HandGraph().Person(100).Company(1).Company(2).Company(3)
                   .Holds(100, 1, 100).Holds(1, 2, 50).Holds(1, 3, 100).Holds(3, 2, 50).Build();
  auto ubo = UltimateOwners(graph, 2);
  ASSERT_TRUE(ubo.ok());
  EXPECT_NEAR(ShareOf(*ubo, 100), 100.0, 1e-9);
  EXPECT_TRUE(ubo->cycle.empty());
  EXPECT_TRUE(ubo->warnings.empty());
}

TEST(OwnershipTest, UnknownSubjectsAndPersonsAreRefusedClearly) {
  auto graph = HandGraph().Person(100).Company(1).Holds(100, 1, 10).Build();
  auto unknown = UltimateOwners(graph, 55);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto person = UltimateOwners(graph, 100);
  ASSERT_FALSE(person.ok());
  EXPECT_NE(person.error().message.find("is a person"), std::string::npos);
  auto partial = UltimateOwners(graph, 1);
  ASSERT_TRUE(partial.ok());
  EXPECT_NEAR(partial->unidentified_percent, 90.0, 1e-9);
}

TEST(OwnershipTest, GroupFollowsControlUpAndAddsStakesDown) {
  // Person 100 holds 60% of 1. 1 holds 70% of 2 and 30% of 4; 2 holds 30% of 4 (1's side holds
  // 60% of 4: controlled). 1 holds 40% of 3 (not controlled). Guarantees: 2 -> 4 (inside), 4 -> 3.
  auto graph = HandGraph().Person(100).Company(1, 1000, 10).Company(2, 0, 20).Company(3, 0, 40)
                   .Company(4, 0, 30).Holds(100, 1, 60).Holds(1, 2, 70).Holds(1, 4, 30)
                   .Holds(2, 4, 30).Holds(1, 3, 40).Guarantee(2, 4, 5).Guarantee(4, 3, 7).Build();
  auto group = GroupOf(graph, 2);
  ASSERT_TRUE(group.ok()) << group.error().ToString();
  EXPECT_EQ(group->top_controller, 100);
  EXPECT_EQ(group->top_controller_kind, NodeKind::kPerson);
  std::vector<SubjectId> members;
  for (const auto& m : group->members) members.push_back(m.subject_id);
  EXPECT_EQ(members, (std::vector<SubjectId>{1, 2, 4}));
  EXPECT_EQ(group->loan_balance, 60);
  EXPECT_EQ(group->guarantees_given, 12);
  EXPECT_EQ(group->guarantees_given_outside, 7);
  EXPECT_NEAR(group->members[2].controlled_percent, 60.0, 1e-9);
}

TEST(OwnershipTest, ControlCycleStopsTheWalkWithAWarning) {
  auto graph = HandGraph().Company(1).Company(2).Holds(1, 2, 60).Holds(2, 1, 60).Build();
  auto group = GroupOf(graph, 1);
  ASSERT_TRUE(group.ok());
  EXPECT_TRUE(HasWarning(group->warnings, "GR-102"));
  EXPECT_EQ(group->members.size(), 2u);
}

}  // namespace
}  // namespace credo::graph
