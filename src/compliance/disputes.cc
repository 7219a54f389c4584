#include "compliance/disputes.h"

#include <optional>

#include "compliance/internal/sql.h"
#include "compliance/refusal.h"
#include "compliance/retention.h"

namespace credo::compliance {

using internal::AsDate;
using internal::AsInt;
using internal::AsOptionalDate;
using internal::AsText;

namespace {

constexpr const char* kDisputeLaw = "征信业管理条例 第25条; FCRA 611";
constexpr const char* kComplaintLaw = "征信业管理条例 第26条";

// FCRA 611(a)(2): the furnisher is notified within 5 business days.
Date AddBusinessDays(Date day, int business_days) {
  while (business_days > 0) {
    day = day.AddDays(1);
    int weekday = (day.days_since_epoch() % 7 + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
    if (weekday != 0 && weekday != 6) --business_days;
  }
  return day;
}

constexpr const char* kDisputeColumns =
    "id, subject_id, item_kind, item_id, month, field, opened_by, on_behalf_of_subject, reason, "
    "opened_on, opened_at, deadline_on, status, outcome, resolved_on, resolved_by, "
    "subject_disagrees, compliance_condition, resolution_note";

DisputeRecord DisputeFromRow(const SqlRow& row) {
  DisputeRecord d;
  d.id = AsInt(row[0]);
  d.subject_id = AsInt(row[1]);
  d.item = ItemFromColumns(AsText(row[2]), AsInt(row[3]), AsInt(row[4]), AsText(row[5]));
  d.opened_by = AsText(row[6]);
  d.by_operator = AsInt(row[7]) != 0;
  d.reason = AsText(row[8]);
  d.opened_on = AsDate(row[9]);
  d.opened_at = AsInt(row[10]);
  d.deadline_on = AsDate(row[11]);
  d.open = AsText(row[12]) == "open";
  d.outcome = ParseDisputeOutcome(AsText(row[13])).value_or(DisputeOutcome::kNone);
  d.resolved_on = AsOptionalDate(row[14]);
  d.resolved_by = AsText(row[15]);
  d.subject_disagrees = AsInt(row[16]) != 0;
  d.compliance_condition = AsText(row[17]);
  d.resolution_note = AsText(row[18]);
  return d;
}

Result<std::vector<DisputeRecord>> QueryDisputes(Transaction& tx, const std::string& where,
                                                 std::vector<SqlValue> params) {
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kDisputeColumns +
                                                 " FROM compliance_disputes " + where + " ORDER BY id",
                                             params));
  std::vector<DisputeRecord> out;
  for (const auto& row : rows) out.push_back(DisputeFromRow(row));
  return out;
}

// Who verifies the item: the furnisher of a tradeline, the authority of a public record.
Result<std::string> RecipientFor(Transaction& tx, const ItemRef& item) {
  switch (item.kind) {
    case ItemKind::kTradeline:
    case ItemKind::kTradelineMonth: {
      CREDO_ASSIGN_OR_RETURN(auto row, tx.GetTradeline(item.id));
      return row.tradeline.key.furnisher;
    }
    case ItemKind::kPublicRecord: {
      CREDO_ASSIGN_OR_RETURN(auto record, tx.GetPublicRecord(item.id));
      return record.authority;
    }
    case ItemKind::kIdentityField: return std::string("bureau");
  }
  return std::string("bureau");
}

Status Notify(Transaction& tx, const ComplianceContext& context, SubjectId subject,
              int64_t dispute_id, const std::string& recipient, const std::string& kind,
              const std::string& detail) {
  std::vector<SqlValue> params = {internal::Int(subject),        internal::Int(dispute_id),
                                  internal::Text(recipient),     internal::Text(kind),
                                  internal::Text(detail),        internal::Int(context.Now()),
                                  internal::DateValue(AddBusinessDays(context.Today(), 5))};
  return tx.Execute(
      "INSERT INTO compliance_notifications (subject_id, dispute_id, recipient, kind, detail, "
      "created_at, due_on, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
      params);
}

Status Audit(Transaction& tx, const ComplianceContext& context, std::string action,
             std::string entity, int64_t id, SubjectId subject, std::string detail) {
  AuditEntry entry;
  entry.actor = context.actor;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = id;
  entry.subject_id = subject;
  entry.detail = std::move(detail);
  auto appended = tx.AppendAudit(std::move(entry));
  if (!appended.ok()) return appended.error();
  return Ok();
}

Status InsertStatement(Transaction& tx, const ComplianceContext& context, SubjectId subject,
                       const std::string& text, const std::optional<ItemRef>& item,
                       int64_t dispute_id, int64_t* id_out) {
  CREDO_ASSIGN_OR_RETURN(std::string sealed, tx.Encrypt("compliance_statements.text", text));
  std::vector<SqlValue> params = {
      internal::Int(subject),
      internal::Int(dispute_id),
      internal::Text(item ? std::string(ItemKindName(item->kind)) : ""),
      internal::Int(item ? item->id : 0),
      internal::Int(item ? MonthKey(*item) : 0),
      internal::Text(item ? item->field : ""),
      internal::Blob(sealed),
      internal::DateValue(context.Today()),
      internal::Int(context.Now())};
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::InsertReturningId(tx,
      "INSERT INTO compliance_statements (subject_id, dispute_id, item_kind, item_id, month, field, "
      "text_sealed, added_on, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params));
  if (id_out) *id_out = id;
  return Audit(tx, context, "compliance.statement", "compliance_statements", id, subject,
               "item=" + (item ? FormatItemRef(*item) : std::string("none")) +
                   " dispute=" + std::to_string(dispute_id) +
                   " words=" + std::to_string(std::count(text.begin(), text.end(), ' ') + 1));
}

// Writes the furnisher's correction through the store (which audits it).
Status ApplyCorrection(Transaction& tx, const DisputeRecord& dispute, const Correction& c,
                       std::string& description) {
  const ItemRef& item = dispute.item;
  auto wrong_field = [&](std::string field) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "correction field " + field + " does not apply to " + FormatItemRef(item));
  };
  switch (item.kind) {
    case ItemKind::kTradeline:
    case ItemKind::kTradelineMonth: {
      if (c.record_status || c.resolved_on) return wrong_field("record_status/resolved_on");
      if (c.identity_value) return wrong_field("identity_value");
      CREDO_ASSIGN_OR_RETURN(auto row, tx.GetTradeline(item.id));
      Tradeline t = row.tradeline;
      if (c.account_status) {
        description += " status " + std::string(Metro2AccountStatusCode(t.status)) + "->" +
                       std::string(Metro2AccountStatusCode(*c.account_status));
        t.status = *c.account_status;
      }
      if (c.balance) {
        description += " balance " + std::to_string(t.balance.minor_units) + "->" + std::to_string(*c.balance);
        t.balance.minor_units = *c.balance;
      }
      if (c.past_due) {
        description += " past_due " + std::to_string(t.past_due.minor_units) + "->" +
                       std::to_string(*c.past_due);
        t.past_due.minor_units = *c.past_due;
      }
      if (c.month_status) {
        if (item.kind != ItemKind::kTradelineMonth) return wrong_field("month_status");
        Date as_of = Date::FromYmd(t.history.as_of.year(), t.history.as_of.month(), 1).value();
        int index = as_of.MonthsSince(item.month);
        if (index < 0 || index >= static_cast<int>(t.history.months.size())) {
          return MakeError(ErrorCode::kInvalidArgument,
                           "month " + item.month.ToIso().substr(0, 7) +
                               " is outside the tradeline's payment history window");
        }
        description += " month " + item.month.ToIso().substr(0, 7) + " " +
                       std::string(1, static_cast<char>(t.history.months[index])) + "->" +
                       std::string(1, static_cast<char>(*c.month_status));
        t.history.months[index] = *c.month_status;
      }
      // Same report date: the store replaces the current fields and appends corrected months.
      auto upserted = tx.UpsertTradeline(t, row.last_batch_id);
      if (!upserted.ok()) return upserted.error();
      return Ok();
    }
    case ItemKind::kPublicRecord: {
      if (c.account_status || c.balance || c.past_due || c.month_status || c.identity_value) {
        return wrong_field("tradeline or identity fields");
      }
      CREDO_ASSIGN_OR_RETURN(auto record, tx.GetPublicRecord(item.id));
      if (c.record_status) {
        description += " status " + record.status + "->" + *c.record_status;
        record.status = *c.record_status;
      }
      if (c.resolved_on) {
        description += " resolved_on->" + c.resolved_on->ToIso();
        record.resolved_on = *c.resolved_on;
      }
      auto upserted = tx.UpsertPublicRecord(record);
      if (!upserted.ok()) return upserted.error();
      return Ok();
    }
    case ItemKind::kIdentityField: {
      if (!c.identity_value || c.account_status || c.balance || c.past_due || c.month_status ||
          c.record_status || c.resolved_on) {
        return wrong_field("anything but identity_value");
      }
      CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(dispute.subject_id));
      const std::string& value = *c.identity_value;
      if (item.field == "full_name") {
        subject.person.full_name = value;
      } else if (item.field == "given_name") {
        subject.person.given_name = value;
      } else if (item.field == "family_name") {
        subject.person.family_name = value;
      } else if (item.field == "birth_date") {
        CREDO_ASSIGN_OR_RETURN(Date birth, Date::ParseIso(value));
        subject.person.birth_date = birth;
      } else {
        return MakeError(ErrorCode::kInvalidArgument,
                         "identity field " + item.field +
                             " is corrected by deleting the wrong entry (outcome deleted)");
      }
      description += " " + item.field + " corrected";  // never the value: it is an identifier
      return tx.UpdateSubject(subject);
    }
  }
  return Ok();
}

