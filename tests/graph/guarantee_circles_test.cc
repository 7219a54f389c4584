#include "graph/guarantee_circles.h"

#include <gtest/gtest.h>

#include "hand_graph.h"

namespace credo::graph {
namespace {

using testing::HandGraph;

std::vector<SubjectId> Members(const GuaranteeCircle& circle) {
  std::vector<SubjectId> ids;
  for (const auto& m : circle.members) ids.push_back(m.subject_id);
  return ids;
}

TEST(GuaranteeCirclesTest, MutualGuaranteeIsACircleOfTwo) {
  auto graph = HandGraph().Company(1, 1000).Company(2, 500).Company(3)
                   .Guarantee(1, 2, 300).Guarantee(2, 1, 400).Guarantee(3, 1, 100).Build();
  auto circles = GuaranteeCircles(graph);
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_EQ(Members(circles[0]), (std::vector<SubjectId>{1, 2}));
  EXPECT_EQ(circles[0].id, 1);
  EXPECT_EQ(circles[0].internal_guarantees, 2);
  EXPECT_EQ(circles[0].total_guaranteed, 700);
  const CircleMember& first = circles[0].members[0];
  EXPECT_EQ(first.guarantees_given_inside, 300);
  EXPECT_EQ(first.guarantees_received_inside, 400);
  ASSERT_TRUE(first.leverage.has_value());
  EXPECT_DOUBLE_EQ(*first.leverage, 0.3);
  EXPECT_DOUBLE_EQ(*circles[0].members[1].leverage, 0.8);
}

TEST(GuaranteeCirclesTest, ChainCircleAndItsTailAreTold) {
  // 1 -> 2 -> 3 -> 1 is a chain circle; 4 guarantees 1 from outside, 3 also guarantees 5.
  auto graph = HandGraph().Company(1).Company(2).Company(3).Company(4).Company(5)
                   .Guarantee(1, 2, 10).Guarantee(2, 3, 20).Guarantee(3, 1, 30)
                   .Guarantee(4, 1, 40).Guarantee(3, 5, 50).Build();
  auto circles = GuaranteeCircles(graph);
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_EQ(Members(circles[0]), (std::vector<SubjectId>{1, 2, 3}));
  EXPECT_EQ(circles[0].total_guaranteed, 60);
  EXPECT_EQ(circles[0].members[2].guarantees_given_total, 80);
  EXPECT_EQ(circles[0].members[2].guarantees_given_inside, 30);
  EXPECT_FALSE(circles[0].members[0].net_assets.has_value());
  EXPECT_FALSE(circles[0].members[0].leverage.has_value());
}

TEST(GuaranteeCirclesTest, CrossedCirclesMergeIntoOneComponent) {
  // Two chains crossing at 3: 1->2->3->1 and 3->4->5->3; separately 6<->7.
  auto graph = HandGraph().Company(1).Company(2).Company(3).Company(4).Company(5).Company(6)
                   .Company(7).Guarantee(1, 2, 1).Guarantee(2, 3, 1).Guarantee(3, 1, 1)
                   .Guarantee(3, 4, 1).Guarantee(4, 5, 1).Guarantee(5, 3, 1)
                   .Guarantee(6, 7, 1).Guarantee(7, 6, 1).Build();
  auto circles = GuaranteeCircles(graph);
  ASSERT_EQ(circles.size(), 2u);
  EXPECT_EQ(Members(circles[0]), (std::vector<SubjectId>{1, 2, 3, 4, 5}));
  EXPECT_EQ(circles[0].internal_guarantees, 6);
  EXPECT_EQ(circles[0].members[2].out_degree_inside, 2);
  EXPECT_EQ(Members(circles[1]), (std::vector<SubjectId>{6, 7}));
  CircleOptions big;
  big.min_size = 3;
  EXPECT_EQ(GuaranteeCircles(graph, big).size(), 1u);
}

TEST(GuaranteeCirclesTest, OtherEdgeKindsAndAcyclicGuaranteesMakeNoCircle) {
  auto graph = HandGraph().Company(1).Company(2).Company(3).Guarantee(1, 2, 5)
                   .Guarantee(2, 3, 5).Holds(3, 1, 60).Guarantee(1, 3, 5).Build();
  EXPECT_TRUE(GuaranteeCircles(graph).empty());
}

TEST(GuaranteeCirclesTest, SelfGuaranteeOnlyWithMinSizeOne) {
  auto graph = HandGraph().Company(1).Guarantee(1, 1, 5).Build();
  EXPECT_TRUE(GuaranteeCircles(graph).empty());
  CircleOptions one;
  one.min_size = 1;
  ASSERT_EQ(GuaranteeCircles(graph, one).size(), 1u);
}

TEST(GuaranteeCirclesTest, LongCycleOfTwoHundredThousandNodesNeedsNoRecursion) {
  HandGraph hand;
  const SubjectId n = 200000;
  for (SubjectId id = 1; id <= n; ++id) hand.Company(id);
  for (SubjectId id = 1; id <= n; ++id) hand.Guarantee(id, id % n + 1, 1);
  auto graph = hand.Build();
  auto circles = GuaranteeCircles(graph);
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_EQ(circles[0].members.size(), static_cast<size_t>(n));
  EXPECT_EQ(circles[0].total_guaranteed, n);
}

TEST(GuaranteeCirclesTest, ClosesCircleFindsThePathANewGuaranteeWouldClose) {
  auto graph = HandGraph().Company(1).Company(2).Company(3).Company(4)
                   .Guarantee(1, 2, 1).Guarantee(2, 3, 1).Build();
  auto closes = ClosesCircle(graph, 3, 1);  // 1 -> 2 -> 3 exists; 3 -> 1 closes it
  ASSERT_TRUE(closes.ok());
  EXPECT_TRUE(closes->closes);
  EXPECT_EQ(closes->path, (std::vector<SubjectId>{1, 2, 3}));
  auto open = ClosesCircle(graph, 1, 4);
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(open->closes);
  EXPECT_TRUE(open->path.empty());
  auto unknown = ClosesCircle(graph, 1, 77);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().message.find("subject 77 is not in the bureau"), std::string::npos);
}

TEST(GuaranteeCirclesTest, SccNumbersEveryNode) {
  auto graph = HandGraph().Company(1).Company(2).Company(3).Guarantee(1, 2, 1)
                   .Guarantee(2, 1, 1).Build();
  int32_t count = 0;
  auto component = StronglyConnectedComponents(graph, EdgeKind::kGuarantee, &count);
  EXPECT_EQ(count, 2);
  EXPECT_EQ(component[graph.NodeOf(1)], component[graph.NodeOf(2)]);
  EXPECT_NE(component[graph.NodeOf(1)], component[graph.NodeOf(3)]);
}

}  // namespace
}  // namespace credo::graph
