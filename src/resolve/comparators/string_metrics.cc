#include "resolve/comparators/string_metrics.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace credo::resolve {

namespace {

double WithPrefixBonus(std::string_view a, std::string_view b, int matches, int transpositions) {
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  double m = matches;
  double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

// Jaro-Winkler for b of at most 64 bytes (a no longer than b), bit-parallel: the positions of
// each byte in b are one 64-bit mask, so a's byte finds its first unmatched equal byte of b within
// the window with one AND and a count of trailing zeros instead of a scan of the window. It
// matches exactly the pairs the scan matches (the lowest free position in the window), so the
// result is the same. Entity resolution spends half its comparison time here (addresses).
double JaroWinklerShort(std::string_view a, std::string_view b) {
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const int window = std::max(0, lb / 2 - 1);
  uint64_t present[4] = {0, 0, 0, 0};  // which bytes occur in b
  uint64_t positions[256];             // only the entries of bytes in b are set
  for (int j = 0; j < lb; ++j) {
    const auto c = static_cast<unsigned char>(b[j]);
    const uint64_t bit = uint64_t{1} << (c & 63);
    if (!(present[c >> 6] & bit)) {
      present[c >> 6] |= bit;
      positions[c] = 0;
    }
    positions[c] |= uint64_t{1} << j;
  }
  uint64_t matched_a = 0;
  uint64_t matched_b = 0;
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    const auto c = static_cast<unsigned char>(a[i]);
    if (!(present[c >> 6] & (uint64_t{1} << (c & 63)))) continue;
    const int lo = std::max(0, i - window);
    const int hi = std::min(lb - 1, i + window);
    if (lo > hi) continue;
    const int width = hi - lo + 1;
    const uint64_t in_window = (width == 64 ? ~uint64_t{0} : ((uint64_t{1} << width) - 1)) << lo;
    const uint64_t free = positions[c] & in_window & ~matched_b;
    if (free == 0) continue;
    matched_b |= free & (~free + 1);  // the lowest free position
    matched_a |= uint64_t{1} << i;
    ++matches;
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (uint64_t left = matched_a, right = matched_b; left != 0; left &= left - 1, right &= right - 1) {
    if (a[__builtin_ctzll(left)] != b[__builtin_ctzll(right)]) ++transpositions;
  }
  return WithPrefixBonus(a, b, matches, transpositions);
}

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() <= 64) return JaroWinklerShort(a, b);
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const int window = std::max(0, lb / 2 - 1);
  uint64_t small_a[2] = {0, 0};
  uint64_t small_b[2] = {0, 0};
  std::vector<char> big_a, big_b;
  bool small = la <= 128 && lb <= 128;
  if (!small) {
    big_a.assign(la, 0);
    big_b.assign(lb, 0);
  }
  auto get = [&](uint64_t* bits, std::vector<char>& big, int i) {
    return small ? ((bits[i >> 6] >> (i & 63)) & 1) != 0 : big[i] != 0;
  };
  auto set = [&](uint64_t* bits, std::vector<char>& big, int i) {
    if (small) {
      bits[i >> 6] |= uint64_t{1} << (i & 63);
    } else {
      big[i] = 1;
    }
  };
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    int lo = std::max(0, i - window);
    int hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!get(small_b, big_b, j) && a[i] == b[j]) {
        set(small_a, big_a, i);
        set(small_b, big_b, j);
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  int k = 0;
  for (int i = 0; i < la; ++i) {
    if (!get(small_a, big_a, i)) continue;
    while (!get(small_b, big_b, k)) ++k;
    if (a[i] != b[k]) ++transpositions;
    ++k;
  }
  return WithPrefixBonus(a, b, matches, transpositions);
}

int OsaDistance(std::string_view a, std::string_view b, int limit) {
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  if (la == 0) return lb;
  if (lb == 0) return la;
  // Three rolling rows: two back (for transpositions), previous, current.
  constexpr int kStack = 65;
  int stack_rows[3][kStack];
  std::vector<int> heap_rows;
  int* rows[3];
  if (lb + 1 <= kStack) {
    rows[0] = stack_rows[0];
    rows[1] = stack_rows[1];
    rows[2] = stack_rows[2];
  } else {
    heap_rows.assign(3 * (lb + 1), 0);
    rows[0] = heap_rows.data();
    rows[1] = heap_rows.data() + (lb + 1);
    rows[2] = heap_rows.data() + 2 * (lb + 1);
  }
  int* two_back = rows[0];
  int* previous = rows[1];
  int* current = rows[2];
  // Only the band |i - j| <= limit is computed (a cell outside it is at least |i - j| > limit
  // away, so it stands as limit + 1): the comparators ask with limit 1 or 2, a few cells a row
  // instead of the whole row.
  const int cap = limit + 1;
  for (int j = 0; j <= lb; ++j) previous[j] = std::min(j, cap);
  for (int i = 1; i <= la; ++i) {
    const int lo = std::max(1, i - limit);
    const int hi = std::min(lb, i + limit);
    current[lo - 1] = lo == 1 ? std::min(i, cap) : cap;
    int row_min = lo == 1 ? current[0] : cap;
    for (int j = lo; j <= hi; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int value = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        value = std::min(value, two_back[j - 2] + 1);
      }
      value = std::min(value, cap);
      current[j] = value;
      row_min = std::min(row_min, value);
    }
    if (hi < lb) current[hi + 1] = cap;  // read by the next two rows
    if (row_min > limit) return cap;
    int* recycled = two_back;
    two_back = previous;
    previous = current;
    current = recycled;
  }
  return std::min(previous[lb], cap);
}

}  // namespace credo::resolve
