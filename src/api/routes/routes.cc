#include "api/routes/routes.h"

#include "api/auth/auth.h"
#include "ingest/batch/state.h"
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
}

Status PrepareBureau(Store& store) {
  CREDO_TRY(EnsureAuthSchema(store));
  CREDO_TRY(ingest::EnsureIngestSchema(store));
  CREDO_TRY(report::EnsureReportSchema(store));
  return Ok();
}

}  // namespace credo::api
