#include "model/trainer.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace credo::model {
namespace {

TEST(TrainerTest, ScorecardFlowRecordsMetricsAndIsDeterministic) {
  Dataset data = testing::MakeCreditData(5000);
  TrainOptions options;
  options.created_at = "2026-01-01T00:00:00Z";
  auto first = TrainModel(data, options);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  auto second = TrainModel(data, options);
  EXPECT_EQ(ArtifactToJson(*first)->dump(), ArtifactToJson(*second)->dump());
  EXPECT_EQ(first->training.rows, 3500u);
  EXPECT_GT(first->metrics["test"]["auc"].get<double>(), 0.7);
  EXPECT_EQ(first->model_id.rfind("scorecard-", 0), 0u);
  EXPECT_EQ(first->training.fingerprint.rfind("fnv1a64:", 0), 0u);
  EXPECT_EQ(first->score_shares.size(), first->score_cuts.size() + 1);
  auto scored = ScoreModel(*first, data);
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored->rows.size(), data.rows);
}

// The id names the model's content: the same data and options give the same id whatever the
// clock says; another option on the same data gives another id (a champion and a challenger
// trained on one file can both be registered).
TEST(TrainerTest, TheModelIdFollowsTheContentNotOnlyTheData) {
  Dataset data = testing::MakeCreditData(3000);
  TrainOptions options;
  options.created_at = "2026-01-01T00:00:00Z";
  auto first = TrainModel(data, options);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  options.created_at = "2026-02-01T00:00:00Z";
  auto again = TrainModel(data, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->model_id, first->model_id);
  options.sources = {"/elsewhere/the_same_rows.csv"};  // read from another place
  auto moved = TrainModel(data, options);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->model_id, first->model_id);
  EXPECT_EQ(moved->card.sources, options.sources);
  options.sources.clear();
  Dataset copied = data;
  copied.source = "/another/folder/train.csv";  // the same rows in a file elsewhere
  auto elsewhere = TrainModel(copied, options);
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere->model_id, first->model_id);
  EXPECT_EQ(elsewhere->training.source, "/another/folder/train.csv");  // still recorded
  options.binning.max_bins = 3;
  auto coarser = TrainModel(data, options);
  ASSERT_TRUE(coarser.ok());
  EXPECT_NE(coarser->model_id, first->model_id);
  options.binning.max_bins = 8;
  options.scaling.pdo = 40;
  auto rescaled = TrainModel(data, options);
  ASSERT_TRUE(rescaled.ok());
  EXPECT_NE(rescaled->model_id, first->model_id);
  EXPECT_EQ(rescaled->model_id.size(), std::string("scorecard-").size() + 12);
}

TEST(TrainerTest, UserCutsAreUsed) {
  Dataset data = testing::MakeCreditData(4000);
  TrainOptions options;
  options.user_bins.push_back({"utilisation", std::vector<double>{0.2, 0.4, 0.6, 0.8}, {}, {}});
  auto artifact = TrainModel(data, options);
  ASSERT_TRUE(artifact.ok());
  for (const Characteristic& c : artifact->scorecard->characteristics) {
    if (c.binning.variable == "utilisation") {
      EXPECT_EQ(c.binning.Cuts(), (std::vector<double>{0.2, 0.4, 0.6, 0.8}));
      EXPECT_TRUE(c.binning.user_defined);
    }
  }
}

TEST(TrainerTest, GbdtFlowGivesShapReasons) {
  Dataset data = testing::MakeCreditData(3000);
  TrainOptions options;
  options.kind = ModelKind::kGbdt;
  options.gbdt.trees = 40;
  options.gbdt.threads = 1;
  auto artifact = TrainModel(data, options);
  ASSERT_TRUE(artifact.ok()) << artifact.error().ToString();
  auto scored = ScoreModel(*artifact, data);
  ASSERT_TRUE(scored.ok());
  size_t with_reason = 0;
  for (const ScoredRow& row : scored->rows) with_reason += row.reasons[0] >= 0;
  EXPECT_GT(with_reason, data.rows / 4);
  EXPECT_EQ(scored->reason_names.size(), 4u);
  EXPECT_EQ(artifact->feature_distributions.size(), 4u);
}

TEST(TrainerTest, CrossValidationGivesOneAucPerFold) {
  Dataset data = testing::MakeCreditData(3000);
  auto cv = CrossValidate(data, {}, 4);
  ASSERT_TRUE(cv.ok()) << cv.error().ToString();
  EXPECT_EQ(cv->fold_auc.size(), 4u);
  EXPECT_GT(cv->mean_auc, 0.7);
  EXPECT_FALSE(CrossValidate(data, {}, 1).ok());
}

TEST(TrainerTest, FingerprintChangesWithData) {
  Dataset data = testing::MakeCreditData(100);
  std::string before = DatasetFingerprint(data);
  data.columns[2].numbers[5] += 1;
  EXPECT_NE(DatasetFingerprint(data), before);
}

}  // namespace
}  // namespace credo::model
