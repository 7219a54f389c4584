// credo ingest/batch: reading the quarantine and the data-quality reports back (for operators:
// `credo quarantine list|show|export`, `credo dq BATCH`). Read-only; each call opens its own
// read transaction.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "core/result.h"
#include "ingest/batch/dq.h"
#include "store/store.h"

namespace credo::ingest {

//! Entries of one batch, or of the newest `max_batches` batches when batch_id is nullopt.
Result<std::vector<QuarantineEntry>> ListQuarantineEntries(Store& store,
                                                           std::optional<BatchId> batch_id,
                                                           int64_t max_batches = 1000);
//! One entry by id; kNotFound names the id.
Result<QuarantineEntry> FindQuarantineEntry(Store& store, int64_t id,
                                            int64_t max_batches = 1000);
//! CSV with a header: id,batch_id,source,line,byte_offset,field,rule,masked_value,message.
void WriteQuarantineCsv(const std::vector<QuarantineEntry>& entries, std::ostream& out);
//! The stored data-quality report of a batch.
Result<DqReport> ReadDqReport(Store& store, BatchId batch_id);

}  // namespace credo::ingest