// The surviving id of the subject a request names. When there is no such subject the refusal
// "subject.unknown" is recorded through `refuse` and the result is empty: the caller returns Ok()
// so that only the refusal record is committed (see Guarded). Shared by disputes, complaints and
// statements.
Result<std::optional<SubjectId>> ResolveSubjectOrRefuse(Transaction& tx, const RuleBreak& base,
                                                        SubjectId subject_id,
                                                        const Refuse& refuse) {
  auto subject = tx.ResolveSubjectId(subject_id);
  if (subject.ok()) return std::optional<SubjectId>(*subject);
  RuleBreak r = base;
  r.code = ErrorCode::kNotFound;
  r.rule = "subject.unknown";
  r.message = "no subject " + std::to_string(subject_id) + " in the bureau";
  CREDO_TRY(refuse(r));
  return std::optional<SubjectId>();
}

}  // namespace

std::string_view DisputeOutcomeName(DisputeOutcome outcome) {
  switch (outcome) {
    case DisputeOutcome::kNone: return "none";
    case DisputeOutcome::kCorrected: return "corrected";
    case DisputeOutcome::kDeleted: return "deleted";
    case DisputeOutcome::kVerified: return "verified";
    case DisputeOutcome::kUndeterminable: return "undeterminable";
    case DisputeOutcome::kUnverifiedByDeadline: return "unverified_by_deadline";
  }
  return "none";
}

