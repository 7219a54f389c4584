// credo graph: the neighbourhood of a subject to a given depth (for the report and the console).
//
// Breadth-first over every edge kind in both directions. Contact points appear as nodes of kind
// phone / e-mail labelled by how many subjects hold them, never a clear value. A contact point over `contact_degree_cap` subjects is shown but not expanded. The result
// has a JSON form (nodes with id, kind, subject_id, depth; edges with from, to, kind, percent,
// amount, role).
//
// Errors: kNotFound for an unknown subject, kInvalidArgument for a depth outside 0..6.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "graph/relationship_graph.h"

namespace credo::graph {

struct NeighbourhoodOptions {
  int depth = 2;
  int contact_degree_cap = 10;
  size_t max_nodes = 5000;  //!< stop expanding beyond this many nodes (truncated is set)
};

struct NeighbourNode {
  NodeId node = kNoNode;
  NodeKind kind = NodeKind::kPerson;
  SubjectId subject_id = 0;  //!< 0 for a contact point
  std::string label;         //!< "subject 42" / "phone held by 3 subjects"
  int depth = 0;
};

struct NeighbourEdge {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  EdgeKind kind = EdgeKind::kShareholding;
  double percent = 0;
  int64_t amount = 0;
  std::string role;
};

struct Neighbourhood {
  SubjectId center = 0;
  int depth = 0;
  std::vector<NeighbourNode> nodes;  //!< by depth, then node id
  std::vector<NeighbourEdge> edges;  //!< edges between returned nodes
  bool truncated = false;
};

Result<Neighbourhood> NeighbourhoodOf(const RelationshipGraph& graph, SubjectId subject,
                                      const NeighbourhoodOptions& options = {});
//! {"center":..,"depth":..,"truncated":..,"nodes":[...],"edges":[...]}
std::string NeighbourhoodToJson(const Neighbourhood& neighbourhood, const std::string& currency);

}  // namespace credo::graph
