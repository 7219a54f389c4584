#include "monitor/schema.h"

#include <gtest/gtest.h>

#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

TEST(MonitorSchemaTest, InstallsOnceAndAgainIsANoOp) {
  testing::TempBureau bureau;  // installs the schema
  auto version = bureau.store().SchemaVersion("monitor");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, static_cast<int>(MonitorSchema().migrations.size()));
  ASSERT_TRUE(InstallMonitorSchema(bureau.store()).ok());
  ASSERT_TRUE(bureau.store().WithReadTransaction([](Transaction& transaction) -> Status {
    for (const char* table : {"monitor_subscriptions", "monitor_alerts", "monitor_webhooks",
                              "monitor_deliveries"}) {
      CREDO_ASSIGN_OR_RETURN(auto rows,
                             transaction.Query(std::string("SELECT COUNT(*) FROM ") + table));
      EXPECT_EQ(rows.at(0).at(0).int_value, 0) << table;
    }
    return Ok();
  }).ok());
}

}  // namespace
}  // namespace credo::monitor
