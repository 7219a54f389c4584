// Inquiries, public records, financial statements, relations and consents.
#include <array>
#include <climits>

#include "store/internal/audit.h"
#include "store/internal/codec.h"
#include "store/internal/rows.h"
#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;
namespace internal = store_internal;

namespace {

Status AuditOrError(internal::StoreContext& context, std::string action, std::string entity,
                    int64_t entity_id, SubjectId subject_id, std::string detail) {
  AuditEntry entry;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = entity_id;
  entry.subject_id = subject_id;
  entry.detail = std::move(detail);
  auto appended = internal::AppendAuditEntry(context, entry);
  if (!appended.ok()) return std::move(appended).error();
  return Ok();
}

//! The date a record was received: `received_on` when given (never before the record's own date,
//! `own_date`), else the record's own date.
Result<Date> ReceivedOn(std::optional<Date> received_on, Date own_date, std::string_view what,
                        std::string_view own_field) {
  if (!received_on) return own_date;
  if (*received_on < own_date) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(what) + " received_on " + received_on->ToIso() +
                         " is before its " + std::string(own_field) + " " + own_date.ToIso() +
                         ": a record cannot reach the bureau before it exists; give the date the "
                         "bureau received it, or none",
                     std::string(what) + ".received_on");
  }
  return *received_on;
}

//! Keeps the first received date when an upsert receives a record again.
constexpr const char* kKeepFirstReceived =
    "received_on = CASE WHEN excluded.received_on < {table}.received_on THEN "
    "excluded.received_on ELSE {table}.received_on END";

std::string KeepFirstReceived(std::string_view table) {
  std::string sql = kKeepFirstReceived;
  for (size_t at = sql.find("{table}"); at != std::string::npos; at = sql.find("{table}")) {
    sql.replace(at, 7, table);
  }
  return sql;
}

template <typename Row, typename Reader>
Result<std::vector<Row>> ReadAll(Statement& statement, Reader read) {
  std::vector<Row> rows;
  while (true) {
    auto stepped = statement.Step();
    if (!stepped.ok()) {
      statement.Reset();
      return std::move(stepped).error();
    }
    if (!*stepped) break;
    auto row = read(statement);
    if (!row.ok()) {
      statement.Reset();
      return std::move(row).error();
    }
    rows.push_back(std::move(row).value());
  }
  statement.Reset();
  return rows;
}

template <typename Row>
Result<Row> First(Result<std::vector<Row>> rows, std::string_view what, int64_t id) {
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) {
    return MakeError(ErrorCode::kNotFound, "no " + std::string(what) + " " + std::to_string(id));
  }
  return std::move(rows->front());
}

// Inquiries ------------------------------------------------------------------------------------

constexpr const char* kInquiryColumns =
    "id, subject_id, institution, purpose, inquiry_kind, inquired_on, consent_reference";

Result<Inquiry> ReadInquiry(Statement& s) {
  Inquiry inquiry;
  inquiry.id = s.GetInt(0);
  inquiry.subject_id = s.GetInt(1);
  inquiry.institution = internal::GetString(s, 2);
  inquiry.purpose = internal::GetString(s, 3);
  CREDO_ASSIGN_OR_RETURN(inquiry.kind, internal::InquiryKindFromCode(s.GetBytes(4)));
  inquiry.inquired_on = internal::GetDate(s, 5);
  inquiry.consent_reference = internal::GetString(s, 6);
  return inquiry;
}

// Public records -------------------------------------------------------------------------------

constexpr const char* kPublicRecordColumns =
    "id, subject_id, record_kind, authority, case_number, filed_on, resolved_on, currency, amount, "
    "status, description";

