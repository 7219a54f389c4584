// Portfolio overview for the console: GET /v1/portfolio/overview (size, score and grade
// distributions, delinquency by bucket, alerts, concentration), /v1/portfolio/overview.pdf,
// /v1/portfolio/migration?from=&to= and /v1/portfolio/vintages, over the decision module's
// stored snapshot (decision/overview_snapshot.h): answered from it while the data is unchanged,
// refreshed first when it is missing or older than the last batch or scoring run. Aggregates
// only: no subject is named.
#include <ctime>
#include <set>

#include <nlohmann/json.hpp>

#include "api/routes/common.h"
#include "api/routes/routes.h"
#include "decision/overview_snapshot.h"
#include "decision/portfolio_overview.h"
#include "report/portfolio_pdf.h"

namespace credo::api {
namespace {

using nlohmann::json;

Status RefuseUnknownParameters(const ApiRequest& request, const std::set<std::string>& known) {
  for (const auto& [name, unused] : request.query) {
    if (known.count(name) == 0) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown query parameter; this route accepts " +
                           (list.empty() ? std::string("none") : list),
                       name);
    }
  }
  return Ok();
}

Result<Date> DateParameter(const ApiRequest& request, const std::string& name,
                           std::optional<Date> fallback) {
  auto text = request.Query(name);
  if (!text) {
    if (fallback) return *fallback;
    return MakeError(ErrorCode::kInvalidArgument, "required: a date YYYY-MM-DD", name);
  }
  auto date = Date::ParseIso(*text);
  if (!date.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "not a date YYYY-MM-DD: '" + text->substr(0, 32) + "'", name);
  }
  return *date;
}

decision::SnapshotOptions OptionsFor(RequestContext& context) {
  decision::SnapshotOptions options;
  options.currency = context.profile().currency;
  options.clock = &context.clock();
  return options;
}

Result<decision::OverviewSnapshot> SnapshotFor(RequestContext& context, Date as_of) {
  CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
  return decision::CurrentSnapshot(*store, as_of, OptionsFor(context));
}

std::string Money(int64_t minor) {
  char text[48];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(minor) / 100.0);
  // Thousands separators on the whole part.
  std::string out = text;
  size_t dot = out.find('.');
  for (int at = static_cast<int>(dot) - 3; at > (out[0] == '-' ? 1 : 0); at -= 3) {
    out.insert(static_cast<size_t>(at), 1, ',');
  }
  return out;
}

std::string Timestamp(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100);
  return text;
}

report::PortfolioPdfInput PdfInput(const json& overview, const json& vintages,
                                   const std::string& lang) {
  const bool zh = lang == "zh";
  report::PortfolioPdfInput input;
  input.lang = lang;
  input.as_of = overview["as_of"];
  input.currency = overview["currency"];
  input.computed_at = Timestamp(overview["computed_at"].get<int64_t>());
  input.key_figures = {
      {zh ? "个人" : "Persons", std::to_string(overview["subjects"]["persons"].get<int64_t>())},
      {zh ? "企业" : "Organizations",
       std::to_string(overview["subjects"]["organizations"].get<int64_t>())},
      {zh ? "账户" : "Accounts", std::to_string(overview["accounts"].get<int64_t>())},
      {zh ? "余额" : "Balance", Money(overview["balance_minor"].get<int64_t>())},
      {zh ? "未处理预警" : "Open alerts", std::to_string(overview["alerts"]["open"].get<int64_t>())},
      {zh ? "近7天新预警" : "New alerts (7 days)",
       std::to_string(overview["alerts"]["new_7d"].get<int64_t>())}};
  // The first product's distributions (person_score sorts first when present).
  std::string product;
  for (const auto& band : overview["score_distribution"]) {
    if (product.empty()) product = band["product"];
    if (band["product"] == "person_score") product = "person_score";
  }
  for (const auto& band : overview["score_distribution"]) {
    if (band["product"] != product) continue;
    input.score_bands.push_back({std::to_string(band["from"].get<int>()),
                                 static_cast<double>(band["count"].get<int64_t>())});
  }
  for (const auto& grade : overview["grade_distribution"]) {
    if (grade["product"] != product) continue;
    input.grades.push_back({grade["grade"], static_cast<double>(grade["count"].get<int64_t>())});
  }
  for (const auto& bucket : overview["delinquency"]) {
    const std::string name = bucket["bucket"];
    input.delinquency_rates.push_back({name, bucket["rate"].get<double>()});
    input.delinquency_table.push_back({{name, std::to_string(bucket["accounts"].get<int64_t>()),
                                        Money(bucket["balance_minor"].get<int64_t>()),
                                        Percent(bucket["rate"].get<double>())}});
  }
  for (const char* dimension : {"industry", "region"}) {
    auto& table = std::string(dimension) == "industry" ? input.industry_table : input.region_table;
    for (const auto& group : overview["concentration"][dimension]) {
      const std::string label = zh ? group["label_zh"] : group["label"];
      table.push_back({{label, std::to_string(group["subjects"].get<int64_t>()),
                        Money(group["exposure_minor"].get<int64_t>()),
                        Percent(group["share"].get<double>())}});
    }
  }
  for (const auto& cohort : vintages["cohorts"]) {
    report::PortfolioPdfCurve curve;
    curve.label = cohort["cohort"].get<std::string>() + " (" +
                  std::to_string(cohort["accounts"].get<int64_t>()) + ")";
    for (const auto& point : cohort["points"]) {
      curve.values.push_back(point["cumulative_bad_rate"].get<double>());
    }
    input.vintages.push_back(std::move(curve));
  }
  return input;
}

}  // namespace

