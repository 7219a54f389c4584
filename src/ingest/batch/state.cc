#include "ingest/batch/state.h"

namespace credo::ingest {

const SchemaComponent& IngestSchema() {
  static const SchemaComponent* component = new SchemaComponent{
      "ingest",
      {Migration{1, "data-quality reports per batch and pull-connector cursors",
                 "CREATE TABLE ingest_dq_reports (batch_id BIGINT PRIMARY KEY, source TEXT NOT NULL,"
                 " report TEXT NOT NULL);"
                 "CREATE INDEX ingest_dq_reports_source ON ingest_dq_reports (source, batch_id);"
                 "CREATE TABLE ingest_cursors (source TEXT PRIMARY KEY, cursor_value TEXT NOT NULL,"
                 " updated_at BIGINT NOT NULL);",
                 "", ""},
       // The furnisher's own reference of each inquiry loaded from a feed ("" when the feed
       // carries none), found by the inquiry's id: part of what makes an inquiry delivered again
       // the same one (feed_inquiries.h).
       Migration{2, "the furnisher's reference of inquiries loaded from feeds",
                 "CREATE TABLE ingest_inquiry_references (inquiry_id BIGINT PRIMARY KEY,"
                 " reference TEXT NOT NULL);",
                 "", ""},
       // The copy of an account kept for each of its associated consumers (Metro 2 J1/J2),
       // linked to the account's own tradeline with the consumer's party token (associated.h).
       Migration{3, "the copies of accounts kept for their associated consumers (J1/J2)",
                 "CREATE TABLE ingest_associated_tradelines (tradeline_id BIGINT PRIMARY KEY,"
                 " account_tradeline_id BIGINT NOT NULL, party TEXT NOT NULL);"
                 "CREATE INDEX ingest_associated_tradelines_account ON"
                 " ingest_associated_tradelines (account_tradeline_id, party);",
                 "", ""},
       // Every party a copy's consumer was named by (an SSN, a name with a birth date), so that a
       // consumer reported once with an SSN and once without is one copy (associated.h). Copies
       // kept before this version are known by the party they were created under, taken as not
       // strong: it may have been either, and a weak party only matches a report that names no
       // other strong identifier for that copy.
       Migration{4, "every party that names the consumer of a copy of an account (J1/J2)",
                 "CREATE TABLE ingest_associated_parties (account_tradeline_id BIGINT NOT NULL,"
                 " party TEXT NOT NULL, tradeline_id BIGINT NOT NULL, strong BIGINT NOT NULL,"
                 " PRIMARY KEY (account_tradeline_id, party));"
                 "CREATE INDEX ingest_associated_parties_copy ON"
                 " ingest_associated_parties (tradeline_id);"
                 "INSERT INTO ingest_associated_parties (account_tradeline_id, party,"
                 " tradeline_id, strong) SELECT account_tradeline_id, party, tradeline_id, 0"
                 " FROM ingest_associated_tradelines;",
                 "", ""}}};
  return *component;
}

Status EnsureIngestSchema(Store& store) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("ingest"));
  if (version >= static_cast<int>(IngestSchema().migrations.size())) return Ok();
  return store.ApplySchema(IngestSchema());
}

Status SaveDqReport(Transaction& txn, const DqReport& report) {
  SqlValue params[] = {SqlValue::Int(report.batch_id), SqlValue::Text(report.source),
                       SqlValue::Text(report.ToJson())};
  return txn.Execute("INSERT INTO ingest_dq_reports (batch_id, source, report) VALUES (?, ?, ?)",
                     params);
}

Result<DqReport> LoadDqReport(Transaction& txn, BatchId batch_id) {
  SqlValue params[] = {SqlValue::Int(batch_id)};
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         txn.Query("SELECT report FROM ingest_dq_reports WHERE batch_id = ?",
                                   params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "batch " + std::to_string(batch_id) +
                         " has no data-quality report; `credo batches` lists the batches");
  }
  return DqReport::FromJson(rows[0][0].bytes);
}

Result<std::optional<DqReport>> LoadPreviousDqReport(Transaction& txn, std::string_view source,
                                                     BatchId before_batch) {
  SqlValue params[] = {SqlValue::Text(std::string(source)),
                       SqlValue::Int(before_batch == 0 ? INT64_MAX : before_batch)};
  CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT report FROM ingest_dq_reports WHERE source = ?"
                                              " AND batch_id < ? ORDER BY batch_id DESC LIMIT 1",
                                              params));
  if (rows.empty()) return std::optional<DqReport>();
  CREDO_ASSIGN_OR_RETURN(DqReport report, DqReport::FromJson(rows[0][0].bytes));
  return std::optional<DqReport>(std::move(report));
}

Result<std::optional<std::string>> LoadCursor(Transaction& txn, std::string_view source) {
  SqlValue params[] = {SqlValue::Text(std::string(source))};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, txn.Query("SELECT cursor_value FROM ingest_cursors WHERE source = ?", params));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0][0].bytes);
}

Status SaveCursor(Transaction& txn, std::string_view source, std::string_view cursor,
                  int64_t updated_at) {
  SqlValue remove[] = {SqlValue::Text(std::string(source))};
  CREDO_TRY(txn.Execute("DELETE FROM ingest_cursors WHERE source = ?", remove));
  SqlValue params[] = {SqlValue::Text(std::string(source)), SqlValue::Text(std::string(cursor)),
                       SqlValue::Int(updated_at)};
  return txn.Execute(
      "INSERT INTO ingest_cursors (source, cursor_value, updated_at) VALUES (?, ?, ?)", params);
}

}  // namespace credo::ingest
