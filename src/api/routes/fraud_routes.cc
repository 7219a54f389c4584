// fraud check of an application, fraud rings.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddFraudRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
