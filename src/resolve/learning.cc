#include "resolve/learning.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <unordered_map>

namespace credo::resolve {
namespace {

constexpr double kMinProbability = 1e-7;

void Normalize(std::vector<double>* values) {
  double sum = 0;
  for (size_t l = 1; l < values->size(); ++l) sum += (*values)[l];
  if (sum <= 0) return;
  for (size_t l = 1; l < values->size(); ++l) {
    (*values)[l] = std::max((*values)[l] / sum, kMinProbability);
  }
}

}  // namespace

FsModel EstimateU(const RecordTable& table, const LearnOptions& options) {
  FsModel model;
  const auto& columns = table.columns();
  size_t n = table.size();
  size_t left = options.link ? table.side_size(0) : n;
  size_t right = options.link ? table.side_size(1) : n;
  std::vector<std::vector<double>> counts(columns.size());
  for (size_t f = 0; f < columns.size(); ++f) {
    counts[f].assign(columns[f].comparator->level_count(), 0.0);
  }
  if (n >= 2 && left > 0 && right > 0) {
    int threads = std::max(1, options.threads);
    std::vector<std::vector<std::vector<double>>> partial(threads, counts);
    auto worker = [&](int t) {
      std::mt19937_64 random(options.seed + 7919 * t);
      int64_t share = options.u_sample_pairs / threads;
      for (int64_t s = 0; s < share; ++s) {
        uint32_t a, b;
        if (options.link) {
          a = static_cast<uint32_t>(random() % left);
          b = static_cast<uint32_t>(left + random() % right);
        } else {
          a = static_cast<uint32_t>(random() % n);
          b = static_cast<uint32_t>(random() % n);
          if (a == b) continue;
        }
        ComparisonPattern pattern = ComparePair(table, a, b);
        for (size_t f = 0; f < columns.size(); ++f) partial[t][f][LevelOf(pattern, f)] += 1.0;
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    worker(0);
    for (auto& thread : pool) thread.join();
    for (int t = 0; t < threads; ++t) {
      for (size_t f = 0; f < columns.size(); ++f) {
        for (size_t l = 0; l < counts[f].size(); ++l) counts[f][l] += partial[t][f][l];
      }
    }
  }
  for (size_t f = 0; f < columns.size(); ++f) {
    const FieldColumn& column = columns[f];
    FieldModel field;
    field.name = column.spec.name;
    field.comparator = column.spec.comparator;
    field.term_frequency = column.spec.term_frequency;
    size_t levels = counts[f].size();
    field.u.assign(levels, 0.0);
    field.m.assign(levels, 0.0);
    // Exact level from value frequencies: the chance two random non-missing values are equal.
    double exact = 0.0;
    for (size_t v = 1; v < column.counts.size(); ++v) {
      double share = column.Frequency(static_cast<uint32_t>(v));
      exact += share * share;
    }
    exact = std::clamp(exact, 1e-9, 0.999);
    double rest = 0.0;
    for (size_t l = 1; l + 1 < levels; ++l) {
      field.u[l] = counts[f][l] + 0.5;  // smoothing: a level never seen is rare, not impossible
      rest += field.u[l];
    }
    for (size_t l = 1; l + 1 < levels; ++l) {
      field.u[l] = std::max((1.0 - exact) * field.u[l] / rest, kMinProbability);
    }
    field.u[levels - 1] = exact;
    model.fields.push_back(std::move(field));
  }
  return model;
}

namespace {

using DistinctPatterns = std::vector<std::pair<ComparisonPattern, double>>;

// Identical patterns aggregated (each with its count), in a deterministic order.
DistinctPatterns Aggregate(const std::vector<ComparisonPattern>& patterns, int threads) {
  threads = std::max(1, threads);
  std::vector<std::unordered_map<ComparisonPattern, double>> partial(threads);
  auto worker = [&](int t) {
    size_t begin = patterns.size() * t / threads;
    size_t end = patterns.size() * (t + 1) / threads;
    for (size_t i = begin; i < end; ++i) partial[t][patterns[i]] += 1.0;
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& thread : pool) thread.join();
  for (int t = 1; t < threads; ++t) {
    for (const auto& [pattern, count] : partial[t]) partial[0][pattern] += count;
  }
  DistinctPatterns distinct(partial[0].begin(), partial[0].end());
  std::sort(distinct.begin(), distinct.end());
  return distinct;
}

// EM over aggregated patterns with u fixed: lambda always, m too when `update_m` (from the
// usual start: the exact level most likely among matches). A field at level 0 in every pattern
// keeps its m.
void RunEm(const DistinctPatterns& distinct, const LearnOptions& options, bool update_m,
           FsModel* model) {
  const size_t fields = model->fields.size();
  if (update_m) {
    for (auto& field : model->fields) {
      size_t levels = field.m.size();
      for (size_t l = 1; l < levels; ++l) field.m[l] = std::pow(static_cast<double>(l), 3.0);
      field.m[levels - 1] *= 4;
      Normalize(&field.m);
    }
  }
  model->lambda = 0.1;
  model->converged = false;
  std::vector<std::vector<double>> m_sum(fields);
  double previous_likelihood = -1e300;
  int iteration = 0;
  for (; iteration < options.max_iterations; ++iteration) {
    for (size_t f = 0; f < fields; ++f) m_sum[f].assign(model->fields[f].m.size(), 0.0);
    double matches = 0.0, total = 0.0, likelihood = 0.0;
    for (const auto& [pattern, count] : distinct) {
      double log_m = 0.0, log_u = 0.0;
      for (size_t f = 0; f < fields; ++f) {
        int level = LevelOf(pattern, f);
        if (level == 0) continue;
        log_m += std::log(model->fields[f].m[level]);
        log_u += std::log(model->fields[f].u[level]);
      }
      double a = std::log(model->lambda) + log_m;
      double b = std::log(1.0 - model->lambda) + log_u;
      double top = std::max(a, b);
      double evidence = top + std::log(std::exp(a - top) + std::exp(b - top));
      double posterior = std::exp(a - evidence);
      likelihood += count * evidence;
      matches += count * posterior;
      total += count;
      if (!update_m) continue;
      for (size_t f = 0; f < fields; ++f) {
        int level = LevelOf(pattern, f);
        if (level != 0) m_sum[f][level] += count * posterior;
      }
    }
    if (update_m) {
      for (size_t f = 0; f < fields; ++f) {
        auto& m = model->fields[f].m;
        double sum = 0;
        for (size_t l = 1; l < m.size(); ++l) sum += m_sum[f][l];
        if (sum > 0) {
          for (size_t l = 1; l < m.size(); ++l) {
            m[l] = std::max(m_sum[f][l] / sum, kMinProbability);
          }
        }
      }
    }
    model->lambda = std::clamp(matches / total, 1e-9, 1.0 - 1e-9);
    if (std::abs(likelihood - previous_likelihood) <= options.tolerance * std::abs(likelihood)) {
      model->converged = true;
      ++iteration;
      break;
    }
    previous_likelihood = likelihood;
  }
  model->em_iterations = iteration;
}

}  // namespace

Status EstimateM(const std::vector<ComparisonPattern>& patterns, const LearnOptions& options,
                 FsModel* model) {
  if (patterns.empty()) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "no candidate pairs to learn from: blocking found no pair to compare");
  }
  RunEm(Aggregate(patterns, options.threads), options, true, model);
  return Ok();
}

Status EstimateMByPass(const std::vector<ComparisonPattern>& patterns,
                       const std::vector<uint32_t>& pass_masks,
                       const std::vector<std::vector<std::string>>& pass_fields,
                       const LearnOptions& options, FsModel* model) {
  if (pass_masks.size() != patterns.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "pass masks and patterns differ in length (" +
                         std::to_string(pass_masks.size()) + " and " +
                         std::to_string(patterns.size()) + ")");
  }
  // The fit over every candidate: the start, and m for a field every pass blocks on.
  CREDO_TRY(EstimateM(patterns, options, model));
  const size_t fields = model->fields.size();
  std::vector<std::vector<double>> m_total(fields);
  std::vector<double> weight_total(fields, 0.0);
  for (size_t f = 0; f < fields; ++f) m_total[f].assign(model->fields[f].m.size(), 0.0);
  int passes_used = 0;
  for (size_t p = 0; p < pass_fields.size() && p < 32; ++p) {
    // This pass's pairs agree on its key's fields by construction: leave those out.
    ComparisonPattern keep = ~ComparisonPattern{0};
    std::vector<bool> excluded(fields, false);
    for (size_t f = 0; f < fields; ++f) {
      const std::string& name = model->fields[f].name;
      if (std::find(pass_fields[p].begin(), pass_fields[p].end(), name) !=
          pass_fields[p].end()) {
        excluded[f] = true;
        keep &= ~(ComparisonPattern{0xF} << (4 * f));
      }
    }
    std::unordered_map<ComparisonPattern, double> counts;
    double pairs = 0;
    const uint32_t bit = uint32_t{1} << p;
    for (size_t i = 0; i < patterns.size(); ++i) {
      if ((pass_masks[i] & bit) == 0) continue;
      counts[patterns[i] & keep] += 1.0;
      pairs += 1.0;
    }
    if (pairs < options.min_pass_pairs) continue;
    DistinctPatterns distinct(counts.begin(), counts.end());
    std::sort(distinct.begin(), distinct.end());
    FsModel local = *model;
    RunEm(distinct, options, true, &local);
    // A pass whose fit calls (nearly) every pair a match has learnt nothing to separate them.
    if (local.lambda > options.max_pass_lambda) continue;
    double expected_matches = local.lambda * pairs;
    ++passes_used;
    for (size_t f = 0; f < fields; ++f) {
      if (excluded[f]) continue;
      for (size_t l = 1; l < local.fields[f].m.size(); ++l) {
        m_total[f][l] += expected_matches * local.fields[f].m[l];
      }
      weight_total[f] += expected_matches;
    }
  }
  if (passes_used == 0) return Ok();  // keep the fit over every candidate
  for (size_t f = 0; f < fields; ++f) {
    if (weight_total[f] <= 0) continue;
    auto& m = model->fields[f].m;
    for (size_t l = 1; l < m.size(); ++l) m[l] = m_total[f][l] / weight_total[f];
    Normalize(&m);
  }
  // The share of matches among all candidates, with m and u now fixed.
  int em_iterations = model->em_iterations;
  RunEm(Aggregate(patterns, options.threads), options, false, model);
  model->em_iterations += em_iterations;
  return Ok();
}

}  // namespace credo::resolve
