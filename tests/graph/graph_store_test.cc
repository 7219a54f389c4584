#include "graph/graph_store.h"

#include <gtest/gtest.h>

#include "graph/contact_components.h"
#include "graph/guarantee_circles.h"
#include "store_fixture.h"

namespace credo::graph {
namespace {

using GraphStoreTest = testing::StoreFixture;

Date Day(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

TEST_F(GraphStoreTest, BuildReadsSubjectsContactsRelationsAndStatements) {
  SubjectId alice = AddPerson("Alice Zhang", "+8613800000001", "alice@example.com");
  SubjectId bob = AddPerson("Bob Li", "+8613800000001");
  SubjectId carol = AddPerson("Carol Wu", "+8613800000002", "alice@example.com");
  SubjectId a = AddCompany("A Co");
  SubjectId b = AddCompany("B Co");
  Relate(alice, a, RelationKind::kShareholding, 60, 0);
  Relate(a, b, RelationKind::kGuarantee, 0, 500000);
  Relate(b, a, RelationKind::kGuarantee, 0, 300000);
  Relate(bob, a, RelationKind::kLegalRepresentative, 0, 0, 0, "法定代表人");
  Statement(a, Day(2024, 12, 31), 1000);
  Statement(a, Day(2025, 12, 31), 2000);  // the latest one counts
  BuildStats stats;
  auto graph = BuildGraph(*store_, &stats);
  ASSERT_TRUE(graph.ok()) << graph.error().ToString();
  EXPECT_EQ(stats.subjects, 5);
  EXPECT_EQ(stats.contact_points, 3);  // one shared phone, one other phone, one shared e-mail
  EXPECT_EQ(stats.contact_edges, 5);
  EXPECT_EQ(stats.relation_edges, 4);
  EXPECT_EQ(graph->currency(), "CNY");
  NodeId company = graph->NodeOf(a);
  ASSERT_NE(company, kNoNode);
  EXPECT_EQ(graph->kind(company), NodeKind::kOrganization);
  EXPECT_EQ(graph->facts(company).net_assets, 2000);
  auto circles = GuaranteeCircles(*graph);
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_EQ(circles[0].total_guaranteed, 800000);
  auto components = ContactComponents(*graph);
  ASSERT_EQ(components.components.size(), 1u);
  EXPECT_EQ(components.components[0].members, (std::vector<SubjectId>{alice, bob, carol}));
  // No clear identifier is held: contact nodes carry no subject and no text.
  for (NodeId node = 0; node < static_cast<NodeId>(graph->node_count()); ++node) {
    if (IsContactPoint(graph->kind(node))) {
      EXPECT_EQ(graph->subject_of(node), 0);
    }
  }
}

TEST_F(GraphStoreTest, OnlyRelationsInForceTodayAreEdges) {
  // A and B guaranteed each other; B's guarantee ended last year, so there is no circle. C's
  // guarantee of A begins next year; its guarantee of B ends today (the until day is the day it
  // ended) and one of B's ends tomorrow. Both update and full build agree.
  SubjectId a = AddCompany("A Co");
  SubjectId b = AddCompany("B Co");
  SubjectId c = AddCompany("C Co");
  const Date today = SystemClock().Today();
  Relate(a, b, RelationKind::kGuarantee, 0, 500000, 0, {}, today.AddYears(-2), std::nullopt);
  Relate(b, a, RelationKind::kGuarantee, 0, 300000, 0, {}, today.AddYears(-3), today.AddYears(-1));
  Relate(c, a, RelationKind::kGuarantee, 0, 100000, 0, {}, today.AddYears(1), std::nullopt);
  Relate(c, b, RelationKind::kGuarantee, 0, 100000, 0, {}, std::nullopt, today);  // ends today
  Relate(b, c, RelationKind::kGuarantee, 0, 100000, 0, {}, std::nullopt, today.AddDays(1));
  BuildStats stats;
  auto graph = BuildGraph(*store_, &stats);
  ASSERT_TRUE(graph.ok()) << graph.error().ToString();
  EXPECT_EQ(stats.relation_edges, 2);  // A->B and B->C (in force today, ends tomorrow)
  EXPECT_TRUE(GuaranteeCircles(*graph).empty());
  const SubjectId touched[] = {a, b, c};
  ASSERT_TRUE(UpdateGraphForSubjects(*store_, touched, *graph).ok());
  EXPECT_EQ(graph->edge_count(), 2u);
  EXPECT_TRUE(GuaranteeCircles(*graph).empty());
}

TEST_F(GraphStoreTest, UpdateAfterABatchTouchesOnlyItsSubjectsAndMatchesAFullBuild) {
  SubjectId a = AddCompany("A Co");
  SubjectId b = AddCompany("B Co");
  SubjectId c = AddCompany("C Co");
  Relate(a, b, RelationKind::kGuarantee, 0, 100);
  Relate(b, c, RelationKind::kGuarantee, 0, 100);
  auto graph = BuildGraph(*store_);
  ASSERT_TRUE(graph.ok());
  EXPECT_TRUE(GuaranteeCircles(*graph).empty());
  // A batch adds c -> a (closing the circle), a new company d guaranteed by c, and a statement.
  SubjectId d = AddCompany("D Co");
  BatchId batch = NewBatch("month2");
  Relate(c, a, RelationKind::kGuarantee, 0, 250, batch);
  Relate(c, d, RelationKind::kGuarantee, 0, 40, batch);
  Statement(b, Day(2025, 12, 31), 900, batch);
  auto update = UpdateGraphForBatch(*store_, batch, *graph);
  ASSERT_TRUE(update.ok()) << update.error().ToString();
  EXPECT_EQ(update->subjects_touched, 4);  // c, a, d (relations) and b (statement)
  EXPECT_EQ(update->nodes_added, 1);
  auto circles = GuaranteeCircles(*graph);
  ASSERT_EQ(circles.size(), 1u);
  EXPECT_EQ(circles[0].members.size(), 3u);
  EXPECT_EQ(circles[0].total_guaranteed, 450);
  EXPECT_EQ(graph->facts(graph->NodeOf(b)).net_assets, 900);
  auto full = BuildGraph(*store_);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->edge_count(), graph->edge_count());
  EXPECT_EQ(full->node_count(), graph->node_count());
  auto unknown = UpdateGraphForBatch(*store_, 999, *graph);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(GraphStoreTest, MergedSubjectsFollowTheirRedirect) {
  SubjectId one = AddPerson("Dan Ma", "+8613800000011");
  SubjectId two = AddPerson("Dan Ma", "+8613800000012");
  SubjectId company = AddCompany("E Co");
  Relate(two, company, RelationKind::kOfficer, 0, 0, 0, "director");
  auto graph = BuildGraph(*store_);
  ASSERT_TRUE(graph.ok());
  ASSERT_TRUE(store_->WithTransaction([&](Transaction& txn) { return txn.MergeSubjects(two, one); })
                  .ok());
  std::vector<SubjectId> touched{two};
  auto update = UpdateGraphForSubjects(*store_, touched, *graph);
  ASSERT_TRUE(update.ok()) << update.error().ToString();
  EXPECT_EQ(graph->Resolve(two), one);
  EXPECT_EQ(graph->NodeOf(two), graph->NodeOf(one));
  NodeId survivor = graph->NodeOf(one);
  int officer_edges = 0, phones = 0;
  for (EdgeIndex e : graph->OutEdges(survivor)) {
    if (graph->edge(e).kind == EdgeKind::kOfficer) ++officer_edges;
    if (graph->edge(e).kind == EdgeKind::kContact) ++phones;
  }
  EXPECT_EQ(officer_edges, 1);
  EXPECT_EQ(phones, 2);
  auto full = BuildGraph(*store_);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->NodeOf(two), full->NodeOf(one));
  EXPECT_EQ(RequireSubject(*full, 4242).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::graph
