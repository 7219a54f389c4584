// credo fraud internal: a union-find (disjoint sets) over dense indices, with path halving and
// union by size. Not thread-safe.
#pragma once

#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace credo::fraud::internal {

class UnionFind {
 public:
  explicit UnionFind(size_t size) : parent_(size), size_(size, 1) {
    std::iota(parent_.begin(), parent_.end(), size_t{0});
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }
  size_t SizeOf(size_t x) { return size_[Find(x)]; }

 private:
  std::vector<size_t> parent_;
  std::vector<size_t> size_;
};

}  // namespace credo::fraud::internal
