// credo graph: guarantee circles (担保圈) and the check that a new guarantee closes one.
//
// A circle is a strongly connected component of the guarantee graph (guarantor -> borrower) with
// at least `min_size` members: mutual guarantees (A<->B), chains closing on themselves
// (A->B->C->A) and crossed circles alike. Components are found with an iterative Tarjan (explicit
// stack: no recursion, so depth is not limited by the call stack at 100k nodes and more). Per
// circle: the guarantees inside it and their total amount (the circle's guaranteed exposure),
// and per member the guarantees it gives (inside and in total), its net assets (latest financial
// statement) and the leverage guarantees given / net assets.
//
// ClosesCircle tells whether adding guarantor -> borrower would close a cycle (the borrower
// already reaches the guarantor through guarantees) and returns that path: a monitor raises an
// alert from it. Both are pure functions of a finalized graph.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "graph/relationship_graph.h"

namespace credo::graph {

struct CircleMember {
  SubjectId subject_id = 0;
  int64_t guarantees_given_inside = 0;  //!< to other members
  int64_t guarantees_given_total = 0;   //!< to anyone
  int64_t guarantees_received_inside = 0;
  int out_degree_inside = 0;
  int in_degree_inside = 0;
  std::optional<int64_t> net_assets;  //!< nullopt: no financial statement stored
  std::optional<double> leverage;     //!< guarantees_given_total / net_assets when net assets > 0
};

struct GuaranteeCircle {
  int64_t id = 0;                       //!< the smallest member subject id
  std::vector<CircleMember> members;    //!< ascending subject id
  int64_t internal_guarantees = 0;      //!< guarantee edges between members
  int64_t total_guaranteed = 0;         //!< sum of those edges' amounts
};

struct CircleOptions {
  int min_size = 2;
};

//! Circles, largest first (ties: smallest id first).
std::vector<GuaranteeCircle> GuaranteeCircles(const RelationshipGraph& graph,
                                              const CircleOptions& options = {});

//! Strongly connected components over the edges of one kind (iterative Tarjan). Returns per node
//! the component index; components are numbered in reverse topological order.
std::vector<int32_t> StronglyConnectedComponents(const RelationshipGraph& graph, EdgeKind kind,
                                                 int32_t* component_count);

struct CircleClosure {
  bool closes = false;
  //! borrower ... guarantor: the existing guarantee path the new edge would close (subject ids).
  std::vector<SubjectId> path;
};

//! Would a new guarantee guarantor -> borrower close a circle? kNotFound for unknown subjects.
Result<CircleClosure> ClosesCircle(const RelationshipGraph& graph, SubjectId guarantor,
                                   SubjectId borrower);

}  // namespace credo::graph
