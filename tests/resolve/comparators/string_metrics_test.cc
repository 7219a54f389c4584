#include "resolve/comparators/string_metrics.h"

#include <gtest/gtest.h>

namespace credo::resolve {
namespace {

TEST(JaroWinklerTest, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("martha", "martha"), 1.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.9611, 1e-4);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, 1e-4);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "abc"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "cba"), JaroWinkler("cba", "abc"));
}

TEST(JaroWinklerTest, LongStrings) {
  std::string a(300, 'a'), b(300, 'a');
  b[150] = 'b';
  EXPECT_GT(JaroWinkler(a, b), 0.99);
}

TEST(OsaDistanceTest, EditsAndTranspositions) {
  EXPECT_EQ(OsaDistance("1234567", "1234567"), 0);
  EXPECT_EQ(OsaDistance("1234567", "1243567"), 1);  // transposed digits
  EXPECT_EQ(OsaDistance("1234567", "1234568"), 1);
  EXPECT_EQ(OsaDistance("1234567", "123456"), 1);
  EXPECT_EQ(OsaDistance("kitten", "sitting"), 3);
  EXPECT_EQ(OsaDistance("ca", "abc"), 3);  // OSA, not unrestricted Damerau
  EXPECT_EQ(OsaDistance("", "abc"), 3);
  EXPECT_EQ(OsaDistance("abcdef", "uvwxyz", 2), 3);  // early exit: limit + 1
}

}  // namespace
}  // namespace credo::resolve
