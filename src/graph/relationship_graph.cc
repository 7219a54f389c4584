#include "graph/relationship_graph.h"

#include <algorithm>

namespace credo::graph {

std::string_view NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kPerson: return "person";
    case NodeKind::kOrganization: return "organization";
    case NodeKind::kPhone: return "phone";
    case NodeKind::kEmail: return "email";
  }
  return "?";
}

std::string_view EdgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::kShareholding: return "shareholding";
    case EdgeKind::kLegalRepresentative: return "legal_representative";
    case EdgeKind::kOfficer: return "officer";
    case EdgeKind::kGuarantee: return "guarantee";
    case EdgeKind::kSupply: return "supply";
    case EdgeKind::kSharedContact: return "shared_contact";
    case EdgeKind::kContact: return "contact";
  }
  return "?";
}

EdgeKind EdgeKindOf(RelationKind kind) {
  switch (kind) {
    case RelationKind::kShareholding: return EdgeKind::kShareholding;
    case RelationKind::kLegalRepresentative: return EdgeKind::kLegalRepresentative;
    case RelationKind::kOfficer: return EdgeKind::kOfficer;
    case RelationKind::kGuarantee: return EdgeKind::kGuarantee;
    case RelationKind::kSupply: return EdgeKind::kSupply;
    case RelationKind::kSharedContact: return EdgeKind::kSharedContact;
  }
  return EdgeKind::kSharedContact;
}

SubjectId RelationshipGraph::Resolve(SubjectId subject) const {
  // Redirect chains are short (the store caps them); follow at most 64 steps.
  for (int step = 0; step < 64; ++step) {
    if (redirects_sorted_) {
      auto it = std::lower_bound(redirects_.begin(), redirects_.end(),
                                 std::make_pair(subject, SubjectId{0}));
      if (it == redirects_.end() || it->first != subject) return subject;
      subject = it->second;
    } else {
      auto it = std::find_if(redirects_.begin(), redirects_.end(),
                             [&](const auto& r) { return r.first == subject; });
      if (it == redirects_.end()) return subject;
      subject = it->second;
    }
  }
  return subject;
}

NodeId RelationshipGraph::NodeOf(SubjectId subject) const {
  return ExactNodeOf(Resolve(subject));
}

NodeId RelationshipGraph::ExactNodeOf(SubjectId subject) const {
  auto it = std::lower_bound(subject_ids_.begin(), subject_ids_.end(), subject);
  if (it == subject_ids_.end() || *it != subject) return kNoNode;
  return subject_nodes_[it - subject_ids_.begin()];
}

NodeId RelationshipGraph::AddSubject(SubjectId subject, NodeKind kind) {
  auto it = std::lower_bound(subject_ids_.begin(), subject_ids_.end(), subject);
  if (it != subject_ids_.end() && *it == subject) {
    NodeId node = subject_nodes_[it - subject_ids_.begin()];
    node_kind_[node] = kind;
    return node;
  }
  NodeId node = static_cast<NodeId>(node_kind_.size());
  node_kind_.push_back(kind);
  node_subject_.push_back(subject);
  SubjectFacts facts;
  facts.subject_id = subject;
  facts_.push_back(facts);
  // Store ids only grow, so this is an append in practice.
  size_t at = it - subject_ids_.begin();
  subject_ids_.insert(subject_ids_.begin() + at, subject);
  subject_nodes_.insert(subject_nodes_.begin() + at, node);
  finalized_ = false;
  return node;
}

NodeId RelationshipGraph::AddContactPoint(uint64_t key, NodeKind kind) {
  auto it = std::lower_bound(contact_index_.begin(), contact_index_.end(),
                             std::make_pair(key, NodeId{kNoNode}));
  if (it != contact_index_.end() && it->first == key) return it->second;
  auto pending = contact_pending_.find(key);
  if (pending != contact_pending_.end()) return pending->second;
  NodeId node = static_cast<NodeId>(node_kind_.size());
  node_kind_.push_back(kind);
  node_subject_.push_back(0);
  facts_.emplace_back();
  contact_pending_.emplace(key, node);
  finalized_ = false;
  return node;
}

