#include "model/validation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/trainer.h"
#include "test_data.h"

namespace credo::model {
namespace {

TEST(ValidationTest, ReportHasEveryMetricAndStability) {
  Dataset data = testing::MakeCreditData(4000);
  auto artifact = TrainModel(data, {});
  ASSERT_TRUE(artifact.ok());
  auto report = ValidateModel(*artifact, data);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  for (const char* key : {"auc", "gini", "ks", "brier", "confusion", "calibration", "roc",
                          "ks_curve", "psi", "csi"}) {
    EXPECT_TRUE(report->contains(key)) << key;
  }
  EXPECT_NEAR((*report)["gini"].get<double>(), 2 * (*report)["auc"].get<double>() - 1, 1e-12);
  EXPECT_EQ((*report)["psi"]["band"], "stable");  // same population
  EXPECT_EQ((*report)["calibration"].size(), 10u);
  // A shifted population: utilisation pushed up, so PSI and its CSI move.
  Dataset shifted = data;
  for (double& value : shifted.columns[0].numbers) value = std::min(1.0, value + 0.4);
  auto drift = ValidateModel(*artifact, shifted);
  EXPECT_EQ((*drift)["psi"]["band"], "act");
  EXPECT_EQ((*drift)["csi"][0]["variable"], "utilisation");
  EXPECT_EQ((*drift)["csi"][0]["band"], "act");
}

// The development score distribution is that of the published score (whole points, as stored):
// its cuts are whole points and the development population itself has no drift.
TEST(ValidationTest, TheDevelopmentDistributionIsOnWholePoints) {
  Dataset data = testing::MakeCreditData(4000);
  TrainOptions options;
  options.test_share = 0;  // the development population is every row
  auto artifact = TrainModel(data, options);
  ASSERT_TRUE(artifact.ok()) << artifact.error().ToString();
  ASSERT_FALSE(artifact->score_cuts.empty());
  for (double cut : artifact->score_cuts) EXPECT_EQ(cut, std::round(cut));
  auto report = ValidateModel(*artifact, data);
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_LT((*report)["psi"]["psi"].get<double>(), 1e-9);
  EXPECT_EQ((*report)["psi"]["band"], "stable");
}

TEST(ValidationTest, ChampionChallengerAndHtml) {
  Dataset data = testing::MakeCreditData(3000);
  auto champion = TrainModel(data, {});
  TrainOptions gbdt;
  gbdt.kind = ModelKind::kGbdt;
  gbdt.gbdt.trees = 30;
  gbdt.gbdt.threads = 1;
  auto challenger = TrainModel(data, gbdt);
  auto comparison = CompareModels(*champion, *challenger, data);
  ASSERT_TRUE(comparison.ok()) << comparison.error().ToString();
  EXPECT_NEAR((*comparison)["auc_difference"].get<double>(),
              (*comparison)["challenger"]["auc"].get<double>() -
                  (*comparison)["champion"]["auc"].get<double>(),
              1e-12);
  auto report = ValidateModel(*challenger, data);
  std::string html = ValidationHtml(*report);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(std::count(html.begin(), html.end(), '<') > 50, true);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("ROC curve"), std::string::npos);
  EXPECT_NE(html.find("KS chart"), std::string::npos);
  EXPECT_NE(html.find("Calibration"), std::string::npos);
  EXPECT_EQ(html.find("http://cdn"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace credo::model