Result<PublicRecord> ReadPublicRecord(Statement& s) {
  PublicRecord record;
  record.id = s.GetInt(0);
  record.subject_id = s.GetInt(1);
  auto kind = ParsePublicRecordKind(s.GetBytes(2));
  if (!kind.ok()) return MakeError(ErrorCode::kDataLoss, kind.error().message);
  record.kind = *kind;
  record.authority = internal::GetString(s, 3);
  record.case_number = internal::GetString(s, 4);
  record.filed_on = internal::GetDate(s, 5);
  record.resolved_on = internal::GetOptionalDate(s, 6);
  record.amount = {s.GetInt(8), Currency::Parse(s.GetBytes(7)).value_or(Currency())};
  record.status = internal::GetString(s, 9);
  record.description = internal::GetString(s, 10);
  return record;
}

// Financial statements -------------------------------------------------------------------------

using StatementField = int64_t FinancialStatement::*;
constexpr std::array<std::pair<const char*, StatementField>, 24> kStatementFields{{
    {"cash", &FinancialStatement::cash},
    {"accounts_receivable", &FinancialStatement::accounts_receivable},
    {"inventory", &FinancialStatement::inventory},
    {"current_assets", &FinancialStatement::current_assets},
    {"total_assets", &FinancialStatement::total_assets},
    {"accounts_payable", &FinancialStatement::accounts_payable},
    {"current_liabilities", &FinancialStatement::current_liabilities},
    {"short_term_debt", &FinancialStatement::short_term_debt},
    {"long_term_debt", &FinancialStatement::long_term_debt},
    {"total_liabilities", &FinancialStatement::total_liabilities},
    {"retained_earnings", &FinancialStatement::retained_earnings},
    {"equity", &FinancialStatement::equity},
    {"revenue", &FinancialStatement::revenue},
    {"cost_of_goods_sold", &FinancialStatement::cost_of_goods_sold},
    {"gross_profit", &FinancialStatement::gross_profit},
    {"ebitda", &FinancialStatement::ebitda},
    {"ebit", &FinancialStatement::ebit},
    {"interest_expense", &FinancialStatement::interest_expense},
    {"net_income", &FinancialStatement::net_income},
    {"operating_cash_flow", &FinancialStatement::operating_cash_flow},
    {"investing_cash_flow", &FinancialStatement::investing_cash_flow},
    {"financing_cash_flow", &FinancialStatement::financing_cash_flow},
    {"capital_expenditure", &FinancialStatement::capital_expenditure},
    {"debt_repayment", &FinancialStatement::debt_repayment},
}};

std::string StatementColumns() {
  std::string columns =
      "id, batch_id, subject_id, period_end, period_months, currency, received_on";
  for (const auto& [name, field] : kStatementFields) {
    columns += ", ";
    columns += name;
  }
  return columns;
}

std::string StatementUpsertSql() {
  std::string sql = "INSERT INTO financial_statements (subject_id, period_end, period_months, currency";
  std::string values = "?, ?, ?, ?";
  std::string updates = "currency = excluded.currency";
  for (const auto& [name, field] : kStatementFields) {
    sql += ", ";
    sql += name;
    values += ", ?";
    updates += std::string(", ") + name + " = excluded." + name;
  }
  sql += ", batch_id, updated_at, received_on) VALUES (" + values +
         ", ?, ?, ?) ON CONFLICT (subject_id, period_end, period_months) DO UPDATE SET " +
         updates + ", batch_id = excluded.batch_id, updated_at = excluded.updated_at, " +
         KeepFirstReceived("financial_statements") + " RETURNING id";
  return sql;
}

Result<FinancialStatementRow> ReadStatement(Statement& s) {
  FinancialStatementRow row;
  row.id = s.GetInt(0);
  row.batch_id = s.GetInt(1);
  FinancialStatement& f = row.statement;
  f.subject_id = s.GetInt(2);
  f.period_end = internal::GetDate(s, 3);
  f.period_months = static_cast<int>(s.GetInt(4));
  f.currency = Currency::Parse(s.GetBytes(5)).value_or(Currency());
  row.received_on = internal::GetDate(s, 6);
  int column = 7;
  for (const auto& [name, field] : kStatementFields) f.*field = s.GetInt(column++);
  return row;
}

