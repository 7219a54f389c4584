#include "resolve/comparison.h"

#include <thread>

#include "resolve/blocking.h"

namespace credo::resolve {

ComparisonPattern ComparePair(const RecordTable& table, uint32_t a, uint32_t b) {
  ComparisonPattern pattern = 0;
  const auto& columns = table.columns();
  const uint32_t* row_a = table.row(a);
  const uint32_t* row_b = table.row(b);
  for (size_t f = 0; f < columns.size(); ++f) {
    const FieldColumn& column = columns[f];
    uint32_t value_a = row_a[f];
    uint32_t value_b = row_b[f];
    int level = 0;
    if (value_a != 0 && value_b != 0) {
      level = value_a == value_b ? column.comparator->exact_level()
                                 : column.comparator->Compare(column.Value(value_a),
                                                              column.Value(value_b));
    }
    pattern |= static_cast<ComparisonPattern>(level) << (4 * f);
  }
  // Given name and surname swapped: when the straight comparison is weak, compare them crossed
  // and keep the crossed levels, one level lower, if they are clearly better.
  int given = table.given_name_column(), surname = table.surname_column();
  if (given >= 0 && surname >= 0) {
    int level_given = LevelOf(pattern, given), level_surname = LevelOf(pattern, surname);
    if (level_given <= 2 && level_surname <= 2) {
      const FieldColumn& g = columns[given];
      const FieldColumn& s = columns[surname];
      auto cross = [](const FieldColumn& x, uint32_t value_x, const FieldColumn& y,
                      uint32_t value_y) {
        if (value_x == 0 || value_y == 0) return 0;
        return x.comparator->Compare(x.Value(value_x), y.Value(value_y));
      };
      int crossed_given = cross(g, row_a[given], s, row_b[surname]);
      int crossed_surname = cross(s, row_a[surname], g, row_b[given]);
      if (crossed_given + crossed_surname > level_given + level_surname + 2) {
        auto lowered = [](int level) { return level > 2 ? level - 1 : level; };
        pattern &= ~((ComparisonPattern{0xF} << (4 * given)) | (ComparisonPattern{0xF} << (4 * surname)));
        pattern |= static_cast<ComparisonPattern>(lowered(crossed_given)) << (4 * given);
        pattern |= static_cast<ComparisonPattern>(lowered(crossed_surname)) << (4 * surname);
      }
    }
  }
  return pattern;
}

std::vector<ComparisonPattern> CompareAll(const RecordTable& table,
                                          const std::vector<uint64_t>& pairs, int threads) {
  std::vector<ComparisonPattern> patterns(pairs.size());
  threads = std::max(1, threads);
  // Interleaved chunks keep both threads busy when comparison cost varies along the list.
  constexpr size_t kChunk = 4096;
  auto worker = [&](int t) {
    for (size_t start = t * kChunk; start < pairs.size(); start += threads * kChunk) {
      size_t end = std::min(pairs.size(), start + kChunk);
      for (size_t i = start; i < end; ++i) {
        patterns[i] = ComparePair(table, PairFirst(pairs[i]), PairSecond(pairs[i]));
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& thread : pool) thread.join();
  return patterns;
}

}  // namespace credo::resolve
