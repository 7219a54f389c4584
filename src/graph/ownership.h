// credo graph: who ultimately owns a company, and the group it belongs to.
//
// UltimateOwners follows shareholding edges upwards from a company, multiplying percentages along
// each path and summing over paths (integrated ownership). An ultimate owner is a holder with no
// recorded shareholders of its own (a person, or a company whose shareholders are unknown).
// Shareholding cycles (A holds B holds A) are treated, not looped over: the walk sums the
// geometric series round the cycle until what is still circulating is below 1e-9 (or, for a
// cycle that keeps 100% of itself, stops after a bounded number of rounds) and reports the cycle
// and the share left unresolved as a warning. A company whose holders' percentages add up to more
// than 100 gets a data warning and its holders are scaled to 100 for the walk.
//
// GroupOf finds the group of a company: its controller chain upwards (a holder with more than
// `control_percent`, 50 by default) to the top controller, then every company the top controls,
// directly or through companies it already controls (stakes held by controlled companies add up).
// Group exposure sums the members' loan balances (tradelines) and the guarantees they give.
//
// Errors: kNotFound for an unknown subject, kInvalidArgument for a person or bad thresholds.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "graph/relationship_graph.h"

namespace credo::graph {

struct OwnershipOptions {
  double threshold_percent = 25;  //!< beneficial owner at or above this effective share
  double control_percent = 50;    //!< control strictly above this
  int max_rounds = 10000;         //!< walk steps before what still circulates is left unresolved
};

struct UltimateOwner {
  SubjectId subject_id = 0;
  NodeKind kind = NodeKind::kPerson;
  double effective_percent = 0;  //!< sum over paths of the product of percentages
  int shortest_chain = 0;        //!< number of shareholding edges on the shortest path
  bool controls = false;         //!< effective_percent > control_percent
};

struct OwnershipWarning {
  std::string code;     //!< "GR-101" percent sum over 100, "GR-102" cycle, "GR-103" unresolved cycle
  SubjectId subject_id = 0;  //!< the company the warning is about
  std::string message;
};

struct UboResult {
  SubjectId company = 0;
  std::vector<UltimateOwner> owners;          //!< all ultimate owners, largest share first
  std::vector<UltimateOwner> beneficial_owners;  //!< those at or above the threshold
  double unresolved_percent = 0;  //!< share still circulating in a cycle after max_rounds
  double unidentified_percent = 0;  //!< share held by no recorded holder (holders sum under 100)
  std::vector<SubjectId> cycle;     //!< companies on shareholding cycles met on the way
  std::vector<OwnershipWarning> warnings;
};

Result<UboResult> UltimateOwners(const RelationshipGraph& graph, SubjectId company,
                                 const OwnershipOptions& options = {});
//! The same walk from a node (no checks): what the all-companies benchmark and GroupOf use.
UboResult UltimateOwnersOfNode(const RelationshipGraph& graph, NodeId company,
                               const OwnershipOptions& options);

struct GroupMember {
  SubjectId subject_id = 0;
  SubjectId controlled_by = 0;  //!< the member (or top controller) whose stakes gave control
  double controlled_percent = 0;  //!< stake held by the controller and the members it controls
  int64_t loan_balance = 0;
  int64_t guarantees_given = 0;
  int64_t guarantees_given_outside = 0;  //!< to borrowers outside the group
};

struct GroupResult {
  SubjectId company = 0;
  SubjectId top_controller = 0;  //!< a person or a company; the company itself when none
  NodeKind top_controller_kind = NodeKind::kOrganization;
  std::vector<GroupMember> members;  //!< controlled companies (the top one too if a company)
  int64_t loan_balance = 0;          //!< sum over members
  int64_t guarantees_given = 0;
  int64_t guarantees_given_outside = 0;
  std::vector<OwnershipWarning> warnings;
};

Result<GroupResult> GroupOf(const RelationshipGraph& graph, SubjectId company,
                            const OwnershipOptions& options = {});

}  // namespace credo::graph
