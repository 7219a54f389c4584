// decision support: segments, value, attrition, actions, limits, supply-chain finance.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddDecisionRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
