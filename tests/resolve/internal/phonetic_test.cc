#include "resolve/internal/phonetic.h"

#include <gtest/gtest.h>

namespace credo::resolve::internal {
namespace {

TEST(SoundexTest, ClassicCodes) {
  EXPECT_EQ(Soundex("robert"), "R163");
  EXPECT_EQ(Soundex("rupert"), "R163");
  EXPECT_EQ(Soundex("ashcraft"), "A261");
  EXPECT_EQ(Soundex("tymczak"), "T522");
  EXPECT_EQ(Soundex("pfister"), "P236");
  EXPECT_EQ(Soundex("lee"), "L000");
  EXPECT_EQ(Soundex("zhangwei"), "Z520");
  EXPECT_EQ(Soundex(""), "");
  EXPECT_EQ(Soundex("123"), "");
}

}  // namespace
}  // namespace credo::resolve::internal
