#include "graph/graph_store.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_set>

namespace credo::graph {
namespace {

constexpr int64_t kPageRows = 50000;
constexpr size_t kInChunk = 400;

int64_t AsInt(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return value.int_value;
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  if (value.kind == SqlValue::Kind::kText) return std::stoll(value.bytes);
  return 0;
}
double AsReal(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kReal) return value.real_value;
  if (value.kind == SqlValue::Kind::kInt) return static_cast<double>(value.int_value);
  if (value.kind == SqlValue::Kind::kText) return std::stod(value.bytes);
  return 0;
}

//! 64-bit key of a contact point: the blind index's first 8 bytes, top bit = e-mail.
uint64_t ContactKey(std::string_view blind_index, bool email) {
  uint64_t key = 0;
  std::memcpy(&key, blind_index.data(), std::min<size_t>(8, blind_index.size()));
  key &= ~(uint64_t{1} << 63);
  if (email) key |= uint64_t{1} << 63;
  return key;
}

using RowHandler = std::function<Status(const SqlRow&)>;

//! Runs `select` (columns start with the table's id) paged by id over the whole table.
Status ForEachPaged(Transaction& txn, const std::string& select, const std::string& where,
                    const RowHandler& handle) {
  int64_t after = 0;
  while (true) {
    std::string sql = select + " WHERE id > ?" + (where.empty() ? "" : " AND " + where) +
                      " ORDER BY id LIMIT " + std::to_string(kPageRows);
    SqlValue param = SqlValue::Int(after);
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows, txn.Query(sql, std::span(&param, 1)));
    for (const SqlRow& row : rows) CREDO_TRY(handle(row));
    if (static_cast<int64_t>(rows.size()) < kPageRows) return Ok();
    after = AsInt(rows.back()[0]);
  }
}

//! Runs `select` + " WHERE <column> IN (...)" (+ `or_column` IN the same list) over `ids`.
Status ForEachIn(Transaction& txn, const std::string& select, const std::string& column,
                 const std::string& or_column, const std::string& extra,
                 const std::vector<SubjectId>& ids, const RowHandler& handle) {
  for (size_t start = 0; start < ids.size(); start += kInChunk) {
    size_t end = std::min(ids.size(), start + kInChunk);
    std::string list;
    std::vector<SqlValue> params;
    for (size_t i = start; i < end; ++i) {
      list += i == start ? "?" : ",?";
      params.push_back(SqlValue::Int(ids[i]));
    }
    std::string sql = select + " WHERE (" + column + " IN (" + list + ")";
    if (!or_column.empty()) {
      sql += " OR " + or_column + " IN (" + list + ")";
      for (size_t i = start; i < end; ++i) params.push_back(SqlValue::Int(ids[i]));
    }
    sql += ")";
    if (!extra.empty()) sql += " AND " + extra;
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows, txn.Query(sql, params));
    for (const SqlRow& row : rows) CREDO_TRY(handle(row));
  }
  return Ok();
}

const char* const kSubjectSelect = "SELECT id, kind, merged_into FROM subjects";
const char* const kContactSelect = "SELECT id, subject_id, kind, blind_index FROM identifiers";
const char* const kContactWhere = "kind IN ('phone', 'email')";
const char* const kRelationSelect =
    "SELECT id, subject_id, to_subject_id, relation_kind, percent, currency, amount, role "
    "FROM relations";
// A relation is an edge only while it is in force on the graph's day (as_of; today unless
// asked): begun (since on or before the day) and not ended (until unset or after the day: the
// until day is the day it ended, as for company reports and attributes). An expired guarantee
// no longer closes a circle or carries a call, an ended shareholding no longer counts towards
// control or group exposure. The day is one of the relations' own (valid time): a relation
// recorded after it but in force on it is an edge. Dates are days since 1970-01-01 (an integer
// the bureau computes, never input text).
std::string RelationsInForce(Date as_of) {
  const std::string day = std::to_string(as_of.days_since_epoch());
  return "(since IS NULL OR since <= " + day + ") AND (until IS NULL OR until > " + day + ")";
}
const char* const kStatementSelect =
    "SELECT id, subject_id, period_end, equity, total_assets, total_liabilities, currency "
    "FROM financial_statements";
const char* const kTradelineSelect = "SELECT id, subject_id, balance FROM tradelines";

//! Applies rows to a graph under construction.
class Loader {
 public:
  Loader(RelationshipGraph& graph, BuildStats& stats) : graph_(graph), stats_(stats) {}

