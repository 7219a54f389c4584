// credo graph: the relationship graph itself (nodes, edges, compact adjacency).
//
// Nodes are subjects (persons and organizations, one node per surviving subject) and contact
// points (a phone or an e-mail, known only by the store's keyed blind index: no clear value is
// read or kept). Edges are the store's relations (shareholding with percent, legal representative,
// officer, guarantee with amount, supply with volume, shared contact) and subject -> contact point
// edges. Adjacency is CSR (offsets + edge indices, outgoing and incoming), node ids are dense
// 32-bit integers. Per subject the graph keeps what its queries need from the store: net assets of
// the latest financial statement and the sum of tradeline balances.
//
// Contract: a RelationshipGraph is a value (copyable, movable); const methods are safe to call
// from several threads at once; building and updating (graph_store.h) replace it in place and need
// exclusive access.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/records.h"
#include "core/subject.h"

namespace credo::graph {

using NodeId = int32_t;
using EdgeIndex = int32_t;
inline constexpr NodeId kNoNode = -1;

enum class NodeKind : uint8_t {
  kPerson,
  kOrganization,
  kPhone,  //!< a contact point: phone number (blind index only)
  kEmail,  //!< a contact point: e-mail address (blind index only)
};
std::string_view NodeKindName(NodeKind kind);
inline bool IsContactPoint(NodeKind kind) { return kind == NodeKind::kPhone || kind == NodeKind::kEmail; }

enum class EdgeKind : uint8_t {
  kShareholding,         //!< holder -> company, percent
  kLegalRepresentative,  //!< person -> company
  kOfficer,              //!< person -> company, role is the title
  kGuarantee,            //!< guarantor -> borrower, amount
  kSupply,               //!< seller -> buyer, amount is the volume
  kSharedContact,        //!< subject -> subject (a relation row that says they share a contact)
  kContact,              //!< subject -> contact point node (the subject's phone or e-mail)
};
std::string_view EdgeKindName(EdgeKind kind);
EdgeKind EdgeKindOf(RelationKind kind);

struct Edge {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  int64_t amount = 0;   //!< minor units: guarantee amount, supply volume
  float percent = 0;    //!< shareholding, 0..100
  uint16_t role = 0;    //!< index into RelationshipGraph::roles() ("" is 0)
  EdgeKind kind = EdgeKind::kShareholding;
};

//! What the graph knows of one subject besides its edges.
struct SubjectFacts {
  SubjectId subject_id = 0;
  std::optional<int64_t> net_assets;  //!< minor units, latest statement; nullopt: none stored
  std::optional<Date> statement_period_end;
  int64_t loan_balance = 0;  //!< sum of the subject's tradeline balances, minor units
  bool merged = false;       //!< merged into another subject: kept as a node without edges
};

class RelationshipGraph {
 public:
  RelationshipGraph() = default;

  size_t node_count() const { return node_kind_.size(); }
  size_t edge_count() const { return edges_.size(); }
  size_t subject_count() const { return subject_ids_.size(); }

  NodeKind kind(NodeId node) const { return node_kind_[node]; }
  //! The subject of a subject node; 0 for a contact point.
  SubjectId subject_of(NodeId node) const { return node_subject_[node]; }
  const SubjectFacts& facts(NodeId node) const { return facts_[node]; }
  //! The node of a subject (after following merge redirects), or kNoNode.
  NodeId NodeOf(SubjectId subject) const;
  //! The node created for exactly this subject id (no redirect followed), or kNoNode.
  NodeId ExactNodeOf(SubjectId subject) const;
  //! The surviving subject id for `subject` (itself when never merged).
  SubjectId Resolve(SubjectId subject) const;

  std::span<const EdgeIndex> OutEdges(NodeId node) const {
    return {out_edges_.data() + out_offsets_[node], out_edges_.data() + out_offsets_[node + 1]};
  }
  std::span<const EdgeIndex> InEdges(NodeId node) const {
    return {in_edges_.data() + in_offsets_[node], in_edges_.data() + in_offsets_[node + 1]};
  }
  const Edge& edge(EdgeIndex index) const { return edges_[index]; }
  const std::vector<Edge>& edges() const { return edges_; }
  std::string_view role(const Edge& edge) const { return roles_[edge.role]; }
  //! Currency of the amounts (the first one seen; amounts in other currencies are counted in
  //! mixed_currency_edges() and still summed as minor units).
  const std::string& currency() const { return currency_; }
  int64_t mixed_currency_edges() const { return mixed_currency_edges_; }
  //! The day whose relations the graph holds (those in force then: graph_store.h); nullopt for
  //! a graph built by hand.
  std::optional<Date> as_of() const { return as_of_; }
  void set_as_of(Date day) { as_of_ = day; }
  //! Approximate heap bytes held (adjacency, edges, node tables, indexes).
  size_t MemoryBytes() const;

  // ---- Construction (used by graph_store.cc and by tests that build graphs by hand). --------
  //! Adds (or returns) the node of a subject.
  NodeId AddSubject(SubjectId subject, NodeKind kind);
  //! Adds (or returns) the contact point node with this 64-bit key (blind index prefix + kind).
  NodeId AddContactPoint(uint64_t key, NodeKind kind);
  //! Records that `merged` now lives on as `survivor`.
  void AddRedirect(SubjectId merged, SubjectId survivor);
  SubjectFacts& mutable_facts(NodeId node) { return facts_[node]; }
  void AddEdge(NodeId from, NodeId to, EdgeKind kind, double percent = 0, int64_t amount = 0,
               std::string_view role = {});
  void NoteCurrency(std::string_view code);
  //! Removes every edge with an end in `nodes` (relation edges) or leaving one of `nodes`
  //! (contact edges). Adjacency is stale until Finalize().
  void RemoveEdgesTouching(std::span<const NodeId> nodes);
  //! Packs the edges into CSR adjacency. Call after adding or removing edges.
  void Finalize();
  bool finalized() const { return finalized_; }

 private:
  std::vector<NodeKind> node_kind_;
  std::vector<SubjectId> node_subject_;
  std::vector<SubjectFacts> facts_;  //!< per node (empty facts for contact points)
  // Subject index: ascending subject ids and their nodes.
  std::vector<SubjectId> subject_ids_;
  std::vector<NodeId> subject_nodes_;
  // Contact index: ascending keys and their nodes.
  std::vector<std::pair<uint64_t, NodeId>> contact_index_;
  std::unordered_map<uint64_t, NodeId> contact_pending_;  //!< added since the last Finalize
  std::vector<std::pair<SubjectId, SubjectId>> redirects_;    //!< sorted (merged, survivor)
  bool redirects_sorted_ = true;
  std::vector<Edge> edges_;
  std::vector<std::string> roles_{""};
  std::vector<uint32_t> out_offsets_{0}, in_offsets_{0};
  std::vector<EdgeIndex> out_edges_, in_edges_;
  std::string currency_;
  std::optional<Date> as_of_;
  int64_t mixed_currency_edges_ = 0;
  bool finalized_ = true;
};

}  // namespace credo::graph
