// disputes queue with deadlines.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddDisputeRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