  Status Subject(const SqlRow& row) {
    SubjectId id = AsInt(row[0]);
    if (row[2].kind != SqlValue::Kind::kNull) {
      graph_.AddRedirect(id, AsInt(row[2]));
      // A node made before the merge stays, without edges, marked merged.
      NodeId stale = graph_.ExactNodeOf(id);
      if (stale != kNoNode) {
        graph_.mutable_facts(stale).merged = true;
        merged_nodes_.push_back(stale);
      }
      return Ok();
    }
    graph_.AddSubject(id, row[1].bytes == "organization" ? NodeKind::kOrganization
                                                          : NodeKind::kPerson);
    ++stats_.subjects;
    return Ok();
  }

  Status Contact(const SqlRow& row) {
    NodeId subject = SubjectNode(AsInt(row[1]));
    if (subject == kNoNode) return Ok();
    bool email = row[2].bytes == "email";
    size_t before = graph_.node_count();
    NodeId contact = graph_.AddContactPoint(ContactKey(row[3].bytes, email),
                                            email ? NodeKind::kEmail : NodeKind::kPhone);
    if (graph_.node_count() > before) ++stats_.contact_points;
    graph_.AddEdge(subject, contact, EdgeKind::kContact, 0, 0, email ? "email" : "phone");
    ++stats_.contact_edges;
    return Ok();
  }

  Status Relation(const SqlRow& row) {
    int64_t id = AsInt(row[0]);
    if (!seen_relations_.insert(id).second) return Ok();
    NodeId from = SubjectNode(AsInt(row[1]));
    NodeId to = SubjectNode(AsInt(row[2]));
    if (from == kNoNode || to == kNoNode) return Ok();
    auto kind = ParseRelationKind(row[3].bytes);
    if (!kind.ok()) return std::move(kind).error();
    graph_.AddEdge(from, to, EdgeKindOf(*kind), AsReal(row[4]), AsInt(row[6]), row[7].bytes);
    if (AsInt(row[6]) != 0) graph_.NoteCurrency(row[5].bytes);
    ++stats_.relation_edges;
    return Ok();
  }

  Status Statement(const SqlRow& row) {
    NodeId node = SubjectNode(AsInt(row[1]));
    if (node == kNoNode) return Ok();
    ++stats_.statements;
    Date period_end = Date::FromDays(static_cast<int32_t>(AsInt(row[2])));
    SubjectFacts& facts = graph_.mutable_facts(node);
    if (facts.statement_period_end && *facts.statement_period_end > period_end) return Ok();
    int64_t equity = AsInt(row[3]);
    facts.net_assets = equity != 0 ? equity : AsInt(row[4]) - AsInt(row[5]);
    facts.statement_period_end = period_end;
    graph_.NoteCurrency(row[6].bytes);
    return Ok();
  }

  Status Tradeline(const SqlRow& row) {
    NodeId node = SubjectNode(AsInt(row[1]));
    if (node == kNoNode) return Ok();
    ++stats_.tradelines;
    graph_.mutable_facts(node).loan_balance += AsInt(row[2]);
    return Ok();
  }

 private:
  NodeId SubjectNode(SubjectId id) { return graph_.NodeOf(id); }

  RelationshipGraph& graph_;
  BuildStats& stats_;

 public:
  std::vector<NodeId> merged_nodes_;  //!< nodes of subjects found merged (update only)

 private:
  std::unordered_set<int64_t> seen_relations_;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<RelationshipGraph> BuildGraph(Store& store, BuildStats* stats_out,
                                     std::optional<Date> as_of) {
  auto start = std::chrono::steady_clock::now();
  RelationshipGraph graph;
  graph.set_as_of(as_of ? *as_of : SystemClock().Today());
  BuildStats stats;
  Loader loader(graph, stats);
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(ForEachPaged(txn, kSubjectSelect, "",
                           [&](const SqlRow& row) { return loader.Subject(row); }));
    graph.Finalize();  // sorts the redirects so rows below resolve quickly
    CREDO_TRY(ForEachPaged(txn, kContactSelect, kContactWhere,
                           [&](const SqlRow& row) { return loader.Contact(row); }));
    CREDO_TRY(ForEachPaged(txn, kRelationSelect, RelationsInForce(*graph.as_of()),
                           [&](const SqlRow& row) { return loader.Relation(row); }));
    CREDO_TRY(ForEachPaged(txn, kStatementSelect, "",
                           [&](const SqlRow& row) { return loader.Statement(row); }));
    CREDO_TRY(ForEachPaged(txn, kTradelineSelect, "",
                           [&](const SqlRow& row) { return loader.Tradeline(row); }));
    return Ok();
  }));
  graph.Finalize();
  stats.seconds = SecondsSince(start);
  if (stats_out) *stats_out = stats;
  return graph;
}

