// audit log viewer with chain status.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddAuditRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