// Relations ------------------------------------------------------------------------------------

constexpr const char* kRelationColumns =
    "id, batch_id, subject_id, to_subject_id, relation_kind, percent, currency, amount, role, "
    "since, until, first_recorded_at, updated_at";

Result<RelationRow> ReadRelation(Statement& s) {
  RelationRow row;
  row.id = s.GetInt(0);
  row.batch_id = s.GetInt(1);
  Relation& r = row.relation;
  r.from = s.GetInt(2);
  r.to = s.GetInt(3);
  auto kind = ParseRelationKind(s.GetBytes(4));
  if (!kind.ok()) return MakeError(ErrorCode::kDataLoss, kind.error().message);
  r.kind = *kind;
  r.percent = s.GetReal(5);
  r.amount = {s.GetInt(7), Currency::Parse(s.GetBytes(6)).value_or(Currency())};
  r.role = internal::GetString(s, 8);
  r.since = internal::GetOptionalDate(s, 9);
  r.until = internal::GetOptionalDate(s, 10);
  row.first_recorded_at = s.GetInt(11);
  row.updated_at = s.GetInt(12);
  return row;
}

// Consents -------------------------------------------------------------------------------------

constexpr const char* kConsentColumns =
    "id, subject_id, institution, purpose, reference, granted_on, expires_on, revoked_on";

Result<Consent> ReadConsent(Statement& s) {
  Consent c;
  c.id = s.GetInt(0);
  c.subject_id = s.GetInt(1);
  c.institution = internal::GetString(s, 2);
  c.purpose = internal::GetString(s, 3);
  c.reference = internal::GetString(s, 4);
  c.granted_on = internal::GetDate(s, 5);
  c.expires_on = internal::GetOptionalDate(s, 6);
  c.revoked_on = internal::GetOptionalDate(s, 7);
  return c;
}

}  // namespace

// Inquiries ------------------------------------------------------------------------------------

Result<int64_t> Transaction::InsertInquiry(const Inquiry& inquiry, BatchId batch_id,
                                           std::optional<Date> received_on) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(inquiry.subject_id));
  if (inquiry.institution.empty() || inquiry.purpose.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an inquiry needs an institution and a purpose");
  }
  CREDO_ASSIGN_OR_RETURN(Date received,
                         ReceivedOn(received_on, inquiry.inquired_on, "inquiry", "inquiry date"));
  CREDO_ASSIGN_OR_RETURN(
      Statement * s,
      context_.Prepare("INSERT INTO inquiries (subject_id, institution, purpose, inquiry_kind, "
                       "inquired_on, consent_reference, batch_id, recorded_at, received_on) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  s->BindInt(0, subject);
  s->BindText(1, inquiry.institution);
  s->BindText(2, inquiry.purpose);
  s->BindText(3, internal::InquiryKindCode(inquiry.kind));
  internal::BindDate(*s, 4, inquiry.inquired_on);
  s->BindText(5, inquiry.consent_reference);
  s->BindInt(6, batch_id);
  s->BindInt(7, context_.Now());
  internal::BindDate(*s, 8, received);
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::RunReturningId(*s));
  CREDO_TRY(AuditOrError(context_, "inquiry.insert", "inquiries", id, subject,
                         "institution=" + inquiry.institution + " purpose=" + inquiry.purpose +
                             " kind=" + std::string(internal::InquiryKindCode(inquiry.kind)) +
                             " on=" + inquiry.inquired_on.ToIso() +
                             " received_on=" + received.ToIso()));
  return id;
}

Result<Inquiry> Transaction::GetInquiry(int64_t id) {
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(std::string("SELECT ") + kInquiryColumns +
                                                         " FROM inquiries WHERE id = ?"));
  s->BindInt(0, id);
  return First(ReadAll<Inquiry>(*s, ReadInquiry), "inquiry", id);
}

