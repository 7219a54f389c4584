#include "graph/neighbourhood.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hand_graph.h"

namespace credo::graph {
namespace {

using testing::HandGraph;

TEST(NeighbourhoodTest, DepthLimitsTheBreadthFirstWalkBothWays) {
  // 10 -holds-> 1 -guarantees-> 2 -guarantees-> 3; 4 guarantees 1.
  auto graph = HandGraph().Person(10).Company(1).Company(2).Company(3).Company(4)
                   .Holds(10, 1, 55.5).Guarantee(1, 2, 700).Guarantee(2, 3, 1).Guarantee(4, 1, 9)
                   .Build();
  auto depth1 = NeighbourhoodOf(graph, 1, {.depth = 1});
  ASSERT_TRUE(depth1.ok());
  EXPECT_EQ(depth1->nodes.size(), 4u);  // 1, 10, 2, 4
  EXPECT_EQ(depth1->nodes[0].subject_id, 1);
  EXPECT_EQ(depth1->nodes[0].depth, 0);
  EXPECT_EQ(depth1->edges.size(), 3u);
  auto depth2 = NeighbourhoodOf(graph, 1, {.depth = 2});
  EXPECT_EQ(depth2->nodes.size(), 5u);
  EXPECT_EQ(depth2->edges.size(), 4u);
  auto zero = NeighbourhoodOf(graph, 1, {.depth = 0});
  EXPECT_EQ(zero->nodes.size(), 1u);
  EXPECT_TRUE(zero->edges.empty());
}

TEST(NeighbourhoodTest, BusyContactPointsAreShownButNotExpanded) {
  HandGraph hand;
  for (SubjectId id = 1; id <= 5; ++id) hand.Person(id).Phone(id, 99);
  hand.Person(6).Phone(1, 7).Phone(6, 7);
  auto graph = hand.Build();
  NeighbourhoodOptions options;
  options.depth = 2;
  options.contact_degree_cap = 3;
  auto hood = NeighbourhoodOf(graph, 1, options);
  ASSERT_TRUE(hood.ok());
  // 1, the busy phone (not expanded), the small phone, and 6 through it.
  EXPECT_EQ(hood->nodes.size(), 4u);
  bool busy_seen = false;
  for (const auto& node : hood->nodes) {
    if (node.label == "phone held by 5 subjects") busy_seen = true;
  }
  EXPECT_TRUE(busy_seen);
}

TEST(NeighbourhoodTest, JsonFormCarriesNodesAndEdgesWithKinds) {
  auto graph = HandGraph().Person(10).Company(1).Company(2).Holds(10, 1, 33.33)
                   .Guarantee(1, 2, 12345).Build();
  auto hood = NeighbourhoodOf(graph, 1);
  ASSERT_TRUE(hood.ok());
  auto json = nlohmann::json::parse(NeighbourhoodToJson(*hood, "CNY"));
  EXPECT_EQ(json["center"], 1);
  EXPECT_EQ(json["nodes"].size(), 3u);
  ASSERT_EQ(json["edges"].size(), 2u);
  bool holding = false, guarantee = false;
  for (const auto& edge : json["edges"]) {
    if (edge["kind"] == "shareholding") {
      holding = true;
      EXPECT_DOUBLE_EQ(edge["percent"].get<double>(), 33.33);
    }
    if (edge["kind"] == "guarantee") {
      guarantee = true;
      EXPECT_EQ(edge["amount_minor"], 12345);
      EXPECT_EQ(edge["currency"], "CNY");
    }
  }
  EXPECT_TRUE(holding && guarantee);
}

TEST(NeighbourhoodTest, BadInputIsRefused) {
  auto graph = HandGraph().Company(1).Build();
  EXPECT_EQ(NeighbourhoodOf(graph, 2).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(NeighbourhoodOf(graph, 1, {.depth = 9}).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace credo::graph
