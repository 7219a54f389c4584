// entity-resolution review queue: list, explain, accept, reject.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddReviewRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
