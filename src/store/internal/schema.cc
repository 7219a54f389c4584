#include "store/internal/schema.h"

#include <string>

namespace credo::store_internal {
namespace {

// Version 1: the whole foundation schema. Dates are days since 1970-01-01 (BIGINT), times unix
// seconds, money minor units with a currency column. Encrypted columns are byte strings with the
// row's key_id beside them (for rotation). Every large table carries subject_id.
constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE store_meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE batches (
  id @ID@,
  source TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  records_read BIGINT NOT NULL DEFAULT 0,
  records_accepted BIGINT NOT NULL DEFAULT 0,
  records_quarantined BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX batches_content_hash ON batches (content_hash);
CREATE TABLE raw_records (
  id @ID@,
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  source TEXT NOT NULL,
  line BIGINT NOT NULL,
  byte_offset BIGINT NOT NULL,
  content_hash TEXT NOT NULL,
  key_id BIGINT NOT NULL,
  payload @BLOB@ NOT NULL
);
CREATE INDEX raw_records_batch ON raw_records (batch_id, id);
CREATE TABLE quarantine (
  id @ID@,
  batch_id BIGINT NOT NULL REFERENCES batches (id),
  source TEXT NOT NULL,
  line BIGINT NOT NULL,
  byte_offset BIGINT NOT NULL,
  field TEXT NOT NULL,
  rule TEXT NOT NULL,
  masked_value TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX quarantine_batch ON quarantine (batch_id, id);
CREATE TABLE subjects (
  id @ID@,
  kind TEXT NOT NULL,
  key_id BIGINT NOT NULL,
  identity @BLOB@ NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  merged_into BIGINT REFERENCES subjects (id)
);
CREATE TABLE identifiers (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  kind TEXT NOT NULL,
  blind_index @BLOB@ NOT NULL,
  key_id BIGINT NOT NULL,
  value @BLOB@ NOT NULL,
  UNIQUE (subject_id, kind, blind_index)
);
CREATE INDEX identifiers_lookup ON identifiers (kind, blind_index);
CREATE TABLE tradelines (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  furnisher TEXT NOT NULL,
  account_index @BLOB@ NOT NULL,
  key_id BIGINT NOT NULL,
  account_number @BLOB@ NOT NULL,
  account_kind TEXT NOT NULL,
  metro2_account_type TEXT NOT NULL,
  ecoa_code TEXT NOT NULL,
  account_status TEXT NOT NULL,
  opened_on BIGINT NOT NULL,
  reported_on BIGINT NOT NULL,
  closed_on BIGINT,
  last_payment_on BIGINT,
  first_delinquency_on BIGINT,
  currency TEXT NOT NULL,
  credit_limit BIGINT NOT NULL,
  high_credit BIGINT NOT NULL,
  balance BIGINT NOT NULL,
  past_due BIGINT NOT NULL,
  scheduled_payment BIGINT NOT NULL,
  actual_payment BIGINT NOT NULL,
  compliance_condition TEXT NOT NULL,
  special_comment TEXT NOT NULL,
  history_as_of BIGINT NOT NULL,
  history_codes TEXT NOT NULL,
  last_batch_id BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (furnisher, account_index)
);
CREATE INDEX tradelines_subject ON tradelines (subject_id);
CREATE TABLE tradeline_months (
  id @ID@,
  tradeline_id BIGINT NOT NULL REFERENCES tradelines (id),
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  month BIGINT NOT NULL,
  payment_status TEXT NOT NULL,
  balance BIGINT,
  past_due BIGINT,
  batch_id BIGINT NOT NULL,
  reported_on BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX tradeline_months_tradeline ON tradeline_months (tradeline_id, month, reported_on);
CREATE INDEX tradeline_months_subject ON tradeline_months (subject_id);
CREATE TABLE inquiries (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  institution TEXT NOT NULL,
  purpose TEXT NOT NULL,
  inquiry_kind TEXT NOT NULL,
  inquired_on BIGINT NOT NULL,
  consent_reference TEXT NOT NULL,
  batch_id BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX inquiries_subject ON inquiries (subject_id);
CREATE TABLE public_records (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  record_kind TEXT NOT NULL,
  authority TEXT NOT NULL,
  case_number TEXT NOT NULL,
  filed_on BIGINT NOT NULL,
  resolved_on BIGINT,
  currency TEXT NOT NULL,
  amount BIGINT NOT NULL,
  status TEXT NOT NULL,
  description TEXT NOT NULL,
  batch_id BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (subject_id, record_kind, authority, case_number)
);
CREATE TABLE financial_statements (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  period_end BIGINT NOT NULL,
  period_months BIGINT NOT NULL,
  currency TEXT NOT NULL,
  cash BIGINT NOT NULL, accounts_receivable BIGINT NOT NULL, inventory BIGINT NOT NULL,
  current_assets BIGINT NOT NULL, total_assets BIGINT NOT NULL,
  accounts_payable BIGINT NOT NULL, current_liabilities BIGINT NOT NULL,
  short_term_debt BIGINT NOT NULL, long_term_debt BIGINT NOT NULL,
  total_liabilities BIGINT NOT NULL, retained_earnings BIGINT NOT NULL, equity BIGINT NOT NULL,
  revenue BIGINT NOT NULL, cost_of_goods_sold BIGINT NOT NULL, gross_profit BIGINT NOT NULL,
  ebitda BIGINT NOT NULL, ebit BIGINT NOT NULL, interest_expense BIGINT NOT NULL,
  net_income BIGINT NOT NULL,
  operating_cash_flow BIGINT NOT NULL, investing_cash_flow BIGINT NOT NULL,
  financing_cash_flow BIGINT NOT NULL, capital_expenditure BIGINT NOT NULL,
  debt_repayment BIGINT NOT NULL,
  batch_id BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (subject_id, period_end, period_months)
);
CREATE TABLE relations (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  to_subject_id BIGINT NOT NULL REFERENCES subjects (id),
  relation_kind TEXT NOT NULL,
  percent @REAL@ NOT NULL,
  currency TEXT NOT NULL,
  amount BIGINT NOT NULL,
  role TEXT NOT NULL,
  since BIGINT,
  until BIGINT,
  batch_id BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (subject_id, to_subject_id, relation_kind, role)
);
CREATE INDEX relations_to ON relations (to_subject_id);
CREATE TABLE consents (
  id @ID@,
  subject_id BIGINT NOT NULL REFERENCES subjects (id),
  institution TEXT NOT NULL,
  purpose TEXT NOT NULL,
  reference TEXT NOT NULL,
  granted_on BIGINT NOT NULL,
  expires_on BIGINT,
  revoked_on BIGINT,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX consents_subject ON consents (subject_id);
CREATE TABLE audit_log (
  sequence BIGINT PRIMARY KEY,
  recorded_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  subject_id BIGINT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_id, sequence);
CREATE TABLE audit_head (
  id BIGINT PRIMARY KEY,
  last_sequence BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_sequence, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
)SQL";

// Append-only audit log and immutable raw records, enforced by the database itself. A raw
// record's payload may only be re-encrypted under a new key (key rotation): its content hash,
// which verification checks against the decrypted payload, cannot change.
constexpr const char* kSqliteTriggersV1 = R"SQL(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER raw_records_no_update
  BEFORE UPDATE OF id, batch_id, source, line, byte_offset, content_hash ON raw_records
  BEGIN SELECT RAISE(ABORT, 'raw_records are immutable'); END;
CREATE TRIGGER raw_records_no_delete BEFORE DELETE ON raw_records
  BEGIN SELECT RAISE(ABORT, 'raw_records are immutable'); END;
)SQL";

constexpr const char* kPostgresTriggersV1 = R"SQL(
CREATE FUNCTION credo_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION credo_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION credo_refuse_change();
CREATE TRIGGER raw_records_no_update
  BEFORE UPDATE OF id, batch_id, source, line, byte_offset, content_hash OR DELETE ON raw_records
  FOR EACH ROW EXECUTE FUNCTION credo_refuse_change();
CREATE TRIGGER raw_records_no_truncate BEFORE TRUNCATE ON raw_records
  FOR EACH STATEMENT EXECUTE FUNCTION credo_refuse_change();
)SQL";

// Version 2: what each report said, so that reads as of a date are truly point in time.
// tradeline_terms keeps the account terms of every report of an account (one row per report;
// the tradelines row stays the latest report); inquiries, public records and financial
// statements get the date the bureau received them. Existing databases are backfilled: each
// account's current terms become its first terms row (earlier reports' terms were never kept),
// and each record is taken as received on its own date (inquiry date, filing date, period end),
// which is what as-of reads assumed before this version.
constexpr const char* kSchemaV2 = R"SQL(
CREATE TABLE tradeline_terms (
  id @ID@,
  tradeline_id BIGINT NOT NULL REFERENCES tradelines (id),
  reported_on BIGINT NOT NULL,
  account_status TEXT NOT NULL,
  closed_on BIGINT,
  last_payment_on BIGINT,
  first_delinquency_on BIGINT,
  currency TEXT NOT NULL,
  credit_limit BIGINT NOT NULL,
  high_credit BIGINT NOT NULL,
  balance BIGINT NOT NULL,
  past_due BIGINT NOT NULL,
  scheduled_payment BIGINT NOT NULL,
  actual_payment BIGINT NOT NULL,
  compliance_condition TEXT NOT NULL,
  special_comment TEXT NOT NULL,
  batch_id BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX tradeline_terms_tradeline ON tradeline_terms (tradeline_id, reported_on, id);
INSERT INTO tradeline_terms (tradeline_id, reported_on, account_status, closed_on,
  last_payment_on, first_delinquency_on, currency, credit_limit, high_credit, balance, past_due,
  scheduled_payment, actual_payment, compliance_condition, special_comment, batch_id, recorded_at)
  SELECT id, reported_on, account_status, closed_on, last_payment_on, first_delinquency_on,
    currency, credit_limit, high_credit, balance, past_due, scheduled_payment, actual_payment,
    compliance_condition, special_comment, last_batch_id, updated_at
  FROM tradelines ORDER BY id;
ALTER TABLE inquiries ADD COLUMN received_on BIGINT NOT NULL DEFAULT 0;
UPDATE inquiries SET received_on = inquired_on;
ALTER TABLE public_records ADD COLUMN received_on BIGINT NOT NULL DEFAULT 0;
UPDATE public_records SET received_on = filed_on;
ALTER TABLE financial_statements ADD COLUMN received_on BIGINT NOT NULL DEFAULT 0;
UPDATE financial_statements SET received_on = period_end;
)SQL";

// Finding the subjects merged into one (fraud velocity, merge history) reads subjects by
// merged_into; without an index that was a scan of every subject.
constexpr const char* kSchemaV3 = R"SQL(
CREATE INDEX subjects_merged_into ON subjects (merged_into);
)SQL";

// The months of an account are read by account (tradeline_months_tradeline); by subject only
// when subjects merge, which now finds them through the merged subject's accounts. The index by
// subject cost a B-tree insert per month row: 24 of them for each new account of a Metro 2 file.
constexpr const char* kSchemaV4 = R"SQL(
DROP INDEX tradeline_months_subject;
)SQL";

// Version 5: the merge journal, so that a wrong merge (a mixed file) can be undone. One
// subject_merges row per merge: who into whom, when, how many duplicate rows the merge deleted,
// the identity elements it added to the survivor (sealed like subjects.identity, under its own
// column name), and when it was undone. subject_merge_rows names each row the merge moved, by
// "table.column" (relations move by either end). Merges made before this version have no journal
// and cannot be undone. Format: docs/store/merges.md.
constexpr const char* kSchemaV5 = R"SQL(
CREATE TABLE subject_merges (
  id @ID@,
  merged_subject_id BIGINT NOT NULL REFERENCES subjects (id),
  survivor_subject_id BIGINT NOT NULL REFERENCES subjects (id),
  merged_at BIGINT NOT NULL,
  duplicates_deleted BIGINT NOT NULL DEFAULT 0,
  key_id BIGINT NOT NULL,
  added_identity @BLOB@ NOT NULL,
  undone_at BIGINT
);
CREATE INDEX subject_merges_merged ON subject_merges (merged_subject_id, id);
CREATE INDEX subject_merges_survivor ON subject_merges (survivor_subject_id, id);
CREATE TABLE subject_merge_rows (
  merge_id BIGINT NOT NULL REFERENCES subject_merges (id),
  moved_column TEXT NOT NULL,
  row_id BIGINT NOT NULL,
  PRIMARY KEY (merge_id, moved_column, row_id)
);
)SQL";

constexpr const char* kVersionTable = R"SQL(
CREATE TABLE IF NOT EXISTS schema_version (
  component TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  applied_at BIGINT NOT NULL,
  description TEXT NOT NULL
);
)SQL";

Result<bool> VersionTableExists(Connection& connection) {
  const char* sql = connection.dialect() == Dialect::kSqlite
                        ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                          "'schema_version'"
                        : "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                          "current_schema() AND table_name = 'schema_version'";
  CREDO_ASSIGN_OR_RETURN(Statement * statement, connection.Prepare(sql));
  CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
  bool exists = row && statement->GetInt(0) > 0;
  statement->Reset();
  return exists;
}

// Version 6: a tradeline's key gets its party (core/tradeline.h TradelineKey): empty for the
// account's own consumer, the party token for the copy of an account kept in an associated
// consumer's file (Metro 2 J1/J2). Before, the copy's account number carried the token
// ("party <token> / <number>"). The copy's account_index is the blind index of exactly that
// text, so the unique (furnisher, account_index) still tells copies apart and copies written
// before this version are found under their new key; their sealed account number is rewritten
// (party apart) at the next report of the account, and read apart until then.
constexpr const char* kSchemaV6 = R"SQL(
ALTER TABLE tradelines ADD COLUMN party TEXT NOT NULL DEFAULT '';
)SQL";

