// k-means on hand-made clusters, the silhouette and the choice of k.
#include "decision/kmeans.h"

#include <cmath>
#include <limits>
#include <set>

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

// Points around the given centres on a deterministic grid of offsets (no randomness).
RowMatrix Blobs(const std::vector<std::pair<double, double>>& centres, int per_blob,
                double spread) {
  RowMatrix data(static_cast<Eigen::Index>(centres.size()) * per_blob, 2);
  Eigen::Index row = 0;
  for (const auto& [x, y] : centres) {
    for (int i = 0; i < per_blob; ++i) {
      const double angle = 2.399963 * i;  // golden angle: points spread round the centre
      const double radius = spread * std::sqrt((i + 0.5) / per_blob);
      data(row, 0) = x + radius * std::cos(angle);
      data(row, 1) = y + radius * std::sin(angle);
      ++row;
    }
  }
  return data;
}

TEST(KMeansTest, FindsThreeHandMadeClusters) {
  RowMatrix data = Blobs({{0, 0}, {10, 0}, {0, 10}}, 50, 1.0);
  auto result = RunKMeans(data, 3);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_TRUE(result->converged);
  // Every blob is one cluster, and the three clusters differ.
  std::set<int> labels;
  for (int blob = 0; blob < 3; ++blob) {
    const int label = result->labels[blob * 50];
    for (int i = 0; i < 50; ++i) EXPECT_EQ(result->labels[blob * 50 + i], label);
    labels.insert(label);
  }
  EXPECT_EQ(labels.size(), 3u);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(result->sizes[c], 50);
  // Centroids sit on the centres (the offsets are symmetric enough to average near zero).
  for (int c = 0; c < 3; ++c) {
    const double x = result->centroids(c, 0), y = result->centroids(c, 1);
    const double nearest = std::min({std::hypot(x, y), std::hypot(x - 10, y), std::hypot(x, y - 10)});
    EXPECT_LT(nearest, 0.2);
  }
}

TEST(KMeansTest, IsDeterministicForASeed) {
  RowMatrix data = Blobs({{0, 0}, {4, 0}, {2, 3}, {8, 8}}, 40, 2.0);
  auto a = RunKMeans(data, 4);
  auto b = RunKMeans(data, 4);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->labels, b->labels);
  EXPECT_DOUBLE_EQ(a->inertia, b->inertia);
}

TEST(KMeansTest, RefusesBadArguments) {
  RowMatrix data = Blobs({{0, 0}}, 5, 1.0);
  EXPECT_EQ(RunKMeans(data, 1).error().code, ErrorCode::kInvalidArgument);
  auto too_many = RunKMeans(data, 6);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().message.find("more than the 5 points"), std::string::npos);
  RowMatrix empty(0, 2);
  EXPECT_FALSE(RunKMeans(empty, 2).ok());
  data(0, 0) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(RunKMeans(data, 2).ok());
}

TEST(KMeansTest, StandardiseGivesZScoresAndFillsMissingWithTheMean) {
  RowMatrix data(4, 3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  data << 1, 5, 7,  //
      2, 5, nan,    //
      3, 5, 9,      //
      4, 5, 8;
  Standardisation s = Standardise(data);
  EXPECT_DOUBLE_EQ(s.means[0], 2.5);
  EXPECT_NEAR(s.deviations[0], std::sqrt(1.25), 1e-12);
  EXPECT_NEAR(s.z(0, 0), -1.5 / std::sqrt(1.25), 1e-12);
  EXPECT_EQ(s.deviations[1], 0);  // constant column
  EXPECT_EQ(s.z(2, 1), 0);
  EXPECT_EQ(s.missing[2], 1);
  EXPECT_DOUBLE_EQ(s.means[2], 8);
  EXPECT_EQ(s.z(1, 2), 0);  // the missing cell is the mean
  EXPECT_NEAR(s.z.col(0).mean(), 0, 1e-12);
}

TEST(SilhouetteTest, WellSeparatedClustersScoreNearOne) {
  RowMatrix data = Blobs({{0, 0}, {100, 0}}, 30, 1.0);
  std::vector<int> labels(60);
  for (int i = 30; i < 60; ++i) labels[i] = 1;
  EXPECT_GT(Silhouette(data, labels), 0.95);
  // Swapping half the labels makes it poor.
  for (int i = 0; i < 15; ++i) labels[i] = 1;
  EXPECT_LT(Silhouette(data, labels), 0.5);
}

TEST(SilhouetteTest, MatchesAHandComputedValue) {
  // Points 0, 1 in cluster 0 and 4 in cluster 1 (one dimension).
  RowMatrix data(3, 1);
  data << 0, 1, 4;
  std::vector<int> labels = {0, 0, 1};
  // s(0) = (4 - 1) / 4 = 0.75; s(1) = (3 - 1) / 3 = 2/3; s(2) = 0 (alone in its cluster).
  EXPECT_NEAR(Silhouette(data, labels), (0.75 + 2.0 / 3.0 + 0) / 3, 1e-12);
}

TEST(SilhouetteTest, SampledEstimateIsCloseToTheExactOne) {
  RowMatrix data = Blobs({{0, 0}, {6, 0}, {3, 5}}, 400, 3.0);
  auto run = RunKMeans(data, 3);
  ASSERT_TRUE(run.ok());
  SilhouetteOptions exact;
  exact.sample_size = 100000;
  SilhouetteOptions sampled;
  sampled.sample_size = 300;
  EXPECT_NEAR(Silhouette(data, run->labels, sampled), Silhouette(data, run->labels, exact), 0.05);
}

TEST(ChooseKTest, SilhouettePicksTheNumberOfBlobs) {
  for (int blobs : {2, 3, 4, 5}) {
    std::vector<std::pair<double, double>> centres;
    for (int b = 0; b < blobs; ++b) {
      centres.push_back({20.0 * std::cos(2 * M_PI * b / blobs), 20.0 * std::sin(2 * M_PI * b / blobs)});
    }
    RowMatrix data = Blobs(centres, 60, 2.0);
    auto choice = ChooseK(data, 2, 8);
    ASSERT_TRUE(choice.ok()) << choice.error().ToString();
    EXPECT_EQ(choice->best.k, blobs);
    EXPECT_EQ(choice->tried.size(), 7u);
    EXPECT_GT(choice->best_silhouette, 0.7);
  }
}

TEST(ChooseKTest, RefusesABadRange) {
  RowMatrix data = Blobs({{0, 0}}, 10, 1.0);
  EXPECT_FALSE(ChooseK(data, 1, 3).ok());
  EXPECT_FALSE(ChooseK(data, 4, 3).ok());
}

}  // namespace
}  // namespace credo::decision
