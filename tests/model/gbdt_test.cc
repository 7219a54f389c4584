#include "model/gbdt.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/metrics.h"
#include "test_data.h"

namespace credo::model {
namespace {

GbdtOptions Small() {
  GbdtOptions options;
  options.trees = 30;
  options.max_depth = 3;
  options.threads = 1;
  return options;
}

TEST(GbdtTest, TrainsPredictsAndExplains) {
  Dataset data = testing::MakeCreditData(3000);
  auto model = GbdtModel::Train(data, Small());
  ASSERT_TRUE(model.ok()) << model.error().ToString();
  auto pd = model->PredictPd(data);
  ASSERT_TRUE(pd.ok());
  EXPECT_GT(Auc(*pd, data.target), 0.7);
  auto matrix = model->Encode(data);
  auto contributions = model->Contributions(*matrix, data.rows);
  ASSERT_TRUE(contributions.ok()) << contributions.error().ToString();
  // SHAP: contributions plus bias sum to the margin.
  const size_t width = model->features().size() + 1;
  for (size_t row = 0; row < 5; ++row) {
    double margin = 0;
    for (size_t f = 0; f < width; ++f) margin += (*contributions)[row * width + f];
    EXPECT_NEAR(1 / (1 + std::exp(-margin)), (*pd)[row], 1e-4);
  }
}

TEST(GbdtTest, SavesAndLoadsThroughJson) {
  Dataset data = testing::MakeCreditData(2000);
  auto model = GbdtModel::Train(data, Small());
  auto json = model->ToJson();
  ASSERT_TRUE(json.ok()) << json.error().ToString();
  auto loaded = GbdtModel::FromJson(*json, "gbdt");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(*loaded->PredictPd(data), *model->PredictPd(data));
  nlohmann::json broken = *json;
  broken["booster"] = {{"learner", "nonsense"}};
  auto error = GbdtModel::FromJson(broken, "gbdt");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().location, "gbdt.booster");
}

TEST(GbdtTest, MonotoneConstraintHolds) {
  Dataset data = testing::MakeCreditData(3000);
  GbdtOptions options = Small();
  options.monotone["noise"] = 1;  // noise may only raise the PD
  auto model = GbdtModel::Train(data, options);
  ASSERT_TRUE(model.ok());
  Dataset probe = data.Subset({0, 0, 0, 0, 0});
  for (size_t i = 0; i < 5; ++i) probe.columns[3].numbers[i] = 0.2 * i;
  auto pd = model->PredictPd(probe);
  for (size_t i = 1; i < 5; ++i) EXPECT_GE((*pd)[i], (*pd)[i - 1]);
  options.monotone["missing_column"] = 1;
  EXPECT_FALSE(GbdtModel::Train(data, options).ok());
}

}  // namespace
}  // namespace credo::model