// Version 7: when the store first recorded a relation (unix seconds, like updated_at), kept when
// the relation is written again, so that point-in-time attributes know since when the bureau
// knew it (the table keeps the latest version only). Before, readers looked for the relation's
// first "relation.upsert" audit entry by its text. Existing rows take that earliest entry of the
// same id and text (kind, `to` end, role) when there is one, else their latest write.
constexpr const char* kSchemaV7 = R"SQL(
ALTER TABLE relations ADD COLUMN first_recorded_at BIGINT NOT NULL DEFAULT 0;
UPDATE relations SET first_recorded_at = updated_at;
UPDATE relations SET first_recorded_at = written.first_at
  FROM (SELECT entity_id, detail, MIN(recorded_at) AS first_at FROM audit_log
        WHERE entity = 'relations' AND action = 'relation.upsert'
        GROUP BY entity_id, detail) AS written
  WHERE written.entity_id = relations.id
    AND written.detail = 'kind=' || relations.relation_kind || ' to=' ||
                         CAST(relations.to_subject_id AS TEXT) || ' role=' || relations.role
    AND written.first_at < relations.first_recorded_at;
)SQL";

}  // namespace

const SchemaComponent& StoreSchemaComponent() {
  static const SchemaComponent component{
      "store",
      {Migration{1, "foundation: batches, raw records, quarantine, subjects, identifiers, "
                    "tradelines and months, inquiries, public records, financial statements, "
                    "relations, consents, audit log",
                 kSchemaV1, kSqliteTriggersV1, kPostgresTriggersV1},
       Migration{2, "point in time: the terms of every tradeline report (tradeline_terms) and "
                    "the date inquiries, public records and financial statements were received",
                 kSchemaV2, "", ""},
       Migration{3, "an index of subjects by the subject they were merged into", kSchemaV3, "",
                 ""},
       Migration{4, "account months are no longer indexed by subject (merges find them through "
                    "the accounts)",
                 kSchemaV4, "", ""},
       Migration{5, "the merge journal: what each merge moved and added, so that it can be undone",
                 kSchemaV5, "", ""},
       Migration{6, "a tradeline's key has its party: the copy of an account kept for an "
                    "associated consumer no longer carries it in the account number",
                 kSchemaV6, "", ""},
       Migration{7, "when the store first recorded each relation (relations.first_recorded_at)",
                 kSchemaV7, "", ""}}};
  return component;
}