Result<DisputeOutcome> ParseDisputeOutcome(std::string_view name) {
  for (auto o : {DisputeOutcome::kNone, DisputeOutcome::kCorrected, DisputeOutcome::kDeleted,
                 DisputeOutcome::kVerified, DisputeOutcome::kUndeterminable,
                 DisputeOutcome::kUnverifiedByDeadline}) {
    if (DisputeOutcomeName(o) == name) return o;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown dispute outcome \"" + std::string(name) +
                       "\"; outcomes are corrected, deleted, verified, undeterminable");
}

bool DisputeRecord::MetDeadline(Date today) const {
  if (resolved_on) return *resolved_on <= deadline_on && outcome != DisputeOutcome::kUnverifiedByDeadline;
  return today <= deadline_on;
}

bool ComplaintRecord::MetDeadline(Date today) const {
  if (closed_on) return *closed_on <= deadline_on;
  return today <= deadline_on;
}

Result<int64_t> OpenDispute(Store& store, const ComplianceContext& context,
                            const DisputeRequest& request) {
  int64_t dispute_id = 0;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "dispute.open";
    base.subject_id = request.subject_id;
    base.legal_basis = kDisputeLaw;
    CREDO_ASSIGN_OR_RETURN(auto subject, ResolveSubjectOrRefuse(tx, base, request.subject_id, refuse));
    if (!subject) return Ok();  // refused: only the refusal record is committed
    if (request.reason.empty()) {
      // FCRA 611(a)(3): a dispute must say what is wrong (else it may be found frivolous).
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "dispute.reason_missing";
      r.legal_basis = "FCRA 611(a)(3); 征信业管理条例 第25条";
      r.message = "say what is wrong with " + FormatItemRef(request.item);
      return refuse(r);
    }
    auto belongs = CheckItemBelongsTo(tx, *subject, request.item);
    if (!belongs.ok()) {
      RuleBreak r = base;
      r.code = ErrorCode::kNotFound;
      r.rule = "dispute.item_unknown";
      r.message = belongs.error().message;
      return refuse(r);
    }
    CREDO_ASSIGN_OR_RETURN(auto suppressions, LoadSuppressions(tx, *subject));
    if (const Suppression* s = suppressions.Find(request.item)) {
      RuleBreak r = base;
      r.code = ErrorCode::kFailedPrecondition;
      r.rule = "dispute.item_purged";
      r.message = "item " + FormatItemRef(request.item) + " is no longer reported (" + s->reason +
                  " on " + s->effective_on.ToIso() + "); there is nothing to dispute";
      return refuse(r);
    }
    CREDO_ASSIGN_OR_RETURN(auto open, ListDisputes(tx, *subject, true));
    for (const auto& d : open) {
      if (d.item == request.item) {
        RuleBreak r = base;
        r.code = ErrorCode::kAlreadyExists;
        r.rule = "dispute.already_open";
        r.message = "dispute " + std::to_string(d.id) + " on " + FormatItemRef(request.item) +
                    " is open until " + d.deadline_on.ToIso();
        return refuse(r);
      }
    }
    // 条例 Art. 25: verify within the profile's days (CN 20); FCRA 611(a)(1): 30 days.
    Date deadline = context.Today().AddDays(context.profile->dispute_days);
    std::vector<SqlValue> params = {internal::Int(*subject),
                                    internal::Text(std::string(ItemKindName(request.item.kind))),
                                    internal::Int(request.item.id),
                                    internal::Int(MonthKey(request.item)),
                                    internal::Text(request.item.field),
                                    internal::Text(context.actor),
                                    internal::Int(request.by_operator ? 1 : 0),
                                    internal::Text(request.reason),
                                    internal::DateValue(context.Today()),
                                    internal::Int(context.Now()),
                                    internal::DateValue(deadline)};
    CREDO_ASSIGN_OR_RETURN(dispute_id, internal::InsertReturningId(tx,
        "INSERT INTO compliance_disputes (subject_id, item_kind, item_id, month, field, opened_by, "
        "on_behalf_of_subject, reason, opened_on, opened_at, deadline_on, status, outcome, "
        "resolved_by, subject_disagrees, compliance_condition, resolution_note) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 'none', '', 0, 'XB', '')",
        params));
    CREDO_TRY(Audit(tx, context, "dispute.open", "compliance_disputes", dispute_id, *subject,
                    "item=" + FormatItemRef(request.item) + " deadline=" + deadline.ToIso() +
                        " ccc=XB" + (request.by_operator ? " on_behalf_of_subject" : "")));
    // 条例 Art. 25; FCRA 611(a)(2): the furnisher verifies; notify it (delivery: monitor module).
    CREDO_ASSIGN_OR_RETURN(std::string recipient, RecipientFor(tx, request.item));
    CREDO_TRY(Notify(tx, context, *subject, dispute_id, recipient, "dispute_opened",
                     "verify " + FormatItemRef(request.item) + " by " + deadline.ToIso() +
                         "; reason: " + request.reason));
    if (!request.statement.empty()) {
      CREDO_TRY(InsertStatement(tx, context, *subject, request.statement, request.item, dispute_id,
                                nullptr));
    }
    return Ok();
  });
  if (!status.ok()) return status.error();
  return dispute_id;
}

