#include "decision/manager_assignment.h"

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

TEST(ManagerAssignmentTest, ReadsAssignments) {
  auto assignment = ParseManagerAssignment("subject,manager\n1,Wang Fang\n2,Li Na\n", "m.csv");
  ASSERT_TRUE(assignment.ok());
  EXPECT_EQ(assignment->ManagerOf(2), "Li Na");
  EXPECT_EQ(assignment->ManagerOf(3), "(unassigned)");
}

TEST(ManagerAssignmentTest, BadLinesAreNamed) {
  auto assignment = ParseManagerAssignment(
      "subject,manager\nabc,Wang Fang\n2,\n3,Li Na\n3,Zhao Lei\n", "m.csv");
  ASSERT_FALSE(assignment.ok());
  const std::string& message = assignment.error().message;
  EXPECT_NE(message.find("m.csv:2 field subject: not a subject id (got 'abc')"), std::string::npos)
      << message;
  EXPECT_NE(message.find("m.csv:3 field manager: empty"), std::string::npos);
  EXPECT_NE(message.find("m.csv:5 field subject: subject 3 is already assigned on line 4"),
            std::string::npos);
  auto header = ParseManagerAssignment("customer,rm\n1,A\n", "m.csv");
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().location, "m.csv:1");
}

}  // namespace
}  // namespace credo::decision
