#include "decision/receivables.h"

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

TEST(ReceivablesTest, ReadsAGoodFile) {
  auto rows = ParseReceivables(
      "supplier,buyer,invoice_id,amount,due_date,confirmed,disputed\n"
      "12,7,INV-1,150000,2026-04-30,true,false\n"
      "13,7,INV-2,99,2026-05-31,Y,no\n",
      "ar.csv");
  ASSERT_TRUE(rows.ok()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].supplier, "12");
  EXPECT_EQ((*rows)[0].amount, 150000);
  EXPECT_EQ((*rows)[0].due_date.ToIso(), "2026-04-30");
  EXPECT_TRUE((*rows)[1].confirmed);
  EXPECT_FALSE((*rows)[1].disputed);
  EXPECT_EQ((*rows)[1].line, 3u);
}

TEST(ReceivablesTest, NamesEveryBadLineAndField) {
  auto rows = ParseReceivables(
      "supplier,buyer,invoice_id,amount,due_date,confirmed,disputed\n"
      "12,7,INV-1,1500.00,2026-04-30,true,false\n"
      "12,7,INV-2,100,30/04/2026,true,false\n"
      "12,7,INV-3,100,2026-04-30,maybe,false\n"
      ",7,INV-4,-5,2026-04-30,true,false\n",
      "ar.csv");
  ASSERT_FALSE(rows.ok());
  const std::string& message = rows.error().message;
  EXPECT_NE(message.find("5 bad field(s)"), std::string::npos) << message;
  EXPECT_NE(message.find("ar.csv:2 field amount: not a whole number of minor units (got '1500.00')"),
            std::string::npos) << message;
  EXPECT_NE(message.find("ar.csv:3 field due_date: not a date YYYY-MM-DD (got '30/04/2026')"),
            std::string::npos);
  EXPECT_NE(message.find("ar.csv:4 field confirmed: not true or false (got 'maybe')"),
            std::string::npos);
  EXPECT_NE(message.find("ar.csv:5 field supplier: empty"), std::string::npos);
  EXPECT_NE(message.find("ar.csv:5 field amount: must be above 0 (got '-5')"), std::string::npos);
}

TEST(ReceivablesTest, RefusesAMissingColumnAndRaggedRows) {
  auto missing = ParseReceivables("supplier,buyer,invoice_id,amount,due_date,confirmed\n", "a.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("missing column \"disputed\""), std::string::npos);
  auto ragged = ParseReceivables(
      "supplier,buyer,invoice_id,amount,due_date,confirmed,disputed\n1,2,3\n", "a.csv");
  EXPECT_FALSE(ragged.ok());
}

TEST(GradesTest, ReadsSubjectsAndGrades) {
  auto grades = ParseGrades("subject,grade\n7,AA\n12,BBB-\n", "g.csv");
  ASSERT_TRUE(grades.ok());
  EXPECT_EQ(grades->at("12"), "BBB-");
  auto twice = ParseGrades("subject,grade\n7,AA\n7,A\n", "g.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().location, "g.csv:3");
}

}  // namespace
}  // namespace credo::decision