Result<std::vector<Inquiry>> Transaction::ListInquiries(SubjectId subject_id,
                                                        std::optional<Date> known_on) {
  const int32_t memo_key = internal::ReadMemo::Key(known_on);
  if (read_only_) {
    if (const auto* kept = context_.read_memo.Inquiries(subject_id, memo_key)) return *kept;
  }
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  Statement* s = nullptr;
  if (known_on) {
    CREDO_ASSIGN_OR_RETURN(s, context_.Prepare(std::string("SELECT ") + kInquiryColumns +
                                               " FROM inquiries WHERE subject_id = ? AND "
                                               "received_on <= ? ORDER BY inquired_on, id"));
    s->BindInt(0, subject);
    internal::BindDate(*s, 1, *known_on);
  } else {
    CREDO_ASSIGN_OR_RETURN(s, context_.Prepare(std::string("SELECT ") + kInquiryColumns +
                                               " FROM inquiries WHERE subject_id = ? ORDER BY "
                                               "inquired_on, id"));
    s->BindInt(0, subject);
  }
  CREDO_ASSIGN_OR_RETURN(auto inquiries, ReadAll<Inquiry>(*s, ReadInquiry));
  if (read_only_) context_.read_memo.KeepInquiries(subject_id, memo_key, inquiries);
  return inquiries;
}

Result<std::vector<InquiryRow>> Transaction::ListInquiryRows(SubjectId subject_id,
                                                             std::optional<Date> known_on) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  static const std::string sql = std::string("SELECT ") + kInquiryColumns +
                                 ", batch_id, received_on FROM inquiries WHERE subject_id = ? AND "
                                 "received_on <= ? ORDER BY inquired_on, id";
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
  s->BindInt(0, subject);
  s->BindInt(1, known_on ? known_on->days_since_epoch() : INT32_MAX);
  return ReadAll<InquiryRow>(*s, [](Statement& statement) -> Result<InquiryRow> {
    InquiryRow row;
    CREDO_ASSIGN_OR_RETURN(row.inquiry, ReadInquiry(statement));
    row.batch_id = statement.GetInt(7);
    row.received_on = internal::GetDate(statement, 8);
    return row;
  });
}

// Public records -------------------------------------------------------------------------------

Result<int64_t> Transaction::UpsertPublicRecord(const PublicRecord& record, BatchId batch_id,
                                                std::optional<Date> received_on) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(record.subject_id));
  if (record.authority.empty() || record.case_number.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "a public record needs an authority and a case number");
  }
  CREDO_ASSIGN_OR_RETURN(
      Date received, ReceivedOn(received_on, record.filed_on, "public record", "filing date"));
  static const std::string sql =
      "INSERT INTO public_records (subject_id, record_kind, authority, case_number, filed_on, "
      "resolved_on, currency, amount, status, description, batch_id, updated_at, received_on) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject_id, record_kind, "
      "authority, case_number) DO UPDATE SET filed_on = excluded.filed_on, resolved_on = "
      "excluded.resolved_on, currency = excluded.currency, amount = excluded.amount, status = "
      "excluded.status, description = excluded.description, batch_id = excluded.batch_id, "
      "updated_at = excluded.updated_at, " +
      KeepFirstReceived("public_records") + " RETURNING id";
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
  s->BindInt(0, subject);
  s->BindText(1, PublicRecordKindName(record.kind));
  s->BindText(2, record.authority);
  s->BindText(3, record.case_number);
  internal::BindDate(*s, 4, record.filed_on);
  internal::BindOptionalDate(*s, 5, record.resolved_on);
  s->BindText(6, record.amount.currency.code());
  s->BindInt(7, record.amount.minor_units);
  s->BindText(8, record.status);
  s->BindText(9, record.description);
  s->BindInt(10, batch_id);
  s->BindInt(11, context_.Now());
  internal::BindDate(*s, 12, received);
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::RunReturningId(*s));
  CREDO_TRY(AuditOrError(context_, "public_record.upsert", "public_records", id, subject,
                         "kind=" + std::string(PublicRecordKindName(record.kind)) +
                             " authority=" + record.authority + " status=" + record.status +
                             " amount=" + std::to_string(record.amount.minor_units) +
                             " received_on=" + received.ToIso()));
  return id;
}

