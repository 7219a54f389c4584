#include "graph/guarantee_circles.h"

#include <algorithm>
#include <unordered_map>

#include "graph/graph_store.h"

namespace credo::graph {

std::vector<int32_t> StronglyConnectedComponents(const RelationshipGraph& graph, EdgeKind kind,
                                                 int32_t* component_count) {
  // Iterative Tarjan: the call stack is an explicit vector of (node, next out-edge position).
  const int32_t n = static_cast<int32_t>(graph.node_count());
  std::vector<int32_t> index(n, -1), low(n, 0), component(n, -1);
  std::vector<char> on_stack(n, 0);
  std::vector<NodeId> stack;
  struct Frame {
    NodeId node;
    uint32_t next;
  };
  std::vector<Frame> calls;
  int32_t counter = 0;
  int32_t components = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (index[root] != -1) continue;
    // Nodes with no edge of this kind are their own component; skip the bookkeeping cost.
    calls.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!calls.empty()) {
      Frame& frame = calls.back();
      NodeId node = frame.node;
      auto out = graph.OutEdges(node);
      bool descended = false;
      while (frame.next < out.size()) {
        const Edge& edge = graph.edge(out[frame.next++]);
        if (edge.kind != kind) continue;
        NodeId next = edge.to;
        if (index[next] == -1) {
          index[next] = low[next] = counter++;
          stack.push_back(next);
          on_stack[next] = 1;
          calls.push_back({next, 0});
          descended = true;
          break;
        }
        if (on_stack[next]) low[node] = std::min(low[node], index[next]);
      }
      if (descended) continue;
      // All successors done: close the component if `node` is its root, then return.
      if (low[node] == index[node]) {
        while (true) {
          NodeId member = stack.back();
          stack.pop_back();
          on_stack[member] = 0;
          component[member] = components;
          if (member == node) break;
        }
        ++components;
      }
      calls.pop_back();
      if (!calls.empty()) {
        NodeId parent = calls.back().node;
        low[parent] = std::min(low[parent], low[node]);
      }
    }
  }
  if (component_count) *component_count = components;
  return component;
}

std::vector<GuaranteeCircle> GuaranteeCircles(const RelationshipGraph& graph,
                                              const CircleOptions& options) {
  int32_t count = 0;
  std::vector<int32_t> component = StronglyConnectedComponents(graph, EdgeKind::kGuarantee, &count);
  std::vector<int32_t> size(count, 0);
  for (int32_t c : component) ++size[c];
  // A single node is a circle only when it guarantees itself (min_size 1).
  std::vector<char> self_loop(count, 0);
  for (const Edge& edge : graph.edges()) {
    if (edge.kind == EdgeKind::kGuarantee && edge.from == edge.to) self_loop[component[edge.from]] = 1;
  }
  auto wanted = [&](int32_t c) {
    int min_size = std::max(options.min_size, 1);
    if (size[c] < min_size) return false;
    return size[c] >= 2 || self_loop[c];
  };
  std::unordered_map<int32_t, size_t> circle_of;
  std::vector<GuaranteeCircle> circles;
  for (NodeId node = 0; node < static_cast<NodeId>(graph.node_count()); ++node) {
    int32_t c = component[node];
    if (!wanted(c)) continue;
    auto [it, inserted] = circle_of.try_emplace(c, circles.size());
    if (inserted) circles.emplace_back();
    GuaranteeCircle& circle = circles[it->second];
    CircleMember member;
    member.subject_id = graph.subject_of(node);
    member.net_assets = graph.facts(node).net_assets;
    for (EdgeIndex e : graph.OutEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kGuarantee) continue;
      member.guarantees_given_total += edge.amount;
      if (component[edge.to] == c) {
        member.guarantees_given_inside += edge.amount;
        ++member.out_degree_inside;
        ++circle.internal_guarantees;
        circle.total_guaranteed += edge.amount;
      }
    }
    for (EdgeIndex e : graph.InEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kGuarantee || component[edge.from] != c) continue;
      member.guarantees_received_inside += edge.amount;
      ++member.in_degree_inside;
    }
    if (member.net_assets && *member.net_assets > 0) {
      member.leverage = static_cast<double>(member.guarantees_given_total) /
                        static_cast<double>(*member.net_assets);
    }
    circle.members.push_back(member);
  }
  for (GuaranteeCircle& circle : circles) {
    std::sort(circle.members.begin(), circle.members.end(),
              [](const CircleMember& a, const CircleMember& b) { return a.subject_id < b.subject_id; });
    circle.id = circle.members.front().subject_id;
  }
  std::sort(circles.begin(), circles.end(), [](const GuaranteeCircle& a, const GuaranteeCircle& b) {
    if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
    return a.id < b.id;
  });
  return circles;
}

Result<CircleClosure> ClosesCircle(const RelationshipGraph& graph, SubjectId guarantor,
                                   SubjectId borrower) {
  CREDO_ASSIGN_OR_RETURN(NodeId from, RequireSubject(graph, guarantor));
  CREDO_ASSIGN_OR_RETURN(NodeId to, RequireSubject(graph, borrower));
  CircleClosure closure;
  if (from == to) {
    closure.closes = true;
    closure.path = {graph.subject_of(from)};
    return closure;
  }
  // Breadth-first from the borrower along guarantees: reaching the guarantor closes a cycle.
  std::unordered_map<NodeId, NodeId> parent{{to, kNoNode}};
  std::vector<NodeId> queue{to};
  for (size_t head = 0; head < queue.size(); ++head) {
    NodeId node = queue[head];
    if (node == from) {
      closure.closes = true;
      for (NodeId at = from; at != kNoNode; at = parent[at]) {
        closure.path.push_back(graph.subject_of(at));
      }
      std::reverse(closure.path.begin(), closure.path.end());
      return closure;
    }
    for (EdgeIndex e : graph.OutEdges(node)) {
      const Edge& edge = graph.edge(e);
      if (edge.kind != EdgeKind::kGuarantee) continue;
      if (parent.try_emplace(edge.to, node).second) queue.push_back(edge.to);
    }
  }
  return closure;
}

}  // namespace credo::graph
