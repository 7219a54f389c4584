// GET /v1/alerts, POST /v1/alerts/{id}/acknowledge, monitoring subscriptions.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddAlertRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