Status ResolveDispute(Store& store, const ComplianceContext& context, int64_t dispute_id,
                      const DisputeResolution& resolution) {
  return Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "dispute.resolve";
    base.legal_basis = kDisputeLaw;
    auto found = GetDispute(tx, dispute_id);
    if (!found.ok()) {
      RuleBreak r = base;
      r.code = ErrorCode::kNotFound;
      r.rule = "dispute.unknown";
      r.message = "no dispute " + std::to_string(dispute_id);
      return refuse(r);
    }
    DisputeRecord dispute = *found;
    base.subject_id = dispute.subject_id;
    if (!dispute.open) {
      RuleBreak r = base;
      r.code = ErrorCode::kFailedPrecondition;
      r.rule = "dispute.already_resolved";
      r.message = "dispute " + std::to_string(dispute_id) + " was resolved as " +
                  std::string(DisputeOutcomeName(dispute.outcome)) + " on " +
                  (dispute.resolved_on ? dispute.resolved_on->ToIso() : "");
      return refuse(r);
    }
    if (resolution.outcome == DisputeOutcome::kNone ||
        resolution.outcome == DisputeOutcome::kUnverifiedByDeadline) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "dispute.outcome_not_allowed";
      r.message = "outcome " + std::string(DisputeOutcomeName(resolution.outcome)) +
                  " is set by the deadline sweep, not by an operator; use corrected, deleted, "
                  "verified or undeterminable";
      return refuse(r);
    }
    // 条例 第25条, FCRA 611(a)(1), (a)(5)(A): an item not verified by the deadline leaves the
    // file in the subject's favour. A verification that comes later cannot keep it; the
    // furnisher may still correct or delete it.
    const bool keeps_item = resolution.outcome == DisputeOutcome::kVerified ||
                            resolution.outcome == DisputeOutcome::kUndeterminable;
    if (keeps_item && context.Today() > dispute.deadline_on) {
      RuleBreak r = base;
      r.code = ErrorCode::kFailedPrecondition;
      r.rule = "dispute.deadline_passed";
      r.legal_basis = "征信业管理条例 第25条; FCRA 611(a)(1), 611(a)(5)(A)";
      r.message = "dispute " + std::to_string(dispute_id) + " passed its deadline on " +
                  dispute.deadline_on.ToIso() + " without a verification, so outcome " +
                  std::string(DisputeOutcomeName(resolution.outcome)) +
                  " can no longer keep the item: the deadline sweep suppresses it in the "
                  "subject's favour; a late answer may still correct or delete it";
      return refuse(r);
    }
    if (resolution.outcome == DisputeOutcome::kCorrected && resolution.correction.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "dispute.correction_missing";
      r.message = "outcome corrected needs the corrected value(s)";
      return refuse(r);
    }
    if (resolution.outcome != DisputeOutcome::kCorrected && !resolution.correction.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "dispute.correction_unexpected";
      r.message = "corrected values are given only with outcome corrected";
      return refuse(r);
    }
    if (resolution.outcome == DisputeOutcome::kUndeterminable && resolution.note.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "dispute.findings_missing";
      r.legal_basis = "征信业管理条例 第25条";
      r.message = "an undeterminable dispute records the verification findings (note)";
      return refuse(r);
    }
    std::string ccc;
    std::string description;
    switch (resolution.outcome) {
      case DisputeOutcome::kCorrected: {
        // 条例 Art. 25, FCRA 611(a)(5)(A): correct an inaccurate item.
        auto applied = ApplyCorrection(tx, dispute, resolution.correction, description);
        if (!applied.ok()) {
          RuleBreak r = base;
          r.code = ErrorCode::kInvalidArgument;
          r.rule = "dispute.correction_invalid";
          r.message = applied.error().message;
          return refuse(r);
        }
        ccc = "XH";
        break;
      }
      case DisputeOutcome::kDeleted: {
        // FCRA 611(a)(5)(A): delete an inaccurate, incomplete or unverifiable item.
        Suppression s;
        s.item = dispute.item;
        s.subject_id = dispute.subject_id;
        s.reason = std::string(kReasonDisputeDeleted);
        s.legal_basis = "FCRA 611(a)(5)(A); 征信业管理条例 第25条";
        s.dispute_id = dispute.id;
        s.effective_on = context.Today();
        CREDO_TRY(SuppressItem(tx, context, s));
        break;
      }
      case DisputeOutcome::kVerified:
      case DisputeOutcome::kUndeterminable:
        // Metro 2 CCC: XC when the consumer still disagrees, XH when resolved.
        ccc = resolution.subject_disagrees || resolution.outcome == DisputeOutcome::kUndeterminable
                  ? "XC"
                  : "XH";
        break;
      default: break;
    }
    std::vector<SqlValue> params = {internal::Text(std::string(DisputeOutcomeName(resolution.outcome))),
                                    internal::DateValue(context.Today()),
                                    internal::Text(context.actor),
                                    internal::Int(resolution.subject_disagrees ? 1 : 0),
                                    internal::Text(ccc),
                                    internal::Text(resolution.note + description),
                                    internal::Int(dispute.id)};
    CREDO_TRY(tx.Execute(
        "UPDATE compliance_disputes SET status = 'resolved', outcome = ?, resolved_on = ?, "
        "resolved_by = ?, subject_disagrees = ?, compliance_condition = ?, resolution_note = ? "
        "WHERE id = ?",
        params));
    bool met = context.Today() <= dispute.deadline_on;
    CREDO_TRY(Audit(tx, context, "dispute.resolve", "compliance_disputes", dispute.id,
                    dispute.subject_id,
                    "item=" + FormatItemRef(dispute.item) + " outcome=" +
                        std::string(DisputeOutcomeName(resolution.outcome)) + " ccc=" + ccc +
                        (met ? " within_deadline" : " after_deadline") + description));
    CREDO_ASSIGN_OR_RETURN(std::string recipient, RecipientFor(tx, dispute.item));
    CREDO_TRY(Notify(tx, context, dispute.subject_id, dispute.id, recipient, "dispute_resolved",
                     std::string(DisputeOutcomeName(resolution.outcome))));
    // FCRA 611(a)(6), 条例 Art. 25: a written reply to the subject.
    return Notify(tx, context, dispute.subject_id, dispute.id, "subject", "dispute_result",
                  std::string(DisputeOutcomeName(resolution.outcome)) +
                      (resolution.note.empty() ? "" : ": " + resolution.note));
  });
}

