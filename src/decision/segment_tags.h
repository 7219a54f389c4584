// credo decision: a segment's centroid in plain words (tags in English and Chinese).
//
// A tag is read from one standardised centroid value: an attribute whose centroid z-score is at
// or above +threshold gets its "high" phrase, at or below -threshold its "low" phrase (for
// example revolving_utilization high -> "high utilisation" / "额度使用率高", oldest account age
// high -> "long tenure" / "客户关系长", times_30dpd_6m high -> "recent delinquency" / "近期有逾期").
// Attributes without a phrase get a generic one built from their name ("high total_assets" /
// "total_assets偏高"). Tags are ordered by |z|, strongest first, at most max_tags; a centroid
// with no strong value is described as "close to the portfolio average" / "接近组合平均水平".
// Pure functions; the phrase table is immutable.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace credo::decision {

struct SegmentTag {
  std::string attribute;  //!< the attribute the tag reads (empty for the "average" tag)
  double z = 0;           //!< the centroid's standardised value
  std::string english;
  std::string chinese;
};

struct TagOptions {
  double threshold = 0.5;  //!< |z| at which an attribute is worth a tag
  int max_tags = 4;
};

//! Tags for a centroid `z` (standardised values, parallel to `attributes`).
std::vector<SegmentTag> DescribeCentroid(std::span<const std::string> attributes,
                                         std::span<const double> z, const TagOptions& options = {});

//! "high utilisation, long tenure" (or the Chinese phrases joined with "，").
std::string JoinTags(const std::vector<SegmentTag>& tags, bool chinese);

}  // namespace credo::decision
