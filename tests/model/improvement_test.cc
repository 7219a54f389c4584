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

// Fixed characteristics are whole words of the name: "age" is not inside "mortgage" or
// "coverage", while a person's age and the age of the credit history stay out of the plans.
TEST(ImprovementTest, FixedCharacteristicsMatchWholeWords) {
  for (const char* name :
       {"mortgage_balance", "mortgage_tradelines_open", "mortgage_tradelines_total",
        "MortgageBalance", "ebit_interest_coverage", "debt_service_coverage_ratio",
        "installment_rate_in_percentage_of_disposable_income", "thin_file_flag",
        "revolving_utilization", "inquiries_6m"}) {
    EXPECT_FALSE(IsFixedCharacteristic(name)) << name;
  }
  for (const char* name :
       {"age", "AGE", "age_in_years", "AgeInYears", "oldest_account_age_months",
        "newest_account_age_months", "average_account_age_months", "company_age_months",
        "age_of_oldest_account", "months_since_oldest_account", "MSinceOldestTradeOpen",
        "AverageMInFile", "personal_status_and_sex", "Sex", "gender", "MaritalStatus",
        "NumberOfDependents", "foreign_worker", "nationality"}) {
    EXPECT_TRUE(IsFixedCharacteristic(name)) << name;
  }
  // A fragment of several words matches them in that order; a caller's list replaces the default.
  ImprovementOptions options;
  options.fixed = {"personal_status"};
  EXPECT_TRUE(IsFixedCharacteristic("PersonalStatus", options));
  EXPECT_TRUE(IsFixedCharacteristic("personal-status-code", options));
  EXPECT_FALSE(IsFixedCharacteristic("status_personal", options));
  EXPECT_FALSE(IsFixedCharacteristic("age", options));
}

TEST(ImprovementTest, MortgageCharacteristicsAreSuggested) {
  Dataset data = testing::MakeCreditData(5000);
  data.columns[0].name = "mortgage_balance";           // the strongest characteristic
  data.columns[2].name = "oldest_account_age_months";  // fixed: the age of the credit history
  auto artifact = TrainModel(data, {});
  ASSERT_TRUE(artifact.ok()) << artifact.error().ToString();
  auto scored = ScoreModel(*artifact, data);
  ASSERT_TRUE(scored.ok());
  size_t worst = 0;
  for (size_t i = 1; i < data.rows; ++i) {
    if (scored->rows[i].score < scored->rows[worst].score) worst = i;
  }
  ImprovementOptions options;
  options.max_steps = 10;
  auto plan = PlanImprovement(*artifact->scorecard, data, worst, options);
  ASSERT_TRUE(plan.ok()) << plan.error().ToString();
  bool mortgage = false;
  for (const ImprovementStep& step : plan->steps) {
    if (step.characteristic == "mortgage_balance") mortgage = true;
    EXPECT_NE(step.characteristic, "oldest_account_age_months");
  }
  EXPECT_TRUE(mortgage);
}

}  // namespace
}  // namespace credo::model
