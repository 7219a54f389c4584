// The compliance module's own tables. Dates are days since 1970-01-01, times unix seconds, like
// the store's. Query records and refusals are append-only, enforced by the database
// (征信业管理条例 Art. 22: the staff-query log; FCRA 609(a)(3): who obtained a report).
#include "compliance/context.h"

namespace credo::compliance {
namespace {

constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE compliance_consent_terms (
  consent_id BIGINT PRIMARY KEY,
  subject_id BIGINT NOT NULL,
  scope TEXT NOT NULL,
  restricted_categories TEXT NOT NULL,
  artefact_reference TEXT NOT NULL,
  notice_version TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  withdrawn_at BIGINT NOT NULL DEFAULT 0,
  withdrawn_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE compliance_query_log (
  id @ID@,
  inquiry_id BIGINT NOT NULL,
  subject_id BIGINT NOT NULL,
  institution TEXT NOT NULL,
  staff_user TEXT NOT NULL,
  purpose TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  inquiry_kind TEXT NOT NULL,
  consent_id BIGINT NOT NULL,
  consent_reference TEXT NOT NULL,
  returned TEXT NOT NULL,
  queried_on BIGINT NOT NULL,
  queried_at BIGINT NOT NULL
);
CREATE INDEX compliance_query_log_subject ON compliance_query_log (subject_id, id);
CREATE TABLE compliance_refusals (
  id @ID@,
  occurred_at BIGINT NOT NULL,
  occurred_on BIGINT NOT NULL,
  actor TEXT NOT NULL,
  operation TEXT NOT NULL,
  rule TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  error_code TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  institution TEXT NOT NULL,
  staff_user TEXT NOT NULL,
  purpose TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TABLE compliance_negative_items (
  id @ID@,
  subject_id BIGINT NOT NULL,
  item_kind TEXT NOT NULL,
  item_id BIGINT NOT NULL,
  month BIGINT NOT NULL,
  category TEXT NOT NULL,
  clock_start BIGINT,
  purge_on BIGINT,
  first_seen_on BIGINT NOT NULL,
  purged_on BIGINT,
  UNIQUE (item_kind, item_id, month)
);
CREATE INDEX compliance_negative_items_subject ON compliance_negative_items (subject_id);
CREATE TABLE compliance_suppressions (
  id @ID@,
  subject_id BIGINT NOT NULL,
  item_kind TEXT NOT NULL,
  item_id BIGINT NOT NULL,
  month BIGINT NOT NULL,
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  dispute_id BIGINT NOT NULL,
  due_on BIGINT,
  effective_on BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  UNIQUE (item_kind, item_id, month, field)
);
CREATE INDEX compliance_suppressions_subject ON compliance_suppressions (subject_id);
CREATE TABLE compliance_disputes (
  id @ID@,
  subject_id BIGINT NOT NULL,
  item_kind TEXT NOT NULL,
  item_id BIGINT NOT NULL,
  month BIGINT NOT NULL,
  field TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  on_behalf_of_subject BIGINT NOT NULL,
  reason TEXT NOT NULL,
  opened_on BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  deadline_on BIGINT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT NOT NULL,
  resolved_on BIGINT,
  resolved_by TEXT NOT NULL,
  subject_disagrees BIGINT NOT NULL,
  compliance_condition TEXT NOT NULL,
  resolution_note TEXT NOT NULL
);
CREATE INDEX compliance_disputes_subject ON compliance_disputes (subject_id);
CREATE TABLE compliance_complaints (
  id @ID@,
  subject_id BIGINT NOT NULL,
  dispute_id BIGINT NOT NULL,
  authority TEXT NOT NULL,
  text_sealed @BLOB@ NOT NULL,
  opened_on BIGINT NOT NULL,
  deadline_on BIGINT NOT NULL,
  status TEXT NOT NULL,
  response TEXT NOT NULL,
  closed_on BIGINT
);
CREATE TABLE compliance_statements (
  id @ID@,
  subject_id BIGINT NOT NULL,
  dispute_id BIGINT NOT NULL,
  item_kind TEXT NOT NULL,
  item_id BIGINT NOT NULL,
  month BIGINT NOT NULL,
  field TEXT NOT NULL,
  text_sealed @BLOB@ NOT NULL,
  added_on BIGINT NOT NULL,
  added_at BIGINT NOT NULL
);
CREATE TABLE compliance_notifications (
  id @ID@,
  subject_id BIGINT NOT NULL,
  dispute_id BIGINT NOT NULL,
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  due_on BIGINT NOT NULL,
  delivered_at BIGINT NOT NULL
);
CREATE TABLE compliance_rights_requests (
  id @ID@,
  subject_id BIGINT NOT NULL,
  right_kind TEXT NOT NULL,
  requested_on BIGINT NOT NULL,
  requested_at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  decision TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  detail TEXT NOT NULL
);
)SQL";

constexpr const char* kSqliteV1 = R"SQL(
CREATE TRIGGER compliance_query_log_no_update BEFORE UPDATE ON compliance_query_log
  BEGIN SELECT RAISE(ABORT, 'compliance_query_log is append-only'); END;
CREATE TRIGGER compliance_query_log_no_delete BEFORE DELETE ON compliance_query_log
  BEGIN SELECT RAISE(ABORT, 'compliance_query_log is append-only'); END;
CREATE TRIGGER compliance_refusals_no_update BEFORE UPDATE ON compliance_refusals
  BEGIN SELECT RAISE(ABORT, 'compliance_refusals is append-only'); END;
CREATE TRIGGER compliance_refusals_no_delete BEFORE DELETE ON compliance_refusals
  BEGIN SELECT RAISE(ABORT, 'compliance_refusals is append-only'); END;
)SQL";

constexpr const char* kPostgresV1 = R"SQL(
CREATE FUNCTION compliance_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER compliance_query_log_no_change BEFORE UPDATE OR DELETE ON compliance_query_log
  FOR EACH ROW EXECUTE FUNCTION compliance_refuse_change();
CREATE TRIGGER compliance_query_log_no_truncate BEFORE TRUNCATE ON compliance_query_log
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_refuse_change();
CREATE TRIGGER compliance_refusals_no_change BEFORE UPDATE OR DELETE ON compliance_refusals
  FOR EACH ROW EXECUTE FUNCTION compliance_refuse_change();
)SQL";

// Version 2: a court-order read keeps the order it was made under (read_gate.h
// kCourtOrderPurpose); rows written before have none.
constexpr const char* kSchemaV2 = R"SQL(
ALTER TABLE compliance_query_log ADD COLUMN order_reference TEXT NOT NULL DEFAULT '';
)SQL";

