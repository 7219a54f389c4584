#include "graph/contagion.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "graph/graph_store.h"

namespace credo::graph {

Result<ContagionResult> RunContagion(const RelationshipGraph& graph,
                                     const std::vector<SubjectId>& defaulted,
                                     const ContagionOptions& options) {
  if (!(options.lgd >= 0 && options.lgd <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "LGD must be a share between 0 and 1 (got " + std::to_string(options.lgd) +
                         "); 0.45 is the Basel foundation value for senior unsecured claims",
                     "graph");
  }
  if (!(options.buffer_share >= 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "the buffer share must not be negative", "graph");
  }
  if (defaulted.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "name at least one defaulted subject", "graph");
  }
  struct State {
    int round = -1;  // -1: standing
    int64_t calls = 0;
    std::vector<SubjectId> called_by;
  };
  std::unordered_map<NodeId, State> state;
  std::vector<NodeId> wave;
  for (SubjectId subject : defaulted) {
    CREDO_ASSIGN_OR_RETURN(NodeId node, RequireSubject(graph, subject));
    if (state[node].round == 0) continue;
    state[node].round = 0;
    wave.push_back(node);
  }
  auto buffer_of = [&](NodeId node) -> std::optional<int64_t> {
    auto explicit_buffer = options.buffers.find(graph.subject_of(node));
    if (explicit_buffer != options.buffers.end()) return explicit_buffer->second;
    const auto& net_assets = graph.facts(node).net_assets;
    if (!net_assets) return std::nullopt;
    return static_cast<int64_t>(std::llround(static_cast<double>(*net_assets) * options.buffer_share));
  };
  ContagionResult result;
  result.lgd = options.lgd;
  int round = 0;
  while (!wave.empty()) {
    ++round;
    std::vector<NodeId> called;
    for (NodeId borrower : wave) {
      // A guarantor answers for the borrower's debt up to the amount it guaranteed, never for
      // more than the debt: when the guarantees on a borrower exceed its loan balance, each is
      // called for its share of the balance. A borrower with no balance in the bureau owes
      // lenders that do not report to it; its guarantees are called in full.
      int64_t guaranteed = 0;
      for (EdgeIndex e : graph.InEdges(borrower)) {
        const Edge& edge = graph.edge(e);
        if (edge.kind == EdgeKind::kGuarantee && edge.from != borrower) guaranteed += edge.amount;
      }
      const int64_t debt = graph.facts(borrower).loan_balance;
      const bool capped = debt > 0 && guaranteed > debt;
      for (EdgeIndex e : graph.InEdges(borrower)) {
        const Edge& edge = graph.edge(e);
        if (edge.kind != EdgeKind::kGuarantee || edge.from == borrower) continue;
        State& guarantor = state[edge.from];
        guarantor.calls +=
            capped ? static_cast<int64_t>(std::llround(static_cast<double>(edge.amount) *
                                                       static_cast<double>(debt) /
                                                       static_cast<double>(guaranteed)))
                   : edge.amount;
        guarantor.called_by.push_back(graph.subject_of(borrower));
        if (guarantor.round < 0) called.push_back(edge.from);
      }
    }
    std::sort(called.begin(), called.end());
    called.erase(std::unique(called.begin(), called.end()), called.end());
    std::vector<NodeId> next;
    for (NodeId node : called) {
      State& guarantor = state[node];
      std::optional<int64_t> buffer = buffer_of(node);
      bool defaults = buffer ? guarantor.calls > *buffer : options.unknown_buffer_defaults;
      if (defaults) {
        guarantor.round = round;
        next.push_back(node);
      }
    }
    if (next.empty()) break;
    result.rounds = round;
    wave = std::move(next);
  }
  for (auto& [node, entry] : state) {
    ContagionSubject subject;
    subject.subject_id = graph.subject_of(node);
    subject.defaulted = entry.round >= 0;
    subject.round = entry.round;
    subject.guarantee_calls = entry.calls;
    subject.buffer = buffer_of(node);
    subject.loan_balance = graph.facts(node).loan_balance;
    subject.called_by = std::move(entry.called_by);
    std::sort(subject.called_by.begin(), subject.called_by.end());
    subject.called_by.erase(std::unique(subject.called_by.begin(), subject.called_by.end()),
                            subject.called_by.end());
    if (subject.defaulted) {
      ++result.defaulted;
      result.exposure_at_default += subject.loan_balance;
      result.calls_on_defaulted += subject.guarantee_calls;
    } else {
      ++result.at_risk;
      result.calls_on_survivors += subject.guarantee_calls;
    }
    result.subjects.push_back(std::move(subject));
  }
  std::sort(result.subjects.begin(), result.subjects.end(),
            [](const ContagionSubject& a, const ContagionSubject& b) {
              int ra = a.defaulted ? a.round : 1 << 30;
              int rb = b.defaulted ? b.round : 1 << 30;
              if (ra != rb) return ra < rb;
              return a.subject_id < b.subject_id;
            });
  result.expected_loss =
      static_cast<int64_t>(std::llround(options.lgd * static_cast<double>(result.exposure_at_default)));
  return result;
}

}  // namespace credo::graph