Result<PublicRecord> Transaction::GetPublicRecord(int64_t id) {
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare(std::string("SELECT ") + kPublicRecordColumns +
                                          " FROM public_records WHERE id = ?"));
  s->BindInt(0, id);
  return First(ReadAll<PublicRecord>(*s, ReadPublicRecord), "public record", id);
}

Result<std::vector<PublicRecord>> Transaction::ListPublicRecords(SubjectId subject_id,
                                                                 std::optional<Date> known_on) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  if (known_on) {
    CREDO_ASSIGN_OR_RETURN(Statement * s,
                           context_.Prepare(std::string("SELECT ") + kPublicRecordColumns +
                                            " FROM public_records WHERE subject_id = ? AND "
                                            "received_on <= ? ORDER BY filed_on, id"));
    s->BindInt(0, subject);
    internal::BindDate(*s, 1, *known_on);
    return ReadAll<PublicRecord>(*s, ReadPublicRecord);
  }
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare(std::string("SELECT ") + kPublicRecordColumns +
                                          " FROM public_records WHERE subject_id = ? ORDER BY "
                                          "filed_on, id"));
  s->BindInt(0, subject);
  return ReadAll<PublicRecord>(*s, ReadPublicRecord);
}

Result<std::vector<PublicRecordRow>> Transaction::ListPublicRecordRows(
    SubjectId subject_id, std::optional<Date> known_on) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  static const std::string sql = std::string("SELECT ") + kPublicRecordColumns +
                                 ", batch_id, received_on FROM public_records WHERE subject_id = ? "
                                 "AND received_on <= ? ORDER BY filed_on, id";
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
  s->BindInt(0, subject);
  s->BindInt(1, known_on ? known_on->days_since_epoch() : INT32_MAX);
  return ReadAll<PublicRecordRow>(*s, [](Statement& statement) -> Result<PublicRecordRow> {
    PublicRecordRow row;
    CREDO_ASSIGN_OR_RETURN(row.record, ReadPublicRecord(statement));
    row.batch_id = statement.GetInt(11);
    row.received_on = internal::GetDate(statement, 12);
    return row;
  });
}

// Financial statements -------------------------------------------------------------------------

Result<int64_t> Transaction::UpsertFinancialStatement(const FinancialStatement& f, BatchId batch_id,
                                                      std::optional<Date> received_on) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(f.subject_id));
  if (f.period_months <= 0 || f.period_months > 12) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "period_months must be 1..12, got " + std::to_string(f.period_months));
  }
  CREDO_ASSIGN_OR_RETURN(
      Date received, ReceivedOn(received_on, f.period_end, "financial statement", "period end"));
  static const std::string sql = StatementUpsertSql();
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
  int i = 0;
  s->BindInt(i++, subject);
  internal::BindDate(*s, i++, f.period_end);
  s->BindInt(i++, f.period_months);
  s->BindText(i++, f.currency.code());
  for (const auto& [name, field] : kStatementFields) s->BindInt(i++, f.*field);
  s->BindInt(i++, batch_id);
  s->BindInt(i++, context_.Now());
  internal::BindDate(*s, i++, received);
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::RunReturningId(*s));
  CREDO_TRY(AuditOrError(context_, "financial_statement.upsert", "financial_statements", id,
                         subject,
                         "period_end=" + f.period_end.ToIso() + " months=" +
                             std::to_string(f.period_months) +
                             " total_assets=" + std::to_string(f.total_assets) +
                             " revenue=" + std::to_string(f.revenue) +
                             " received_on=" + received.ToIso()));
  return id;
}

