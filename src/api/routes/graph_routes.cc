// The relationship graph over HTTP (permission graph.read), over graph/graph.h:
//   GET  /v1/graph/subjects/{id}/neighbourhood?depth=   nodes and edges around a subject
//   GET  /v1/graph/subjects/{id}/owners                 ultimate beneficial owners (25% / 50%)
//   GET  /v1/graph/subjects/{id}/group                  the company's group and its exposure
//   GET  /v1/graph/circles                              guarantee circles (担保圈)
//   POST /v1/graph/contagion {defaulted: [ids]}         default contagion to a fixed point
// Every route takes ?as_of=YYYY-MM-DD: the graph of the relations in force that day (begun and
// not ended, graph::BuildGraph), default today on the server's clock; a value that is not a
// calendar date is a malformed query string (400).
//
// The graph of a day is built from the store once per server process, database and day, and
// kept (the kMaxCachedGraphs used last): each call runs a cheap check (batches: count, last id,
// accepted rows, last finish; the last relation and subject ids; how many subjects were merged;
// a handful of index-only reads) and rebuilds only when that changed, or when the graph is older
// than kGraphMaxAgeSeconds (a relation rewritten outside a batch changes no counter, so it is
// picked up by age). One request builds while the others wait for it and share the result.
// Labels never carry a clear identifier or name: "subject 42", "phone held by 3 subjects".
#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "api/routes/common.h"
#include "api/routes/earlywarn_params.h"
#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "api/server/store_pool.h"
#include "graph/graph.h"

namespace credo::api {
namespace {

using earlywarn::IntegerQuery;
using earlywarn::NumberQuery;
using earlywarn::OnlyKnownQuery;

constexpr int64_t kGraphMaxAgeSeconds = 300;
//! Graphs kept at once (each of one database and day): today's and a few days asked for.
constexpr size_t kMaxCachedGraphs = 3;

struct BuiltGraph {
  graph::RelationshipGraph graph;
  std::vector<graph::GuaranteeCircle> circles;  //!< computed once per build
  int64_t built_at = 0;                         //!< unix seconds
  double build_seconds = 0;
};

class GraphCache {
 public:
  static GraphCache& Instance() {
    static GraphCache* cache = new GraphCache();  // lives as long as the process
    return *cache;
  }

  //! The graph of the relations in force on `as_of` in the database at `location`.
  Result<std::shared_ptr<const BuiltGraph>> For(Store& store, const std::string& location,
                                                Date as_of, int64_t now) {
    const std::string key = location + "|" + as_of.ToIso();
    CREDO_ASSIGN_OR_RETURN(std::string fingerprint, Fingerprint(store));
    if (auto cached = Fresh(key, fingerprint, now)) return cached;
    std::lock_guard<std::mutex> building(build_mutex_);
    if (auto cached = Fresh(key, fingerprint, now)) return cached;  // built meanwhile
    auto started = std::chrono::steady_clock::now();
    auto built = std::make_shared<BuiltGraph>();
    CREDO_ASSIGN_OR_RETURN(built->graph, graph::BuildGraph(store, nullptr, as_of));
    built->circles = graph::GuaranteeCircles(built->graph);
    built->built_at = now;
    built->build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::lock_guard<std::mutex> lock(mutex_);
    entries_[key] = {built, fingerprint, ++uses_};
    while (entries_.size() > kMaxCachedGraphs) {
      auto oldest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->second.last_used < oldest->second.last_used) oldest = it;
      }
      entries_.erase(oldest);  // a request still holding that graph keeps it alive
    }
    return std::shared_ptr<const BuiltGraph>(built);
  }

 private:
  struct Entry {
    std::shared_ptr<const BuiltGraph> graph;
    std::string fingerprint;
    uint64_t last_used = 0;  //!< uses_ when it was last served
  };