Result<std::vector<DisputeRecord>> SweepDisputeDeadlines(Store& store,
                                                         const ComplianceContext& context) {
  std::vector<DisputeRecord> closed;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    closed.clear();
    std::vector<SqlValue> params = {internal::DateValue(context.Today())};
    CREDO_ASSIGN_OR_RETURN(auto overdue,
                           QueryDisputes(tx, "WHERE status = 'open' AND deadline_on < ?", params));
    for (auto& dispute : overdue) {
      // FCRA 611(a)(5)(A)(i) and 条例 Art. 25: unverified in time: off the file, in the
      // subject's favour.
      CREDO_ASSIGN_OR_RETURN(auto suppressions, LoadSuppressions(tx, dispute.subject_id));
      if (!suppressions.IsSuppressed(dispute.item)) {
        Suppression s;
        s.item = dispute.item;
        s.subject_id = dispute.subject_id;
        s.reason = std::string(kReasonDisputeUnverified);
        s.legal_basis = "FCRA 611(a)(5)(A); 征信业管理条例 第25条";
        s.dispute_id = dispute.id;
        s.due_on = dispute.deadline_on;
        s.effective_on = context.Today();
        CREDO_TRY(SuppressItem(tx, context, s));
      }
      std::vector<SqlValue> update = {internal::DateValue(context.Today()),
                                      internal::Text(context.actor), internal::Int(dispute.id)};
      CREDO_TRY(tx.Execute(
          "UPDATE compliance_disputes SET status = 'resolved', outcome = 'unverified_by_deadline', "
          "resolved_on = ?, resolved_by = ?, compliance_condition = '', resolution_note = "
          "'not verified by the deadline: suppressed in the subject''s favour' WHERE id = ?",
          update));
      CREDO_TRY(Audit(tx, context, "dispute.deadline_passed", "compliance_disputes", dispute.id,
                      dispute.subject_id,
                      "item=" + FormatItemRef(dispute.item) + " deadline=" +
                          dispute.deadline_on.ToIso() + " suppressed"));
      CREDO_TRY(Notify(tx, context, dispute.subject_id, dispute.id, "subject", "dispute_result",
                       "unverified_by_deadline: the item is no longer reported"));
      dispute.open = false;
      dispute.outcome = DisputeOutcome::kUnverifiedByDeadline;
      dispute.resolved_on = context.Today();
      closed.push_back(dispute);
    }
    return Ok();
  });
  if (!status.ok()) return status.error();
  return closed;
}

