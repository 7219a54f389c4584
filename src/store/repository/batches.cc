// Batches, immutable raw records (payload encrypted) and quarantine.
#include "store/crypto/primitives.h"
#include "store/internal/audit.h"
#include "store/internal/rows.h"
#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;
namespace internal = store_internal;

namespace {

constexpr std::string_view kPayloadColumn = "raw_records.payload";

constexpr const char* kBatchColumns =
    "id, source, file_name, content_hash, status, records_read, records_accepted, "
    "records_quarantined, created_at, finished_at, message";

Result<BatchStatus> BatchStatusFromName(std::string_view name) {
  for (BatchStatus status : {BatchStatus::kOpen, BatchStatus::kCommitted, BatchStatus::kFailed}) {
    if (BatchStatusName(status) == name) return status;
  }
  return MakeError(ErrorCode::kDataLoss, "stored batch status '" + std::string(name) + "' is not known");
}

Result<Batch> ReadBatch(Statement& statement) {
  Batch batch;
  batch.id = statement.GetInt(0);
  batch.source = internal::GetString(statement, 1);
  batch.file_name = internal::GetString(statement, 2);
  batch.content_hash = internal::GetString(statement, 3);
  CREDO_ASSIGN_OR_RETURN(batch.status, BatchStatusFromName(statement.GetBytes(4)));
  batch.records_read = statement.GetInt(5);
  batch.records_accepted = statement.GetInt(6);
  batch.records_quarantined = statement.GetInt(7);
  batch.created_at = statement.GetInt(8);
  batch.finished_at = statement.GetInt(9);
  batch.message = internal::GetString(statement, 10);
  return batch;
}

Result<std::vector<Batch>> ReadBatches(Statement& statement) {
  std::vector<Batch> batches;
  while (true) {
    auto row = statement.Step();
    if (!row.ok()) {
      statement.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    auto batch = ReadBatch(statement);
    if (!batch.ok()) {
      statement.Reset();
      return std::move(batch).error();
    }
    batches.push_back(std::move(batch).value());
  }
  statement.Reset();
  return batches;
}

constexpr const char* kRawInsert =
    "INSERT INTO raw_records (batch_id, source, line, byte_offset, content_hash, key_id, payload) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

Result<int64_t> InsertRaw(internal::StoreContext& context, Statement& statement,
                          const RawRecord& record, std::string& sealed) {
  if (record.batch_id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "a raw record needs its batch id",
                     record.source + " line " + std::to_string(record.line));
  }
  sealed.clear();
  CREDO_TRY(context.Seal(kPayloadColumn, record.payload, sealed));
  statement.Reset();
  statement.BindInt(0, record.batch_id);
  statement.BindText(1, record.source);
  statement.BindInt(2, record.line);
  statement.BindInt(3, record.byte_offset);
  if (record.content_hash.empty()) {
    statement.BindText(4, internal::Sha256Hex(record.payload));
  } else {
    statement.BindText(4, record.content_hash);
  }
  statement.BindInt(5, context.keys().active_key_id());
  statement.BindBlob(6, sealed);
  return internal::RunReturningId(statement);
}

constexpr const char* kQuarantineInsert =
    "INSERT INTO quarantine (batch_id, source, line, byte_offset, field, rule, masked_value, "
    "message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

Result<int64_t> InsertQuarantineRow(internal::StoreContext& context, Statement& statement,
                                    const QuarantineEntry& entry) {
  if (entry.batch_id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "a quarantine entry needs its batch id");
  }
  statement.Reset();
  statement.BindInt(0, entry.batch_id);
  statement.BindText(1, entry.source);
  statement.BindInt(2, entry.line);
  statement.BindInt(3, entry.byte_offset);
  statement.BindText(4, entry.field);
  statement.BindText(5, entry.rule);
  statement.BindText(6, entry.masked_value);
  statement.BindText(7, entry.message);
  statement.BindInt(8, context.Now());
  return internal::RunReturningId(statement);
}

}  // namespace