  std::shared_ptr<const BuiltGraph> Fresh(const std::string& key, const std::string& fingerprint,
                                          int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end() || found->second.fingerprint != fingerprint) return nullptr;
    if (now - found->second.graph->built_at > kGraphMaxAgeSeconds) return nullptr;
    found->second.last_used = ++uses_;
    return found->second.graph;
  }

  static Result<std::string> Fingerprint(Store& store) {
    std::string fingerprint;
    CREDO_TRY(store.WithReadTransaction([&](Transaction& transaction) -> Status {
      CREDO_ASSIGN_OR_RETURN(
          auto rows,
          transaction.Query(
              "SELECT (SELECT COUNT(*) FROM batches), (SELECT COALESCE(MAX(id), 0) FROM batches), "
              "(SELECT CAST(COALESCE(SUM(records_accepted), 0) AS BIGINT) FROM batches), "
              "(SELECT COALESCE(MAX(finished_at), 0) FROM batches), "
              "(SELECT COALESCE(MAX(id), 0) FROM relations), "
              "(SELECT COALESCE(MAX(id), 0) FROM subjects), "
              // A merge adds no row and moves no batch counter, but it redirects one more
              // subject: the count of redirects and the sum of the survivors they name change
              // with every merge (and with a redirect cleared or re-pointed). Both are read
              // from the index subjects_merged_into alone.
              "(SELECT COUNT(*) FROM subjects WHERE merged_into IS NOT NULL), "
              "(SELECT CAST(COALESCE(SUM(merged_into), 0) AS BIGINT) FROM subjects "
              "WHERE merged_into IS NOT NULL)"));
      for (const SqlValue& value : rows.at(0)) {
        fingerprint += std::to_string(value.kind == SqlValue::Kind::kReal
                                          ? static_cast<int64_t>(value.real_value)
                                          : value.int_value) +
                       "/";
      }
      return Ok();
    }));
    return fingerprint;
  }

  std::mutex mutex_;
  std::mutex build_mutex_;
  std::map<std::string, Entry> entries_;  //!< by "<location>|<as_of>"
  uint64_t uses_ = 0;                     //!< guarded by mutex_
};

Result<std::shared_ptr<const BuiltGraph>> GraphOf(RequestContext& context, Date as_of) {
  CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
  return GraphCache::Instance().For(*store, context.services().stores->options().location,
                                    as_of, context.clock().NowUnixSeconds());
}

constexpr const char* kAsOfDescription =
    "YYYY-MM-DD: the graph of the relations in force that day (default: today); a value that "
    "is not a calendar date is refused with 400";

//! ?as_of=YYYY-MM-DD, the day whose relations in force the graph holds (default: today on the
//! server's clock), or the 400 answer (the API's error shape) when it is not a calendar date.
std::variant<Date, ApiResponse> GraphDay(RequestContext& context) {
  const std::optional<std::string> text = context.request().Query("as_of");
  if (!text) return context.clock().Today();
  std::string why;
  if (text->size() == 10) {
    auto day = Date::ParseIso(*text);
    if (day.ok()) return *day;
    why = " (" + day.error().message + ")";
  }
  return ErrorResponse(400, ErrorNameForStatus(400),
                       "query parameter 'as_of' must be a date YYYY-MM-DD, got '" +
                           text->substr(0, 32) + "'" + why);
}

nlohmann::json OptionalMinor(const std::optional<int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string NodeKey(const graph::NeighbourNode& node) {
  return node.subject_id != 0 ? "s" + std::to_string(node.subject_id)
                              : "c" + std::to_string(node.node);
}

nlohmann::json NeighbourhoodJson(const graph::Neighbourhood& neighbourhood,
                                 const std::string& currency) {
  std::map<graph::NodeId, std::string> keys;
  nlohmann::json nodes = nlohmann::json::array();
  for (const graph::NeighbourNode& node : neighbourhood.nodes) {
    keys[node.node] = NodeKey(node);
    nodes.push_back({{"id", keys[node.node]},
                     {"kind", std::string(graph::NodeKindName(node.kind))},
                     {"label", node.label},
                     {"subject_id", node.subject_id != 0 ? nlohmann::json(node.subject_id)
                                                         : nlohmann::json(nullptr)},
                     {"depth", node.depth}});
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const graph::NeighbourEdge& edge : neighbourhood.edges) {
    nlohmann::json item = {{"from", keys[edge.from]},
                           {"to", keys[edge.to]},
                           {"kind", std::string(graph::EdgeKindName(edge.kind))}};
    if (edge.kind == graph::EdgeKind::kGuarantee || edge.kind == graph::EdgeKind::kSupply ||
        edge.amount != 0) {
      item["amount_minor"] = edge.amount;
    }
    if (edge.kind == graph::EdgeKind::kShareholding) {
      item["percent"] = std::round(edge.percent * 100.0) / 100.0;
    }
    if (!edge.role.empty()) item["role"] = edge.role;
    edges.push_back(std::move(item));
  }
  return {{"center", neighbourhood.center},
          {"depth", neighbourhood.depth},
          {"truncated", neighbourhood.truncated},
          {"currency", currency},
          {"nodes", nodes},
          {"edges", edges}};
}

nlohmann::json WarningsJson(const std::vector<graph::OwnershipWarning>& warnings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& warning : warnings) {
    out.push_back(
        {{"code", warning.code}, {"subject_id", warning.subject_id}, {"message", warning.message}});
  }
  return out;
}