Result<UpdateStats> UpdateGraphForSubjects(Store& store, std::span<const SubjectId> subjects,
                                           RelationshipGraph& graph) {
  auto start = std::chrono::steady_clock::now();
  UpdateStats update;
  BuildStats stats;
  Loader loader(graph, stats);
  std::vector<SubjectId> touched(subjects.begin(), subjects.end());
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  size_t nodes_before = graph.node_count();
  size_t edges_before = graph.edge_count();
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    // Subjects first: new nodes, and redirects of subjects merged since the last build.
    CREDO_TRY(ForEachIn(txn, kSubjectSelect, "id", "", "", touched,
                        [&](const SqlRow& row) { return loader.Subject(row); }));
    graph.Finalize();
    // The survivors of merged subjects are touched too (their rows moved to them).
    std::vector<SubjectId> resolved;
    for (SubjectId id : touched) resolved.push_back(graph.Resolve(id));
    touched.insert(touched.end(), resolved.begin(), resolved.end());
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    std::vector<NodeId> nodes = loader.merged_nodes_;
    for (SubjectId id : touched) {
      NodeId node = graph.NodeOf(id);
      if (node == kNoNode) continue;
      nodes.push_back(node);
      SubjectFacts& facts = graph.mutable_facts(node);
      facts.net_assets.reset();
      facts.statement_period_end.reset();
      facts.loan_balance = 0;
    }
    graph.RemoveEdgesTouching(nodes);
    update.edges_removed = static_cast<int64_t>(edges_before - graph.edge_count());
    size_t after_removal = graph.edge_count();
    CREDO_TRY(ForEachIn(txn, kContactSelect, "subject_id", "", kContactWhere, touched,
                        [&](const SqlRow& row) { return loader.Contact(row); }));
    CREDO_TRY(ForEachIn(txn, kRelationSelect, "subject_id", "to_subject_id",
                        RelationsInForce(graph.as_of() ? *graph.as_of() : SystemClock().Today()),
                        touched, [&](const SqlRow& row) { return loader.Relation(row); }));
    CREDO_TRY(ForEachIn(txn, kStatementSelect, "subject_id", "", "", touched,
                        [&](const SqlRow& row) { return loader.Statement(row); }));
    CREDO_TRY(ForEachIn(txn, kTradelineSelect, "subject_id", "", "", touched,
                        [&](const SqlRow& row) { return loader.Tradeline(row); }));
    update.edges_added = static_cast<int64_t>(graph.edge_count() - after_removal);
    return Ok();
  }));
  graph.Finalize();
  update.subjects_touched = static_cast<int64_t>(touched.size());
  update.nodes_added = static_cast<int64_t>(graph.node_count() - nodes_before);
  update.seconds = SecondsSince(start);
  return update;
}

Result<UpdateStats> UpdateGraphForBatch(Store& store, BatchId batch, RelationshipGraph& graph) {
  std::vector<SubjectId> touched;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(Batch found, txn.GetBatch(batch));
    (void)found;
    SqlValue param = SqlValue::Int(batch);
    auto collect = [&](const std::string& sql) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows, txn.Query(sql, std::span(&param, 1)));
      for (const SqlRow& row : rows) {
        for (const SqlValue& value : row) touched.push_back(AsInt(value));
      }
      return Ok();
    };
    CREDO_TRY(collect("SELECT subject_id, to_subject_id FROM relations WHERE batch_id = ?"));
    CREDO_TRY(collect("SELECT DISTINCT subject_id FROM tradelines WHERE last_batch_id = ?"));
    CREDO_TRY(collect("SELECT DISTINCT subject_id FROM inquiries WHERE batch_id = ?"));
    CREDO_TRY(collect("SELECT DISTINCT subject_id FROM public_records WHERE batch_id = ?"));
    CREDO_TRY(collect("SELECT DISTINCT subject_id FROM financial_statements WHERE batch_id = ?"));
    // Subjects created since the graph was built (a registration writes no row with a batch id).
    SubjectId newest = 0;
    for (NodeId node = 0; node < static_cast<NodeId>(graph.node_count()); ++node) {
      newest = std::max(newest, graph.subject_of(node));
    }
    SqlValue after = SqlValue::Int(newest);
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           txn.Query("SELECT id FROM subjects WHERE id > ?", std::span(&after, 1)));
    for (const SqlRow& row : rows) touched.push_back(AsInt(row[0]));
    return Ok();
  }));
  return UpdateGraphForSubjects(store, touched, graph);
}

Result<NodeId> RequireSubject(const RelationshipGraph& graph, SubjectId subject) {
  NodeId node = graph.NodeOf(subject);
  if (node == kNoNode || IsContactPoint(graph.kind(node))) {
    return MakeError(ErrorCode::kNotFound,
                     "subject " + std::to_string(subject) +
                         " is not in the bureau (find subjects with `credo subject find`)",
                     "graph");
  }
  return node;
}

}  // namespace credo::graph