std::string_view BatchStatusName(BatchStatus status) {
  switch (status) {
    case BatchStatus::kOpen: return "open";
    case BatchStatus::kCommitted: return "committed";
    case BatchStatus::kFailed: return "failed";
  }
  return "open";
}

Result<BatchId> Transaction::CreateBatch(const Batch& batch) {
  CREDO_TRY(RequireWritable());
  if (batch.source.empty()) return MakeError(ErrorCode::kInvalidArgument, "a batch needs a source");
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("INSERT INTO batches (source, file_name, content_hash, status, created_at) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id"));
  statement->BindText(0, batch.source);
  statement->BindText(1, batch.file_name);
  statement->BindText(2, batch.content_hash);
  statement->BindText(3, BatchStatusName(BatchStatus::kOpen));
  statement->BindInt(4, context_.Now());
  CREDO_ASSIGN_OR_RETURN(BatchId id, internal::RunReturningId(*statement));
  AuditEntry entry;
  entry.action = "batch.open";
  entry.entity = "batches";
  entry.entity_id = id;
  entry.detail = "source=" + batch.source + " file=" + batch.file_name +
                 " sha256=" + batch.content_hash;
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return id;
}

Status Transaction::FinishBatch(BatchId id, BatchStatus status, int64_t records_read,
                                int64_t records_accepted, int64_t records_quarantined,
                                std::string_view message) {
  CREDO_TRY(RequireWritable());
  if (status == BatchStatus::kOpen) {
    return MakeError(ErrorCode::kInvalidArgument, "a batch finishes as committed or failed");
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("UPDATE batches SET status = ?, records_read = ?, records_accepted = ?, "
                       "records_quarantined = ?, finished_at = ?, message = ? WHERE id = ? AND "
                       "status = 'open'"));
  statement->BindText(0, BatchStatusName(status));
  statement->BindInt(1, records_read);
  statement->BindInt(2, records_accepted);
  statement->BindInt(3, records_quarantined);
  statement->BindInt(4, context_.Now());
  statement->BindText(5, message);
  statement->BindInt(6, id);
  CREDO_TRY(statement->Run());
  int64_t changed = statement->ChangedRows();
  statement->Reset();
  if (changed == 0) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "batch " + std::to_string(id) + " does not exist or is already finished");
  }
  AuditEntry entry;
  entry.action = status == BatchStatus::kCommitted ? "batch.commit" : "batch.fail";
  entry.entity = "batches";
  entry.entity_id = id;
  entry.detail = "read=" + std::to_string(records_read) + " accepted=" +
                 std::to_string(records_accepted) + " quarantined=" +
                 std::to_string(records_quarantined);
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return Ok();
}

Result<Batch> Transaction::GetBatch(BatchId id) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context_.Prepare(std::string("SELECT ") + kBatchColumns +
                                          " FROM batches WHERE id = ?"));
  statement->BindInt(0, id);
  CREDO_ASSIGN_OR_RETURN(auto batches, ReadBatches(*statement));
  if (batches.empty()) return MakeError(ErrorCode::kNotFound, "no batch " + std::to_string(id));
  return batches.front();
}

Result<std::vector<Batch>> Transaction::ListBatches(int64_t limit) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context_.Prepare(std::string("SELECT ") + kBatchColumns +
                                          " FROM batches ORDER BY id DESC LIMIT ?"));
  statement->BindInt(0, limit);
  return ReadBatches(*statement);
}

Result<std::optional<Batch>> Transaction::FindBatchByContentHash(std::string_view content_hash) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare(std::string("SELECT ") + kBatchColumns +
                       " FROM batches WHERE content_hash = ? AND status = 'committed' ORDER BY id "
                       "LIMIT 1"));
  statement->BindText(0, content_hash);
  CREDO_ASSIGN_OR_RETURN(auto batches, ReadBatches(*statement));
  if (batches.empty()) return std::optional<Batch>();
  return std::optional<Batch>(batches.front());
}

