// credo monitor: the module's own tables (schema component "monitor").
//
// monitor_subscriptions, monitor_alerts, monitor_webhooks and monitor_deliveries; see
// docs/monitor/README.md. InstallMonitorSchema applies pending migrations (idempotent).
#pragma once

#include "core/result.h"
#include "store/store.h"

namespace credo::monitor {

const SchemaComponent& MonitorSchema();
Status InstallMonitorSchema(Store& store);

}  // namespace credo::monitor