Result<int> ReadSchemaVersion(Connection& connection, std::string_view component) {
  CREDO_ASSIGN_OR_RETURN(bool exists, VersionTableExists(connection));
  if (!exists) return 0;
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         connection.Prepare("SELECT version FROM schema_version WHERE component = ?"));
  statement->BindText(0, component);
  CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
  int version = row ? static_cast<int>(statement->GetInt(0)) : 0;
  statement->Reset();
  return version;
}

Status ApplySchemaComponent(Connection& connection, const SchemaComponent& component,
                            int64_t now_unix_seconds) {
  int known = component.migrations.empty() ? 0 : component.migrations.back().version;
  CREDO_TRY(connection.Begin(true));
  auto finish = [&](Status status) -> Status {
    if (!status.ok()) {
      (void)connection.Rollback();
      return status;
    }
    return connection.Commit();
  };
  // The version table is created inside a write transaction so two openers do not race.
  Status created = connection.ExecuteScript(kVersionTable);
  if (!created.ok()) return finish(std::move(created));
  auto current = ReadSchemaVersion(connection, component.name);
  if (!current.ok()) return finish(std::move(current).error());
  if (*current > known) {
    return finish(MakeError(
        ErrorCode::kVersionMismatch,
        "database schema '" + component.name + "' is at version " + std::to_string(*current) +
            ", newer than this credo understands (version " + std::to_string(known) +
            "); upgrade credo",
        connection.DisplayLocation()));
  }
  CREDO_TRY(finish(Ok()));
  for (const Migration& migration : component.migrations) {
    if (migration.version <= *current) continue;
    CREDO_TRY(connection.Begin(true));
    // Re-read under the write lock: another process may have migrated meanwhile.
    auto now_version = ReadSchemaVersion(connection, component.name);
    if (!now_version.ok()) return finish(std::move(now_version).error());
    if (*now_version >= migration.version) {
      CREDO_TRY(finish(Ok()));
      continue;
    }
    std::string sql = ExpandSchemaMacros(migration.sql, connection.dialect());
    sql += connection.dialect() == Dialect::kSqlite ? migration.sqlite_sql : migration.postgres_sql;
    Status applied = connection.ExecuteScript(sql);
    if (!applied.ok()) {
      Error error = std::move(applied).error();
      error.message = "migration " + component.name + " v" + std::to_string(migration.version) +
                      " failed: " + error.message;
      return finish(std::move(error));
    }
    auto statement = connection.Prepare(
        "INSERT INTO schema_version (component, version, applied_at, description) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version, "
        "applied_at = excluded.applied_at, description = excluded.description");
    if (!statement.ok()) return finish(std::move(statement).error());
    (*statement)->BindText(0, component.name);
    (*statement)->BindInt(1, migration.version);
    (*statement)->BindInt(2, now_unix_seconds);
    (*statement)->BindText(3, migration.description);
    CREDO_TRY(finish((*statement)->Run()));
  }
  return Ok();
}

const std::vector<std::string>& CountedTables() {
  static const std::vector<std::string> tables{
      "batches",         "raw_records", "quarantine",     "subjects",
      "identifiers",     "tradelines",  "tradeline_months", "tradeline_terms",
      "inquiries",       "public_records", "financial_statements", "relations",
      "consents",        "audit_log"};
  return tables;
}

}  // namespace credo::store_internal
