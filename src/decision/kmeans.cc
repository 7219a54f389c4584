#include "decision/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace credo::decision {

namespace {

//! SplitMix64: a tiny generator whose output is the same on every platform.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  //! Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  //! Uniform in [0, n).
  int64_t Below(int64_t n) { return static_cast<int64_t>(Uniform() * static_cast<double>(n)); }

 private:
  uint64_t state_;
};

//! Squared distances of every row to every centroid (n x k), through one matrix product.
Eigen::MatrixXd SquaredDistances(const RowMatrix& data, const Eigen::VectorXd& row_norms,
                                 const RowMatrix& centroids) {
  Eigen::MatrixXd d = -2.0 * (data * centroids.transpose());
  d.rowwise() += centroids.rowwise().squaredNorm().transpose();
  d.colwise() += row_norms;
  return d.cwiseMax(0.0);
}

RowMatrix SeedPlusPlus(const RowMatrix& data, int k, SplitMix64& rng) {
  const int64_t n = data.rows();
  RowMatrix centroids(k, data.cols());
  centroids.row(0) = data.row(rng.Below(n));
  Eigen::VectorXd closest = (data.rowwise() - centroids.row(0)).rowwise().squaredNorm();
  for (int c = 1; c < k; ++c) {
    const double total = closest.sum();
    int64_t chosen = n - 1;
    if (total <= 0) {
      chosen = rng.Below(n);  // every point sits on a centroid already
    } else {
      double target = rng.Uniform() * total;
      for (int64_t i = 0; i < n; ++i) {
        target -= closest[i];
        if (target < 0) {
          chosen = i;
          break;
        }
      }
    }
    centroids.row(c) = data.row(chosen);
    closest = closest.cwiseMin((data.rowwise() - centroids.row(c)).rowwise().squaredNorm());
  }
  return centroids;
}

KMeansResult Lloyd(const RowMatrix& data, const Eigen::VectorXd& row_norms, RowMatrix centroids,
                   int max_iterations) {
  const int64_t n = data.rows();
  const int k = static_cast<int>(centroids.rows());
  KMeansResult result;
  result.k = k;
  result.labels.assign(n, -1);
  // Stop when the centroids move less than 1e-4 times the mean column variance (squared shift
  // summed over centroids), or when no point changes cluster.
  const double variance =
      std::max(1e-12, ((data.rowwise() - data.colwise().mean()).array().square().colwise().sum() /
                       static_cast<double>(n))
                          .mean());
  const double tolerance = 1e-4 * variance;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    Eigen::MatrixXd distances = SquaredDistances(data, row_norms, centroids);
    bool changed = false;
    for (int64_t i = 0; i < n; ++i) {
      Eigen::Index best;
      distances.row(i).minCoeff(&best);
      if (result.labels[i] != static_cast<int>(best)) {
        result.labels[i] = static_cast<int>(best);
        changed = true;
      }
    }
    RowMatrix sums = RowMatrix::Zero(k, data.cols());
    std::vector<int64_t> counts(k, 0);
    for (int64_t i = 0; i < n; ++i) {
      sums.row(result.labels[i]) += data.row(i);
      ++counts[result.labels[i]];
    }
    RowMatrix updated = centroids;
    for (int c = 0; c < k; ++c) {
      if (counts[c] > 0) {
        updated.row(c) = sums.row(c) / static_cast<double>(counts[c]);
        continue;
      }
      // An empty cluster takes the point farthest from its own centroid.
      int64_t farthest = 0;
      double worst = -1;
      for (int64_t i = 0; i < n; ++i) {
        const double d = distances(i, result.labels[i]);
        if (d > worst) {
          worst = d;
          farthest = i;
        }
      }
      updated.row(c) = data.row(farthest);
      distances(farthest, result.labels[farthest]) = 0;
      changed = true;
    }
    const double shift = (updated - centroids).squaredNorm();
    centroids = std::move(updated);
    result.iterations = iteration;
    if (!changed || shift <= tolerance) {
      result.converged = true;
      break;
    }
  }
  // Final assignment against the final centroids, sizes and inertia.
  Eigen::MatrixXd distances = SquaredDistances(data, row_norms, centroids);
  result.sizes.assign(k, 0);
  result.inertia = 0;
  for (int64_t i = 0; i < n; ++i) {
    Eigen::Index best;
    result.inertia += distances.row(i).minCoeff(&best);
    result.labels[i] = static_cast<int>(best);
    ++result.sizes[best];
  }
  result.centroids = std::move(centroids);
  return result;
}

}  // namespace

Standardisation Standardise(const RowMatrix& data) {
  Standardisation out;
  const int64_t n = data.rows();
  const int64_t d = data.cols();
  out.means.assign(d, 0);
  out.deviations.assign(d, 0);
  out.missing.assign(d, 0);
  out.z = RowMatrix::Zero(n, d);
  for (int64_t j = 0; j < d; ++j) {
    double sum = 0;
    int64_t count = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double v = data(i, j);
      if (std::isnan(v)) {
        ++out.missing[j];
      } else {
        sum += v;
        ++count;
      }
    }
    const double mean = count > 0 ? sum / static_cast<double>(count) : 0;
    double squares = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double v = data(i, j);
      if (!std::isnan(v)) squares += (v - mean) * (v - mean);
    }
    const double sd = count > 0 ? std::sqrt(squares / static_cast<double>(count)) : 0;
    out.means[j] = mean;
    out.deviations[j] = sd > 1e-12 ? sd : 0;
    for (int64_t i = 0; i < n; ++i) {
      const double v = data(i, j);
      out.z(i, j) = (std::isnan(v) || out.deviations[j] == 0) ? 0 : (v - mean) / out.deviations[j];
    }
  }
  return out;
}

