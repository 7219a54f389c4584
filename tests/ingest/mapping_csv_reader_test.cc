#include "ingest/mapping/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace credo::ingest {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, CsvOptions options = {}) {
  CsvReader reader(MemoryByteSource(text, "t.csv"), options);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (true) {
    auto got = reader.Next(&fields);
    EXPECT_TRUE(got.ok()) << got.error().ToString();
    if (!got.ok() || !got.value()) break;
    rows.push_back(fields);
  }
  return rows;
}

TEST(CsvReaderTest, PlainRecordsWithLfAndCrlf) {
  auto rows = ReadAll("a,b,c\r\n1,2,3\n4,,6");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"4", "", "6"}));
}

TEST(CsvReaderTest, QuotesEscapedQuotesAndEmbeddedNewlines) {
  auto rows = ReadAll("id,text\n1,\"say \"\"hi\"\", then\nleave\"\n2,\"a,b\"\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1], "say \"hi\", then\nleave");
  EXPECT_EQ(rows[2][1], "a,b");
}

TEST(CsvReaderTest, SkipInitialSpaceAsInFebrl) {
  CsvOptions options;
  options.skip_initial_space = true;
  auto rows = ReadAll("rec_id, given_name, surname\nrec-1-org, michaela, \"neumann\"\n", options);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "given_name");
  EXPECT_EQ(rows[1][2], "neumann");
}

TEST(CsvReaderTest, BlankLinesAreSkippedAndLinesCounted) {
  CsvReader reader(MemoryByteSource("a\n\n\nb\n\"c\nd\"\ne\n", "t.csv"), {});
  std::vector<std::string> fields;
  std::vector<int64_t> lines;
  while (reader.Next(&fields).value()) lines.push_back(reader.record_line());
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 4, 5, 7}));
}

TEST(CsvReaderTest, UnbalancedQuoteNamesTheLine) {
  CsvReader reader(MemoryByteSource("a,b\n1,2\n3,\"open\n4,5\n", "bad.csv"), {});
  std::vector<std::string> fields;
  ASSERT_TRUE(reader.Next(&fields).value());
  ASSERT_TRUE(reader.Next(&fields).value());
  auto result = reader.Next(&fields);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().location, "bad.csv:3");
  EXPECT_NE(result.error().message.find("unbalanced quote"), std::string::npos);
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  CsvReader reader(MemoryByteSource("\"abc\"def,1\n", "bad.csv"), {});
  std::vector<std::string> fields;
  auto result = reader.Next(&fields);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().location, "bad.csv:1");
}

TEST(CsvReaderTest, OtherDelimitersAndLargeInput) {
  CsvOptions options;
  options.delimiter = '|';
  std::string text;
  for (int i = 0; i < 200000; ++i) text += std::to_string(i) + "|x y|" + std::to_string(i * 2) + "\n";
  auto rows = ReadAll(text, options);
  ASSERT_EQ(rows.size(), 200000u);
  EXPECT_EQ(rows[199999][2], "399998");
  EXPECT_EQ(rows[123456][1], "x y");
}

}  // namespace
}  // namespace credo::ingest
