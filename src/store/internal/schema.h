// credo store internal: schema components and the migration runner.
//
// schema_version(component, version, applied_at, description) records, per component, the last
// migration applied. Migrations run in order, each in its own transaction with its version row,
// so a crash leaves the database at a whole version. Applying twice is a no-op. A recorded
// version newer than the code knows is refused with kVersionMismatch naming both versions.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/internal/connection.h"
#include "store/store.h"

namespace credo::store_internal {

//! 0 when the component (or the schema_version table) is absent.
Result<int> ReadSchemaVersion(Connection& connection, std::string_view component);
Status ApplySchemaComponent(Connection& connection, const SchemaComponent& component,
                            int64_t now_unix_seconds);
//! The tables of the store's own schema whose rows are counted for backup verification.
const std::vector<std::string>& CountedTables();

}  // namespace credo::store_internal
