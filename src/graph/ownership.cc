#include "graph/ownership.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "graph/graph_store.h"

namespace credo::graph {
namespace {

constexpr double kNegligible = 1e-9;  // share of 1.0 still circulating when the walk stops
// Percents are kept as float (two decimals in registries): sums within this of 100 are 100.
constexpr double kPercentTolerance = 0.005;

std::string Percent(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", value);
  return buffer;
}

//! Sum of the recorded holders' percentages of `company`.
double HolderSum(const RelationshipGraph& graph, NodeId company) {
  double sum = 0;
  for (EdgeIndex e : graph.InEdges(company)) {
    const Edge& edge = graph.edge(e);
    if (edge.kind == EdgeKind::kShareholding) sum += edge.percent;
  }
  return sum;
}

//! True when `start` reaches itself through shareholders (upwards) within `allowed`.
bool OnCycle(const RelationshipGraph& graph, NodeId start,
             const std::unordered_set<NodeId>& allowed) {
  std::vector<NodeId> queue{start};
  std::unordered_set<NodeId> seen;
  for (size_t head = 0; head < queue.size(); ++head) {
    for (EdgeIndex e : graph.InEdges(queue[head])) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kShareholding || !allowed.contains(edge.from)) continue;
      if (edge.from == start) return true;
      if (seen.insert(edge.from).second) queue.push_back(edge.from);
    }
  }
  return false;
}

Status CheckOptions(const OwnershipOptions& options) {
  if (!(options.threshold_percent > 0 && options.threshold_percent <= 100) ||
      !(options.control_percent > 0 && options.control_percent < 100)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "thresholds must be percentages: threshold in (0, 100], control in (0, 100) "
                     "(got " + Percent(options.threshold_percent) + " and " +
                         Percent(options.control_percent) + ")",
                     "graph");
  }
  return Ok();
}

Result<NodeId> RequireCompany(const RelationshipGraph& graph, SubjectId company) {
  CREDO_ASSIGN_OR_RETURN(NodeId node, RequireSubject(graph, company));
  if (graph.kind(node) != NodeKind::kOrganization) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "subject " + std::to_string(company) +
                         " is a person: ownership and groups are about companies",
                     "graph");
  }
  return node;
}

}  // namespace

UboResult UltimateOwnersOfNode(const RelationshipGraph& graph, NodeId company,
                               const OwnershipOptions& options) {
  UboResult result;
  result.company = graph.subject_of(company);
  std::unordered_map<NodeId, double> frontier{{company, 1.0}}, next, terminal;
  std::unordered_map<NodeId, int> first_round;
  std::unordered_map<NodeId, int> rounds_seen;  // how many rounds a node carried mass
  std::unordered_set<NodeId> warned_over_100;
  double unidentified = 0;
  int round = 0;
  for (; round < options.max_rounds && !frontier.empty(); ++round) {
    double circulating = 0;
    for (const auto& [node, mass] : frontier) circulating += mass;
    if (circulating < kNegligible) break;
    next.clear();
    for (const auto& [node, mass] : frontier) {
      ++rounds_seen[node];
      double sum = HolderSum(graph, node);
      if (sum <= 0) {
        if (node != company) {
          terminal[node] += mass;
          first_round.try_emplace(node, round);
        } else {
          unidentified += mass;  // no holder recorded at all: the whole company is unidentified
        }
        continue;
      }
      double scale = 1.0;
      if (sum > 100.0 + kPercentTolerance) {
        scale = 100.0 / sum;
        if (warned_over_100.insert(node).second) {
          result.warnings.push_back(
              {"GR-101", graph.subject_of(node),
               "the shareholders of company " + std::to_string(graph.subject_of(node)) +
                   " add up to " + Percent(sum) +
                   ", over 100%: their percentages are scaled to 100% for this walk; correct the "
                   "registry data (a holder counted twice, or an outdated holding)"});
        }
      } else if (sum > 100.0 - kPercentTolerance) {
        scale = 100.0 / sum;  // a full register whose float percents miss 100 by rounding
      } else {
        unidentified += mass * (100.0 - sum) / 100.0;
      }
      for (EdgeIndex e : graph.InEdges(node)) {
        const Edge& edge = graph.edge(e);
        if (edge.kind != EdgeKind::kShareholding || edge.percent <= 0) continue;
        next[edge.from] += mass * edge.percent / 100.0 * scale;
      }
    }
    std::swap(frontier, next);
  }
  double left = 0;
  for (const auto& [node, mass] : frontier) left += mass;
  result.unresolved_percent = left * 100.0;
  result.unidentified_percent = unidentified * 100.0;
  // Cycles: nodes that carried mass in more than one round and reach themselves.
  std::unordered_set<NodeId> visited;
  for (const auto& [node, count] : rounds_seen) visited.insert(node);
  for (const auto& [node, count] : rounds_seen) {
    if (count > 1 && OnCycle(graph, node, visited)) result.cycle.push_back(graph.subject_of(node));
  }
  std::sort(result.cycle.begin(), result.cycle.end());
  if (!result.cycle.empty()) {
    std::string members;
    for (SubjectId id : result.cycle) members += (members.empty() ? "" : ", ") + std::to_string(id);
    result.warnings.push_back(
        {"GR-102", result.company,
         "shareholding cycle through companies " + members +
             ": the holdings round the cycle are summed as a geometric series (each pass "
             "multiplies the percentages again) until less than 1e-7% circulates"});
  }
  if (result.unresolved_percent > 1e-7) {
    result.warnings.push_back(
        {"GR-103", result.company,
         Percent(result.unresolved_percent) +
             " of the ownership still circulates in a shareholding cycle after " +
             std::to_string(round) +
             " steps (the cycle holds itself almost entirely): it is left unattributed"});
  }
  for (const auto& [node, mass] : terminal) {
    UltimateOwner owner;
    owner.subject_id = graph.subject_of(node);
    owner.kind = graph.kind(node);
    owner.effective_percent = mass * 100.0;
    owner.shortest_chain = first_round[node];
    owner.controls = owner.effective_percent > options.control_percent + 1e-9;
    result.owners.push_back(owner);
  }
  std::sort(result.owners.begin(), result.owners.end(),
            [](const UltimateOwner& a, const UltimateOwner& b) {
              if (a.effective_percent != b.effective_percent) {
                return a.effective_percent > b.effective_percent;
              }
              return a.subject_id < b.subject_id;
            });
  for (const UltimateOwner& owner : result.owners) {
    if (owner.effective_percent + 1e-9 >= options.threshold_percent) {
      result.beneficial_owners.push_back(owner);
    }
  }
  return result;
}