// Version 3: a self-query records the right it used (read_gate.h SelfQueryBasis); rows written
// before were free ones.
constexpr const char* kSchemaV3 = R"SQL(
ALTER TABLE compliance_query_log ADD COLUMN self_query_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE compliance_query_log ADD COLUMN self_query_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE compliance_query_log ADD COLUMN adverse_action_notice_on BIGINT;
)SQL";

}  // namespace

const SchemaComponent& ComplianceSchema() {
  static const SchemaComponent* component = [] {
    auto* c = new SchemaComponent;
    c->name = "compliance";
    Migration v1;
    v1.version = 1;
    v1.description = "consent terms, query log, refusals, retention, disputes, complaints, rights";
    v1.sql = kSchemaV1;
    v1.sqlite_sql = kSqliteV1;
    v1.postgres_sql = kPostgresV1;
    c->migrations.push_back(std::move(v1));
    Migration v2;
    v2.version = 2;
    v2.description = "query log: the court order a court_order read was made under";
    v2.sql = kSchemaV2;
    c->migrations.push_back(std::move(v2));
    Migration v3;
    v3.version = 3;
    v3.description = "query log: the right a self-query used (free, paid, adverse action)";
    v3.sql = kSchemaV3;
    c->migrations.push_back(std::move(v3));
    return c;
  }();
  return *component;
}

}  // namespace credo::compliance
