#include "graph/contact_components.h"

#include <gtest/gtest.h>

#include "hand_graph.h"

namespace credo::graph {
namespace {

using testing::HandGraph;

TEST(ContactComponentsTest, SharedPhonesAndEmailsJoinSubjectsTransitively) {
  // 1-2 share a phone, 2-3 share an e-mail, 4-5 share a phone; 6 shares nothing.
  auto graph = HandGraph().Person(1).Person(2).Person(3).Person(4).Person(5).Person(6)
                   .Phone(1, 11).Phone(2, 11).Email(2, 22).Email(3, 22).Phone(4, 33).Phone(5, 33)
                   .Phone(6, 44).Build();
  auto result = ContactComponents(graph);
  ASSERT_EQ(result.components.size(), 2u);
  EXPECT_EQ(result.components[0].members, (std::vector<SubjectId>{1, 2, 3}));
  EXPECT_EQ(result.components[0].shared_contact_points, 2);
  EXPECT_EQ(result.components[0].phones, 1);
  EXPECT_EQ(result.components[0].emails, 1);
  EXPECT_EQ(result.components[1].members, (std::vector<SubjectId>{4, 5}));
  EXPECT_EQ(result.subjects_in_components, 5);
}

TEST(ContactComponentsTest, DegreeCapKeepsASwitchboardFromJoiningEveryone) {
  HandGraph hand;
  for (SubjectId id = 1; id <= 12; ++id) hand.Person(id).Phone(id, 500);  // office switchboard
  hand.Phone(1, 600).Phone(2, 600);                                       // a real shared phone
  auto graph = hand.Build();
  ContactComponentOptions options;
  options.degree_cap = 10;
  auto result = ContactComponents(graph, options);
  EXPECT_EQ(result.capped_contact_points, 1);
  ASSERT_EQ(result.components.size(), 1u);
  EXPECT_EQ(result.components[0].members, (std::vector<SubjectId>{1, 2}));
  options.degree_cap = 12;
  auto uncapped = ContactComponents(graph, options);
  ASSERT_EQ(uncapped.components.size(), 1u);
  EXPECT_EQ(uncapped.components[0].members.size(), 12u);
}

TEST(ContactComponentsTest, SharedContactRelationsJoinToo) {
  auto graph = HandGraph().Person(1).Person(2).Person(3).Phone(2, 8).Phone(3, 8)
                   .Edge(1, 2, EdgeKind::kSharedContact, "address").Build();
  auto result = ContactComponents(graph);
  ASSERT_EQ(result.components.size(), 1u);
  EXPECT_EQ(result.components[0].members, (std::vector<SubjectId>{1, 2, 3}));
  EXPECT_EQ(result.components[0].shared_contact_relations, 1);
  auto of = ContactComponentOf(graph, 3);
  EXPECT_EQ(of.members, (std::vector<SubjectId>{1, 2, 3}));
  EXPECT_EQ(ContactComponentOf(graph, 77).members, (std::vector<SubjectId>{77}));
}

TEST(ContactComponentsTest, MinSizeFiltersSmallGroups) {
  auto graph = HandGraph().Person(1).Person(2).Phone(1, 5).Phone(2, 5).Build();
  ContactComponentOptions options;
  options.min_size = 3;
  EXPECT_TRUE(ContactComponents(graph, options).components.empty());
}

}  // namespace
}  // namespace credo::graph
