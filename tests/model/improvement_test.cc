#include "model/improvement.h"

#include <gtest/gtest.h>

#include "model/trainer.h"
#include "test_data.h"

namespace credo::model {
namespace {

TEST(ImprovementTest, SuggestsNearestBetterBinsRankedByGain) {
  Dataset data = testing::MakeCreditData(5000);
  auto artifact = TrainModel(data, {});
  ASSERT_TRUE(artifact.ok());
  const Scorecard& card = *artifact->scorecard;
  // The riskiest row by score.
  auto scored = ScoreModel(*artifact, data);
  size_t worst = 0;
  for (size_t i = 1; i < data.rows; ++i) {
    if (scored->rows[i].score < scored->rows[worst].score) worst = i;
  }
  auto plan = PlanImprovement(card, data, worst);
  ASSERT_TRUE(plan.ok()) << plan.error().ToString();
  ASSERT_FALSE(plan->steps.empty());
  EXPECT_LE(plan->steps.size(), 3u);
  EXPECT_NEAR(plan->current_score, scored->rows[worst].score, 1e-9);
  for (size_t s = 0; s < plan->steps.size(); ++s) {
    EXPECT_GT(plan->steps[s].points_gain, 0);
    EXPECT_NEAR(plan->steps[s].new_score, plan->current_score + plan->steps[s].points_gain, 1e-9);
    if (s > 0) {
      EXPECT_LE(plan->steps[s].points_gain, plan->steps[s - 1].points_gain);
    }
    EXPECT_NE(plan->steps[s].text_en.find("not a promise"), std::string::npos);
    EXPECT_NE(plan->steps[s].text_zh.find("不构成承诺"), std::string::npos);
  }
  // Simulate the first step on the data and check the score.
  const ImprovementStep& step = plan->steps[0];
  EXPECT_GE(plan->combined_score, step.new_score);
  EXPECT_FALSE(plan->disclaimer_en.empty());
  EXPECT_FALSE(PlanImprovement(card, data, data.rows).ok());
}

TEST(ImprovementTest, FixedCharacteristicsAreNotSuggested) {
  Dataset data = testing::MakeCreditData(5000);
  auto artifact = TrainModel(data, {});
  ImprovementOptions options;
  options.fixed = {"utilisation", "grade", "inquiries", "noise"};
  auto plan = PlanImprovement(*artifact->scorecard, data, 0, options);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->steps.empty());
}

}  // namespace
}  // namespace credo::model
