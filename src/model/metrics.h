// credo model: validation metrics (DOMAIN.md 5).
//
// Risk inputs are PDs (higher = riskier); y is 1 for bad. AUC is the Mann-Whitney statistic with
// ties counted half; Gini = 2 AUC - 1; KS = max |F_bad - F_good| over thresholds. The confusion
// matrix calls a row bad when pd >= cutoff. Calibration bands are score quantile bands. PSI =
// sum (A - E) ln(A / E) over bands, with shares floored at 1e-4 so empty bands stay finite;
// bands: < 0.1 stable, 0.1-0.25 monitor, > 0.25 act. All functions are pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace credo::model {

double Auc(const std::vector<double>& pd, const std::vector<uint8_t>& y);
double Ks(const std::vector<double>& pd, const std::vector<uint8_t>& y);
double Brier(const std::vector<double>& pd, const std::vector<uint8_t>& y);

struct Confusion {
  double cutoff = 0.5;
  int64_t true_positive = 0;   //!< bad, called bad
  int64_t false_positive = 0;  //!< good, called bad
  int64_t true_negative = 0;
  int64_t false_negative = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  double accuracy = 0;
};
Confusion ConfusionAt(const std::vector<double>& pd, const std::vector<uint8_t>& y, double cutoff);

struct CurvePoint {
  double x = 0;
  double y = 0;
};
//! ROC: (false positive rate, true positive rate), at most max_points points plus the ends.
std::vector<CurvePoint> RocCurve(const std::vector<double>& pd, const std::vector<uint8_t>& y,
                                 size_t max_points = 200);
//! KS chart: for each threshold by descending PD, x = share of rows, y = F_bad and F_good.
struct KsCurve {
  std::vector<double> share;
  std::vector<double> bad;
  std::vector<double> good;
};
KsCurve KsCurveOf(const std::vector<double>& pd, const std::vector<uint8_t>& y,
                  size_t max_points = 200);

struct CalibrationBand {
  double score_low = 0;
  double score_high = 0;
  int64_t count = 0;
  int64_t bads = 0;
  double mean_pd = 0;
  double observed_bad_rate = 0;
};
//! Bands of (about) equal size by score, lowest score first.
std::vector<CalibrationBand> CalibrationTable(const std::vector<double>& score,
                                              const std::vector<double>& pd,
                                              const std::vector<uint8_t>& y, int bands = 10);

//! Interior cut points making `bands` quantile bands of `values` (ascending, unique).
std::vector<double> QuantileCuts(std::vector<double> values, int bands);
//! Shares of `values` in the bands made by `cuts` (value < cut goes below it).
std::vector<double> BandShares(const std::vector<double>& values, const std::vector<double>& cuts);
double Psi(const std::vector<double>& expected, const std::vector<double>& actual);
//! "stable", "monitor" or "act".
std::string PsiBand(double psi);

}  // namespace credo::model
