// credo api/routes: the route handlers, one file per area, and what the server needs to serve
// them. Each Add*Routes declares its routes (method, template, permission, schemas, handler) in
// the table; handlers are thin: check input, call one library function, render JSON.
//
//   system_routes.cc   GET /healthz, GET /metrics, GET /v1/openapi.json
//   session_routes.cc  POST /v1/sessions, DELETE /v1/sessions (operators)
//   subject_routes.cc  GET /v1/subjects?identifier_kind=&identifier= (operators)
//   batch_routes.cc    POST /v1/batches (streamed upload to ingest), GET /v1/batches/{id}
//   consent_routes.cc  POST /v1/consents, POST /v1/consents/{id}/withdraw
//   report_routes.cc   POST /v1/inquiries, GET /v1/reports/{id}, POST /v1/scores
//   me_routes.cc       GET /v1/me/report, GET /v1/me/inquiries (the subject's own view)
//   alert_routes.cc    GET /v1/alerts, POST /v1/alerts/{id}/acknowledge, monitoring subscriptions
//   graph_routes.cc    relationship graph: UBO, group, guarantee circles, contagion, neighbourhood
//   fraud_routes.cc    fraud check of an application, fraud rings
//   portfolio_routes.ccportfolio overview for the console: distributions, delinquency, migration, vintages, concentration
//   decision_routes.cc decision support: segments, value, attrition, actions, limits, supply-chain finance
//   review_routes.cc   entity-resolution review queue: list, explain, accept, reject
//   dispute_routes.cc  disputes queue with deadlines
//   audit_routes.cc    audit log viewer with chain status
//   model_routes.cc    model registry, validation metrics and drift
//   export_routes.cc   table exports as CSV and Excel workbooks
#pragma once

#include <memory>

#include "api/server/caller.h"
#include "api/server/router.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::api {

void AddSystemRoutes(RouteTable& table);
void AddSessionRoutes(RouteTable& table);
void AddSubjectRoutes(RouteTable& table);
void AddBatchRoutes(RouteTable& table);
void AddConsentRoutes(RouteTable& table);
void AddReportRoutes(RouteTable& table);
void AddMeRoutes(RouteTable& table);
void AddAlertRoutes(RouteTable& table);
void AddGraphRoutes(RouteTable& table);
void AddFraudRoutes(RouteTable& table);
void AddPortfolioRoutes(RouteTable& table);
void AddDecisionRoutes(RouteTable& table);
void AddReviewRoutes(RouteTable& table);
void AddDisputeRoutes(RouteTable& table);
void AddAuditRoutes(RouteTable& table);
void AddModelRoutes(RouteTable& table);
void AddExportRoutes(RouteTable& table);
//! Every route of the API.
void AddApiRoutes(RouteTable& table);

//! Installs the schema components the routes read and write (ingest, authentication ...);
//! idempotent. The server calls it once at start.
Status PrepareBureau(Store& store);

//! The authenticator of the api/auth part (API keys, operator sessions, subject credentials).
std::shared_ptr<Authenticator> MakeDefaultAuthenticator();

//! The id in a path parameter: a positive decimal integer, or kNotFound naming the parameter.
Result<int64_t> PathId(const RequestContext& context, const std::string& name);

}  // namespace credo::api
