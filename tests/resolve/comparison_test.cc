#include "resolve/comparison.h"

#include <gtest/gtest.h>

#include "test_tables.h"

namespace credo::resolve {
namespace {

TEST(ComparisonTest, LevelsPerFieldAndNulls) {
  std::string header = testing::kPersonHeader;
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {header + "a,john,smith,19800312,1234567,2000,,,,1\n"
                                             "b,jon,smith,19801203,1234576,2000,,,,1\n"});
  ASSERT_TRUE(built.ok());
  const RecordTable& table = built->table;
  ComparisonPattern pattern = ComparePair(table, 0, 1);
  EXPECT_EQ(LevelOf(pattern, table.FindColumn("surname")), 5);
  EXPECT_EQ(LevelOf(pattern, table.FindColumn("given_name")), 3);
  EXPECT_EQ(LevelOf(pattern, table.FindColumn("date_of_birth")), 3);  // day/month swapped
  EXPECT_EQ(LevelOf(pattern, table.FindColumn("identifier")), 3);
  EXPECT_EQ(LevelOf(pattern, table.FindColumn("postcode")), 5);
  EXPECT_EQ(LevelOf(pattern, table.FindColumn("city")), 0);  // missing on both sides
}

TEST(ComparisonTest, SwappedNamesAreComparedCrossed) {
  std::string header = testing::kPersonHeader;
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {header + "a,lucy,fitzpatrick,,,,,,,1\nb,fitzpatrick,lucy,,,,,,,1\n"
                                             "c,mary,jones,,,,,,,2\n"});
  ASSERT_TRUE(built.ok());
  const RecordTable& table = built->table;
  ComparisonPattern swapped = ComparePair(table, 0, 1);
  EXPECT_EQ(LevelOf(swapped, table.given_name_column()), 4);  // exact, one level lower
  EXPECT_EQ(LevelOf(swapped, table.surname_column()), 4);
  ComparisonPattern different = ComparePair(table, 0, 2);
  EXPECT_EQ(LevelOf(different, table.given_name_column()), 1);
}

TEST(ComparisonTest, CompareAllMatchesComparePair) {
  auto built = testing::BuildTable(testing::PersonMapping(), {testing::SyntheticPersons(100, 3)});
  ASSERT_TRUE(built.ok());
  std::vector<uint64_t> pairs;
  for (uint32_t i = 0; i + 1 < built->table.size(); ++i) pairs.push_back(uint64_t{i} << 32 | (i + 1));
  auto patterns = CompareAll(built->table, pairs, 2);
  ASSERT_EQ(patterns.size(), pairs.size());
  for (size_t k = 0; k < pairs.size(); ++k) {
    EXPECT_EQ(patterns[k], ComparePair(built->table, static_cast<uint32_t>(pairs[k] >> 32),
                                       static_cast<uint32_t>(pairs[k])));
  }
}

}  // namespace
}  // namespace credo::resolve