void AddPortfolioRoutes(RouteTable& table) {
  Route overview;
  overview.method = "GET";
  overview.path = "/v1/portfolio/overview";
  overview.permission = "portfolio.read";
  overview.summary = "The portfolio as of a date: size, score and grade distributions, "
                     "delinquency by bucket, open and new alerts, concentration by industry and "
                     "region (from the stored snapshot; computed_at says when)";
  overview.tag = "portfolio";
  overview.query_params = {{"as_of", false, "YYYY-MM-DD (default: today)"}};
  overview.response_summary =
      "{as_of, currency, subjects: {persons, organizations}, score_distribution, "
      "grade_distribution, delinquency, alerts: {open, new_7d}, concentration, computed_at, "
      "snapshot: {computed_at, refreshed}}";
  overview.error_statuses = {422};
  overview.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknownParameters(context.request(), {"as_of"}));
    CREDO_ASSIGN_OR_RETURN(Date as_of,
                           DateParameter(context.request(), "as_of", context.clock().Today()));
    CREDO_ASSIGN_OR_RETURN(decision::OverviewSnapshot snapshot, SnapshotFor(context, as_of));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(std::string body, decision::OverviewAnswerJson(*store, snapshot));
    ApiResponse response;
    response.body = std::move(body);
    return response;
  };
  table.Add(std::move(overview));

  Route pdf;
  pdf.method = "GET";
  pdf.path = "/v1/portfolio/overview.pdf";
  pdf.permission = "portfolio.read";
  pdf.summary = "The portfolio overview as a PDF (one to two A4 pages with charts)";
  pdf.tag = "portfolio";
  pdf.query_params = {{"as_of", false, "YYYY-MM-DD (default: today)"},
                      {"lang", false, "zh or en (default: en)"}};
  pdf.produces = {"application/pdf"};
  pdf.response_summary = "application/pdf";
  pdf.error_statuses = {422};
  pdf.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknownParameters(context.request(), {"as_of", "lang"}));
    CREDO_ASSIGN_OR_RETURN(Date as_of,
                           DateParameter(context.request(), "as_of", context.clock().Today()));
    CREDO_ASSIGN_OR_RETURN(std::string lang, routes_internal::LangParameter(context.request()));
    CREDO_ASSIGN_OR_RETURN(decision::OverviewSnapshot snapshot, SnapshotFor(context, as_of));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(std::string body, decision::OverviewAnswerJson(*store, snapshot));
    const json figures = json::parse(body);
    const json curves = json::parse(decision::VintagesAnswerJson(snapshot));
    CREDO_ASSIGN_OR_RETURN(std::string bytes, report::RenderPortfolioPdf(PdfInput(
                                                  figures, curves, lang.empty() ? "en" : lang)));
    ApiResponse response;
    response.content_type = "application/pdf";
    response.body = std::move(bytes);
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"portfolio-" + as_of.ToIso() + ".pdf\"");
    return response;
  };
  table.Add(std::move(pdf));

  Route migration;
  migration.method = "GET";
  migration.path = "/v1/portfolio/migration";
  migration.permission = "portfolio.read";
  migration.summary = "Grade migration matrix between two dates, from the score history";
  migration.tag = "portfolio";
  migration.query_params = {{"from", true, "YYYY-MM-DD"}, {"to", true, "YYYY-MM-DD, not before from"}};
  migration.response_summary =
      "{product, from, to, from_scored_on, to_scored_on, grades, matrix: [[count]], new_at_to, "
      "subjects, upgraded, downgraded, unchanged, snapshot}";
  migration.error_statuses = {422};
  migration.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknownParameters(context.request(), {"from", "to"}));
    CREDO_ASSIGN_OR_RETURN(Date from, DateParameter(context.request(), "from", std::nullopt));
    CREDO_ASSIGN_OR_RETURN(Date to, DateParameter(context.request(), "to", std::nullopt));
    if (to < from) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "must not be before from (" + from.ToIso() + ")", "to");
    }
    // The snapshot of today holds every pair of scoring dates up to today.
    const Date today = context.clock().Today();
    CREDO_ASSIGN_OR_RETURN(decision::OverviewSnapshot snapshot, SnapshotFor(context, today));
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(std::string body, decision::MigrationAnswerJson(
                                                 *store, snapshot, from, to, OptionsFor(context)));
    ApiResponse response;
    response.body = std::move(body);
    return response;
  };
  table.Add(std::move(migration));

  Route vintages;
  vintages.method = "GET";
  vintages.path = "/v1/portfolio/vintages";
  vintages.permission = "portfolio.read";
  vintages.summary = "Vintage curves: cumulative bad rate (90+ days past due or worse) by months "
                     "on book for each origination month of the last 24";
  vintages.tag = "portfolio";
  vintages.query_params = {{"as_of", false, "YYYY-MM-DD (default: today)"}};
  vintages.response_summary =
      "{as_of, cohorts: [{cohort, accounts, points: [{months_on_book, bad, "
      "cumulative_bad_rate}]}], computed_at, snapshot}";
  vintages.error_statuses = {422};
  vintages.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_TRY(RefuseUnknownParameters(context.request(), {"as_of"}));
    CREDO_ASSIGN_OR_RETURN(Date as_of,
                           DateParameter(context.request(), "as_of", context.clock().Today()));
    CREDO_ASSIGN_OR_RETURN(decision::OverviewSnapshot snapshot, SnapshotFor(context, as_of));
    ApiResponse response;
    response.body = decision::VintagesAnswerJson(snapshot);
    return response;
  };
  table.Add(std::move(vintages));
}

}  // namespace credo::api
