#include "monitor/internal/circle_party.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "monitor/internal/sql.h"
#ifdef CREDO_MONITOR_HAS_GRAPH
#include "graph/guarantee_circles.h"
#include "graph/relationship_graph.h"
#endif

namespace credo::monitor::internal {
namespace {

const features::TradelineAsOf* FindTradeline(const features::CreditFile& file, int64_t id) {
  for (const auto& tradeline : file.tradelines) {
    if (tradeline.row.id == id) return &tradeline;
  }
  return nullptr;
}

std::string MonthText(Date month) { return month.ToIso().substr(0, 7); }

}  // namespace

Result<std::map<SubjectId, CircleOfSubject>> GuaranteeCirclesAround(
    Transaction& transaction, const std::vector<SubjectId>& subjects) {
  std::map<SubjectId, CircleOfSubject> by_member;
#ifdef CREDO_MONITOR_HAS_GRAPH
  if (subjects.empty()) return by_member;
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query("SELECT subject_id, to_subject_id, amount, currency FROM "
                                   "relations WHERE relation_kind = 'guarantee'"));
  if (rows.empty()) return by_member;
  // A guarantee-only graph: the circles are its strongly connected components.
  graph::RelationshipGraph guarantees;
  for (const SqlRow& row : rows) {
    const SubjectId from = IntAt(row, 0);
    const SubjectId to = IntAt(row, 1);
    if (from == to) continue;
    graph::NodeId a = guarantees.AddSubject(from, graph::NodeKind::kOrganization);
    graph::NodeId b = guarantees.AddSubject(to, graph::NodeKind::kOrganization);
    guarantees.AddEdge(a, b, graph::EdgeKind::kGuarantee, 0, IntAt(row, 2));
    guarantees.NoteCurrency(TextAt(row, 3));
  }
  guarantees.Finalize();
  const std::set<SubjectId> wanted(subjects.begin(), subjects.end());
  for (const graph::GuaranteeCircle& circle : graph::GuaranteeCircles(guarantees)) {
    bool holds = false;
    for (const auto& member : circle.members) holds = holds || wanted.count(member.subject_id);
    if (!holds) continue;
    CircleOfSubject view;
    view.circle_id = circle.id;
    view.internal_guarantees = circle.internal_guarantees;
    view.total_guaranteed = circle.total_guaranteed;
    view.currency = guarantees.currency();
    for (const auto& member : circle.members) view.members.push_back(member.subject_id);
    for (SubjectId member : view.members) by_member[member] = view;
  }
#else
  (void)transaction;
  (void)subjects;
#endif
  return by_member;
}

std::optional<MemberEvent> DetectDefaultOrWorsening(const features::CreditFile& before,
                                                    const features::CreditFile& after) {
  if (auto event = DetectDefault(before, after)) {
    return MemberEvent{*event, Severity::kHigh, true};
  }
  for (const auto& tradeline : after.tradelines) {
    auto now = CurrentTradelineState(tradeline, after.as_of);
    if (!now || now->severity == 0) continue;
    int then = 0;
    if (const auto* earlier = FindTradeline(before, tradeline.row.id)) {
      if (auto state = CurrentTradelineState(*earlier, before.as_of)) then = state->severity;
    }
    if (now->severity <= then) continue;
    MemberEvent worsened;
    worsened.severity = Severity::kMedium;
    worsened.event.key = "tradeline=" + std::to_string(tradeline.row.id) +
                         ";severity=" + std::to_string(now->severity) +
                         ";since=" + MonthText(now->since);
    worsened.event.description = std::string(SeverityLabel(now->severity)) + " on tradeline " +
                                 std::to_string(tradeline.row.id) + " in " +
                                 MonthText(now->month) + " (was " +
                                 std::string(SeverityLabel(then)) + ")";
    return worsened;
  }
  return std::nullopt;
}

Finding CircleFinding(const CircleOfSubject& circle, SubjectId related, const MemberEvent& event) {
  nlohmann::json evidence;
  evidence["related_subject_id"] = related;
  evidence["relation"] = "guarantee_circle";
  evidence["related_role"] = "circle_member";
  evidence["circle_id"] = circle.circle_id;
  evidence["circle_size"] = circle.members.size();
  evidence["circle_members"] = circle.members;
  evidence["circle_internal_guarantees"] = circle.internal_guarantees;
  evidence["circle_total_guaranteed"] = circle.total_guaranteed;
  evidence["currency"] = circle.currency;
  evidence["defaulted"] = event.defaulted;
  evidence["event"] = event.event.description;
  Finding finding;
  finding.trigger = TriggerKind::kRelatedParty;
  finding.severity = event.severity;
  finding.evidence_key = "circle=" + std::to_string(circle.circle_id) +
                         ";related=" + std::to_string(related) + ";" + event.event.key;
  finding.evidence = evidence.dump();
  finding.summary = "guarantee circle " + std::to_string(circle.circle_id) + " (" +
                    std::to_string(circle.members.size()) + " members): member " +
                    std::to_string(related) + (event.defaulted ? " defaulted: " : " worsened: ") +
                    event.event.description;
  return finding;
}

}  // namespace credo::monitor::internal
