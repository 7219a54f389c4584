#include "model/scorecard.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "model/binning.h"
#include "test_data.h"

namespace credo::model {
namespace {

TEST(ScorecardTest, DoublingTheOddsAddsExactlyPdo) {
  for (ScorecardScaling scaling : {ScorecardScaling{}, ScorecardScaling{720, 1.0 / 99, 20}}) {
    for (double odds : {1.0, 7.5, 19.0, 250.0}) {  // good:bad odds
      double pd = 1 / (1 + odds);
      double doubled = 1 / (1 + 2 * odds);
      EXPECT_NEAR(scaling.ScoreOfPd(doubled) - scaling.ScoreOfPd(pd), scaling.pdo, 1e-9);
    }
    // points0 at odds0.
    EXPECT_NEAR(scaling.ScoreOfPd(scaling.odds0 / (1 + scaling.odds0)), scaling.points0, 1e-9);
    EXPECT_NEAR(scaling.PdOfScore(scaling.ScoreOfPd(0.1)), 0.1, 1e-12);
  }
  EXPECT_FALSE((ScorecardScaling{600, 1.0 / 19, 0}).Check().ok());
  EXPECT_EQ((ScorecardScaling{600, -1, 50}).Check().error().location, "scaling.odds0");
}

Scorecard MakeCard(const Dataset& data) {
  std::vector<VariableBinning> binnings = {*FitBinning(data.columns[0], data.target, {}),
                                           *FitBinning(data.columns[2], data.target, {})};
  binnings[1].variable = "NumInquiries";  // an inquiry characteristic
  return Scorecard::Build(ScorecardScaling{}, -1.0, binnings, {-0.9, -0.7});
}

TEST(ScorecardTest, AReportingRangeClampsTheScoreButNotThePd) {
  ScorecardScaling scaling;
  scaling.score_floor = 300;
  scaling.score_ceiling = 900;
  ASSERT_TRUE(scaling.Check().ok());
  EXPECT_EQ(scaling.Reported(120), 300);
  EXPECT_EQ(scaling.Reported(1049), 900);
  EXPECT_EQ(scaling.Reported(640.5), 640.5);
  EXPECT_EQ(ScorecardScaling{}.Reported(-100), -100);  // no range: unchanged

  Dataset data = testing::MakeCreditData();
  Scorecard card = MakeCard(data);
  card.base_points += 2000;  // every score far above any published range
  ScoredRow unclamped = card.ScoreBins(std::array<size_t, 2>{1, 2}.data());
  card.scaling = scaling;
  ScoredRow clamped = card.ScoreBins(std::array<size_t, 2>{1, 2}.data());
  EXPECT_EQ(clamped.score, 900);
  EXPECT_DOUBLE_EQ(clamped.pd, unclamped.pd);
  EXPECT_EQ(clamped.reasons, unclamped.reasons);

  ScorecardScaling half = scaling;
  half.score_ceiling.reset();
  EXPECT_EQ(half.Check().error().location, "scaling.score_floor");
  ScorecardScaling upside_down = scaling;
  upside_down.score_floor = 950;
  EXPECT_FALSE(upside_down.Check().ok());
}

TEST(ScorecardTest, PointsReproduceTheLogisticPd) {
  Dataset data = testing::MakeCreditData();
  Scorecard card = MakeCard(data);
  size_t bins[2] = {1, 2};
  ScoredRow row = card.ScoreBins(bins);
  double eta = -1.0 - 0.9 * card.characteristics[0].binning.bins[1].woe -
               0.7 * card.characteristics[1].binning.bins[2].woe;
  EXPECT_NEAR(row.pd, 1 / (1 + std::exp(-eta)), 1e-12);
  double factor = 50 / std::log(2.0);
  EXPECT_NEAR(card.characteristics[0].points[1],
              -factor * -0.9 * card.characteristics[0].binning.bins[1].woe, 1e-12);
}

TEST(ScorecardTest, ReasonsRankShortfallsAndAddInquiries) {
  Dataset data = testing::MakeCreditData();
  Scorecard card = MakeCard(data);
  // Best bins everywhere: no reasons.
  size_t best[2];
  for (size_t c = 0; c < 2; ++c) {
    const auto& points = card.characteristics[c].points;
    best[c] = std::max_element(points.begin(), points.end()) - points.begin();
  }
  ScoredRow top = card.ScoreBins(best);
  EXPECT_EQ(top.reasons[0], -1);
  EXPECT_EQ(top.inquiry_reason, -1);
  // Worst utilisation bin: utilisation is the first reason.
  const auto& points = card.characteristics[0].points;
  size_t worst[2] = {static_cast<size_t>(std::min_element(points.begin(), points.end()) -
                                         points.begin()),
                     best[1]};
  ScoredRow low = card.ScoreBins(worst);
  EXPECT_EQ(low.reasons[0], 0);
  EXPECT_EQ(card.ReasonCode(0), "utilisation");
  EXPECT_LT(low.score, top.score);
}

TEST(ScorecardTest, ScoresDatasetsAndExportsPointsTable) {
  Dataset data = testing::MakeCreditData(500);
  Scorecard card = MakeCard(data);
  card.characteristics[1].binning.variable = "inquiries";
  auto rows = ScoreDataset(card, data);
  ASSERT_TRUE(rows.ok()) << rows.error().ToString();
  EXPECT_EQ(rows->size(), 500u);
  std::string csv = PointsTableCsv(card);
  EXPECT_EQ(csv.rfind("variable,bin,points,woe,count,bads\n(base points),,", 0), 0u);
  EXPECT_NE(csv.find("\"utilisation\",\"missing\""), std::string::npos);
  auto json = PointsTableJson(card);
  EXPECT_EQ(json.size(), 1 + card.characteristics[0].binning.bins.size() +
                             card.characteristics[1].binning.bins.size());
  Dataset without = data;
  without.columns.erase(without.columns.begin());
  EXPECT_NE(ScoreDataset(card, without).error().message.find("'utilisation'"), std::string::npos);
}

}  // namespace
}  // namespace credo::model