double Round4(double value) { return std::round(value * 10000.0) / 10000.0; }

nlohmann::json OwnerJson(const graph::UltimateOwner& owner, double threshold) {
  return {{"subject_id", owner.subject_id},
          {"kind", std::string(graph::NodeKindName(owner.kind))},
          {"effective_percent", Round4(owner.effective_percent)},
          {"shortest_chain", owner.shortest_chain},
          {"controls", owner.controls},
          {"beneficial", owner.effective_percent + 1e-9 >= threshold}};
}

nlohmann::json CircleJson(const graph::GuaranteeCircle& circle) {
  nlohmann::json members = nlohmann::json::array();
  for (const graph::CircleMember& member : circle.members) {
    members.push_back(
        {{"subject_id", member.subject_id},
         {"guarantees_given_inside_minor", member.guarantees_given_inside},
         {"guarantees_given_total_minor", member.guarantees_given_total},
         {"guarantees_received_inside_minor", member.guarantees_received_inside},
         {"net_assets_minor", OptionalMinor(member.net_assets)},
         {"leverage", member.leverage ? nlohmann::json(Round4(*member.leverage))
                                      : nlohmann::json(nullptr)}});
  }
  return {{"id", circle.id},
          {"size", circle.members.size()},
          {"internal_guarantees", circle.internal_guarantees},
          {"total_guaranteed_minor", circle.total_guaranteed},
          {"members", members}};
}

//! Library errors as the routes answer them: an unknown subject 404, bad parameters 422.
Result<graph::OwnershipOptions> OwnershipOptionsFrom(const ApiRequest& request) {
  CREDO_TRY(OnlyKnownQuery(request, {"threshold", "control", "as_of"}));
  graph::OwnershipOptions options;
  CREDO_ASSIGN_OR_RETURN(auto threshold, NumberQuery(request, "threshold", 0.01, 100));
  CREDO_ASSIGN_OR_RETURN(auto control, NumberQuery(request, "control", 0, 99.99));
  if (threshold) options.threshold_percent = *threshold;
  if (control) options.control_percent = *control;
  return options;
}

//! A subject the graph must hold: 404 when the bureau has no such subject.
Status RequireGraphSubject(const BuiltGraph& built, SubjectId subject) {
  auto node = graph::RequireSubject(built.graph, subject);
  if (!node.ok()) {
    return MakeError(ErrorCode::kNotFound,
                     "subject " + std::to_string(subject) + " is not in the bureau's graph");
  }
  return Ok();
}

Route GraphRoute(std::string method, std::string path, std::string summary) {
  Route route;
  route.method = std::move(method);
  route.path = std::move(path);
  route.permission = "graph.read";
  route.summary = std::move(summary);
  route.tag = "graph";
  route.error_statuses = {400, 404, 422};
  route.query_params = {{"as_of", false, kAsOfDescription}};
  return route;
}

}  // namespace