Result<KMeansResult> RunKMeans(const RowMatrix& data, int k, const KMeansOptions& options) {
  if (data.rows() == 0 || data.cols() == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "k-means needs at least one point and one column");
  }
  if (k < 2) return MakeError(ErrorCode::kInvalidArgument, "k must be at least 2", "k");
  if (k > data.rows()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "k = " + std::to_string(k) + " is more than the " +
                         std::to_string(data.rows()) + " points",
                     "k");
  }
  if (!data.allFinite()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "k-means needs finite values: standardise first (missing becomes the mean)");
  }
  const Eigen::VectorXd row_norms = data.rowwise().squaredNorm();
  KMeansResult best;
  bool have_best = false;
  for (int restart = 0; restart < std::max(1, options.restarts); ++restart) {
    SplitMix64 rng(options.seed * 1000003ULL + static_cast<uint64_t>(restart) * 7919ULL +
                   static_cast<uint64_t>(k));
    KMeansResult run =
        Lloyd(data, row_norms, SeedPlusPlus(data, k, rng), std::max(1, options.max_iterations));
    if (!have_best || run.inertia < best.inertia) {
      best = std::move(run);
      have_best = true;
    }
  }
  return best;
}

double Silhouette(const RowMatrix& data, const std::vector<int>& labels,
                  const SilhouetteOptions& options) {
  const int64_t n = data.rows();
  if (n < 2 || static_cast<int64_t>(labels.size()) != n) return 0;
  std::vector<int64_t> sample(n);
  std::iota(sample.begin(), sample.end(), 0);
  if (options.sample_size > 1 && n > options.sample_size) {
    // Partial Fisher-Yates: the first sample_size entries are a uniform sample.
    SplitMix64 rng(options.seed);
    for (int64_t i = 0; i < options.sample_size; ++i) {
      std::swap(sample[i], sample[i + rng.Below(n - i)]);
    }
    sample.resize(options.sample_size);
    std::sort(sample.begin(), sample.end());
  }
  const int64_t m = static_cast<int64_t>(sample.size());
  const int k = *std::max_element(labels.begin(), labels.end()) + 1;
  RowMatrix points(m, data.cols());
  std::vector<int> sample_labels(m);
  std::vector<int64_t> counts(k, 0);
  for (int64_t i = 0; i < m; ++i) {
    points.row(i) = data.row(sample[i]);
    sample_labels[i] = labels[sample[i]];
    ++counts[sample_labels[i]];
  }
  if (std::count_if(counts.begin(), counts.end(), [](int64_t c) { return c > 0; }) < 2) return 0;
  const Eigen::VectorXd norms = points.rowwise().squaredNorm();
  double total = 0;
  constexpr int64_t kBlock = 512;
  std::vector<double> sums(k);
  for (int64_t start = 0; start < m; start += kBlock) {
    const int64_t rows = std::min(kBlock, m - start);
    Eigen::MatrixXd d = -2.0 * (points.middleRows(start, rows) * points.transpose());
    d.rowwise() += norms.transpose();
    d.colwise() += norms.segment(start, rows);
    d = d.cwiseMax(0.0).cwiseSqrt();
    for (int64_t r = 0; r < rows; ++r) {
      const int64_t i = start + r;
      std::fill(sums.begin(), sums.end(), 0.0);
      for (int64_t j = 0; j < m; ++j) sums[sample_labels[j]] += d(r, j);
      const int own = sample_labels[i];
      if (counts[own] <= 1) continue;  // a point alone in its cluster scores 0
      const double a = sums[own] / static_cast<double>(counts[own] - 1);
      double b = std::numeric_limits<double>::infinity();
      for (int c = 0; c < k; ++c) {
        if (c != own && counts[c] > 0) b = std::min(b, sums[c] / static_cast<double>(counts[c]));
      }
      const double denominator = std::max(a, b);
      if (denominator > 0) total += (b - a) / denominator;
    }
  }
  return total / static_cast<double>(m);
}

Result<KSelection> ChooseK(const RowMatrix& data, int k_min, int k_max,
                           const KMeansOptions& kmeans, const SilhouetteOptions& silhouette) {
  if (k_min < 2 || k_max < k_min) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the k range must satisfy 2 <= k_min <= k_max, got " +
                         std::to_string(k_min) + ".." + std::to_string(k_max),
                     "k");
  }
  k_max = static_cast<int>(std::min<int64_t>(k_max, data.rows()));
  if (k_max < k_min) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "too few points (" + std::to_string(data.rows()) + ") for k = " +
                         std::to_string(k_min),
                     "k");
  }
  KSelection selection;
  bool have_best = false;
  for (int k = k_min; k <= k_max; ++k) {
    auto run = RunKMeans(data, k, kmeans);
    if (!run.ok()) return run.error();
    const double score = Silhouette(data, run->labels, silhouette);
    selection.tried.push_back(KChoice{k, score, run->inertia});
    if (!have_best || score > selection.best_silhouette + 1e-12) {
      selection.best = std::move(*run);
      selection.best_silhouette = score;
      have_best = true;
    }
  }
  return selection;
}

}  // namespace credo::decision
