#include "model/improvement.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace credo::model {
namespace {

// The words of a name, in lower case: split at any character that is not a letter or digit
// ('_', '-', ' ', '.'), between letters and digits, at a capital after a small letter
// ("NumberOfDependents") and at the last capital of a run before a small letter
// ("MSinceOldest"). Bytes of UTF-8 sequences stay inside words.
std::vector<std::string> Words(std::string_view text) {
  auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0; };
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < text.size(); ++i) {
    const int c = byte(i);
    if (c < 0x80 && !std::isalnum(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    const int previous = i == 0 ? 0 : byte(i - 1);
    if (!word.empty() && c < 0x80 && previous < 0x80) {
      const bool digit = std::isdigit(c) != 0;
      const bool after_digit = std::isdigit(previous) != 0;
      const bool capital = std::isupper(c) != 0;
      if (digit != after_digit || (capital && std::islower(previous)) ||
          (capital && std::isupper(previous) && std::islower(byte(i + 1)))) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    word.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string Points(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.0f", value);
  return buffer;
}

}  // namespace

bool IsFixedCharacteristic(std::string_view name, const ImprovementOptions& options) {
  const std::vector<std::string> words = Words(name);
  for (const std::string& fragment : options.fixed) {
    const std::vector<std::string> fixed = Words(fragment);
    if (fixed.empty()) continue;
    if (std::search(words.begin(), words.end(), fixed.begin(), fixed.end()) != words.end()) {
      return true;
    }
  }
  return false;
}

Result<ImprovementPlan> PlanImprovement(const Scorecard& card, const Dataset& data, size_t row,
                                        const ImprovementOptions& options) {
  if (row >= data.rows) {
    return MakeError(ErrorCode::kOutOfRange,
                     "row " + std::to_string(row) + " is past the end of the data (" +
                         std::to_string(data.rows) + " rows)",
                     data.source);
  }
  CREDO_ASSIGN_OR_RETURN(auto columns, BindColumns(card, data));
  std::vector<size_t> bins(card.characteristics.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    bins[c] = card.characteristics[c].binning.BinOf(*columns[c], row);
  }
  ImprovementPlan plan;
  plan.current_score = card.ScoreBins(bins.data()).score;
  std::vector<ImprovementStep> candidates;
  for (size_t c = 0; c < card.characteristics.size(); ++c) {
    const Characteristic& characteristic = card.characteristics[c];
    if (IsFixedCharacteristic(characteristic.binning.variable, options)) continue;
    const size_t current = bins[c];
    const double current_points = characteristic.points[current];
    const VariableBinning& binning = characteristic.binning;
    const bool from_regular = current < binning.RegularBins();
    std::optional<size_t> target;
    for (size_t b = 0; b < binning.RegularBins(); ++b) {
      if (characteristic.points[b] <= current_points + 1e-9) continue;
      if (!target) {
        target = b;
        continue;
      }
      if (from_regular) {
        size_t distance = b > current ? b - current : current - b;
        size_t best = *target > current ? *target - current : current - *target;
        if (distance < best ||
            (distance == best && characteristic.points[b] > characteristic.points[*target])) {
          target = b;
        }
      } else if (characteristic.points[b] > characteristic.points[*target]) {
        target = b;
      }
    }
    if (!target) continue;
    ImprovementStep step;
    step.characteristic = binning.variable;
    step.current_bin = binning.bins[current].Label();
    step.target_bin = binning.bins[*target].Label();
    step.points_gain = characteristic.points[*target] - current_points;
    step.new_score = plan.current_score + step.points_gain;
    step.text_en = "If " + step.characteristic + " were in " + step.target_bin + " instead of " +
                   step.current_bin + ", the current model would give about " +
                   Points(step.new_score) + " points (+" + Points(step.points_gain) +
                   "), other things unchanged. A simulation, not a promise.";
    step.text_zh = "若" + step.characteristic + "从" + step.current_bin + "变为" + step.target_bin +
                   "，在其他条件不变时，按当前模型评分约为" + Points(step.new_score) + "分（+" +
                   Points(step.points_gain) + "）。此为模拟结果，不构成承诺。";
    candidates.push_back(std::move(step));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const ImprovementStep& a, const ImprovementStep& b) {
                     return a.points_gain > b.points_gain;
                   });
  if (candidates.size() > options.max_steps) candidates.resize(options.max_steps);
  plan.combined_score = plan.current_score;
  for (const ImprovementStep& step : candidates) plan.combined_score += step.points_gain;
  plan.steps = std::move(candidates);
  plan.disclaimer_en =
      "These are simulations under the current scorecard. Scores depend on all information "
      "reported and on future model changes; no score is promised.";
  plan.disclaimer_zh = "以上为基于当前评分卡的模拟，实际评分取决于全部报送信息及模型调整，不作任何承诺。";
  return plan;
}

}  // namespace credo::model
