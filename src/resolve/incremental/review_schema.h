// credo resolve/incremental: the tables of incremental resolution (schema component "resolve").
//
//   resolve_settings  name -> value: whether ingestion resolves incrementally, the thresholds and
//                     the Fellegi-Sunter model (JSON) it scores with
//   resolve_block_keys  (block key, subject): the first 8 bytes of the blind index (HMAC keyed
//                     per pass) of each blocking key of each surviving subject, clustered by
//                     key, so a new record is blocked against stored subjects without
//                     decrypting them
//   review_items      grey-zone pairs for an operator: both subjects, probability, match weight,
//                     the field-by-field explanation (encrypted; identifiers masked), status,
//                     who decided, when, and a note
//   resolve_distinct_pairs  pairs an operator rejected: never proposed or merged again
// InstallResolveSchema applies pending migrations (idempotent); ResolveSchemaInstalled says
// whether a bureau has it (ingestion reads settings only then, and writes nothing otherwise).
#pragma once

#include "core/result.h"
#include "store/store.h"

namespace credo::resolve {

const SchemaComponent& ResolveSchema();
Status InstallResolveSchema(Store& store);
Result<bool> ResolveSchemaInstalled(Store& store);

}  // namespace credo::resolve
