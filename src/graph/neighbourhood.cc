#include "graph/neighbourhood.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "graph/graph_store.h"

namespace credo::graph {
namespace {

int ContactHolders(const RelationshipGraph& graph, NodeId contact) {
  int holders = 0;
  for (EdgeIndex e : graph.InEdges(contact)) {
    if (graph.edge(e).kind == EdgeKind::kContact) ++holders;
  }
  return holders;
}

}  // namespace

Result<Neighbourhood> NeighbourhoodOf(const RelationshipGraph& graph, SubjectId subject,
                                      const NeighbourhoodOptions& options) {
  if (options.depth < 0 || options.depth > 6) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "depth must be between 0 and 6 (got " + std::to_string(options.depth) + ")",
                     "graph");
  }
  CREDO_ASSIGN_OR_RETURN(NodeId center, RequireSubject(graph, subject));
  Neighbourhood result;
  result.center = graph.subject_of(center);
  result.depth = options.depth;
  std::unordered_map<NodeId, int> depth_of{{center, 0}};
  std::vector<NodeId> queue{center};
  for (size_t head = 0; head < queue.size(); ++head) {
    NodeId node = queue[head];
    int depth = depth_of[node];
    if (depth >= options.depth) continue;
    if (IsContactPoint(graph.kind(node)) && ContactHolders(graph, node) > options.contact_degree_cap) {
      continue;  // a switchboard number: shown, not expanded
    }
    auto visit = [&](NodeId next) {
      if (depth_of.contains(next)) return;
      if (queue.size() >= options.max_nodes) {
        result.truncated = true;
        return;
      }
      depth_of[next] = depth + 1;
      queue.push_back(next);
    };
    for (EdgeIndex e : graph.OutEdges(node)) visit(graph.edge(e).to);
    for (EdgeIndex e : graph.InEdges(node)) visit(graph.edge(e).from);
  }
  for (NodeId node : queue) {
    NeighbourNode entry;
    entry.node = node;
    entry.kind = graph.kind(node);
    entry.subject_id = graph.subject_of(node);
    entry.depth = depth_of[node];
    if (IsContactPoint(entry.kind)) {
      entry.label = std::string(NodeKindName(entry.kind)) + " held by " +
                    std::to_string(ContactHolders(graph, node)) + " subjects";
    } else {
      entry.label = "subject " + std::to_string(entry.subject_id);
    }
    result.nodes.push_back(std::move(entry));
  }
  std::stable_sort(result.nodes.begin(), result.nodes.end(),
                   [](const NeighbourNode& a, const NeighbourNode& b) {
                     if (a.depth != b.depth) return a.depth < b.depth;
                     return a.node < b.node;
                   });
  for (NodeId node : queue) {
    for (EdgeIndex e : graph.OutEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (!depth_of.contains(edge.to)) continue;
      double percent = std::round(static_cast<double>(edge.percent) * 100.0) / 100.0;
      result.edges.push_back({edge.from, edge.to, edge.kind, percent, edge.amount,
                              std::string(graph.role(edge))});
    }
  }
  return result;
}

std::string NeighbourhoodToJson(const Neighbourhood& neighbourhood, const std::string& currency) {
  using Json = nlohmann::ordered_json;
  Json nodes = Json::array();
  for (const NeighbourNode& node : neighbourhood.nodes) {
    Json entry{{"id", node.node}, {"kind", NodeKindName(node.kind)}, {"depth", node.depth},
               {"label", node.label}};
    if (node.subject_id != 0) entry["subject_id"] = node.subject_id;
    nodes.push_back(std::move(entry));
  }
  Json edges = Json::array();
  for (const NeighbourEdge& edge : neighbourhood.edges) {
    Json entry{{"from", edge.from}, {"to", edge.to}, {"kind", EdgeKindName(edge.kind)}};
    if (edge.kind == EdgeKind::kShareholding) entry["percent"] = edge.percent;
    if (edge.amount != 0) {
      entry["amount_minor"] = edge.amount;
      entry["currency"] = currency;
    }
    if (!edge.role.empty()) entry["role"] = edge.role;
    edges.push_back(std::move(entry));
  }
  Json json{{"center", neighbourhood.center},
            {"depth", neighbourhood.depth},
            {"truncated", neighbourhood.truncated},
            {"nodes", std::move(nodes)},
            {"edges", std::move(edges)}};
  return json.dump(2);
}

}  // namespace credo::graph
