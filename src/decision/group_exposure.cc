#include "decision/group_exposure.h"

#include "graph/graph_store.h"
#include "graph/ownership.h"

namespace credo::decision {

Result<GroupExposure> GroupExposureOf(Store& store, SubjectId company) {
  CREDO_ASSIGN_OR_RETURN(graph::RelationshipGraph relationship_graph, graph::BuildGraph(store));
  CREDO_ASSIGN_OR_RETURN(graph::GroupResult group, graph::GroupOf(relationship_graph, company));
  GroupExposure out;
  out.top_controller = group.top_controller;
  out.members = static_cast<int64_t>(group.members.size());
  out.loan_balance = group.loan_balance;
  out.guarantees_given_outside = group.guarantees_given_outside;
  out.exposure = group.loan_balance + group.guarantees_given_outside;
  return out;
}

}  // namespace credo::decision
