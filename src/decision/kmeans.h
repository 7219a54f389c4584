// credo decision: k-means clustering with k chosen by the silhouette (numeric core of segmentation).
//
// Standardise turns columns into z-scores (mean 0, population standard deviation 1); a constant
// column becomes all zeros and a missing value (NaN) becomes 0, the column mean. RunKMeans seeds
// with k-means++ from a fixed seed (SplitMix64, so results are identical on every platform), runs
// Lloyd iterations until no point changes cluster (or max_iterations), repeats from `restarts`
// seeds and keeps the lowest inertia. Silhouette is the mean of (b - a) / max(a, b) with Euclidean
// distances; when n exceeds sample_size it is computed on a deterministic random sample of
// sample_size points against that sample only (the sampled silhouette; the same estimate
// scikit-learn's silhouette_score(sample_size=...) makes). ChooseK tries every k in [k_min, k_max]
// and keeps the highest silhouette (the smaller k on a tie).
// Errors: kInvalidArgument for an empty matrix, k < 2, or k larger than the number of points.
// All functions are pure and deterministic; thread-compatible.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "core/result.h"

namespace credo::decision {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Standardisation {
  std::vector<double> means;
  std::vector<double> deviations;  //!< population standard deviation; 0 for a constant column
  std::vector<int64_t> missing;    //!< NaN cells per column (replaced by the mean)
  RowMatrix z;                     //!< the standardised data
};
Standardisation Standardise(const RowMatrix& data);

struct KMeansOptions {
  uint64_t seed = 42;
  int max_iterations = 100;
  int restarts = 3;  //!< independent k-means++ seedings; the lowest inertia wins
};

struct KMeansResult {
  int k = 0;
  RowMatrix centroids;       //!< k x d, in the space of the input
  std::vector<int> labels;   //!< cluster of each row, 0..k-1
  std::vector<int64_t> sizes;
  double inertia = 0;        //!< sum of squared distances to the assigned centroid
  int iterations = 0;        //!< Lloyd iterations of the kept run
  bool converged = false;
};
Result<KMeansResult> RunKMeans(const RowMatrix& data, int k, const KMeansOptions& options = {});

struct SilhouetteOptions {
  int64_t sample_size = 4000;  //!< above this many points, use a sample of this size
  uint64_t seed = 7;
};
//! Mean silhouette of `labels` on `data` (exact when n <= sample_size). 0 when only one cluster
//! is present in the (sampled) points; a point alone in its cluster scores 0.
double Silhouette(const RowMatrix& data, const std::vector<int>& labels,
                  const SilhouetteOptions& options = {});

struct KChoice {
  int k = 0;
  double silhouette = 0;
  double inertia = 0;
};
struct KSelection {
  std::vector<KChoice> tried;  //!< one per k, ascending
  KMeansResult best;
  double best_silhouette = 0;
};
Result<KSelection> ChooseK(const RowMatrix& data, int k_min, int k_max,
                           const KMeansOptions& kmeans = {},
                           const SilhouetteOptions& silhouette = {});

}  // namespace credo::decision