void AddGraphRoutes(RouteTable& table) {
  Route neighbourhood = GraphRoute(
      "GET", "/v1/graph/subjects/{id}/neighbourhood",
      "Subjects and contact points around a subject to a depth (labels never show an "
      "identifier; contact points are known only by blind index)");
  neighbourhood.query_params.push_back({"depth", false, "0..6 (default 2)"});
  neighbourhood.query_params.push_back(
      {"contact_degree_cap", false,
       "a contact point held by more subjects is shown, not expanded (default 10)"});
  neighbourhood.response_summary =
      "{center, depth, truncated, currency, as_of, nodes: [{id, kind, label, subject_id, "
      "depth}], edges: [{from, to, kind, amount_minor?, percent?, role?}]}";
  neighbourhood.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t subject, PathId(context, "id"));
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyKnownQuery(request, {"depth", "contact_degree_cap", "as_of"}));
    auto day = GraphDay(context);
    if (const ApiResponse* refused = std::get_if<ApiResponse>(&day)) return *refused;
    CREDO_ASSIGN_OR_RETURN(auto depth, IntegerQuery(request, "depth", 0, 6));
    CREDO_ASSIGN_OR_RETURN(auto cap, IntegerQuery(request, "contact_degree_cap", 1, 1000));
    graph::NeighbourhoodOptions options;
    options.depth = static_cast<int>(depth.value_or(2));
    if (cap) options.contact_degree_cap = static_cast<int>(*cap);
    CREDO_ASSIGN_OR_RETURN(auto built, GraphOf(context, std::get<Date>(day)));
    CREDO_TRY(RequireGraphSubject(*built, subject));
    CREDO_ASSIGN_OR_RETURN(graph::Neighbourhood result,
                           graph::NeighbourhoodOf(built->graph, subject, options));
    nlohmann::json body = NeighbourhoodJson(result, built->graph.currency());
    body["as_of"] = std::get<Date>(day).ToIso();
    return JsonResponse(body);
  };
  table.Add(std::move(neighbourhood));

  Route owners = GraphRoute("GET", "/v1/graph/subjects/{id}/owners",
                            "Ultimate beneficial owners of a company through chains of "
                            "shareholding (cycles treated, percentages over 100 warned)");
  owners.query_params.push_back(
      {"threshold", false, "beneficial owner at or above this effective percent (default 25)"});
  owners.query_params.push_back(
      {"control", false, "control strictly above this percent (default 50)"});
  owners.response_summary =
      "{company, as_of, threshold_percent, control_percent, owners: [{subject_id, kind, "
      "effective_percent, shortest_chain, controls, beneficial}], beneficial_owners, "
      "unresolved_percent, unidentified_percent, cycle, warnings}";
  owners.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t subject, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(graph::OwnershipOptions options,
                           OwnershipOptionsFrom(context.request()));
    auto day = GraphDay(context);
    if (const ApiResponse* refused = std::get_if<ApiResponse>(&day)) return *refused;
    CREDO_ASSIGN_OR_RETURN(auto built, GraphOf(context, std::get<Date>(day)));
    CREDO_TRY(RequireGraphSubject(*built, subject));
    CREDO_ASSIGN_OR_RETURN(graph::UboResult result,
                           graph::UltimateOwners(built->graph, subject, options));
    nlohmann::json all = nlohmann::json::array();
    nlohmann::json beneficial = nlohmann::json::array();
    for (const auto& owner : result.owners) {
      all.push_back(OwnerJson(owner, options.threshold_percent));
    }
    for (const auto& owner : result.beneficial_owners) {
      beneficial.push_back(OwnerJson(owner, options.threshold_percent));
    }
    return JsonResponse({{"company", result.company},
                         {"as_of", std::get<Date>(day).ToIso()},
                         {"threshold_percent", options.threshold_percent},
                         {"control_percent", options.control_percent},
                         {"owners", all},
                         {"beneficial_owners", beneficial},
                         {"unresolved_percent", Round4(result.unresolved_percent)},
                         {"unidentified_percent", Round4(result.unidentified_percent)},
                         {"cycle", result.cycle},
                         {"warnings", WarningsJson(result.warnings)}});
  };
  table.Add(std::move(owners));

  Route group = GraphRoute("GET", "/v1/graph/subjects/{id}/group",
                           "The group a company belongs to (controller chain above "
                           "`control` percent) with group-level exposure: loans and guarantees "
                           "given");
  group.query_params.push_back(
      {"control", false, "control strictly above this percent (default 50)"});
  group.query_params.push_back(
      {"threshold", false, "unused by the group; accepted for symmetry"});
  group.response_summary =
      "{company, as_of, top_controller, top_controller_kind, currency, members: [...], "
      "exposure: {loan_balance_minor, guarantees_given_minor, guarantees_given_outside_minor, "
      "total_minor}, warnings}";
  group.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(int64_t subject, PathId(context, "id"));
    CREDO_ASSIGN_OR_RETURN(graph::OwnershipOptions options,
                           OwnershipOptionsFrom(context.request()));
    auto day = GraphDay(context);
    if (const ApiResponse* refused = std::get_if<ApiResponse>(&day)) return *refused;
    CREDO_ASSIGN_OR_RETURN(auto built, GraphOf(context, std::get<Date>(day)));
    CREDO_TRY(RequireGraphSubject(*built, subject));
    CREDO_ASSIGN_OR_RETURN(graph::GroupResult result,
                           graph::GroupOf(built->graph, subject, options));
    nlohmann::json members = nlohmann::json::array();
    for (const graph::GroupMember& member : result.members) {
      members.push_back({{"subject_id", member.subject_id},
                         {"controlled_by", member.controlled_by},
                         {"controlled_percent", Round4(member.controlled_percent)},
                         {"loan_balance_minor", member.loan_balance},
                         {"guarantees_given_minor", member.guarantees_given},
                         {"guarantees_given_outside_minor", member.guarantees_given_outside}});
    }
    return JsonResponse(
        {{"company", result.company},
         {"as_of", std::get<Date>(day).ToIso()},
         {"top_controller", result.top_controller},
         {"top_controller_kind", std::string(graph::NodeKindName(result.top_controller_kind))},
         {"currency", built->graph.currency()},
         {"members", members},
         {"exposure",
          {{"loan_balance_minor", result.loan_balance},
           {"guarantees_given_minor", result.guarantees_given},
           {"guarantees_given_outside_minor", result.guarantees_given_outside},
           {"total_minor", result.loan_balance + result.guarantees_given_outside}}},
         {"warnings", WarningsJson(result.warnings)}});
  };
  table.Add(std::move(group));

  Route circles = GraphRoute("GET", "/v1/graph/circles",
                             "Guarantee circles: strongly connected components of the "
                             "guarantee graph, largest first, with their guaranteed exposure "
                             "and each member's guarantees against its net assets");
  circles.query_params.push_back(
      {"subject_id", false, "only the circle this subject belongs to"});
  circles.query_params.push_back({"min_size", false, "smallest circle listed (default 2)"});
  circles.query_params.push_back({"limit", false, "how many circles, 1..1000 (default 100)"});
  circles.response_summary =
      "{circles: [{id, size, internal_guarantees, total_guaranteed_minor, members: [...]}], "
      "total, currency, as_of, graph_built_at}";
  circles.error_statuses = {400, 422};
  circles.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyKnownQuery(request, {"subject_id", "min_size", "limit", "as_of"}));
    auto day = GraphDay(context);
    if (const ApiResponse* refused = std::get_if<ApiResponse>(&day)) return *refused;
    CREDO_ASSIGN_OR_RETURN(auto subject, IntegerQuery(request, "subject_id", 1, earlywarn::kMaxId));
    CREDO_ASSIGN_OR_RETURN(auto min_size, IntegerQuery(request, "min_size", 2, 1000000));
    CREDO_ASSIGN_OR_RETURN(auto limit, IntegerQuery(request, "limit", 1, 1000));
    CREDO_ASSIGN_OR_RETURN(auto built, GraphOf(context, std::get<Date>(day)));
    SubjectId surviving = subject ? built->graph.Resolve(*subject) : 0;
    nlohmann::json items = nlohmann::json::array();
    int64_t total = 0;
    for (const graph::GuaranteeCircle& circle : built->circles) {
      if (static_cast<int64_t>(circle.members.size()) < min_size.value_or(2)) continue;
      if (subject) {
        bool member = false;
        for (const auto& m : circle.members) member = member || m.subject_id == surviving;
        if (!member) continue;
      }
      ++total;
      if (static_cast<int64_t>(items.size()) < limit.value_or(100)) {
        items.push_back(CircleJson(circle));
      }
    }
    return JsonResponse({{"circles", items},
                         {"total", total},
                         {"currency", built->graph.currency()},
                         {"as_of", std::get<Date>(day).ToIso()},
                         {"graph_built_at", built->built_at}});
  };
  table.Add(std::move(circles));

  static const auto contagion_schema = std::make_shared<const ObjectSchema>(ObjectSchema{
      "ContagionRequest",
      {{"defaulted", FieldType::kStringArray, true,
        "subject ids that default (JSON numbers or decimal strings), 1..1000", 20},
       {"lgd", FieldType::kNumber, false, "loss given default 0..1 (default 0.45)"},
       {"buffer_share", FieldType::kNumber, false,
        "share of net assets that absorbs guarantee calls (default 1.0)"},
       {"unknown_buffer_defaults", FieldType::kBoolean, false,
        "a called guarantor with no financial statement defaults (default false)"}}});
  Route contagion = GraphRoute("POST", "/v1/graph/contagion",
                               "Default contagion through guarantees: guarantors are called, "
                               "those whose buffer is exceeded default in turn, to a fixed "
                               "point; who is at risk and the expected loss");
  contagion.request_schema = contagion_schema;
  contagion.response_summary =
      "{rounds, defaulted, at_risk, exposure_at_default_minor, calls_on_survivors_minor, "
      "calls_on_defaulted_minor, expected_loss_minor, lgd, currency, as_of, subjects: "
      "[{subject_id, defaulted, round, guarantee_calls_minor, buffer_minor, loan_balance_minor, "
      "called_by}]}";
  contagion.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(OnlyKnownQuery(context.request(), {"as_of"}));
    auto day = GraphDay(context);
    if (const ApiResponse* refused = std::get_if<ApiResponse>(&day)) return *refused;
    nlohmann::json body;
    if (auto failure = earlywarn::ParseBodyWithIdArrays(context.request(), *contagion_schema,
                                                        {"defaulted"}, body)) {
      return *failure;
    }
    CREDO_ASSIGN_OR_RETURN(std::vector<int64_t> defaulted,
                           earlywarn::IdArray(body, "defaulted", 1000));
    if (defaulted.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field 'defaulted' must list at least one subject id");
    }
    graph::ContagionOptions options;
    if (body.contains("lgd") && body["lgd"].is_number()) {
      options.lgd = body["lgd"].get<double>();
      if (!(options.lgd >= 0 && options.lgd <= 1)) {
        return MakeError(ErrorCode::kInvalidArgument, "field 'lgd' must be from 0 to 1");
      }
    }
    if (body.contains("buffer_share") && body["buffer_share"].is_number()) {
      options.buffer_share = body["buffer_share"].get<double>();
      if (!(options.buffer_share >= 0 && options.buffer_share <= 100)) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "field 'buffer_share' must be from 0 to 100");
      }
    }
    if (body.contains("unknown_buffer_defaults") && body["unknown_buffer_defaults"].is_boolean()) {
      options.unknown_buffer_defaults = body["unknown_buffer_defaults"].get<bool>();
    }
    CREDO_ASSIGN_OR_RETURN(auto built, GraphOf(context, std::get<Date>(day)));
    for (int64_t id : defaulted) CREDO_TRY(RequireGraphSubject(*built, id));
    CREDO_ASSIGN_OR_RETURN(graph::ContagionResult result,
                           graph::RunContagion(built->graph, defaulted, options));
    nlohmann::json subjects = nlohmann::json::array();
    for (const graph::ContagionSubject& subject : result.subjects) {
      subjects.push_back({{"subject_id", subject.subject_id},
                          {"defaulted", subject.defaulted},
                          {"round", subject.round},
                          {"guarantee_calls_minor", subject.guarantee_calls},
                          {"buffer_minor", OptionalMinor(subject.buffer)},
                          {"loan_balance_minor", subject.loan_balance},
                          {"called_by", subject.called_by}});
    }
    return JsonResponse({{"rounds", result.rounds},
                         {"defaulted", result.defaulted},
                         {"at_risk", result.at_risk},
                         {"exposure_at_default_minor", result.exposure_at_default},
                         {"calls_on_survivors_minor", result.calls_on_survivors},
                         {"calls_on_defaulted_minor", result.calls_on_defaulted},
                         {"expected_loss_minor", result.expected_loss},
                         {"lgd", result.lgd},
                         {"currency", built->graph.currency()},
                         {"as_of", std::get<Date>(day).ToIso()},
                         {"subjects", subjects}});
  };
  table.Add(std::move(contagion));
}

}  // namespace credo::api
