// credo store internal: the hash-chained audit log (format: docs/store/audit.md).
#pragma once

#include <string>

#include "core/result.h"
#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo::store_internal {

constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

//! The bytes hashed for an entry: every field but `hash`, each as "<length>:<bytes>;" in a fixed
//! order, after the tag "credo-audit-v1;".
std::string CanonicalAuditBytes(const AuditEntry& entry);
std::string ComputeAuditHash(const AuditEntry& entry);

//! Appends inside the open write transaction; fills sequence, time, actor, hashes.
Result<int64_t> AppendAuditEntry(StoreContext& context, AuditEntry& entry);
//! Writes the chain head back before commit (no-op when nothing was appended).
Status FlushAuditHead(StoreContext& context);
//! Forgets the cached head (after rollback or commit).
void ResetAuditState(StoreContext& context);

//! Recomputes the chain inside a read transaction.
Result<AuditChainReport> VerifyAuditChainIn(StoreContext& context);

}  // namespace credo::store_internal