Result<int64_t> Transaction::InsertRawRecord(const RawRecord& record) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(kRawInsert));
  std::string sealed;
  return InsertRaw(context_, *statement, record, sealed);
}

Status Transaction::InsertRawRecords(std::span<const RawRecord> records, std::vector<int64_t>* ids) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(kRawInsert));
  std::string sealed;
  sealed.reserve(1024);
  if (ids) ids->reserve(ids->size() + records.size());
  for (const RawRecord& record : records) {
    CREDO_ASSIGN_OR_RETURN(int64_t id, InsertRaw(context_, *statement, record, sealed));
    if (ids) ids->push_back(id);
  }
  return Ok();
}

namespace {

Result<std::vector<RawRecord>> ReadRawRecords(internal::StoreContext& context, Statement& statement) {
  std::vector<RawRecord> records;
  while (true) {
    auto row = statement.Step();
    if (!row.ok()) {
      statement.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    RawRecord record;
    record.id = statement.GetInt(0);
    record.batch_id = statement.GetInt(1);
    record.source = internal::GetString(statement, 2);
    record.line = statement.GetInt(3);
    record.byte_offset = statement.GetInt(4);
    record.content_hash = internal::GetString(statement, 5);
    auto clear = context.Open(kPayloadColumn, statement.GetBytes(6));
    if (!clear.ok()) {
      statement.Reset();
      return std::move(clear).error().WithContext("raw record " + std::to_string(record.id));
    }
    record.payload = std::move(clear).value();
    records.push_back(std::move(record));
  }
  statement.Reset();
  return records;
}

}  // namespace

Result<RawRecord> Transaction::GetRawRecord(int64_t id) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("SELECT id, batch_id, source, line, byte_offset, content_hash, payload "
                       "FROM raw_records WHERE id = ?"));
  statement->BindInt(0, id);
  CREDO_ASSIGN_OR_RETURN(auto records, ReadRawRecords(context_, *statement));
  if (records.empty()) return MakeError(ErrorCode::kNotFound, "no raw record " + std::to_string(id));
  return std::move(records.front());
}

Result<std::vector<RawRecord>> Transaction::ListRawRecords(BatchId batch_id, int64_t after_id,
                                                           int64_t limit) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("SELECT id, batch_id, source, line, byte_offset, content_hash, payload "
                       "FROM raw_records WHERE batch_id = ? AND id > ? ORDER BY id LIMIT ?"));
  statement->BindInt(0, batch_id);
  statement->BindInt(1, after_id);
  statement->BindInt(2, limit);
  return ReadRawRecords(context_, *statement);
}

Result<int64_t> Transaction::InsertQuarantine(const QuarantineEntry& entry) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(kQuarantineInsert));
  return InsertQuarantineRow(context_, *statement, entry);
}

Status Transaction::InsertQuarantineEntries(std::span<const QuarantineEntry> entries) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(kQuarantineInsert));
  for (const QuarantineEntry& entry : entries) {
    CREDO_TRY(InsertQuarantineRow(context_, *statement, entry));
  }
  return Ok();
}

Result<std::vector<QuarantineEntry>> Transaction::ListQuarantine(BatchId batch_id) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare("SELECT id, batch_id, source, line, byte_offset, field, rule, masked_value, "
                       "message, created_at FROM quarantine WHERE batch_id = ? ORDER BY id"));
  statement->BindInt(0, batch_id);
  std::vector<QuarantineEntry> entries;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    QuarantineEntry entry;
    entry.id = statement->GetInt(0);
    entry.batch_id = statement->GetInt(1);
    entry.source = internal::GetString(*statement, 2);
    entry.line = statement->GetInt(3);
    entry.byte_offset = statement->GetInt(4);
    entry.field = internal::GetString(*statement, 5);
    entry.rule = internal::GetString(*statement, 6);
    entry.masked_value = internal::GetString(*statement, 7);
    entry.message = internal::GetString(*statement, 8);
    entry.created_at = statement->GetInt(9);
    entries.push_back(std::move(entry));
  }
  statement->Reset();
  return entries;
}

}  // namespace credo
