// credo decision: k-means segmentation of customers with k chosen by the silhouette, each
// segment described by its centroid in plain words.
//
// SegmentByKMeans standardises the clustering matrix (kmeans.h: missing -> mean), runs ChooseK
// over [k_min, k_max], then numbers segments by size (largest first) and describes each one:
// size and share, centroid z-scores, the members' mean of the raw values (missing left out) and
// tags (segment_tags.h). Errors: those of ChooseK (too few points, bad k range), and
// kInvalidArgument when values and raw disagree in shape or a column name is missing.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "decision/kmeans.h"
#include "decision/segment_tags.h"

namespace credo::decision {

struct SegmentationOptions {
  int k_min = 2;
  int k_max = 8;
  KMeansOptions kmeans;
  SilhouetteOptions silhouette;
  TagOptions tags;
};

struct Segment {
  int id = 0;  //!< 1 = largest
  int64_t size = 0;
  double share = 0;
  std::vector<double> centroid_z;
  std::vector<double> mean_raw;  //!< NaN when every member misses the value
  std::vector<SegmentTag> tags;
};

struct Segmentation {
  std::vector<std::string> attributes;
  int k = 0;
  double silhouette = 0;
  bool sampled_silhouette = false;  //!< n was above the silhouette sample size
  std::vector<KChoice> tried;
  std::vector<Segment> segments;
  std::vector<int> labels;  //!< segment id (1-based) of each row
  std::vector<int64_t> missing;  //!< missing cells per column (replaced by the mean)
};

Result<Segmentation> SegmentByKMeans(const RowMatrix& values, const RowMatrix& raw,
                                     const std::vector<std::string>& names,
                                     const SegmentationOptions& options = {});

}  // namespace credo::decision