Result<DisputeRecord> GetDispute(Transaction& tx, int64_t dispute_id) {
  CREDO_ASSIGN_OR_RETURN(auto found, QueryDisputes(tx, "WHERE id = ?", {internal::Int(dispute_id)}));
  if (found.empty()) {
    return MakeError(ErrorCode::kNotFound, "no dispute " + std::to_string(dispute_id));
  }
  return found[0];
}

Result<std::vector<DisputeRecord>> ListDisputes(Transaction& tx, SubjectId subject_id,
                                                bool open_only) {
  std::string where;
  std::vector<SqlValue> params;
  if (subject_id != 0) {
    CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
    where = "WHERE " + internal::SubjectItemsFilter(surviving, params);
  }
  if (open_only) where += std::string(where.empty() ? "WHERE" : " AND") + " status = 'open'";
  return QueryDisputes(tx, where, params);
}

Result<std::vector<DisputeRecord>> ListDisputesOpened(Transaction& tx, Date from, Date to) {
  return QueryDisputes(tx, "WHERE opened_on >= ? AND opened_on <= ?",
                       {internal::DateValue(from), internal::DateValue(to)});
}

Result<int64_t> OpenComplaint(Store& store, const ComplianceContext& context,
                              const ComplaintRequest& request) {
  int64_t complaint_id = 0;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "complaint.open";
    base.subject_id = request.subject_id;
    base.legal_basis = kComplaintLaw;
    CREDO_ASSIGN_OR_RETURN(auto subject, ResolveSubjectOrRefuse(tx, base, request.subject_id, refuse));
    if (!subject) return Ok();  // refused: only the refusal record is committed
    if (request.authority.empty() || request.text.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "complaint.incomplete";
      r.message = "a complaint names the authority it was made to and what it says";
      return refuse(r);
    }
    if (request.dispute_id != 0) {
      auto dispute = GetDispute(tx, request.dispute_id);
      if (!dispute.ok() || dispute->subject_id != *subject) {
        RuleBreak r = base;
        r.code = ErrorCode::kNotFound;
        r.rule = "complaint.dispute_unknown";
        r.message = "subject " + std::to_string(request.subject_id) + " has no dispute " +
                    std::to_string(request.dispute_id);
        return refuse(r);
      }
    }
    CREDO_ASSIGN_OR_RETURN(std::string sealed, tx.Encrypt("compliance_complaints.text", request.text));
    Date deadline = context.Today().AddDays(context.profile->complaint_days);
    std::vector<SqlValue> params = {internal::Int(*subject), internal::Int(request.dispute_id),
                                    internal::Text(request.authority), internal::Blob(sealed),
                                    internal::DateValue(context.Today()), internal::DateValue(deadline)};
    CREDO_ASSIGN_OR_RETURN(complaint_id, internal::InsertReturningId(tx,
        "INSERT INTO compliance_complaints (subject_id, dispute_id, authority, text_sealed, "
        "opened_on, deadline_on, status, response) VALUES (?, ?, ?, ?, ?, ?, 'open', '')",
        params));
    CREDO_TRY(Audit(tx, context, "complaint.open", "compliance_complaints", complaint_id, *subject,
                    "authority=" + request.authority + " dispute=" +
                        std::to_string(request.dispute_id) + " deadline=" + deadline.ToIso()));
    return Notify(tx, context, *subject, request.dispute_id, request.authority, "complaint_opened",
                  "complaint " + std::to_string(complaint_id) + " answer by " + deadline.ToIso());
  });
  if (!status.ok()) return status.error();
  return complaint_id;
}