Result<UboResult> UltimateOwners(const RelationshipGraph& graph, SubjectId company,
                                 const OwnershipOptions& options) {
  CREDO_TRY(CheckOptions(options));
  CREDO_ASSIGN_OR_RETURN(NodeId node, RequireCompany(graph, company));
  return UltimateOwnersOfNode(graph, node, options);
}

Result<GroupResult> GroupOf(const RelationshipGraph& graph, SubjectId company,
                            const OwnershipOptions& options) {
  CREDO_TRY(CheckOptions(options));
  CREDO_ASSIGN_OR_RETURN(NodeId start, RequireCompany(graph, company));
  GroupResult result;
  result.company = graph.subject_of(start);
  // Upwards: the holder with the largest stake above the control line, until none (or a cycle).
  NodeId top = start;
  std::unordered_set<NodeId> chain{start};
  while (true) {
    NodeId controller = kNoNode;
    double best = options.control_percent;
    double sum = HolderSum(graph, top);
    for (EdgeIndex e : graph.InEdges(top)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind == EdgeKind::kShareholding && edge.percent > best + 1e-9) {
        best = edge.percent;
        controller = edge.from;
      }
    }
    if (sum > 100.0 + kPercentTolerance) {
      result.warnings.push_back({"GR-101", graph.subject_of(top),
                                 "the shareholders of company " +
                                     std::to_string(graph.subject_of(top)) + " add up to " +
                                     Percent(sum) + ", over 100%: correct the registry data"});
    }
    if (controller == kNoNode) break;
    if (!chain.insert(controller).second) {
      result.warnings.push_back({"GR-102", graph.subject_of(controller),
                                 "control cycle: company " +
                                     std::to_string(graph.subject_of(controller)) +
                                     " is controlled through its own subsidiaries; the walk "
                                     "stops there"});
      break;
    }
    top = controller;
  }
  result.top_controller = graph.subject_of(top);
  result.top_controller_kind = graph.kind(top);
  // Downwards: stakes held by the top controller and the companies it controls add up.
  std::unordered_map<NodeId, double> stake;
  std::unordered_map<NodeId, NodeId> controlled_by;
  std::unordered_set<NodeId> members;
  std::vector<NodeId> queue{top};
  members.insert(top);
  for (size_t head = 0; head < queue.size(); ++head) {
    NodeId holder = queue[head];
    for (EdgeIndex e : graph.OutEdges(holder)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kShareholding) continue;
      if (graph.kind(edge.to) != NodeKind::kOrganization || members.contains(edge.to)) continue;
      double& held = stake[edge.to];
      held += edge.percent;
      if (held > options.control_percent + 1e-9) {
        members.insert(edge.to);
        controlled_by[edge.to] = holder;
        queue.push_back(edge.to);
      }
    }
  }
  for (NodeId node : queue) {
    if (graph.kind(node) != NodeKind::kOrganization) continue;
    GroupMember member;
    member.subject_id = graph.subject_of(node);
    if (node != top) {
      member.controlled_by = graph.subject_of(controlled_by[node]);
      member.controlled_percent = stake[node];
    }
    member.loan_balance = graph.facts(node).loan_balance;
    for (EdgeIndex e : graph.OutEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kGuarantee) continue;
      member.guarantees_given += edge.amount;
      if (!members.contains(edge.to)) member.guarantees_given_outside += edge.amount;
    }
    result.loan_balance += member.loan_balance;
    result.guarantees_given += member.guarantees_given;
    result.guarantees_given_outside += member.guarantees_given_outside;
    result.members.push_back(member);
  }
  std::sort(result.members.begin(), result.members.end(),
            [](const GroupMember& a, const GroupMember& b) { return a.subject_id < b.subject_id; });
  return result;
}

}  // namespace credo::graph
