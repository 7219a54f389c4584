#include "api/routes/routes.h"

#include "api/auth/auth.h"
#include "fraud/application.h"
#include "ingest/batch/state.h"
#include "model/store_schema.h"
#include "monitor/schema.h"
#include "resolve/incremental/review_schema.h"
#include "report/report.h"

namespace credo::api {

void AddApiRoutes(RouteTable& table) {
  AddSystemRoutes(table);
  AddSessionRoutes(table);
  AddSubjectRoutes(table);
  AddBatchRoutes(table);
  AddConsentRoutes(table);
  AddReportRoutes(table);
  AddMeRoutes(table);
  AddAlertRoutes(table);
  AddGraphRoutes(table);
  AddFraudRoutes(table);
  AddPortfolioRoutes(table);
  AddDecisionRoutes(table);
  AddReviewRoutes(table);
  AddDisputeRoutes(table);
  AddAuditRoutes(table);
  AddModelRoutes(table);
  AddExportRoutes(table);
}

Status PrepareBureau(Store& store) {
  CREDO_TRY(EnsureAuthSchema(store));
  CREDO_TRY(ingest::EnsureIngestSchema(store));
  CREDO_TRY(report::EnsureReportSchema(store));
  CREDO_TRY(monitor::InstallMonitorSchema(store));
  CREDO_TRY(fraud::EnsureFraudSchema(store));
  CREDO_TRY(model::EnsureModelSchema(store));
  CREDO_TRY(resolve::InstallResolveSchema(store));
  return Ok();
}

}  // namespace credo::api
