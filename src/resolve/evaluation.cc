#include "resolve/evaluation.h"

#include <unordered_map>

#include "resolve/blocking.h"

namespace credo::resolve {
namespace {

int64_t Choose2(int64_t n) { return n * (n - 1) / 2; }

PairMetrics Finish(int64_t true_pairs, int64_t predicted, int64_t positives) {
  PairMetrics metrics;
  metrics.true_pairs = true_pairs;
  metrics.predicted_pairs = predicted;
  metrics.true_positives = positives;
  metrics.precision = predicted == 0 ? 0.0 : static_cast<double>(positives) / predicted;
  metrics.recall = true_pairs == 0 ? 0.0 : static_cast<double>(positives) / true_pairs;
  double sum = metrics.precision + metrics.recall;
  metrics.f1 = sum == 0 ? 0.0 : 2 * metrics.precision * metrics.recall / sum;
  return metrics;
}

}  // namespace

int64_t CountTruePairs(const RecordTable& table, bool link) {
  std::unordered_map<uint32_t, std::pair<int64_t, int64_t>> sizes;
  for (size_t i = 0; i < table.size(); ++i) {
    if (table.truth(i) == 0) continue;
    auto& size = sizes[table.truth(i)];
    (table.side(i) == 0 ? size.first : size.second) += 1;
  }
  int64_t total = 0;
  for (const auto& [entity, size] : sizes) {
    total += link ? size.first * size.second : Choose2(size.first + size.second);
  }
  return total;
}

PairMetrics EvaluateClusters(const RecordTable& table, const std::vector<uint32_t>& cluster_of) {
  std::unordered_map<uint32_t, int64_t> cluster_sizes;
  std::unordered_map<uint64_t, int64_t> overlap;  // (cluster, entity) sizes
  for (size_t i = 0; i < table.size(); ++i) {
    ++cluster_sizes[cluster_of[i]];
    if (table.truth(i) != 0) ++overlap[uint64_t{cluster_of[i]} << 32 | table.truth(i)];
  }
  int64_t predicted = 0, positives = 0;
  for (const auto& [cluster, size] : cluster_sizes) predicted += Choose2(size);
  for (const auto& [key, size] : overlap) positives += Choose2(size);
  return Finish(CountTruePairs(table, false), predicted, positives);
}

PairMetrics EvaluateLinks(const RecordTable& table, const std::vector<Link>& links) {
  int64_t positives = 0;
  for (const auto& link : links) {
    uint32_t a = table.truth(link.left), b = table.truth(link.right);
    if (a != 0 && a == b) ++positives;
  }
  return Finish(CountTruePairs(table, true), static_cast<int64_t>(links.size()), positives);
}

double PairsCompleteness(const RecordTable& table, const std::vector<uint64_t>& pairs, bool link) {
  int64_t true_pairs = CountTruePairs(table, link);
  if (true_pairs == 0) return 0.0;
  int64_t found = 0;
  for (uint64_t pair : pairs) {
    uint32_t a = table.truth(PairFirst(pair)), b = table.truth(PairSecond(pair));
    if (a != 0 && a == b) ++found;
  }
  return static_cast<double>(found) / true_pairs;
}

}  // namespace credo::resolve
