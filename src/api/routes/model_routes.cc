// model registry, validation metrics and drift.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddModelRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
