#include "resolve/clustering.h"

#include <gtest/gtest.h>

#include "test_tables.h"

namespace credo::resolve {
namespace {

// A model where any compared agreement is strong evidence, so tests control links by weights.
FsModel FlatModel(const RecordTable& table) {
  FsModel model;
  model.lambda = 0.5;
  for (const auto& column : table.columns()) {
    int levels = column.comparator->level_count();
    FieldModel field{column.spec.name, column.spec.comparator, false, {}, {}};
    field.m.assign(levels, 0.1);
    field.u.assign(levels, 0.1);
    field.m[levels - 1] = 0.9;
    field.u[levels - 1] = 0.01;
    field.m[1] = 0.01;
    field.u[1] = 0.9;
    model.fields.push_back(field);
  }
  return model;
}

TEST(ClusteringTest, ThresholdAndTransitivity) {
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {std::string(testing::kPersonHeader) +
                                    "a,x,,,,,,,,1\nb,x,,,,,,,,1\nc,x,,,,,,,,1\nd,y,,,,,,,,2\n"});
  ASSERT_TRUE(built.ok());
  const RecordTable& table = built->table;
  ClusterOptions options;
  options.split_weak_links = false;
  auto clustering = ClusterRecords(table, FlatModel(table),
                                   {{0, 1, 10.0f}, {1, 2, 8.0f}, {2, 3, -3.0f}}, options);
  EXPECT_EQ(clustering.clusters, 2);
  EXPECT_EQ(clustering.cluster_of[0], clustering.cluster_of[2]);
  EXPECT_NE(clustering.cluster_of[0], clustering.cluster_of[3]);
  EXPECT_EQ(clustering.cluster_of[0], 0u);  // dense ids in record order
}

TEST(ClusteringTest, TwoDifferentStrongIdentifiersNeverJoin) {
  // a and c share a valid SSN; b has a different valid SSN; strong name agreement links all.
  auto built = testing::BuildTable(testing::PersonMapping("us_ssn"),
                                   {std::string(testing::kPersonHeader) +
                                    "a,ann,lee,,123-45-6789,,,,,1\n"
                                    "b,ann,lee,,234-56-7890,,,,,2\n"
                                    "c,bob,kim,,123456789,,,,,1\n"
                                    "d,ann,lee,,,,,,,1\n"});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const RecordTable& table = built->table;
  ClusterOptions options;
  auto clustering = ClusterRecords(table, FlatModel(table),
                                   {{0, 1, 20.0f}, {1, 3, 19.0f}, {0, 3, 18.0f}}, options);
  EXPECT_EQ(clustering.cluster_of[0], clustering.cluster_of[2]);  // deterministic link
  EXPECT_NE(clustering.cluster_of[0], clustering.cluster_of[1]);  // hard constraint
  EXPECT_EQ(clustering.strong_identifier_joins, 1);
  EXPECT_GE(clustering.constraint_refusals, 1);
  EXPECT_EQ(clustering.constraint_violations, 0);
}

TEST(ClusteringTest, WeakBridgeBetweenGroupsIsSplit) {
  // {a,b,c} and {d,e,f} are tight groups; c-d is one weak link and nothing else crosses.
  std::string csv = testing::kPersonHeader;
  csv += "a,ann,lee,19800101,,,,,,1\nb,ann,lee,19800101,,,,,,1\nc,ann,lee,19800101,,,,,,1\n";
  csv += "d,bob,kim,19700505,,,,,,2\ne,bob,kim,19700505,,,,,,2\nf,bob,kim,19700505,,,,,,2\n";
  auto built = testing::BuildTable(testing::PersonMapping(), {csv});
  ASSERT_TRUE(built.ok());
  const RecordTable& table = built->table;
  std::vector<ScoredPair> scored = {{0, 1, 12}, {1, 2, 12}, {0, 2, 12}, {3, 4, 12},
                                    {4, 5, 12}, {3, 5, 12}, {2, 3, 1.5f}};
  ClusterOptions options;
  // Average linkage already refuses to join the two groups over the weak link.
  auto linked = ClusterRecords(table, FlatModel(table), scored, options);
  EXPECT_EQ(linked.clusters, 2);
  EXPECT_EQ(linked.average_linkage_refusals, 1);
  // Without it, the split after clustering cuts the weak bridge.
  options.min_average_probability = 0;
  auto split = ClusterRecords(table, FlatModel(table), scored, options);
  EXPECT_EQ(split.clusters, 2);
  EXPECT_EQ(split.weak_link_splits, 1);
  options.split_weak_links = false;
  auto whole = ClusterRecords(table, FlatModel(table), scored, options);
  EXPECT_EQ(whole.clusters, 1);
}

TEST(ClusteringTest, AverageLinkageStopsChains) {
  // a~b and c~d are strong pairs; b~c is a strong-looking link between two different people.
  std::string csv = testing::kPersonHeader;
  csv += "a,ann,lee,19800101,,,,,,1\nb,ann,lee,19800101,,,,,,1\n";
  csv += "c,bob,kim,19700505,,,,,,2\nd,bob,kim,19700505,,,,,,2\n";
  auto built = testing::BuildTable(testing::PersonMapping(), {csv});
  ASSERT_TRUE(built.ok());
  auto clustering = ClusterRecords(built->table, FlatModel(built->table),
                                   {{0, 1, 20}, {2, 3, 20}, {1, 2, 15}}, ClusterOptions{});
  EXPECT_EQ(clustering.clusters, 2);
  EXPECT_NE(clustering.cluster_of[1], clustering.cluster_of[2]);
}

TEST(ClusteringTest, EmptyRecordsStayAlone) {
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {std::string(testing::kPersonHeader) + "a,,,,,,,,,1\nb,,,,,,,,,1\n"});
  ASSERT_TRUE(built.ok());
  auto clustering = ClusterRecords(built->table, FlatModel(built->table), {{0, 1, 50}}, {});
  EXPECT_EQ(clustering.clusters, 2);
  EXPECT_EQ(clustering.singleton_empty, 2);
}

TEST(SelectLinksTest, ThresholdStrongIdentifiersAndOneToOne) {
  std::string header = testing::kPersonHeader;
  auto built = testing::BuildTable(testing::PersonMapping("us_ssn"),
                                   {header + "l0,ann,lee,,123-45-6789,,,,,1\nl1,bob,kim,,,,,,,2\n",
                                    header + "r0,ann,lee,,234-56-7890,,,,,3\n"
                                             "r1,bob,kim,,,,,,,2\nr2,ann,lee,,123456789,,,,,1\n"});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  const RecordTable& table = built->table;
  // Indexes: l0=0 l1=1 r0=2 r1=3 r2=4.
  std::vector<ScoredPair> scored = {{0, 2, 15}, {1, 3, 9}, {1, 4, 8}, {0, 4, -5}};
  LinkOptions options;
  auto linking = SelectLinks(table, scored, options);
  EXPECT_EQ(linking.constraint_refusals, 1);      // l0-r0: different valid SSNs
  EXPECT_EQ(linking.strong_identifier_links, 1);  // l0-r2: same SSN despite weight -5
  EXPECT_EQ(linking.links.size(), 3u);
  options.one_to_one = true;
  auto one = SelectLinks(table, scored, options);
  EXPECT_EQ(one.links.size(), 2u);
  EXPECT_EQ(one.one_to_one_dropped, 1);
}

}  // namespace
}  // namespace credo::resolve
