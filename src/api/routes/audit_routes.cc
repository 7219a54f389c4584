// GET /v1/audit?after_id=&limit=&action=&actor=&subject_id=&verify=: the audit log, newest
// first, and the status of its hash chain (Store::VerifyAuditChain re-hashes every entry).
#include "api/routes/common.h"
#include "api/routes/ops_params.h"
#include "api/routes/routes.h"

namespace credo::api {
namespace {

using routes_internal::BoolParam;
using routes_internal::IntegerParam;
using routes_internal::OnlyQueryParams;

constexpr int64_t kMaxId = 999999999999999999;

// A filter value: exact, or a prefix when it ends with '*' ("compliance.*"); as a LIKE pattern.
Result<std::string> LikePattern(const std::string& name, const std::string& value) {
  if (value.empty() || value.size() > 128) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter '" + name + "' must be 1-128 characters");
  }
  std::string pattern;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '*' && i + 1 == value.size()) {
      pattern += '%';
    } else if (c == '*') {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter '" + name + "': '*' may only end the value (a prefix)");
    } else {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
  }
  return pattern;
}

}  // namespace

void AddAuditRoutes(RouteTable& table) {
  Route list;
  list.method = "GET";
  list.path = "/v1/audit";
  list.permission = "audit.read";
  list.summary = "The hash-chained audit log, newest first, filtered by action, actor or subject, "
                 "with the chain's status (every entry re-hashed)";
  list.tag = "audit";
  list.query_params = {
      {"after_id", false, "page after this sequence number (older entries)"},
      {"limit", false, "1-1000, default 100"},
      {"action", false, "an action (\"compliance.read\") or a prefix ending in * (\"model.*\")"},
      {"actor", false, "an actor, or a prefix ending in *"},
      {"subject_id", false, "only entries about this subject"},
      {"verify", false, "true (default): verify the whole chain; false: skip (chain is null)"}};
  list.response_summary = "{entries: [{id, at, actor, action, object, object_id, subject_id, "
                          "detail, hash}], next_after_id, chain: {status: intact|broken, checked, "
                          "first_bad_id, problem}}";
  list.error_statuses = {422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyQueryParams(request,
                              {"after_id", "limit", "action", "actor", "subject_id", "verify"}));
    CREDO_ASSIGN_OR_RETURN(int64_t after_id, IntegerParam(request, "after_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(int64_t limit, IntegerParam(request, "limit", 100, 1, 1000));
    CREDO_ASSIGN_OR_RETURN(int64_t subject_id, IntegerParam(request, "subject_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(std::optional<bool> verify, BoolParam(request, "verify"));
    std::string sql =
        "SELECT sequence, recorded_at, actor, action, entity, entity_id, subject_id, detail, hash "
        "FROM audit_log WHERE sequence < ?";
    std::vector<SqlValue> params = {SqlValue::Int(after_id == 0 ? kMaxId : after_id)};
    for (const char* name : {"action", "actor"}) {
      if (auto value = request.Query(name)) {
        CREDO_ASSIGN_OR_RETURN(std::string pattern, LikePattern(name, *value));
        sql += std::string(" AND ") + name + " LIKE ? ESCAPE '\\'";
        params.push_back(SqlValue::Text(pattern));
      }
    }
    if (subject_id != 0) {
      sql += " AND subject_id = ?";
      params.push_back(SqlValue::Int(subject_id));
    }
    sql += " ORDER BY sequence DESC LIMIT ?";
    params.push_back(SqlValue::Int(limit + 1));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    nlohmann::json entries = nlohmann::json::array();
    bool more = false;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
      more = static_cast<int64_t>(rows.size()) > limit;
      if (more) rows.pop_back();
      for (const auto& row : rows) {
        entries.push_back({{"id", routes_internal::SqlInt(row[0])},
                           {"at", routes_internal::SqlInt(row[1])},
                           {"actor", row[2].bytes},
                           {"action", row[3].bytes},
                           {"object", row[4].bytes},
                           {"object_id", routes_internal::SqlInt(row[5])},
                           {"subject_id", routes_internal::SqlInt(row[6])},
                           {"detail", row[7].bytes},
                           {"hash", row[8].bytes}});
      }
      return Ok();
    }));
    nlohmann::json chain = nullptr;
    if (verify.value_or(true)) {
      CREDO_ASSIGN_OR_RETURN(AuditChainReport report, store->VerifyAuditChain());
      chain = {{"status", report.intact ? "intact" : "broken"},
               {"checked", report.entries_checked},
               {"first_bad_id",
                report.intact ? nlohmann::json(nullptr) : nlohmann::json(report.first_bad_sequence)},
               {"problem", report.problem}};
    }
    nlohmann::json next = nullptr;
    if (more && !entries.empty()) next = entries.back()["id"];
    return JsonResponse({{"entries", entries}, {"next_after_id", next}, {"chain", chain}});
  };
  table.Add(std::move(list));
}

}  // namespace credo::api
