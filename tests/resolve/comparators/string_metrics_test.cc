#include "resolve/comparators/string_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

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

// The textbook Jaro-Winkler, window scan and all, written plainly: the bit-parallel version used
// for strings up to 64 bytes must give exactly its answers.
double PlainJaroWinkler(std::string a, std::string b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > b.size()) std::swap(a, b);
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  const int window = std::max(0, lb / 2 - 1);
  std::vector<bool> used_a(la), used_b(lb);
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    for (int j = std::max(0, i - window); j <= std::min(lb - 1, i + window); ++j) {
      if (!used_b[j] && a[i] == b[j]) {
        used_a[i] = used_b[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, k = 0; i < la; ++i) {
    if (!used_a[i]) continue;
    while (!used_b[k]) ++k;
    if (a[i] != b[k++]) ++transpositions;
  }
  double m = matches;
  double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

TEST(JaroWinklerTest, EqualsThePlainAlgorithmOnRandomStrings) {
  std::mt19937 random(4);
  // Small alphabets make repeated letters and many candidate matches per window; lengths cross
  // the 64-byte boundary of the bit-parallel path; high bytes (UTF-8) are bytes like any other.
  const std::vector<std::string> alphabets = {"ab", "abc ", "abcdefghijklmnopqrstuvwxyz0123456789 ",
                                              "\xe5\xbc\xa0\xe4\xbc\x9f\x80 "};
  for (int trial = 0; trial < 200000; ++trial) {
    const std::string& alphabet = alphabets[random() % alphabets.size()];
    auto make = [&](int length) {
      std::string text;
      for (int i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
      return text;
    };
    const int max_length = trial % 10 == 0 ? 90 : 40;
    std::string a = make(static_cast<int>(random() % max_length));
    std::string b = random() % 3 == 0 ? a : make(static_cast<int>(random() % max_length));
    if (!b.empty() && random() % 2 == 0) b[random() % b.size()] = alphabet[random() % alphabet.size()];
    ASSERT_EQ(JaroWinkler(a, b), PlainJaroWinkler(a, b)) << "[" << a << "] [" << b << "]";
  }
  const std::string sixty_four(64, 'x'), sixty_five(65, 'x');
  EXPECT_EQ(JaroWinkler(sixty_four, sixty_five), PlainJaroWinkler(sixty_four, sixty_five));
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

// The optimal-string-alignment distance by the full table, for the banded version to match.
int PlainOsa(const std::string& a, const std::string& b) {
  const size_t la = a.size(), lb = b.size();
  std::vector<std::vector<int>> d(la + 1, std::vector<int>(lb + 1));
  for (size_t i = 0; i <= la; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= lb; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= la; ++i) {
    for (size_t j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[la][lb];
}

TEST(OsaDistanceTest, EqualsTheFullTableUpToTheLimit) {
  std::mt19937 random(9);
  const std::string alphabet = "0123";
  for (int trial = 0; trial < 100000; ++trial) {
    auto make = [&](int length) {
      std::string text;
      for (int i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
      return text;
    };
    std::string a = make(static_cast<int>(random() % (trial % 10 == 0 ? 80 : 14)));
    std::string b = a;
    for (int edits = static_cast<int>(random() % 4); edits > 0 && !b.empty(); --edits) {
      size_t at = random() % b.size();
      switch (random() % 4) {
        case 0: b[at] = alphabet[random() % alphabet.size()]; break;
        case 1: b.erase(at, 1); break;
        case 2: b.insert(at, 1, alphabet[random() % alphabet.size()]); break;
        default: if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
      }
    }
    if (random() % 5 == 0) b = make(static_cast<int>(random() % 14));
    const int full = PlainOsa(a, b);
    for (int limit : {0, 1, 2, 3, 1 << 20}) {
      ASSERT_EQ(OsaDistance(a, b, limit), std::min(full, limit + 1))
          << "[" << a << "] [" << b << "] limit " << limit;
    }
  }
}

}  // namespace
}  // namespace credo::resolve
