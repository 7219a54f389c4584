#include "resolve/clustering.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <unordered_map>

#include "resolve/comparison.h"

namespace credo::resolve {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n), strong_(n, 0) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  uint32_t& strong(uint32_t root) { return strong_[root]; }
  //! Joins unless the two sets hold different strong identifiers; false when refused.
  bool Join(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return true;
    if (strong_[a] != 0 && strong_[b] != 0 && strong_[a] != strong_[b]) return false;
    if (a > b) std::swap(a, b);
    parent_[b] = a;
    if (strong_[a] == 0) strong_[a] = strong_[b];
    return true;
  }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> strong_;
};

struct Edge {
  uint32_t a, b;
  float weight;
};

// Finds bridges of a small graph (vertices 0..n-1) with Tarjan's low-link, iteratively.
std::vector<size_t> Bridges(size_t n, const std::vector<Edge>& edges) {
  std::vector<std::vector<std::pair<uint32_t, size_t>>> adjacency(n);
  for (size_t e = 0; e < edges.size(); ++e) {
    adjacency[edges[e].a].push_back({edges[e].b, e});
    adjacency[edges[e].b].push_back({edges[e].a, e});
  }
  std::vector<int> order(n, -1), low(n, 0);
  std::vector<size_t> bridges;
  int counter = 0;
  for (size_t root = 0; root < n; ++root) {
    if (order[root] >= 0) continue;
    // Stack of (vertex, parent edge, next adjacency index).
    std::vector<std::tuple<uint32_t, size_t, size_t>> stack;
    stack.emplace_back(static_cast<uint32_t>(root), SIZE_MAX, 0);
    order[root] = low[root] = counter++;
    while (!stack.empty()) {
      auto& [v, parent_edge, next] = stack.back();
      if (next < adjacency[v].size()) {
        auto [w, e] = adjacency[v][next++];
        if (e == parent_edge) continue;
        if (order[w] < 0) {
          order[w] = low[w] = counter++;
          stack.emplace_back(w, e, 0);
        } else {
          low[v] = std::min(low[v], order[w]);
        }
      } else {
        uint32_t child = v;
        size_t child_edge = parent_edge;
        stack.pop_back();
        if (!stack.empty()) {
          uint32_t parent = std::get<0>(stack.back());
          low[parent] = std::min(low[parent], low[child]);
          if (low[child] > order[parent]) bridges.push_back(child_edge);
        }
      }
    }
  }
  return bridges;
}

