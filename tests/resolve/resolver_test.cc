#include "resolve/resolver.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_tables.h"

namespace credo::resolve {
namespace {

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ingest::Mapping Mapping() { return ingest::ParseMapping(testing::PersonMapping(), "m.toml").value(); }

TEST(ResolverTest, DedupeSyntheticPersons) {
  std::string input = WriteFile("persons.csv", testing::SyntheticPersons(500, 99));
  ingest::Mapping mapping = Mapping();
  auto result = DedupeFile(input, mapping, ResolveOptions{});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  const ResolveSummary& summary = result->summary;
  EXPECT_EQ(summary.records, 1000);
  ASSERT_TRUE(summary.metrics.has_value());
  EXPECT_GT(summary.metrics->f1, 0.95);
  ASSERT_TRUE(summary.pairs_completeness.has_value());
  EXPECT_GT(*summary.pairs_completeness, 0.98);
  std::string out = ::testing::TempDir() + "clusters.csv";
  ASSERT_TRUE(WriteClusters(out, &result.value()).ok());
  std::string text = ReadFile(out);
  EXPECT_EQ(text.rfind("record_id,cluster_id\n", 0), 0u);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1001);  // every input row
  std::string printed = FormatSummary(summary);
  EXPECT_NE(printed.find("candidate pairs"), std::string::npos);
  EXPECT_NE(printed.find("F1"), std::string::npos);
}

TEST(ResolverTest, LinkTwoFiles) {
  std::string all = testing::SyntheticPersons(300, 5, false);
  std::string left = testing::kPersonHeader, right = testing::kPersonHeader;
  std::istringstream lines(all);
  std::string line;
  while (std::getline(lines, line)) (line.find("-a,") != std::string::npos ? left : right) += line + "\n";
  ingest::Mapping mapping = Mapping();
  auto result = LinkFiles(WriteFile("left.csv", left), WriteFile("right.csv", right), mapping,
                          ResolveOptions{});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  ASSERT_TRUE(result->summary.metrics.has_value());
  EXPECT_GT(result->summary.metrics->f1, 0.95);
  std::string out = ::testing::TempDir() + "pairs.csv";
  ASSERT_TRUE(WriteLinks(out, &result.value()).ok());
  EXPECT_EQ(ReadFile(out).rfind("left_id,right_id,probability\n", 0), 0u);
}

TEST(ResolverTest, BadInputGetsClearErrors) {
  ingest::Mapping mapping = Mapping();
  // Header only.
  auto empty = DedupeFile(WriteFile("header_only.csv", testing::kPersonHeader), mapping, {});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("no records"), std::string::npos);
  // Zero bytes.
  auto nothing = DedupeFile(WriteFile("zero.csv", ""), mapping, {});
  ASSERT_FALSE(nothing.ok());
  EXPECT_NE(nothing.error().message.find("file is empty"), std::string::npos);
  // A column the mapping names is missing.
  auto missing = DedupeFile(WriteFile("missing.csv", "id,given\n1,a\n"), mapping, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("not in the header"), std::string::npos);
  // Non-UTF-8.
  auto latin1 = DedupeFile(
      WriteFile("latin1.csv", std::string(testing::kPersonHeader) + "a,Ren\xe9,x,,,,,,,1\n"),
      mapping, {});
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.error().message.find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(latin1.error().location.find(":2 column given"), std::string::npos);
  // Duplicate ids.
  auto duplicate = DedupeFile(
      WriteFile("dup.csv", std::string(testing::kPersonHeader) + "a,x,,,,,,,,1\na,y,,,,,,,,1\n"),
      mapping, {});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_NE(duplicate.error().message.find("duplicate record id"), std::string::npos);
  // Missing file.
  EXPECT_EQ(DedupeFile("/nonexistent/x.csv", mapping, {}).error().code, ErrorCode::kNotFound);
}

// Reading runs beside standardising (two threads, batches of 256 records): the first error in
// file order still wins, whichever stage finds it, and every error names its line.
TEST(ResolverTest, ErrorsKeepFileOrderAcrossReadingBatches) {
  std::string rows = testing::kPersonHeader;
  for (int i = 0; i < 700; ++i) {
    rows += "r" + std::to_string(i) + ",ann,lee,,,,,,,1\n";
  }
  // A duplicate id on line 302, then text that is not UTF-8 on line 602.
  std::string csv = rows;
  csv.replace(csv.find("\nr300,") + 1, 4, "r299");
  csv.replace(csv.find("\nr600,ann") + 6, 3, "R\xe9n");
  auto duplicate_first = DedupeFile(WriteFile("order1.csv", csv), Mapping(), {});
  ASSERT_FALSE(duplicate_first.ok());
  EXPECT_NE(duplicate_first.error().message.find("duplicate record id \"r299\""),
            std::string::npos)
      << duplicate_first.error().ToString();
  EXPECT_NE(duplicate_first.error().location.find(":302"), std::string::npos)
      << duplicate_first.error().location;
  // Only the bad text: it is found, at its own line, after 600 good records.
  std::string latin1 = rows;
  latin1.replace(latin1.find("\nr600,ann") + 6, 3, "R\xe9n");
  auto text_error = DedupeFile(WriteFile("order2.csv", latin1), Mapping(), {});
  ASSERT_FALSE(text_error.ok());
  EXPECT_NE(text_error.error().message.find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(text_error.error().location.find(":602"), std::string::npos)
      << text_error.error().location;
  // And a clean file of the same size reads every record.
  auto clean = DedupeFile(WriteFile("order3.csv", rows), Mapping(), {});
  ASSERT_TRUE(clean.ok()) << clean.error().ToString();
  EXPECT_EQ(clean->table.size(), 700u);
}

TEST(ResolverTest, EmptyRowsAreTheirOwnClusters) {
  std::string csv = testing::SyntheticPersons(100, 8);
  csv += "blank1,,,,,,,,,900\nblank2,,,,,,,,,900\n";
  auto result = DedupeFile(WriteFile("blanks.csv", csv), Mapping(), ResolveOptions{});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  const auto& cluster_of = result->clustering.cluster_of;
  size_t n = result->table.size();
  EXPECT_NE(cluster_of[n - 1], cluster_of[n - 2]);
  for (size_t i = 0; i + 2 < n; ++i) {
    EXPECT_NE(cluster_of[i], cluster_of[n - 1]);
    EXPECT_NE(cluster_of[i], cluster_of[n - 2]);
  }
  EXPECT_EQ(result->summary.build.empty_records, 2);
  EXPECT_NE(FormatSummary(result->summary).find("empty records    2"), std::string::npos);
}

TEST(ResolverTest, SingleRecordIsOneCluster) {
  auto result = DedupeFile(WriteFile("one.csv", std::string(testing::kPersonHeader) + "a,x,y,,,,,,,1\n"),
                           Mapping(), ResolveOptions{});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->summary.clusters, 1);
}

}  // namespace
}  // namespace credo::resolve
