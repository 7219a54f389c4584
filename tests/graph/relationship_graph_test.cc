#include "graph/relationship_graph.h"

#include <gtest/gtest.h>

#include "hand_graph.h"

namespace credo::graph {
namespace {

using testing::HandGraph;

TEST(RelationshipGraphTest, CsrAdjacencyListsEveryEdgeOnceEachWay) {
  RelationshipGraph graph =
      HandGraph().Company(1).Company(2).Company(3).Guarantee(1, 2, 100).Guarantee(1, 3, 200)
          .Guarantee(3, 1, 50).Holds(2, 3, 40).Build();
  ASSERT_EQ(graph.node_count(), 3u);
  ASSERT_EQ(graph.edge_count(), 4u);
  NodeId one = graph.NodeOf(1), two = graph.NodeOf(2), three = graph.NodeOf(3);
  EXPECT_EQ(graph.OutEdges(one).size(), 2u);
  EXPECT_EQ(graph.InEdges(one).size(), 1u);
  EXPECT_EQ(graph.OutEdges(two).size(), 1u);
  EXPECT_EQ(graph.InEdges(three).size(), 2u);
  int64_t total_out = 0, total_in = 0;
  for (NodeId node : {one, two, three}) {
    for (EdgeIndex e : graph.OutEdges(node)) {
      EXPECT_EQ(graph.edge(e).from, node);
      ++total_out;
    }
    for (EdgeIndex e : graph.InEdges(node)) {
      EXPECT_EQ(graph.edge(e).to, node);
      ++total_in;
    }
  }
  EXPECT_EQ(total_out, 4);
  EXPECT_EQ(total_in, 4);
  EXPECT_EQ(graph.NodeOf(99), kNoNode);
}

TEST(RelationshipGraphTest, RedirectsLeadMergedSubjectsToTheSurvivor) {
  RelationshipGraph graph = HandGraph().Person(5).Person(9).Build();
  graph.AddRedirect(7, 5);
  graph.AddRedirect(8, 7);
  graph.Finalize();
  EXPECT_EQ(graph.Resolve(8), 5);
  EXPECT_EQ(graph.NodeOf(8), graph.NodeOf(5));
  EXPECT_EQ(graph.Resolve(9), 9);
}

TEST(RelationshipGraphTest, ContactPointsAreSharedByKeyAndRemovalIsPerSubject) {
  RelationshipGraph graph =
      HandGraph().Person(1).Person(2).Phone(1, 42).Phone(2, 42).Email(2, 7).Build();
  EXPECT_EQ(graph.node_count(), 4u);  // two persons, one phone, one e-mail
  NodeId one = graph.NodeOf(1);
  NodeId phone = graph.edge(graph.OutEdges(one)[0]).to;
  EXPECT_EQ(graph.kind(phone), NodeKind::kPhone);
  EXPECT_EQ(graph.InEdges(phone).size(), 2u);
  EXPECT_EQ(graph.subject_of(phone), 0);
  // Re-adding the same key returns the same node.
  EXPECT_EQ(graph.AddContactPoint(42, NodeKind::kPhone), phone);
  std::vector<NodeId> touched{graph.NodeOf(2)};
  graph.RemoveEdgesTouching(touched);
  graph.Finalize();
  EXPECT_EQ(graph.InEdges(phone).size(), 1u);
  EXPECT_TRUE(graph.OutEdges(graph.NodeOf(2)).empty());
  EXPECT_GT(graph.MemoryBytes(), 0u);
}

TEST(RelationshipGraphTest, RolesAndKindsHaveNames) {
  RelationshipGraph graph =
      HandGraph().Person(1).Company(2).Edge(1, 2, EdgeKind::kOfficer, "财务负责人").Build();
  const Edge& edge = graph.edge(0);
  EXPECT_EQ(graph.role(edge), "财务负责人");
  EXPECT_EQ(EdgeKindName(edge.kind), "officer");
  EXPECT_EQ(EdgeKindOf(RelationKind::kGuarantee), EdgeKind::kGuarantee);
  EXPECT_EQ(NodeKindName(NodeKind::kEmail), "email");
}

}  // namespace
}  // namespace credo::graph
