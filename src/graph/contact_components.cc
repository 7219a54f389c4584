#include "graph/contact_components.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace credo::graph {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  NodeId Find(NodeId x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(NodeId a, NodeId b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<NodeId> parent_;
};

//! Subjects holding a contact point (distinct, in edge order).
void HoldersOf(const RelationshipGraph& graph, NodeId contact, std::vector<NodeId>& holders) {
  holders.clear();
  for (EdgeIndex e : graph.InEdges(contact)) {
    const Edge& edge = graph.edge(e);
    if (edge.kind == EdgeKind::kContact) holders.push_back(edge.from);
  }
  std::sort(holders.begin(), holders.end());
  holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
}

}  // namespace

ContactComponentsResult ContactComponents(const RelationshipGraph& graph,
                                          const ContactComponentOptions& options) {
  ContactComponentsResult result;
  const size_t n = graph.node_count();
  DisjointSets sets(n);
  std::vector<NodeId> holders;
  std::vector<NodeId> joining_contacts;  // contact points that joined two or more subjects
  for (NodeId node = 0; node < static_cast<NodeId>(n); ++node) {
    if (!IsContactPoint(graph.kind(node))) continue;
    HoldersOf(graph, node, holders);
    if (holders.size() < 2) continue;
    if (static_cast<int>(holders.size()) > options.degree_cap) {
      ++result.capped_contact_points;
      continue;
    }
    for (size_t i = 1; i < holders.size(); ++i) sets.Union(holders[0], holders[i]);
    joining_contacts.push_back(node);
  }
  int64_t shared_relations_total = 0;
  for (const Edge& edge : graph.edges()) {
    if (edge.kind != EdgeKind::kSharedContact) continue;
    sets.Union(edge.from, edge.to);
    ++shared_relations_total;
  }
  // Group subject nodes by root.
  std::unordered_map<NodeId, size_t> index_of_root;
  std::vector<ContactComponent> components;
  std::vector<NodeId> roots;
  for (NodeId node = 0; node < static_cast<NodeId>(n); ++node) {
    if (IsContactPoint(graph.kind(node)) || graph.facts(node).merged) continue;
    NodeId root = sets.Find(node);
    auto [it, inserted] = index_of_root.try_emplace(root, components.size());
    if (inserted) components.emplace_back();
    components[it->second].members.push_back(graph.subject_of(node));
  }
  for (NodeId contact : joining_contacts) {
    HoldersOf(graph, contact, holders);
    ContactComponent& component = components[index_of_root[sets.Find(holders[0])]];
    ++component.shared_contact_points;
    if (graph.kind(contact) == NodeKind::kPhone) ++component.phones;
    if (graph.kind(contact) == NodeKind::kEmail) ++component.emails;
  }
  if (shared_relations_total > 0) {
    for (const Edge& edge : graph.edges()) {
      if (edge.kind != EdgeKind::kSharedContact) continue;
      ++components[index_of_root[sets.Find(edge.from)]].shared_contact_relations;
    }
  }
  for (ContactComponent& component : components) {
    if (static_cast<int>(component.members.size()) < std::max(options.min_size, 1)) continue;
    std::sort(component.members.begin(), component.members.end());
    component.id = component.members.front();
    result.subjects_in_components += static_cast<int64_t>(component.members.size());
    result.components.push_back(std::move(component));
  }
  std::sort(result.components.begin(), result.components.end(),
            [](const ContactComponent& a, const ContactComponent& b) {
              if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
              return a.id < b.id;
            });
  return result;
}

ContactComponent ContactComponentOf(const RelationshipGraph& graph, SubjectId subject,
                                    int degree_cap) {
  ContactComponent component;
  NodeId start = graph.NodeOf(subject);
  if (start == kNoNode) {
    component.id = subject;
    component.members.push_back(subject);
    return component;
  }
  // Breadth-first from the subject through contact points under the cap and shared_contact edges.
  std::vector<char> seen(graph.node_count(), 0);
  std::vector<NodeId> queue{start};
  seen[start] = 1;
  std::vector<NodeId> holders;
  for (size_t head = 0; head < queue.size(); ++head) {
    NodeId node = queue[head];
    if (IsContactPoint(graph.kind(node))) {
      HoldersOf(graph, node, holders);
      if (static_cast<int>(holders.size()) > degree_cap) continue;
      if (holders.size() >= 2) {
        ++component.shared_contact_points;
        if (graph.kind(node) == NodeKind::kPhone) ++component.phones;
        if (graph.kind(node) == NodeKind::kEmail) ++component.emails;
      }
      for (NodeId holder : holders) {
        if (!seen[holder]) {
          seen[holder] = 1;
          queue.push_back(holder);
        }
      }
      continue;
    }
    component.members.push_back(graph.subject_of(node));
    for (EdgeIndex e : graph.OutEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kContact && edge.kind != EdgeKind::kSharedContact) continue;
      if (edge.kind == EdgeKind::kSharedContact) ++component.shared_contact_relations;
      if (!seen[edge.to]) {
        seen[edge.to] = 1;
        queue.push_back(edge.to);
      }
    }
    for (EdgeIndex e : graph.InEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kSharedContact) continue;
      if (!seen[edge.from]) {
        seen[edge.from] = 1;
        queue.push_back(edge.from);
      }
    }
  }
  std::sort(component.members.begin(), component.members.end());
  component.id = component.members.front();
  return component;
}

}  // namespace credo::graph
