#include "model/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace credo::model {
namespace {

std::vector<size_t> OrderByPdDescending(const std::vector<double>& pd) {
  std::vector<size_t> order(pd.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pd[a] > pd[b]; });
  return order;
}

std::pair<double, double> Counts(const std::vector<uint8_t>& y) {
  double bads = 0;
  for (uint8_t value : y) bads += value;
  return {bads, static_cast<double>(y.size()) - bads};
}

}  // namespace

double Auc(const std::vector<double>& pd, const std::vector<uint8_t>& y) {
  auto [bads, goods] = Counts(y);
  if (bads == 0 || goods == 0) return 0.5;
  std::vector<size_t> order(pd.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pd[a] < pd[b]; });
  // Sum of ranks of the bads, ties sharing their average rank.
  double rank_sum = 0;
  size_t i = 0;
  while (i < order.size()) {
    size_t j = i;
    double tie_bads = 0;
    while (j < order.size() && pd[order[j]] == pd[order[i]]) {
      tie_bads += y[order[j]];
      ++j;
    }
    double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    rank_sum += tie_bads * average_rank;
    i = j;
  }
  return (rank_sum - bads * (bads + 1) / 2.0) / (bads * goods);
}

double Ks(const std::vector<double>& pd, const std::vector<uint8_t>& y) {
  auto [bads, goods] = Counts(y);
  if (bads == 0 || goods == 0) return 0;
  auto order = OrderByPdDescending(pd);
  double cum_bad = 0, cum_good = 0, best = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    (y[order[i]] ? cum_bad : cum_good) += 1;
    if (i + 1 < order.size() && pd[order[i + 1]] == pd[order[i]]) continue;
    best = std::max(best, std::abs(cum_bad / bads - cum_good / goods));
  }
  return best;
}

double Brier(const std::vector<double>& pd, const std::vector<uint8_t>& y) {
  if (pd.empty()) return 0;
  double sum = 0;
  for (size_t i = 0; i < pd.size(); ++i) sum += (pd[i] - y[i]) * (pd[i] - y[i]);
  return sum / static_cast<double>(pd.size());
}

Confusion ConfusionAt(const std::vector<double>& pd, const std::vector<uint8_t>& y, double cutoff) {
  Confusion c;
  c.cutoff = cutoff;
  for (size_t i = 0; i < pd.size(); ++i) {
    bool called_bad = pd[i] >= cutoff;
    if (y[i]) {
      (called_bad ? c.true_positive : c.false_negative)++;
    } else {
      (called_bad ? c.false_positive : c.true_negative)++;
    }
  }
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  c.precision = ratio(static_cast<double>(c.true_positive),
                      static_cast<double>(c.true_positive + c.false_positive));
  c.recall = ratio(static_cast<double>(c.true_positive),
                   static_cast<double>(c.true_positive + c.false_negative));
  c.f1 = ratio(2 * c.precision * c.recall, c.precision + c.recall);
  c.accuracy = ratio(static_cast<double>(c.true_positive + c.true_negative),
                     static_cast<double>(pd.size()));
  return c;
}

std::vector<CurvePoint> RocCurve(const std::vector<double>& pd, const std::vector<uint8_t>& y,
                                 size_t max_points) {
  auto [bads, goods] = Counts(y);
  std::vector<CurvePoint> curve{{0, 0}};
  if (bads == 0 || goods == 0) {
    curve.push_back({1, 1});
    return curve;
  }
  auto order = OrderByPdDescending(pd);
  const size_t step = std::max<size_t>(1, order.size() / std::max<size_t>(max_points, 1));
  double tp = 0, fp = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    (y[order[i]] ? tp : fp) += 1;
    bool boundary = i + 1 == order.size() || pd[order[i + 1]] != pd[order[i]];
    if (boundary && ((i + 1) % step == 0 || i + 1 == order.size())) {
      curve.push_back({fp / goods, tp / bads});
    }
  }
  return curve;
}

KsCurve KsCurveOf(const std::vector<double>& pd, const std::vector<uint8_t>& y,
                  size_t max_points) {
  KsCurve curve;
  auto [bads, goods] = Counts(y);
  curve.share.push_back(0);
  curve.bad.push_back(0);
  curve.good.push_back(0);
  if (pd.empty()) return curve;
  auto order = OrderByPdDescending(pd);
  const size_t step = std::max<size_t>(1, order.size() / std::max<size_t>(max_points, 1));
  double cum_bad = 0, cum_good = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    (y[order[i]] ? cum_bad : cum_good) += 1;
    if ((i + 1) % step == 0 || i + 1 == order.size()) {
      curve.share.push_back(static_cast<double>(i + 1) / static_cast<double>(order.size()));
      curve.bad.push_back(bads > 0 ? cum_bad / bads : 0);
      curve.good.push_back(goods > 0 ? cum_good / goods : 0);
    }
  }
  return curve;
}

std::vector<double> QuantileCuts(std::vector<double> values, int bands) {
  std::sort(values.begin(), values.end());
  std::vector<double> cuts;
  if (values.empty()) return cuts;
  for (int b = 1; b < bands; ++b) {
    size_t at = static_cast<size_t>(static_cast<double>(values.size()) * b / bands);
    if (at >= values.size()) break;
    double cut = values[at];
    if (cut > values.front() && (cuts.empty() || cut > cuts.back())) cuts.push_back(cut);
  }
  return cuts;
}

std::vector<double> BandShares(const std::vector<double>& values, const std::vector<double>& cuts) {
  std::vector<double> shares(cuts.size() + 1, 0);
  if (values.empty()) return shares;
  for (double value : values) {
    size_t band =
        static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), value) - cuts.begin());
    shares[band] += 1;
  }
  for (double& share : shares) share /= static_cast<double>(values.size());
  return shares;
}

double Psi(const std::vector<double>& expected, const std::vector<double>& actual) {
  double psi = 0;
  for (size_t i = 0; i < expected.size() && i < actual.size(); ++i) {
    double e = std::max(expected[i], 1e-4);
    double a = std::max(actual[i], 1e-4);
    psi += (a - e) * std::log(a / e);
  }
  return psi;
}

std::string PsiBand(double psi) {
  if (psi < 0.1) return "stable";
  if (psi <= 0.25) return "monitor";
  return "act";
}

std::vector<CalibrationBand> CalibrationTable(const std::vector<double>& score,
                                              const std::vector<double>& pd,
                                              const std::vector<uint8_t>& y, int bands) {
  std::vector<CalibrationBand> table;
  if (score.empty()) return table;
  std::vector<double> cuts = QuantileCuts(score, bands);
  table.resize(cuts.size() + 1);
  for (size_t b = 0; b < table.size(); ++b) {
    table[b].score_low = std::numeric_limits<double>::infinity();
    table[b].score_high = -std::numeric_limits<double>::infinity();
  }
  for (size_t i = 0; i < score.size(); ++i) {
    size_t band =
        static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), score[i]) - cuts.begin());
    CalibrationBand& row = table[band];
    row.score_low = std::min(row.score_low, score[i]);
    row.score_high = std::max(row.score_high, score[i]);
    ++row.count;
    row.bads += y[i];
    row.mean_pd += pd[i];
  }
  std::vector<CalibrationBand> out;
  for (CalibrationBand& row : table) {
    if (row.count == 0) continue;
    row.mean_pd /= static_cast<double>(row.count);
    row.observed_bad_rate = static_cast<double>(row.bads) / static_cast<double>(row.count);
    out.push_back(row);
  }
  return out;
}

}  // namespace credo::model
