// credo ingest/batch: what the ingest module keeps in the bureau beside the store's own tables.
//
// The schema component "ingest" (Store::ApplySchema): ingest_dq_reports (the data-quality report
// of each committed batch, JSON), ingest_cursors (the since-cursor of each pull connector),
// from version 2, ingest_inquiry_references (the furnisher's reference of a feed-loaded inquiry,
// feed_inquiries.h), from version 3, ingest_associated_tradelines (the copy of an account kept
// for each of its associated consumers, associated.h) and, from version 4,
// ingest_associated_parties (every party that named a copy's consumer).
// EnsureIngestSchema applies it (idempotent); IngestFile calls it before a batch, so callers
// need it only to compare a store before and after a refused file. Functions taking a
// Transaction run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "ingest/batch/dq.h"
#include "store/store.h"

namespace credo::ingest {

const SchemaComponent& IngestSchema();
Status EnsureIngestSchema(Store& store);

Status SaveDqReport(Transaction& txn, const DqReport& report);
//! kNotFound when the batch has no report (not committed, or loaded by another tool).
Result<DqReport> LoadDqReport(Transaction& txn, BatchId batch_id);
//! The latest report of `source` from a batch before `before_batch` (0: any), if any.
Result<std::optional<DqReport>> LoadPreviousDqReport(Transaction& txn, std::string_view source,
                                                     BatchId before_batch);

//! The since-cursor a pull connector remembered for `source` (nullopt before the first pull).
Result<std::optional<std::string>> LoadCursor(Transaction& txn, std::string_view source);
Status SaveCursor(Transaction& txn, std::string_view source, std::string_view cursor,
                  int64_t updated_at);

}  // namespace credo::ingest
