// portfolio overview for the console: distributions, delinquency, migration, vintages, concentration.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddPortfolioRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
