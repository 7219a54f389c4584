#include "resolve/fs_model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace credo::resolve {
namespace {

FsModel TwoFieldModel() {
  FsModel model;
  model.lambda = 0.2;
  model.fields.push_back({"surname", ComparatorKind::kName, true, {0, 0.05, 0.05, 0.05, 0.05, 0.8},
                          {0, 0.9, 0.05, 0.02, 0.02, 0.01}});
  model.fields.push_back({"state", ComparatorKind::kExact, false, {0, 0.1, 0.9}, {0, 0.8, 0.2}});
  return model;
}

TEST(FsModelTest, WeightsAreLogRatios) {
  FsModel model = TwoFieldModel();
  EXPECT_DOUBLE_EQ(model.LevelWeight(0, 0), 0.0);
  EXPECT_NEAR(model.LevelWeight(0, 5), std::log2(0.8 / 0.01), 1e-12);
  EXPECT_NEAR(model.LevelWeight(1, 1), std::log2(0.1 / 0.8), 1e-12);
  EXPECT_NEAR(model.PriorWeight(), std::log2(0.25), 1e-12);
}

TEST(FsModelTest, RareValuesWeighMore) {
  FsModel model = TwoFieldModel();
  double common = model.ExactWeightForValue(0, 0.05);
  double rare = model.ExactWeightForValue(0, 0.0001);
  EXPECT_GT(rare, common);
  EXPECT_NEAR(rare, std::log2(0.8 / 0.0001), 1e-9);
  // Never below the next level down, however common the value.
  EXPECT_GE(model.ExactWeightForValue(0, 0.9), model.LevelWeight(0, 4));
  // No adjustment on fields that do not ask for it.
  EXPECT_DOUBLE_EQ(model.ExactWeightForValue(1, 0.0001), model.LevelWeight(1, 2));
}

TEST(FsModelTest, ProbabilityAndWeight) {
  EXPECT_DOUBLE_EQ(WeightToProbability(0), 0.5);
  EXPECT_NEAR(WeightToProbability(ProbabilityToWeight(0.93)), 0.93, 1e-12);
  EXPECT_GT(WeightToProbability(20), 0.999);
}

TEST(FsModelTest, JsonRoundTripAndErrors) {
  FsModel model = TwoFieldModel();
  model.em_iterations = 12;
  auto parsed = FsModel::FromJson(model.ToJson());
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_DOUBLE_EQ(parsed->lambda, 0.2);
  EXPECT_EQ(parsed->em_iterations, 12);
  ASSERT_EQ(parsed->fields.size(), 2u);
  EXPECT_EQ(parsed->fields[0].m, model.fields[0].m);
  EXPECT_EQ(parsed->fields[1].comparator, ComparatorKind::kExact);
  EXPECT_FALSE(FsModel::FromJson("not json").ok());
  EXPECT_FALSE(FsModel::FromJson("{\"lambda\": 2, \"fields\": []}").ok());
  EXPECT_FALSE(FsModel::FromJson(
                   "{\"lambda\": 0.1, \"fields\": [{\"name\":\"x\",\"comparator\":\"nope\","
                   "\"term_frequency\":false,\"m\":[0,1],\"u\":[0,1]}]}")
                   .ok());
}

}  // namespace
}  // namespace credo::resolve
