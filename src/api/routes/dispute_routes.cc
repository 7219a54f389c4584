// GET /v1/disputes?status=&subject_id=&after_id=&limit=: the disputes queue (异议, 征信业管理条例
// 第25条; FCRA 611) with each case's deadline from the profile and the days left, over
// compliance::ListDisputes.
#include <algorithm>

#include "api/routes/common.h"
#include "api/routes/ops_params.h"
#include "api/routes/routes.h"
#include "compliance/disputes.h"

namespace credo::api {
namespace {

using routes_internal::IntegerParam;
using routes_internal::OnlyQueryParams;

constexpr int64_t kMaxId = 999999999999999999;

nlohmann::json DisputeJson(const compliance::DisputeRecord& d, Date today) {
  nlohmann::json item = {{"id", d.id},
                         {"subject_id", d.subject_id},
                         {"item", compliance::FormatItemRef(d.item)},
                         {"item_kind", std::string(compliance::ItemKindName(d.item.kind))},
                         {"reason", d.reason},
                         {"opened_by", d.opened_by},
                         {"by_operator", d.by_operator},
                         {"opened_on", d.opened_on.ToIso()},
                         {"due_on", d.deadline_on.ToIso()},
                         {"status", d.open ? "open" : "closed"},
                         {"outcome", std::string(compliance::DisputeOutcomeName(d.outcome))},
                         {"compliance_condition", d.compliance_condition},
                         {"subject_disagrees", d.subject_disagrees},
                         {"resolved_on", nullptr},
                         {"resolved_by", d.resolved_by}};
  if (d.open) {
    // Days until the last day to answer (0: due today; negative: overdue, and the deadline
    // sweep will suppress the item in the subject's favour).
    int days_left = d.deadline_on.DaysSince(today);
    item["days_left"] = days_left;
    item["overdue"] = days_left < 0;
  } else {
    item["days_left"] = nullptr;
    item["overdue"] = false;
    item["resolved_on"] = d.resolved_on ? nlohmann::json(d.resolved_on->ToIso()) : nullptr;
    item["met_deadline"] = d.MetDeadline(today);
  }
  return item;
}

}  // namespace

void AddDisputeRoutes(RouteTable& table) {
  Route list;
  list.method = "GET";
  list.path = "/v1/disputes";
  list.permission = "disputes.read";
  list.summary = "The disputes queue: each case with its deadline from the profile (CN 20 days, "
                 "US 30 days) and the days left; open cases soonest due first";
  list.tag = "disputes";
  list.query_params = {{"status", false, "open (default), closed or all"},
                       {"subject_id", false, "only this subject's disputes"},
                       {"after_id", false, "page after this dispute id (in the list's order)"},
                       {"limit", false, "1-500, default 100"}};
  list.response_summary = "{disputes: [{id, subject_id, item, reason, opened_on, due_on, "
                          "days_left, overdue, status, outcome, compliance_condition}], "
                          "deadline_days, as_of, next_after_id}";
  list.error_statuses = {404, 422};
  list.handler = [](RequestContext& context) -> Result<ApiResponse> {
    const ApiRequest& request = context.request();
    CREDO_TRY(OnlyQueryParams(request, {"status", "subject_id", "after_id", "limit"}));
    std::string status = request.Query("status").value_or("open");
    if (status != "open" && status != "closed" && status != "all") {
      return MakeError(ErrorCode::kInvalidArgument,
                       "query parameter 'status' must be open, closed or all");
    }
    CREDO_ASSIGN_OR_RETURN(int64_t subject_id, IntegerParam(request, "subject_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(int64_t after_id, IntegerParam(request, "after_id", 0, 1, kMaxId));
    CREDO_ASSIGN_OR_RETURN(int64_t limit, IntegerParam(request, "limit", 100, 1, 500));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    std::vector<compliance::DisputeRecord> disputes;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      SubjectId subject = 0;
      if (subject_id != 0) {
        auto surviving = tx.ResolveSubjectId(subject_id);
        if (!surviving.ok()) {
          return MakeError(ErrorCode::kNotFound,
                           "no subject " + std::to_string(subject_id) + " in the bureau");
        }
        subject = *surviving;
      }
      CREDO_ASSIGN_OR_RETURN(disputes, compliance::ListDisputes(tx, subject, status == "open"));
      return Ok();
    }));
    if (status == "closed") {
      std::erase_if(disputes, [](const compliance::DisputeRecord& d) { return d.open; });
    }
    // Open cases first, soonest due first; closed ones newest first; ties by id.
    std::stable_sort(disputes.begin(), disputes.end(),
                     [](const compliance::DisputeRecord& a, const compliance::DisputeRecord& b) {
                       if (a.open != b.open) return a.open;
                       if (a.open) {
                         if (a.deadline_on != b.deadline_on) return a.deadline_on < b.deadline_on;
                         return a.id < b.id;
                       }
                       return a.id > b.id;
                     });
    size_t start = 0;
    if (after_id != 0) {
      auto found = std::find_if(disputes.begin(), disputes.end(),
                                [&](const auto& d) { return d.id == after_id; });
      if (found == disputes.end()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "query parameter 'after_id': dispute " + std::to_string(after_id) +
                             " is not in this list; page with the next_after_id given");
      }
      start = static_cast<size_t>(found - disputes.begin()) + 1;
    }
    const Date today = context.clock().Today();
    nlohmann::json items = nlohmann::json::array();
    size_t end = std::min(disputes.size(), start + static_cast<size_t>(limit));
    for (size_t i = start; i < end; ++i) items.push_back(DisputeJson(disputes[i], today));
    nlohmann::json next = nullptr;
    if (end < disputes.size() && end > start) next = disputes[end - 1].id;
    return JsonResponse({{"disputes", items},
                         {"deadline_days", context.profile().dispute_days},
                         {"as_of", today.ToIso()},
                         {"next_after_id", next}});
  };
  table.Add(std::move(list));
}

}  // namespace credo::api