Status ResolveComplaint(Store& store, const ComplianceContext& context, int64_t complaint_id,
                        const std::string& response) {
  return Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "complaint.resolve";
    base.legal_basis = kComplaintLaw;
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT subject_id, status, deadline_on FROM "
                                               "compliance_complaints WHERE id = ?", std::vector<SqlValue>{internal::Int(complaint_id)}));
    if (rows.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kNotFound;
      r.rule = "complaint.unknown";
      r.message = "no complaint " + std::to_string(complaint_id);
      return refuse(r);
    }
    base.subject_id = AsInt(rows[0][0]);
    if (AsText(rows[0][1]) != "open") {
      RuleBreak r = base;
      r.code = ErrorCode::kFailedPrecondition;
      r.rule = "complaint.already_closed";
      r.message = "complaint " + std::to_string(complaint_id) + " is already closed";
      return refuse(r);
    }
    if (response.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "complaint.response_missing";
      r.message = "closing a complaint records the reply given";
      return refuse(r);
    }
    CREDO_TRY(tx.Execute(
        "UPDATE compliance_complaints SET status = 'closed', response = ?, closed_on = ? WHERE id = ?", std::vector<SqlValue>{internal::Text(response), internal::DateValue(context.Today()), internal::Int(complaint_id)}));
    bool met = context.Today() <= AsDate(rows[0][2]);
    return Audit(tx, context, "complaint.resolve", "compliance_complaints", complaint_id,
                 base.subject_id, met ? "within_deadline" : "after_deadline");
  });
}

namespace {

constexpr const char* kComplaintColumns =
    "SELECT id, subject_id, dispute_id, authority, text_sealed, opened_on, deadline_on, status, "
    "response, closed_on FROM compliance_complaints";

Result<ComplaintRecord> ComplaintFromRow(Transaction& tx, const SqlRow& row) {
  ComplaintRecord c;
  c.id = AsInt(row[0]);
  c.subject_id = AsInt(row[1]);
  c.dispute_id = AsInt(row[2]);
  c.authority = AsText(row[3]);
  CREDO_ASSIGN_OR_RETURN(c.text, tx.Decrypt("compliance_complaints.text", row[4].bytes));
  c.opened_on = AsDate(row[5]);
  c.deadline_on = AsDate(row[6]);
  c.open = AsText(row[7]) == "open";
  c.response = AsText(row[8]);
  c.closed_on = AsOptionalDate(row[9]);
  return c;
}

}  // namespace

