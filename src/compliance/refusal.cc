#include "compliance/refusal.h"

#include "compliance/internal/sql.h"

namespace credo::compliance {

using internal::AsDate;
using internal::AsInt;
using internal::AsText;

namespace internal {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ',') {
      if (!current.empty()) items.push_back(current);
      current.clear();
    } else if (c != ' ') {
      current.push_back(c);
    }
  }
  if (!current.empty()) items.push_back(current);
  return items;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ",";
    out += item;
  }
  return out;
}

}  // namespace internal

Error ToError(const RuleBreak& rule_break) {
  std::string message = "refused by rule " + rule_break.rule;
  if (!rule_break.legal_basis.empty()) message += " (" + rule_break.legal_basis + ")";
  message += ": " + rule_break.message;
  return MakeError(rule_break.code, std::move(message), "compliance." + rule_break.operation);
}

Status WriteRefusal(Transaction& tx, const ComplianceContext& context, const RuleBreak& r) {
  std::vector<SqlValue> params = {
      internal::Int(context.Now()),         internal::DateValue(context.Today()),
      internal::Text(context.actor),        internal::Text(r.operation),
      internal::Text(r.rule),               internal::Text(r.legal_basis),
      internal::Text(std::string(ErrorCodeName(r.code))), internal::Int(r.subject_id),
      internal::Text(r.institution),        internal::Text(r.staff_user),
      internal::Text(r.purpose),            internal::Text(r.message)};
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::InsertReturningId(tx,
      "INSERT INTO compliance_refusals (occurred_at, occurred_on, actor, operation, rule, "
      "legal_basis, error_code, subject_id, institution, staff_user, purpose, detail) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params));
  AuditEntry entry;
  entry.actor = context.actor;
  entry.action = "compliance.refusal";
  entry.entity = "compliance_refusals";
  entry.entity_id = id;
  entry.subject_id = r.subject_id;
  entry.detail = "operation=" + r.operation + " rule=" + r.rule +
                 (r.institution.empty() ? "" : " institution=" + r.institution) +
                 (r.purpose.empty() ? "" : " purpose=" + r.purpose);
  CREDO_TRY(tx.AppendAudit(std::move(entry)));
  return Ok();
}

Status RecordRefusal(Store& store, const ComplianceContext& context, const RuleBreak& rule_break) {
  return store.WithTransaction(
      [&](Transaction& tx) { return WriteRefusal(tx, context, rule_break); });
}

Result<std::vector<RefusalRecord>> ListRefusals(Transaction& tx, Date from, Date to) {
  std::vector<SqlValue> params = {internal::DateValue(from), internal::DateValue(to)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT id, occurred_at, occurred_on, actor, operation, rule, legal_basis, "
               "error_code, subject_id, institution, staff_user, purpose, detail FROM "
               "compliance_refusals WHERE occurred_on >= ? AND occurred_on <= ? ORDER BY id",
               params));
  std::vector<RefusalRecord> out;
  for (const auto& row : rows) {
    RefusalRecord r;
    r.id = AsInt(row[0]);
    r.occurred_at = AsInt(row[1]);
    r.occurred_on = AsDate(row[2]);
    r.actor = AsText(row[3]);
    r.operation = AsText(row[4]);
    r.rule = AsText(row[5]);
    r.legal_basis = AsText(row[6]);
    r.error_code = AsText(row[7]);
    r.subject_id = AsInt(row[8]);
    r.institution = AsText(row[9]);
    r.staff_user = AsText(row[10]);
    r.purpose = AsText(row[11]);
    r.detail = AsText(row[12]);
    out.push_back(std::move(r));
  }
  return out;
}

Status Guarded(Store& store, const ComplianceContext& context,
               const std::function<Status(Transaction&, const Refuse&)>& work) {
  std::optional<Error> refusal;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    Refuse refuse = [&](const RuleBreak& rule_break) -> Status {
      refusal = ToError(rule_break);
      return WriteRefusal(tx, context, rule_break);
    };
    return work(tx, refuse);
  });
  if (!status.ok()) return status;
  if (refusal) return *refusal;
  return Ok();
}

}  // namespace credo::compliance