void RelationshipGraph::AddRedirect(SubjectId merged, SubjectId survivor) {
  redirects_.emplace_back(merged, survivor);
  redirects_sorted_ = false;
  finalized_ = false;
}

void RelationshipGraph::NoteCurrency(std::string_view code) {
  if (code.empty()) return;
  if (currency_.empty()) {
    currency_ = std::string(code);
  } else if (code != currency_) {
    ++mixed_currency_edges_;
  }
}

void RelationshipGraph::AddEdge(NodeId from, NodeId to, EdgeKind kind, double percent,
                                int64_t amount, std::string_view role) {
  Edge edge;
  edge.from = from;
  edge.to = to;
  edge.kind = kind;
  edge.percent = static_cast<float>(percent);
  edge.amount = amount;
  if (!role.empty()) {
    auto it = std::find(roles_.begin(), roles_.end(), role);
    if (it == roles_.end()) {
      roles_.emplace_back(role);
      it = roles_.end() - 1;
    }
    edge.role = static_cast<uint16_t>(it - roles_.begin());
  }
  edges_.push_back(edge);
  finalized_ = false;
}

void RelationshipGraph::RemoveEdgesTouching(std::span<const NodeId> nodes) {
  if (nodes.empty()) return;
  std::vector<char> touched(node_kind_.size(), 0);
  for (NodeId node : nodes) touched[node] = 1;
  std::erase_if(edges_, [&](const Edge& edge) {
    if (edge.kind == EdgeKind::kContact) return touched[edge.from] != 0;
    return touched[edge.from] != 0 || touched[edge.to] != 0;
  });
  finalized_ = false;
}

void RelationshipGraph::Finalize() {
  if (!redirects_sorted_) {
    std::sort(redirects_.begin(), redirects_.end());
    redirects_.erase(std::unique(redirects_.begin(), redirects_.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     redirects_.end());
    redirects_sorted_ = true;
  }
  if (!contact_pending_.empty()) {
    contact_index_.insert(contact_index_.end(), contact_pending_.begin(), contact_pending_.end());
    std::sort(contact_index_.begin(), contact_index_.end());
    contact_pending_.clear();
  }
  const size_t n = node_kind_.size();
  // Counting sort by source (out) and by target (in): two linear passes each.
  out_offsets_.assign(n + 1, 0);
  in_offsets_.assign(n + 1, 0);
  for (const Edge& edge : edges_) {
    ++out_offsets_[edge.from + 1];
    ++in_offsets_[edge.to + 1];
  }
  for (size_t i = 0; i < n; ++i) {
    out_offsets_[i + 1] += out_offsets_[i];
    in_offsets_[i + 1] += in_offsets_[i];
  }
  out_edges_.resize(edges_.size());
  in_edges_.resize(edges_.size());
  std::vector<uint32_t> out_next(out_offsets_.begin(), out_offsets_.end() - 1);
  std::vector<uint32_t> in_next(in_offsets_.begin(), in_offsets_.end() - 1);
  for (size_t i = 0; i < edges_.size(); ++i) {
    out_edges_[out_next[edges_[i].from]++] = static_cast<EdgeIndex>(i);
    in_edges_[in_next[edges_[i].to]++] = static_cast<EdgeIndex>(i);
  }
  finalized_ = true;
}

size_t RelationshipGraph::MemoryBytes() const {
  size_t bytes = node_kind_.capacity() * sizeof(NodeKind) +
                 node_subject_.capacity() * sizeof(SubjectId) +
                 facts_.capacity() * sizeof(SubjectFacts) +
                 subject_ids_.capacity() * sizeof(SubjectId) +
                 subject_nodes_.capacity() * sizeof(NodeId) +
                 contact_index_.capacity() * sizeof(contact_index_[0]) +
                 redirects_.capacity() * sizeof(redirects_[0]) + edges_.capacity() * sizeof(Edge) +
                 (out_offsets_.capacity() + in_offsets_.capacity()) * sizeof(uint32_t) +
                 (out_edges_.capacity() + in_edges_.capacity()) * sizeof(EdgeIndex);
  for (const std::string& role : roles_) bytes += role.capacity() + sizeof(std::string);
  return bytes;
}

}  // namespace credo::graph
