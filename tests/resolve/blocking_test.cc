#include "resolve/blocking.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "resolve/evaluation.h"
#include "test_tables.h"

namespace credo::resolve {
namespace {

TEST(BlockingTest, UnionOfPassesKeepsTruePairsAndStaysSmall) {
  auto built = testing::BuildTable(testing::PersonMapping(), {testing::SyntheticPersons(500, 7)});
  ASSERT_TRUE(built.ok()) << built.error().ToString();
  CandidatePairs candidates = GenerateCandidatePairs(built->table, BlockingOptions{});
  EXPECT_TRUE(std::is_sorted(candidates.pairs.begin(), candidates.pairs.end()));
  EXPECT_EQ(std::adjacent_find(candidates.pairs.begin(), candidates.pairs.end()),
            candidates.pairs.end());
  for (uint64_t pair : candidates.pairs) EXPECT_LT(PairFirst(pair), PairSecond(pair));
  EXPECT_GE(PairsCompleteness(built->table, candidates.pairs, false), 0.99);
  // Near linear: far fewer than all 499,500 pairs.
  EXPECT_LT(candidates.pairs.size(), 30u * built->table.size());
  EXPECT_FALSE(candidates.passes.empty());
}

TEST(BlockingTest, LinkModePairsAcrossSidesOnly) {
  std::string header = testing::kPersonHeader;
  auto built = testing::BuildTable(
      testing::PersonMapping(),
      {header + "l1,ann,lee,19800101,1111111,2000,x,,,1\nl2,ann,lee,19800101,1111111,2000,x,,,1\n",
       header + "r1,ann,lee,19800101,1111111,2000,x,,,1\n"});
  ASSERT_TRUE(built.ok());
  BlockingOptions options;
  options.link = true;
  CandidatePairs candidates = GenerateCandidatePairs(built->table, options);
  ASSERT_EQ(candidates.pairs.size(), 2u);
  for (uint64_t pair : candidates.pairs) {
    EXPECT_NE(built->table.side(PairFirst(pair)), built->table.side(PairSecond(pair)));
  }
}

TEST(BlockingTest, OversizedBlocksAreSkippedAndCounted) {
  std::string csv = testing::kPersonHeader;
  for (int i = 0; i < 50; ++i) {
    csv += "r" + std::to_string(i) + ",,,,,,,,0400000000," + std::to_string(i) + "\n";
  }
  auto built = testing::BuildTable(testing::PersonMapping(), {csv});
  ASSERT_TRUE(built.ok());
  BlockingOptions options;
  options.max_block_size = 10;
  CandidatePairs candidates = GenerateCandidatePairs(built->table, options);
  auto phone = std::find_if(candidates.passes.begin(), candidates.passes.end(),
                            [](const BlockingPassStats& p) { return p.name == "phone"; });
  ASSERT_NE(phone, candidates.passes.end());
  EXPECT_EQ(phone->skipped_blocks, 1);
  EXPECT_EQ(phone->skipped_records, 50);
  EXPECT_TRUE(candidates.pairs.empty());
}

TEST(BlockingTest, KeysArePersistableAndSwapInvariant) {
  std::string header = testing::kPersonHeader;
  auto built = testing::BuildTable(testing::PersonMapping(),
                                   {header + "a,wei,zhang,19800101,1234567,2000,x,,,1\n"
                                             "b,zhang,wei,19800101,7654321,2000,x,,,1\n"});
  ASSERT_TRUE(built.ok());
  auto names = BlockingPassNames(built->table);
  auto keys_a = BlockingKeys(built->table, 0), keys_b = BlockingKeys(built->table, 1);
  ASSERT_EQ(names.size(), keys_a.size());
  for (size_t p = 0; p < names.size(); ++p) {
    if (names[p] == "date_of_birth_initials" || names[p] == "sorted_name_set" ||
        names[p] == "postcode_name_soundex_low") {
      EXPECT_EQ(keys_a[p], keys_b[p]) << names[p];
      EXPECT_FALSE(keys_a[p].empty()) << names[p];
    }
  }
}

}  // namespace
}  // namespace credo::resolve
