#include "graph/contagion.h"

#include <gtest/gtest.h>

#include "hand_graph.h"

namespace credo::graph {
namespace {

using testing::HandGraph;

const ContagionSubject* Find(const ContagionResult& result, SubjectId id) {
  for (const auto& s : result.subjects) {
    if (s.subject_id == id) return &s;
  }
  return nullptr;
}

TEST(ContagionTest, CascadeRunsRoundByRoundToAFixedPoint) {
  // 2 guarantees 1 (500, buffer 400: defaults in round 1); 3 guarantees 2 (300, buffer 200:
  // round 2); 4 guarantees 3 (100, buffer 1000: stands). 5 guarantees 1 (50, buffer 60: stands).
  auto graph = HandGraph().Company(1, 0, 1000).Company(2, 400, 2000).Company(3, 200, 3000)
                   .Company(4, 1000, 4000).Company(5, 60, 5000)
                   .Guarantee(2, 1, 500).Guarantee(3, 2, 300).Guarantee(4, 3, 100)
                   .Guarantee(5, 1, 50).Build();
  auto result = RunContagion(graph, {1});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->rounds, 2);
  EXPECT_EQ(result->defaulted, 3);
  EXPECT_EQ(result->at_risk, 2);
  EXPECT_EQ(Find(*result, 1)->round, 0);
  EXPECT_EQ(Find(*result, 2)->round, 1);
  EXPECT_EQ(Find(*result, 3)->round, 2);
  EXPECT_FALSE(Find(*result, 4)->defaulted);
  EXPECT_EQ(Find(*result, 4)->guarantee_calls, 100);
  EXPECT_FALSE(Find(*result, 5)->defaulted);
  EXPECT_EQ(result->exposure_at_default, 6000);
  EXPECT_EQ(result->expected_loss, 2700);  // 0.45 x 6000
  EXPECT_EQ(result->calls_on_survivors, 150);
  EXPECT_EQ(result->calls_on_defaulted, 800);
  EXPECT_EQ(result->subjects.front().subject_id, 1);
}

TEST(ContagionTest, GuarantorsAreCalledForNoMoreThanTheBorrowerOwes) {
  // 1 owes 300; 2 guaranteed 400 and 3 guaranteed 200: 600 guaranteed for a debt of 300, so
  // each pays its share of the 300. Called in full, 2 (buffer 250) would have defaulted.
  auto graph = HandGraph().Company(1, 0, 300).Company(2, 250).Company(3, 1000)
                   .Guarantee(2, 1, 400).Guarantee(3, 1, 200).Build();
  auto result = RunContagion(graph, {1});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(Find(*result, 2)->guarantee_calls, 200);
  EXPECT_EQ(Find(*result, 3)->guarantee_calls, 100);
  EXPECT_FALSE(Find(*result, 2)->defaulted);
  EXPECT_EQ(result->calls_on_survivors, 300);  // the debt, not the guarantees
  EXPECT_EQ(result->defaulted, 1);
  // A debt larger than the guarantees calls each in full.
  auto covered = HandGraph().Company(1, 0, 5000).Company(2, 250).Company(3, 1000)
                     .Guarantee(2, 1, 400).Guarantee(3, 1, 200).Build();
  auto full = RunContagion(covered, {1});
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(Find(*full, 2)->guarantee_calls, 400);
  EXPECT_TRUE(Find(*full, 2)->defaulted);
}

TEST(ContagionTest, CallsAccumulateFromSeveralBorrowers) {
  // 3 guarantees 1 and 2 (60 each) with a buffer of 100: one default is absorbed, two are not.
  // The borrowers have no loans in the bureau, so the guarantees are called in full.
  auto graph = HandGraph().Company(1).Company(2).Company(3, 100)
                   .Guarantee(3, 1, 60).Guarantee(3, 2, 60).Build();
  auto one = RunContagion(graph, {1});
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(Find(*one, 3)->defaulted);
  EXPECT_EQ(one->rounds, 0);
  auto two = RunContagion(graph, {1, 2});
  ASSERT_TRUE(two.ok());
  EXPECT_TRUE(Find(*two, 3)->defaulted);
  EXPECT_EQ(Find(*two, 3)->called_by, (std::vector<SubjectId>{1, 2}));
  EXPECT_EQ(two->rounds, 1);
}

TEST(ContagionTest, MutualGuaranteeCircleFallsTogetherAndStops) {
  auto graph = HandGraph().Company(1, 10).Company(2, 10).Company(3, 10)
                   .Guarantee(1, 2, 100).Guarantee(2, 3, 100).Guarantee(3, 1, 100).Build();
  auto result = RunContagion(graph, {1});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->defaulted, 3);
  EXPECT_EQ(result->rounds, 2);  // 3 in round 1 (guarantees 1), 2 in round 2
  EXPECT_EQ(Find(*result, 3)->round, 1);
  EXPECT_EQ(Find(*result, 2)->round, 2);
}

TEST(ContagionTest, BuffersAreConfigurable) {
  auto graph = HandGraph().Company(1).Company(2, 1000).Guarantee(2, 1, 600).Build();
  ContagionOptions half;
  half.buffer_share = 0.5;  // 500 absorbs less than the 600 called
  EXPECT_TRUE(Find(*RunContagion(graph, {1}, half), 2)->defaulted);
  ContagionOptions explicit_buffer;
  explicit_buffer.buffers[2] = 700;
  explicit_buffer.buffer_share = 0.1;
  EXPECT_FALSE(Find(*RunContagion(graph, {1}, explicit_buffer), 2)->defaulted);
}

TEST(ContagionTest, UnknownBufferIsAtRiskUnlessToldToDefault) {
  auto graph = HandGraph().Company(1).Company(2).Guarantee(2, 1, 10).Build();
  auto result = RunContagion(graph, {1});
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(Find(*result, 2)->defaulted);
  EXPECT_FALSE(Find(*result, 2)->buffer.has_value());
  ContagionOptions strict;
  strict.unknown_buffer_defaults = true;
  EXPECT_TRUE(Find(*RunContagion(graph, {1}, strict), 2)->defaulted);
}

TEST(ContagionTest, BadInputIsRefusedClearly) {
  auto graph = HandGraph().Company(1).Build();
  ContagionOptions bad_lgd;
  bad_lgd.lgd = 1.5;
  auto lgd = RunContagion(graph, {1}, bad_lgd);
  ASSERT_FALSE(lgd.ok());
  EXPECT_NE(lgd.error().message.find("LGD"), std::string::npos);
  auto unknown = RunContagion(graph, {404});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(RunContagion(graph, {}).ok());
}

}  // namespace
}  // namespace credo::graph
