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
