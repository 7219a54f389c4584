// GET /healthz, GET /metrics, GET /v1/openapi.json: public, no credentials.
#include "api/routes/routes.h"
#include "api/server/json_body.h"
#include "api/server/metrics.h"
#include "api/server/openapi.h"
#include "core/core.h"
#include "store/wal_checkpointer.h"

namespace credo::api {

void AddSystemRoutes(RouteTable& table) {
  Route health;
  health.method = "GET";
  health.path = "/healthz";
  health.requires_caller = false;
  health.summary = "Liveness and readiness: the bureau answers a read on this worker's Store";
  health.tag = "system";
  health.response_summary = "{\"status\": \"ok\"}";
  health.error_statuses = {503};
  health.handler = [](RequestContext& context) -> Result<ApiResponse> {
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    CREDO_ASSIGN_OR_RETURN(int version, store->SchemaVersion());
    return JsonResponse({{"status", "ok"}, {"schema_version", version}});
  };
  table.Add(std::move(health));

  Route metrics;
  metrics.method = "GET";
  metrics.path = "/metrics";
  metrics.requires_caller = false;
  metrics.summary = "Prometheus metrics: requests by route template and status, latency "
                    "histograms, ingest and retention counters, the store's row counts";
  metrics.tag = "system";
  metrics.produces = {"text/plain"};
  metrics.response_summary = "Prometheus text exposition format 0.0.4";
  metrics.handler = [](RequestContext& context) -> Result<ApiResponse> {
    std::vector<Metrics::Gauge> gauges;
    CREDO_ASSIGN_OR_RETURN(Store * store, context.store());
    TableCounts counts;
    CREDO_TRY(store->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(counts, tx.CountRows());
      return Ok();
    }));
    Metrics::Gauge rows{"credo_store_rows", "Rows per table of the bureau (batches, quarantine, "
                                            "alerts and the rest), counted when scraped.", {}};
    for (const auto& [table_name, count] : counts) {
      rows.samples.emplace_back("table=\"" + EscapeLabel(table_name) + "\"",
                                static_cast<double>(count));
    }
    gauges.push_back(std::move(rows));
    if (const WalCheckpointer* checkpointer = context.services().checkpointer) {
      WalCheckpointer::Counts runs = checkpointer->counts();
      gauges.push_back(Metrics::Gauge{
          "credo_sqlite_wal_checkpoints",
          "WAL checkpoints run by the server's checkpoint thread since it started, by outcome "
          "(passive copies; restarts that rewound the log; restarts given up for busy readers; "
          "failures).",
          {{"outcome=\"passive\"", static_cast<double>(runs.passive)},
           {"outcome=\"restart\"", static_cast<double>(runs.restarts)},
           {"outcome=\"busy\"", static_cast<double>(runs.busy)},
           {"outcome=\"failed\"", static_cast<double>(runs.failures)}}});
    }
    ApiResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = context.services().metrics->Render(gauges);
    return response;
  };
  table.Add(std::move(metrics));

  Route openapi;
  openapi.method = "GET";
  openapi.path = "/v1/openapi.json";
  openapi.requires_caller = false;
  openapi.summary = "This document: the OpenAPI 3 description generated from the route table";
  openapi.tag = "system";
  openapi.response_summary = "OpenAPI 3.0 document";
  const RouteTable* routes = &table;
  openapi.handler = [routes](RequestContext&) -> Result<ApiResponse> {
    return JsonResponse(BuildOpenApi(*routes, std::string(Version())));
  };
  table.Add(std::move(openapi));
}

}  // namespace credo::api
