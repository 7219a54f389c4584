// Graphs built by hand for the graph module's unit tests: subjects by id, edges by subject id.
#pragma once

#include <optional>

#include "graph/relationship_graph.h"

namespace credo::graph::testing {

class HandGraph {
 public:
  HandGraph& Company(SubjectId id, std::optional<int64_t> net_assets = std::nullopt,
                     int64_t loans = 0) {
    NodeId node = graph_.AddSubject(id, NodeKind::kOrganization);
    graph_.mutable_facts(node).net_assets = net_assets;
    graph_.mutable_facts(node).loan_balance = loans;
    return *this;
  }
  HandGraph& Person(SubjectId id) {
    graph_.AddSubject(id, NodeKind::kPerson);
    return *this;
  }
  HandGraph& Guarantee(SubjectId guarantor, SubjectId borrower, int64_t amount) {
    graph_.AddEdge(Node(guarantor), Node(borrower), EdgeKind::kGuarantee, 0, amount);
    return *this;
  }
  HandGraph& Holds(SubjectId holder, SubjectId company, double percent) {
    graph_.AddEdge(Node(holder), Node(company), EdgeKind::kShareholding, percent);
    return *this;
  }
  //! A phone (key) held by the subject.
  HandGraph& Phone(SubjectId subject, uint64_t key) {
    NodeId contact = graph_.AddContactPoint(key, NodeKind::kPhone);
    graph_.AddEdge(Node(subject), contact, EdgeKind::kContact, 0, 0, "phone");
    return *this;
  }
  HandGraph& Email(SubjectId subject, uint64_t key) {
    NodeId contact = graph_.AddContactPoint(key | (uint64_t{1} << 63), NodeKind::kEmail);
    graph_.AddEdge(Node(subject), contact, EdgeKind::kContact, 0, 0, "email");
    return *this;
  }
  HandGraph& Edge(SubjectId from, SubjectId to, EdgeKind kind, std::string_view role = {}) {
    graph_.AddEdge(Node(from), Node(to), kind, 0, 0, role);
    return *this;
  }
  RelationshipGraph Build() {
    graph_.Finalize();
    return graph_;
  }

 private:
  NodeId Node(SubjectId id) {
    NodeId node = graph_.NodeOf(id);
    return node != kNoNode ? node : graph_.AddSubject(id, NodeKind::kOrganization);
  }
  RelationshipGraph graph_;
};

}  // namespace credo::graph::testing
