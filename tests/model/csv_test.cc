#include "model/csv.h"

#include <gtest/gtest.h>

namespace credo::model {
namespace {

TEST(CsvTest, ParsesQuotesCrlfAndBom) {
  auto table = ParseCsvText("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n4, 5 ,\"multi\nline\"\n",
                            "t.csv");
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  EXPECT_EQ(table->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][1], "x, \"y\"");
  EXPECT_EQ(table->rows[1][1], "5");
  EXPECT_EQ(table->rows[1][2], "multi\nline");
  EXPECT_EQ(table->lines[0], 2u);
  EXPECT_EQ(table->lines[1], 4u);
}

TEST(CsvTest, RaggedRowNamesTheLine) {
  auto table = ParseCsvText("a,b\n1,2\n3\n", "r.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().location, "r.csv line 3");
  EXPECT_NE(table.error().message.find("ragged"), std::string::npos);
}

TEST(CsvTest, UnclosedQuoteAndEmptyFileAreErrors) {
  EXPECT_FALSE(ParseCsvText("a\n\"open\n", "q.csv").ok());
  EXPECT_FALSE(ParseCsvText("", "e.csv").ok());
  EXPECT_EQ(ReadCsvFile("/nonexistent/file.csv").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::model
