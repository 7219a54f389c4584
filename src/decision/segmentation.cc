#include "decision/segmentation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace credo::decision {

Result<Segmentation> SegmentByKMeans(const RowMatrix& values, const RowMatrix& raw,
                                     const std::vector<std::string>& names,
                                     const SegmentationOptions& options) {
  if (values.rows() != raw.rows() || values.cols() != raw.cols() ||
      static_cast<size_t>(values.cols()) != names.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the clustering matrix, the raw matrix and the column names disagree");
  }
  const Standardisation standard = Standardise(values);
  auto selection = ChooseK(standard.z, options.k_min, options.k_max, options.kmeans,
                           options.silhouette);
  if (!selection.ok()) return selection.error();
  const KMeansResult& best = selection->best;

  Segmentation out;
  out.attributes = names;
  out.k = best.k;
  out.silhouette = selection->best_silhouette;
  out.sampled_silhouette = values.rows() > options.silhouette.sample_size;
  out.tried = selection->tried;
  out.missing = standard.missing;

  // Number segments by size, largest first (ties by the k-means label).
  std::vector<int> order(best.k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return best.sizes[a] > best.sizes[b]; });
  std::vector<int> id_of(best.k);
  for (int rank = 0; rank < best.k; ++rank) id_of[order[rank]] = rank + 1;
  out.labels.resize(best.labels.size());
  for (size_t i = 0; i < best.labels.size(); ++i) out.labels[i] = id_of[best.labels[i]];

  const Eigen::Index d = values.cols();
  for (int rank = 0; rank < best.k; ++rank) {
    const int cluster = order[rank];
    Segment segment;
    segment.id = rank + 1;
    segment.size = best.sizes[cluster];
    segment.share = static_cast<double>(segment.size) / static_cast<double>(values.rows());
    segment.centroid_z.resize(d);
    for (Eigen::Index j = 0; j < d; ++j) segment.centroid_z[j] = best.centroids(cluster, j);
    std::vector<double> sums(d, 0);
    std::vector<int64_t> counts(d, 0);
    for (Eigen::Index i = 0; i < raw.rows(); ++i) {
      if (best.labels[i] != cluster) continue;
      for (Eigen::Index j = 0; j < d; ++j) {
        if (std::isnan(raw(i, j))) continue;
        sums[j] += raw(i, j);
        ++counts[j];
      }
    }
    segment.mean_raw.resize(d);
    for (Eigen::Index j = 0; j < d; ++j) {
      segment.mean_raw[j] = counts[j] > 0 ? sums[j] / static_cast<double>(counts[j])
                                          : std::numeric_limits<double>::quiet_NaN();
    }
    segment.tags = DescribeCentroid(names, segment.centroid_z, options.tags);
    out.segments.push_back(std::move(segment));
  }
  return out;
}

}  // namespace credo::decision
