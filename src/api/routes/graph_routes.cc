// relationship graph: UBO, group, guarantee circles, contagion, neighbourhood.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddGraphRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
