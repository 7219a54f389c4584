// table exports as CSV and Excel workbooks.
#include "api/routes/common.h"
#include "api/routes/routes.h"

namespace credo::api {

void AddExportRoutes(RouteTable& table) { (void)table; }

}  // namespace credo::api