Result<FinancialStatementRow> Transaction::GetFinancialStatement(int64_t id) {
  static const std::string sql = "SELECT " + StatementColumns() + " FROM financial_statements WHERE id = ?";
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
  s->BindInt(0, id);
  return First(ReadAll<FinancialStatementRow>(*s, ReadStatement), "financial statement", id);
}

Result<std::vector<FinancialStatementRow>> Transaction::ListFinancialStatements(
    SubjectId subject_id, std::optional<Date> known_on) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  if (known_on) {
    static const std::string sql = "SELECT " + StatementColumns() +
                                   " FROM financial_statements WHERE subject_id = ? AND "
                                   "received_on <= ? ORDER BY period_end, period_months";
    CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
    s->BindInt(0, subject);
    internal::BindDate(*s, 1, *known_on);
    return ReadAll<FinancialStatementRow>(*s, ReadStatement);
  }
  static const std::string sql = "SELECT " + StatementColumns() +
                                 " FROM financial_statements WHERE subject_id = ? ORDER BY "
                                 "period_end, period_months";
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(sql));
  s->BindInt(0, subject);
  return ReadAll<FinancialStatementRow>(*s, ReadStatement);
}

// Relations ------------------------------------------------------------------------------------

Result<int64_t> Transaction::UpsertRelation(const Relation& relation, BatchId batch_id) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(SubjectId from, ResolveSubjectId(relation.from));
  CREDO_ASSIGN_OR_RETURN(SubjectId to, ResolveSubjectId(relation.to));
  if (from == to) return MakeError(ErrorCode::kInvalidArgument, "a relation needs two different subjects");
  if (relation.percent < 0 || relation.percent > 100) {
    return MakeError(ErrorCode::kInvalidArgument, "percent must be within 0..100");
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * s,
      context_.Prepare(
          "INSERT INTO relations (subject_id, to_subject_id, relation_kind, percent, currency, "
          "amount, role, since, until, batch_id, updated_at, first_recorded_at) VALUES (?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject_id, to_subject_id, relation_kind, role) DO UPDATE SET percent = "
          "excluded.percent, currency = excluded.currency, amount = excluded.amount, since = "
          "excluded.since, until = excluded.until, batch_id = excluded.batch_id, updated_at = "
          "excluded.updated_at RETURNING id"));
  s->BindInt(0, from);
  s->BindInt(1, to);
  s->BindText(2, RelationKindName(relation.kind));
  s->BindReal(3, relation.percent);
  s->BindText(4, relation.amount.currency.code());
  s->BindInt(5, relation.amount.minor_units);
  s->BindText(6, relation.role);
  internal::BindOptionalDate(*s, 7, relation.since);
  internal::BindOptionalDate(*s, 8, relation.until);
  s->BindInt(9, batch_id);
  s->BindInt(10, context_.Now());
  s->BindInt(11, context_.Now());  // kept when the relation is written again
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::RunReturningId(*s));
  CREDO_TRY(AuditOrError(context_, "relation.upsert", "relations", id, from,
                         "kind=" + std::string(RelationKindName(relation.kind)) + " to=" +
                             std::to_string(to) + " role=" + relation.role));
  return id;
}

Result<RelationRow> Transaction::GetRelation(int64_t id) {
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(std::string("SELECT ") + kRelationColumns +
                                                         " FROM relations WHERE id = ?"));
  s->BindInt(0, id);
  return First(ReadAll<RelationRow>(*s, ReadRelation), "relation", id);
}

Result<std::vector<RelationRow>> Transaction::ListRelations(SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare(std::string("SELECT ") + kRelationColumns +
                                          " FROM relations WHERE subject_id = ? OR to_subject_id "
                                          "= ? ORDER BY id"));
  s->BindInt(0, subject);
  s->BindInt(1, subject);
  return ReadAll<RelationRow>(*s, ReadRelation);
}

// Consents -------------------------------------------------------------------------------------