// Splits one cluster (records `members`, accepted edges in local indexes) at weak bridges.
// Returns the local component of each member.
std::vector<uint32_t> SplitWeakLinks(const RecordTable& table, const FsModel& model,
                                     const std::vector<uint32_t>& members,
                                     std::vector<Edge> edges, const ClusterOptions& options,
                                     int64_t* splits) {
  const size_t n = members.size();
  while (true) {
    std::vector<size_t> bridges = Bridges(n, edges);
    std::sort(bridges.begin(), bridges.end(),
              [&](size_t x, size_t y) { return edges[x].weight < edges[y].weight; });
    bool cut = false;
    for (size_t e : bridges) {
      if (edges[e].weight >= options.weak_link_weight) continue;
      // The two sides if this edge is removed.
      std::vector<std::vector<uint32_t>> adjacency(n);
      for (size_t k = 0; k < edges.size(); ++k) {
        if (k == e) continue;
        adjacency[edges[k].a].push_back(edges[k].b);
        adjacency[edges[k].b].push_back(edges[k].a);
      }
      std::vector<char> side(n, 0);
      std::vector<uint32_t> stack = {edges[e].a};
      side[edges[e].a] = 1;
      while (!stack.empty()) {
        uint32_t v = stack.back();
        stack.pop_back();
        for (uint32_t w : adjacency[v]) {
          if (!side[w]) {
            side[w] = 1;
            stack.push_back(w);
          }
        }
      }
      // Any other pair across the bridge at the threshold keeps the cluster whole.
      bool supported = false;
      for (size_t x = 0; x < n && !supported; ++x) {
        if (!side[x]) continue;
        for (size_t y = 0; y < n; ++y) {
          if (side[y]) continue;
          if ((x == edges[e].a && y == edges[e].b) || (x == edges[e].b && y == edges[e].a)) {
            continue;
          }
          uint32_t a = members[x], b = members[y];
          double weight = PairWeight(table, model, a, b, ComparePair(table, a, b));
          if (weight >= options.threshold_weight) {
            supported = true;
            break;
          }
        }
      }
      if (!supported) {
        edges.erase(edges.begin() + static_cast<long>(e));
        ++*splits;
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  // Components of what remains.
  DisjointSets sets(n);
  for (const auto& edge : edges) (void)sets.Join(edge.a, edge.b);
  std::vector<uint32_t> component(n);
  for (size_t i = 0; i < n; ++i) component[i] = sets.Find(static_cast<uint32_t>(i));
  return component;
}

}  // namespace

Clustering ClusterRecords(const RecordTable& table, const FsModel& model,
                          std::vector<ScoredPair> scored, const ClusterOptions& options) {
  const size_t n = table.size();
  Clustering result;
  DisjointSets sets(n);
  for (size_t i = 0; i < n; ++i) sets.strong(static_cast<uint32_t>(i)) = table.strong_id(i);
  // Deterministic layer: one valid strong identifier, one subject.
  std::unordered_map<uint32_t, uint32_t> first_with_strong;
  for (size_t i = 0; i < n; ++i) {
    uint32_t strong = table.strong_id(i);
    if (strong == 0) continue;
    auto [it, inserted] = first_with_strong.try_emplace(strong, static_cast<uint32_t>(i));
    if (!inserted) {
      (void)sets.Join(it->second, static_cast<uint32_t>(i));
      ++result.strong_identifier_joins;
    }
  }
  // Probabilistic layer, strongest first.
  scored.erase(std::remove_if(scored.begin(), scored.end(),
                              [&](const ScoredPair& p) {
                                return p.weight < options.threshold_weight;
                              }),
               scored.end());
  std::sort(scored.begin(), scored.end(),
            [](const ScoredPair& x, const ScoredPair& y) { return x.weight > y.weight; });
  std::vector<Edge> accepted;
  // Members of each group, for average linkage (a group's list lives at its root).
  std::vector<std::vector<uint32_t>> members(n);
  for (size_t i = 0; i < n; ++i) {
    uint32_t r = sets.Find(static_cast<uint32_t>(i));
    members[r].push_back(static_cast<uint32_t>(i));
  }
  // Joins refused by average linkage, by the two groups' roots and versions (a group's version
  // changes when it grows): later pairs across the same two unchanged groups would compute the
  // same average, so they are refused without recomputing it.
  std::vector<uint32_t> version(n, 0);
  std::unordered_map<uint64_t, uint64_t> refused;
  auto versions_of = [&](uint32_t x, uint32_t y) {
    return x < y ? (uint64_t{version[x]} << 32 | version[y])
                 : (uint64_t{version[y]} << 32 | version[x]);
  };
  for (const auto& pair : scored) {
    if (table.empty(pair.a) || table.empty(pair.b)) continue;
    uint32_t root_a = sets.Find(pair.a), root_b = sets.Find(pair.b);
    if (root_a == root_b) {
      accepted.push_back({pair.a, pair.b, pair.weight});
      continue;
    }
    uint32_t strong_a = sets.strong(root_a), strong_b = sets.strong(root_b);
    if (strong_a != 0 && strong_b != 0 && strong_a != strong_b) {
      ++result.constraint_refusals;
      continue;
    }
    const auto& group_a = members[root_a];
    const auto& group_b = members[root_b];
    size_t cross = group_a.size() * group_b.size();
    uint64_t group_pair = root_a < root_b ? (uint64_t{root_a} << 32 | root_b)
                                          : (uint64_t{root_b} << 32 | root_a);
    if (cross > 1 && options.min_average_probability > 0) {
      auto memo = refused.find(group_pair);
      if (memo != refused.end() && memo->second == versions_of(root_a, root_b)) {
        ++result.average_linkage_refusals;
        continue;
      }
      size_t step = cross > options.max_linkage_pairs ? cross / options.max_linkage_pairs : 1;
      double sum = 0;
      size_t counted = 0;
      for (size_t k = 0; k < cross; k += step) {
        uint32_t x = group_a[k / group_b.size()], y = group_b[k % group_b.size()];
        double weight = (x == pair.a && y == pair.b) || (x == pair.b && y == pair.a)
                            ? pair.weight
                            : PairWeight(table, model, x, y, ComparePair(table, x, y));
        bool deterministic = table.strong_id(x) != 0 && table.strong_id(x) == table.strong_id(y);
        sum += deterministic ? 1.0 : WeightToProbability(weight);
        ++counted;
      }
      if (sum / counted < options.min_average_probability) {
        ++result.average_linkage_refusals;
        refused[group_pair] = versions_of(root_a, root_b);
        continue;
      }
    }
    if (!sets.Join(pair.a, pair.b)) {
      ++result.constraint_refusals;
      continue;
    }
    uint32_t root = sets.Find(pair.a);
    uint32_t other = root == root_a ? root_b : root_a;
    ++version[root];
    auto& into = members[root];
    auto& from = members[other];
    into.insert(into.end(), from.begin(), from.end());
    std::vector<uint32_t>().swap(from);
    accepted.push_back({pair.a, pair.b, pair.weight});
  }
  std::vector<std::vector<uint32_t>>().swap(members);
  std::vector<uint32_t> root(n);
  for (size_t i = 0; i < n; ++i) root[i] = sets.Find(static_cast<uint32_t>(i));
  // Weak-link splitting, cluster by cluster.
  std::vector<uint32_t> final_root = root;
  if (options.split_weak_links) {
    std::unordered_map<uint32_t, std::vector<uint32_t>> cluster_members;
    for (size_t i = 0; i < n; ++i) {
      cluster_members[root[i]].push_back(static_cast<uint32_t>(i));
    }
    std::unordered_map<uint32_t, std::vector<Edge>> cluster_edges;
    for (const auto& edge : accepted) cluster_edges[root[edge.a]].push_back(edge);
    for (auto& [cluster, list] : cluster_members) {
      if (list.size() < 3 || list.size() > options.max_split_cluster) continue;
      // Strong-identifier groups are never split: their links are deterministic.
      bool has_strong = false;
      for (uint32_t r : list) has_strong = has_strong || table.strong_id(r) != 0;
      if (has_strong) continue;
      std::unordered_map<uint32_t, uint32_t> local;
      for (size_t k = 0; k < list.size(); ++k) local[list[k]] = static_cast<uint32_t>(k);
      std::vector<Edge> edges;
      for (const auto& edge : cluster_edges[cluster]) {
        edges.push_back({local[edge.a], local[edge.b], edge.weight});
      }
      auto component = SplitWeakLinks(table, model, list, std::move(edges), options,
                                      &result.weak_link_splits);
      for (size_t k = 0; k < list.size(); ++k) final_root[list[k]] = list[component[k]];
    }
  }
  // Dense ids in order of first record; re-check the hard constraint.
  std::unordered_map<uint32_t, uint32_t> dense;
  std::unordered_map<uint32_t, uint32_t> cluster_strong;
  result.cluster_of.resize(n);
  for (size_t i = 0; i < n; ++i) {
    auto [it, inserted] =
        dense.try_emplace(final_root[i], static_cast<uint32_t>(dense.size()));
    result.cluster_of[i] = it->second;
    if (table.empty(i)) ++result.singleton_empty;
    uint32_t strong = table.strong_id(i);
    if (strong != 0) {
      auto [s, first] = cluster_strong.try_emplace(it->second, strong);
      if (!first && s->second != strong) ++result.constraint_violations;
    }
  }
  result.clusters = static_cast<int64_t>(dense.size());
  return result;
}

Linking SelectLinks(const RecordTable& table, std::vector<ScoredPair> scored,
                    const LinkOptions& options) {
  Linking result;
  std::vector<ScoredPair> kept;
  for (const auto& pair : scored) {
    uint32_t left = table.side(pair.a) == 0 ? pair.a : pair.b;
    uint32_t right = left == pair.a ? pair.b : pair.a;
    uint32_t strong_left = table.strong_id(left), strong_right = table.strong_id(right);
    bool same_strong = strong_left != 0 && strong_left == strong_right;
    bool different_strong = strong_left != 0 && strong_right != 0 && strong_left != strong_right;
    if (different_strong) {
      if (pair.weight >= options.threshold_weight) ++result.constraint_refusals;
      continue;
    }
    if (same_strong) {
      ++result.strong_identifier_links;
      kept.push_back({left, right, std::max(pair.weight, 30.0f)});
      continue;
    }
    if (pair.weight >= options.threshold_weight) kept.push_back({left, right, pair.weight});
  }
  std::sort(kept.begin(), kept.end(),
            [](const ScoredPair& x, const ScoredPair& y) { return x.weight > y.weight; });
  std::vector<char> left_used, right_used;
  if (options.one_to_one) {
    left_used.assign(table.size(), 0);
    right_used.assign(table.size(), 0);
  }
  for (const auto& pair : kept) {
    if (options.one_to_one) {
      if (left_used[pair.a] || right_used[pair.b]) {
        ++result.one_to_one_dropped;
        continue;
      }
      left_used[pair.a] = right_used[pair.b] = 1;
    }
    result.links.push_back({pair.a, pair.b, WeightToProbability(pair.weight)});
  }
  return result;
}

}  // namespace credo::resolve