Result<std::vector<ComplaintRecord>> ListComplaints(Transaction& tx, SubjectId subject_id) {
  std::string sql = kComplaintColumns;
  std::vector<SqlValue> params;
  if (subject_id != 0) {
    CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
    sql += " WHERE subject_id = ?";
    params.push_back(internal::Int(surviving));
  }
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(sql + " ORDER BY id", params));
  std::vector<ComplaintRecord> out;
  for (const auto& row : rows) {
    CREDO_ASSIGN_OR_RETURN(ComplaintRecord c, ComplaintFromRow(tx, row));
    out.push_back(std::move(c));
  }
  return out;
}

Result<ComplaintRecord> GetComplaint(Transaction& tx, int64_t complaint_id) {
  std::vector<SqlValue> params = {internal::Int(complaint_id)};
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kComplaintColumns) + " WHERE id = ?",
                                             params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "no complaint " + std::to_string(complaint_id),
                     "complaint");
  }
  return ComplaintFromRow(tx, rows[0]);
}

Result<int64_t> AddStatement(Store& store, const ComplianceContext& context, SubjectId subject_id,
                             const std::string& text, std::optional<ItemRef> item,
                             int64_t dispute_id) {
  int64_t statement_id = 0;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "statement.add";
    base.subject_id = subject_id;
    base.legal_basis = "征信业管理条例 第16条; FCRA 611(b)";
    CREDO_ASSIGN_OR_RETURN(auto subject, ResolveSubjectOrRefuse(tx, base, subject_id, refuse));
    if (!subject) return Ok();  // refused: only the refusal record is committed
    if (text.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "statement.empty";
      r.message = "a statement has text";
      return refuse(r);
    }
    if (item) {
      auto belongs = CheckItemBelongsTo(tx, *subject, *item);
      if (!belongs.ok()) {
        RuleBreak r = base;
        r.code = ErrorCode::kNotFound;
        r.rule = "statement.item_unknown";
        r.message = belongs.error().message;
        return refuse(r);
      }
    }
    return InsertStatement(tx, context, *subject, text, item, dispute_id, &statement_id);
  });
  if (!status.ok()) return status.error();
  return statement_id;
}

Result<std::vector<SubjectStatement>> ListStatements(Transaction& tx, SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT id, subject_id, dispute_id, item_kind, item_id, month, "
                                  "field, text_sealed, added_on FROM compliance_statements WHERE "
                                  "subject_id = ? ORDER BY id", std::vector<SqlValue>{internal::Int(surviving)}));
  std::vector<SubjectStatement> out;
  for (const auto& row : rows) {
    SubjectStatement s;
    s.id = AsInt(row[0]);
    s.subject_id = AsInt(row[1]);
    s.dispute_id = AsInt(row[2]);
    if (!AsText(row[3]).empty()) {
      s.item = ItemFromColumns(AsText(row[3]), AsInt(row[4]), AsInt(row[5]), AsText(row[6]));
    }
    CREDO_ASSIGN_OR_RETURN(s.text, tx.Decrypt("compliance_statements.text", row[7].bytes));
    s.added_on = AsDate(row[8]);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<Notification>> ListNotifications(Transaction& tx, bool pending_only) {
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT id, subject_id, dispute_id, recipient, kind, detail, "
                                      "created_at, due_on, delivered_at FROM "
                                      "compliance_notifications") +
                          (pending_only ? " WHERE delivered_at = 0" : "") + " ORDER BY id"));
  std::vector<Notification> out;
  for (const auto& row : rows) {
    Notification n;
    n.id = AsInt(row[0]);
    n.subject_id = AsInt(row[1]);
    n.dispute_id = AsInt(row[2]);
    n.recipient = AsText(row[3]);
    n.kind = AsText(row[4]);
    n.detail = AsText(row[5]);
    n.created_at = AsInt(row[6]);
    n.due_on = AsDate(row[7]);
    n.delivered_at = AsInt(row[8]);
    out.push_back(std::move(n));
  }
  return out;
}

Status MarkNotificationDelivered(Store& store, const ComplianceContext& context,
                                 int64_t notification_id) {
  return store.WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT subject_id FROM compliance_notifications "
                                               "WHERE id = ? AND delivered_at = 0", std::vector<SqlValue>{internal::Int(notification_id)}));
    if (rows.empty()) {
      return MakeError(ErrorCode::kNotFound,
                       "no undelivered notification " + std::to_string(notification_id));
    }
    CREDO_TRY(tx.Execute("UPDATE compliance_notifications SET delivered_at = ? WHERE id = ?", std::vector<SqlValue>{internal::Int(context.Now()), internal::Int(notification_id)}));
    return Audit(tx, context, "notification.delivered", "compliance_notifications", notification_id,
                 AsInt(rows[0][0]), "");
  });
}

}  // namespace credo::compliance
