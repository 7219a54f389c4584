#include "model/scorecard.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace credo::model {

double ScorecardScaling::Factor() const { return pdo / std::log(2.0); }
double ScorecardScaling::Offset() const { return points0 - Factor() * std::log(1.0 / odds0); }
double ScorecardScaling::ScoreOfPd(double pd) const {
  pd = std::clamp(pd, 1e-15, 1 - 1e-15);
  return Offset() + Factor() * std::log((1 - pd) / pd);
}
double ScorecardScaling::PdOfScore(double score) const {
  return 1.0 / (1.0 + std::exp((score - Offset()) / Factor()));
}
double ScorecardScaling::Reported(double score) const {
  if (score_floor && score < *score_floor) return *score_floor;
  if (score_ceiling && score > *score_ceiling) return *score_ceiling;
  return score;
}
Status ScorecardScaling::Check() const {
  if (!std::isfinite(points0)) {
    return MakeError(ErrorCode::kInvalidArgument, "must be a finite number", "scaling.points0");
  }
  if (!(odds0 > 0) || !std::isfinite(odds0)) {
    return MakeError(ErrorCode::kInvalidArgument, "must be a positive number (bad:good odds)",
                     "scaling.odds0");
  }
  if (!(pdo > 0) || !std::isfinite(pdo)) {
    return MakeError(ErrorCode::kInvalidArgument, "points to double the odds must be positive",
                     "scaling.pdo");
  }
  if (score_floor.has_value() != score_ceiling.has_value()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a score range needs both its floor and its ceiling", "scaling.score_floor");
  }
  if (score_floor && (!std::isfinite(*score_floor) || !std::isfinite(*score_ceiling) ||
                      !(*score_floor < *score_ceiling))) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the score range's floor must be below its ceiling (e.g. 300-900)",
                     "scaling.score_floor");
  }
  return Ok();
}

Scorecard Scorecard::Build(const ScorecardScaling& scaling, double intercept,
                           std::vector<VariableBinning> binnings,
                           const std::vector<double>& coefficients) {
  Scorecard card;
  card.scaling = scaling;
  card.intercept = intercept;
  for (size_t c = 0; c < binnings.size(); ++c) {
    Characteristic characteristic;
    characteristic.binning = std::move(binnings[c]);
    characteristic.coefficient = coefficients[c];
    card.characteristics.push_back(std::move(characteristic));
  }
  card.Rebuild();
  return card;
}

void Scorecard::Rebuild() {
  const double factor = scaling.Factor();
  base_points = scaling.Offset() - factor * intercept;
  for (Characteristic& characteristic : characteristics) {
    characteristic.binning.Index();
    characteristic.points.clear();
    characteristic.max_points = -std::numeric_limits<double>::infinity();
    for (const Bin& bin : characteristic.binning.bins) {
      double points = -factor * characteristic.coefficient * bin.woe;
      characteristic.points.push_back(points);
      characteristic.max_points = std::max(characteristic.max_points, points);
    }
    characteristic.inquiry = IsInquiryCharacteristic(characteristic.binning.variable);
  }
}

ScoredRow Scorecard::ScoreBins(const size_t* bins) const {
  ScoredRow row;
  double score = base_points;
  // Shortfalls of the four largest, kept sorted (insertion into a tiny array).
  std::array<double, 4> top{0, 0, 0, 0};
  double inquiry_shortfall = 0;
  int16_t inquiry_index = -1;
  for (size_t c = 0; c < characteristics.size(); ++c) {
    const Characteristic& characteristic = characteristics[c];
    double points = characteristic.points[bins[c]];
    score += points;
    double shortfall = characteristic.max_points - points;
    if (shortfall <= 1e-9) continue;
    if (characteristic.inquiry && shortfall > inquiry_shortfall) {
      inquiry_shortfall = shortfall;
      inquiry_index = static_cast<int16_t>(c);
    }
    if (shortfall <= top[3]) continue;
    size_t at = 3;
    while (at > 0 && shortfall > top[at - 1]) {
      top[at] = top[at - 1];
      row.reasons[at] = row.reasons[at - 1];
      --at;
    }
    top[at] = shortfall;
    row.reasons[at] = static_cast<int16_t>(c);
  }
  if (inquiry_index >= 0 &&
      std::find(row.reasons.begin(), row.reasons.end(), inquiry_index) == row.reasons.end()) {
    row.inquiry_reason = inquiry_index;
  }
  row.pd = scaling.PdOfScore(score);
  row.score = scaling.Reported(score);
  return row;
}

Result<std::vector<const Column*>> BindColumns(const Scorecard& card, const Dataset& data) {
  std::vector<const Column*> columns;
  for (const Characteristic& characteristic : card.characteristics) {
    const Column* column = data.Find(characteristic.binning.variable);
    if (!column) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "the model needs column '" + characteristic.binning.variable +
                           "', which the data does not have",
                       data.source);
    }
    if (column->kind != characteristic.binning.kind) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "column '" + column->name + "' is " +
                           std::string(ColumnKindName(column->kind)) + " but the model expects " +
                           std::string(ColumnKindName(characteristic.binning.kind)),
                       data.source + " column " + column->name);
    }
    columns.push_back(column);
  }
  return columns;
}

Result<std::vector<ScoredRow>> ScoreDataset(const Scorecard& card, const Dataset& data) {
  CREDO_ASSIGN_OR_RETURN(auto columns, BindColumns(card, data));
  std::vector<ScoredRow> rows(data.rows);
  std::vector<size_t> bins(card.characteristics.size());
  for (size_t row = 0; row < data.rows; ++row) {
    for (size_t c = 0; c < columns.size(); ++c) {
      bins[c] = card.characteristics[c].binning.BinOf(*columns[c], row);
    }
    rows[row] = card.ScoreBins(bins.data());
  }
  return rows;
}

nlohmann::json PointsTableJson(const Scorecard& card) {
  nlohmann::json rows = nlohmann::json::array();
  rows.push_back({{"variable", "(base points)"}, {"bin", ""}, {"points", card.base_points}});
  for (const Characteristic& characteristic : card.characteristics) {
    for (size_t b = 0; b < characteristic.binning.bins.size(); ++b) {
      const Bin& bin = characteristic.binning.bins[b];
      rows.push_back({{"variable", characteristic.binning.variable},
                      {"bin", bin.Label()},
                      {"bin_index", b},
                      {"points", characteristic.points[b]},
                      {"woe", bin.woe},
                      {"count", bin.count},
                      {"bads", bin.bads}});
    }
  }
  return rows;
}

std::string PointsTableCsv(const Scorecard& card) {
  std::ostringstream out;
  auto quote = [](const std::string& text) {
    std::string quoted = "\"";
    for (char c : text) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    return quoted + "\"";
  };
  char number[64];
  out << "variable,bin,points,woe,count,bads\n";
  std::snprintf(number, sizeof(number), "%.4f", card.base_points);
  out << "(base points),," << number << ",,,\n";
  for (const Characteristic& characteristic : card.characteristics) {
    for (size_t b = 0; b < characteristic.binning.bins.size(); ++b) {
      const Bin& bin = characteristic.binning.bins[b];
      out << quote(characteristic.binning.variable) << ',' << quote(bin.Label()) << ',';
      std::snprintf(number, sizeof(number), "%.4f,%.6f", characteristic.points[b], bin.woe);
      out << number << ',' << bin.count << ',' << bin.bads << '\n';
    }
  }
  return out.str();
}

}  // namespace credo::model
