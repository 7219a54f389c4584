#include "resolve/learning.h"

#include <gtest/gtest.h>

#include "resolve/blocking.h"
#include "test_tables.h"

namespace credo::resolve {
namespace {

TEST(LearningTest, LearnsWithoutLabels) {
  auto built = testing::BuildTable(testing::PersonMapping(), {testing::SyntheticPersons(400, 11)});
  ASSERT_TRUE(built.ok());
  const RecordTable& table = built->table;
  CandidatePairs candidates = GenerateCandidatePairs(table, BlockingOptions{});
  auto patterns = CompareAll(table, candidates.pairs, 2);
  LearnOptions options;
  options.u_sample_pairs = 50000;
  FsModel model = EstimateU(table, options);
  ASSERT_EQ(model.fields.size(), table.columns().size());
  ASSERT_TRUE(EstimateM(patterns, options, &model).ok());
  for (size_t f = 0; f < model.fields.size(); ++f) {
    const FieldModel& field = model.fields[f];
    int exact = static_cast<int>(field.m.size()) - 1;
    // Exact agreement is evidence for a match, disagreement against.
    EXPECT_GT(model.LevelWeight(f, exact), 0) << field.name;
    EXPECT_LT(model.LevelWeight(f, 1), 0) << field.name;
    double m_sum = 0, u_sum = 0;
    for (int l = 1; l <= exact; ++l) {
      m_sum += field.m[l];
      u_sum += field.u[l];
    }
    EXPECT_NEAR(m_sum, 1.0, 1e-3) << field.name;
    EXPECT_NEAR(u_sum, 1.0, 1e-3) << field.name;
  }
  // About 400 true pairs among the candidates.
  double expected_matches = model.lambda * static_cast<double>(patterns.size());
  EXPECT_NEAR(expected_matches, 400, 60);
  EXPECT_TRUE(model.converged);
}

TEST(LearningTest, IsDeterministicForASeed) {
  auto built = testing::BuildTable(testing::PersonMapping(), {testing::SyntheticPersons(100, 5)});
  ASSERT_TRUE(built.ok());
  LearnOptions options;
  options.u_sample_pairs = 20000;
  FsModel a = EstimateU(built->table, options), b = EstimateU(built->table, options);
  EXPECT_EQ(a.fields[0].u, b.fields[0].u);
}

TEST(LearningTest, NoCandidatePairsIsAnError) {
  FsModel model;
  auto status = EstimateM({}, LearnOptions{}, &model);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace credo::resolve