Result<int64_t> Transaction::InsertConsent(const Consent& consent) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(consent.subject_id));
  if (consent.institution.empty() || consent.purpose.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "a consent needs an institution and a purpose");
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * s,
      context_.Prepare("INSERT INTO consents (subject_id, institution, purpose, reference, "
                       "granted_on, expires_on, revoked_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, "
                       "?, ?) RETURNING id"));
  s->BindInt(0, subject);
  s->BindText(1, consent.institution);
  s->BindText(2, consent.purpose);
  s->BindText(3, consent.reference);
  internal::BindDate(*s, 4, consent.granted_on);
  internal::BindOptionalDate(*s, 5, consent.expires_on);
  internal::BindOptionalDate(*s, 6, consent.revoked_on);
  s->BindInt(7, context_.Now());
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::RunReturningId(*s));
  CREDO_TRY(AuditOrError(context_, "consent.insert", "consents", id, subject,
                         "institution=" + consent.institution + " purpose=" + consent.purpose +
                             " granted_on=" + consent.granted_on.ToIso()));
  return id;
}

Result<Consent> Transaction::GetConsent(int64_t id) {
  CREDO_ASSIGN_OR_RETURN(Statement * s, context_.Prepare(std::string("SELECT ") + kConsentColumns +
                                                         " FROM consents WHERE id = ?"));
  s->BindInt(0, id);
  return First(ReadAll<Consent>(*s, ReadConsent), "consent", id);
}

Result<std::vector<Consent>> Transaction::ListConsents(SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare(std::string("SELECT ") + kConsentColumns +
                                          " FROM consents WHERE subject_id = ? ORDER BY id"));
  s->BindInt(0, subject);
  return ReadAll<Consent>(*s, ReadConsent);
}

Status Transaction::RevokeConsent(int64_t id, Date revoked_on) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(Consent consent, GetConsent(id));
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare("UPDATE consents SET revoked_on = ? WHERE id = ?"));
  internal::BindDate(*s, 0, revoked_on);
  s->BindInt(1, id);
  CREDO_TRY(s->Run());
  s->Reset();
  return AuditOrError(context_, "consent.revoke", "consents", id, consent.subject_id,
                      "revoked_on=" + revoked_on.ToIso());
}

// Audit reads ----------------------------------------------------------------------------------

namespace {

constexpr const char* kAuditColumns =
    "sequence, recorded_at, actor, action, entity, entity_id, subject_id, detail, previous_hash, "
    "hash";

Result<AuditEntry> ReadAudit(Statement& s) {
  AuditEntry e;
  e.sequence = s.GetInt(0);
  e.recorded_at = s.GetInt(1);
  e.actor = internal::GetString(s, 2);
  e.action = internal::GetString(s, 3);
  e.entity = internal::GetString(s, 4);
  e.entity_id = s.GetInt(5);
  e.subject_id = s.GetInt(6);
  e.detail = internal::GetString(s, 7);
  e.previous_hash = internal::GetString(s, 8);
  e.hash = internal::GetString(s, 9);
  return e;
}

}  // namespace

Result<std::vector<AuditEntry>> Transaction::ListAudit(int64_t after_sequence, int64_t limit) {
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare(std::string("SELECT ") + kAuditColumns +
                                          " FROM audit_log WHERE sequence > ? ORDER BY sequence "
                                          "LIMIT ?"));
  s->BindInt(0, after_sequence);
  s->BindInt(1, limit);
  return ReadAll<AuditEntry>(*s, ReadAudit);
}

Result<std::vector<AuditEntry>> Transaction::ListAuditForSubject(SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(Statement * s,
                         context_.Prepare(std::string("SELECT ") + kAuditColumns +
                                          " FROM audit_log WHERE subject_id = ? ORDER BY sequence"));
  s->BindInt(0, subject_id);
  return ReadAll<AuditEntry>(*s, ReadAudit);
}

}  // namespace credo
