#include "compliance/retention.h"

#include <algorithm>
#include <map>

#include "compliance/internal/sql.h"
#include "compliance/refusal.h"

namespace credo::compliance {

using internal::AsDate;
using internal::AsInt;
using internal::AsOptionalDate;
using internal::AsText;

namespace {

constexpr const char* kRetentionLaw = "征信业管理条例 第16条; FCRA 605(a), 605(c)";

Date FirstOfMonth(Date d) { return Date::FromYmd(d.year(), d.month(), 1).value(); }

bool IsNegativeMonth(PaymentStatus s) {
  switch (s) {
    case PaymentStatus::kPastDue30:
    case PaymentStatus::kPastDue60:
    case PaymentStatus::kPastDue90:
    case PaymentStatus::kPastDue120:
    case PaymentStatus::kPastDue150:
    case PaymentStatus::kPastDue180:
    case PaymentStatus::kCollection:
    case PaymentStatus::kForeclosure:
    case PaymentStatus::kVoluntarySurrender:
    case PaymentStatus::kRepossession:
    case PaymentStatus::kChargeOff:
      return true;
    default:
      return false;
  }
}

bool IsCuredMonth(PaymentStatus s) {
  return s == PaymentStatus::kCurrent || s == PaymentStatus::kZeroBalance;
}

std::string MonthCategory(PaymentStatus s) {
  if (s == PaymentStatus::kCollection) return "collection";
  if (s == PaymentStatus::kChargeOff) return "charge_off";
  if (IsNegativeMonth(s) && static_cast<char>(s) > '6') return "derogatory";
  return "delinquency";
}

std::string StatusCategory(AccountStatus s) {
  if (s == AccountStatus::kCollection || s == AccountStatus::kPaidCollection) return "collection";
  if (s == AccountStatus::kChargeOff || s == AccountStatus::kPaidChargeOff) return "charge_off";
  switch (s) {
    case AccountStatus::kForeclosure:
    case AccountStatus::kVoluntarySurrender:
    case AccountStatus::kRepossession:
    case AccountStatus::kGovernmentClaimFiled:
    case AccountStatus::kDeedInLieu:
    // Paid in full after the event (61, 63, 65), and the legacy 61-65 whose event is unknown:
    // no deferred clock, so it is never reported longer than the event allows.
    case AccountStatus::kPaidVoluntarySurrender:
    case AccountStatus::kPaidRepossession:
    case AccountStatus::kPaidForeclosureStarted:
    case AccountStatus::kPaidClosedZero:
      return "derogatory";
    default:
      return "delinquency";
  }
}

// A derogatory event paid in full (61-65): paid, yet ranked by its event (core/tradeline.h).
bool IsPaidDerogatory(AccountStatus s) { return IsPaidInFull(s) && Metro2StatusSeverity(s) > 0; }

// Whether the account row itself reports a negative item, i.e. is an account-level item of
// retention: a negative status now (71-84, 88, 89, 93-97), or a collection, charge-off or other
// derogatory event paid in full (61-65), whose status still says what happened. Where the clock
// runs from the first delinquency (US), FCRA 605(a)(4), 605(a)(5) and 605(c) let the paid one be
// reported for the same seven years from the DOFD and not after, payment or not. Under the
// event-end clock (CN, 条例 Art. 16) the payment ended the event: the account goes five years
// after it, with its negative months.
bool ReportsNegativeAccount(AccountStatus s) {
  return IsNegativeStatus(s) || IsPaidDerogatory(s);
}

// FCRA 605(c): the collection / charge-off clock starts 180 days after the DOFD.
bool DefersClock(const std::string& category) {
  return category == "collection" || category == "charge_off";
}

int YearsFor(const RetentionRules& rules, const std::string& category) {
  // FCRA 605(a)(1): bankruptcy 10 years; 条例 Art. 16: one period for all negative information.
  return category == "bankruptcy" ? rules.bankruptcy_years : rules.negative_years;
}

struct Candidate {
  ItemRef item;
  std::string category;
  std::optional<Date> clock_start;
};

Date ClockFromFirstDelinquency(const RetentionRules& rules, const std::string& category, Date dofd) {
  return DefersClock(category) ? dofd.AddDays(rules.collection_clock_delay_days) : dofd;
}

// Negative months and account-level negative status of one tradeline.
Result<std::vector<Candidate>> TradelineCandidates(Transaction& tx, const RetentionRules& rules,
                                                   const TradelineRow& row) {
  std::vector<Candidate> out;
  const Tradeline& t = row.tradeline;
  CREDO_ASSIGN_OR_RETURN(auto months, tx.ListTradelineMonths(row.id));
  // Episodes: runs of negative months; months without data neither cure nor break a run.
  std::optional<Date> episode_start;
  std::optional<Date> first_negative_of_latest_episode;
  std::optional<Date> latest_episode_end;  // the month the latest negative run was cured
  std::vector<size_t> open_run;  // indices of months in the current run
  auto close_run = [&](std::optional<Date> end) {
    for (size_t index : open_run) {
      const auto& m = months[index];
      Candidate c;
      c.item.kind = ItemKind::kTradelineMonth;
      c.item.id = row.id;
      c.item.month = m.month;
      c.category = MonthCategory(m.payment_status);
      if (rules.clock == RetentionClock::kFromFirstDelinquency) {
        c.clock_start = ClockFromFirstDelinquency(rules, c.category, *episode_start);
      } else {
        c.clock_start = end;
      }
      out.push_back(std::move(c));
    }
    open_run.clear();
    episode_start.reset();
  };
  for (size_t i = 0; i < months.size(); ++i) {
    const auto& m = months[i];
    if (IsNegativeMonth(m.payment_status)) {
      if (!episode_start) {
        episode_start = FirstOfMonth(m.month);
        first_negative_of_latest_episode = episode_start;
      }
      open_run.push_back(i);
    } else if (IsCuredMonth(m.payment_status) && episode_start) {
      // 条例 Art. 16: the negative behaviour ended when the account was brought current.
      latest_episode_end = FirstOfMonth(m.month);
      close_run(latest_episode_end);
    }
  }
  // A derogatory event paid in full ended with the payment: the date closed Metro 2 requires
  // with 61-65, else the month the months show it cured, else the last payment, else the report
  // that says it was paid.
  std::optional<Date> paid_on;
  if (IsPaidDerogatory(t.status)) {
    paid_on = t.closed_on          ? t.closed_on
              : latest_episode_end ? latest_episode_end
              : t.last_payment_on  ? t.last_payment_on
                                   : std::optional<Date>(t.reported_on);
  }
  if (episode_start) {
    // Still delinquent unless the account was closed in good standing, or paid, afterwards.
    std::optional<Date> end;
    if (t.closed_on && !IsNegativeStatus(t.status)) end = *t.closed_on;
    if (!end && paid_on) end = paid_on;
    close_run(end);
  }
  if (ReportsNegativeAccount(t.status)) {
    Candidate c;
    c.item.kind = ItemKind::kTradeline;
    c.item.id = row.id;
    c.category = StatusCategory(t.status);
    if (rules.clock == RetentionClock::kFromFirstDelinquency) {
      // FCRA 605(c), 623(a)(5): the DOFD the furnisher reported; else the first delinquent month.
      Date dofd = t.first_delinquency_on ? *t.first_delinquency_on
                                         : first_negative_of_latest_episode.value_or(t.reported_on);
      c.clock_start = ClockFromFirstDelinquency(rules, c.category, dofd);
    } else {
      // Event-end clock: a negative status is an event still going on; a paid one ended.
      c.clock_start = paid_on;
    }
    out.push_back(std::move(c));
  }
  return out;
}

Candidate PublicRecordCandidate(const RetentionRules& rules, const PublicRecord& record) {
  Candidate c;
  c.item.kind = ItemKind::kPublicRecord;
  c.item.id = record.id;
  c.category = record.kind == PublicRecordKind::kBankruptcy               ? "bankruptcy"
               : record.kind == PublicRecordKind::kAdministrativePenalty ? "penalty"
                                                                         : "public_record";
  if (rules.clock == RetentionClock::kFromFirstDelinquency) {
    // FCRA 605(a)(1)-(3): from the date of entry (filing); paid tax liens from the payment.
    c.clock_start = record.kind == PublicRecordKind::kTaxLien && record.resolved_on
                        ? *record.resolved_on
                        : record.filed_on;
  } else {
    c.clock_start = record.resolved_on;  // 条例 Art. 16: from the end of the event
  }
  return c;
}

NegativeItem FromRow(const SqlRow& row) {
  NegativeItem n;
  n.item = ItemFromColumns(AsText(row[2]), AsInt(row[3]), AsInt(row[4]), "");
  n.subject_id = AsInt(row[1]);
  n.category = AsText(row[5]);
  n.clock_start = AsOptionalDate(row[6]);
  n.purge_on = AsOptionalDate(row[7]);
  n.first_seen_on = AsDate(row[8]);
  n.purged_on = AsOptionalDate(row[9]);
  return n;
}

constexpr const char* kItemColumns =
    "id, subject_id, item_kind, item_id, month, category, clock_start, purge_on, first_seen_on, "
    "purged_on";

Suppression SuppressionFromRow(const SqlRow& row) {
  Suppression s;
  s.subject_id = AsInt(row[0]);
  s.item = ItemFromColumns(AsText(row[1]), AsInt(row[2]), AsInt(row[3]), AsText(row[4]));
  s.reason = AsText(row[5]);
  s.legal_basis = AsText(row[6]);
  s.dispute_id = AsInt(row[7]);
  s.due_on = AsOptionalDate(row[8]);
  s.effective_on = AsDate(row[9]);
  return s;
}

constexpr const char* kSuppressionColumns =
    "subject_id, item_kind, item_id, month, field, reason, legal_basis, dispute_id, due_on, "
    "effective_on";

// The suppression that takes a negative item off the file once its period has passed.
Suppression RetentionSuppression(const ComplianceContext& context, const NegativeItem& n) {
  Suppression s;
  s.item = n.item;
  s.subject_id = n.subject_id;
  s.reason = std::string(kReasonRetention);
  s.legal_basis = kRetentionLaw;
  s.due_on = n.purge_on;
  s.effective_on = context.Today();
  return s;
}

// Whether a negative item whose period has passed is still on the file: not suppressed yet and,
// for an account-level item, the account still reports it (ReportsNegativeAccount). An account
// brought current since is not hidden: its negative months are items of their own.
Result<bool> StillShown(Transaction& tx, const SuppressionSet& suppressions,
                        const NegativeItem& n) {
  if (suppressions.IsSuppressed(n.item)) return false;
  if (n.item.kind != ItemKind::kTradeline) return true;
  CREDO_ASSIGN_OR_RETURN(auto row, tx.GetTradeline(n.item.id));
  return ReportsNegativeAccount(row.tradeline.status);
}

// An account-level item purged by an earlier run without being hidden, whose account now reports
// a derogatory event paid in full (61-65) under the first-delinquency clock: earlier versions
// left such a paid collection or charge-off on the file for good (FCRA 605(a)(4), 605(c)). A paid
// account is closed, so this is the same delinquency, not a new one.
Result<bool> PaidAccountLeftShown(Transaction& tx, const RetentionRules& rules,
                                  const SuppressionSet& suppressions, const NegativeItem& n) {
  if (n.item.kind != ItemKind::kTradeline) return false;
  if (rules.clock != RetentionClock::kFromFirstDelinquency) return false;
  if (suppressions.IsSuppressed(n.item)) return false;
  CREDO_ASSIGN_OR_RETURN(auto row, tx.GetTradeline(n.item.id));
  return IsPaidDerogatory(row.tradeline.status);
}

Status MarkPurged(Transaction& tx, const NegativeItem& n) {
  std::vector<SqlValue> params = {internal::DateValue(*n.purged_on),
                                  internal::Text(std::string(ItemKindName(n.item.kind))),
                                  internal::Int(n.item.id), internal::Int(MonthKey(n.item))};
  return tx.Execute(
      "UPDATE compliance_negative_items SET purged_on = ? WHERE item_kind = ? AND item_id = ? "
      "AND month = ?",
      params);
}

}  // namespace

bool SuppressionSet::IsSuppressed(const ItemRef& item) const {
  switch (item.kind) {
    case ItemKind::kTradeline: return TradelineSuppressed(item.id);
    case ItemKind::kTradelineMonth: return MonthSuppressed(item.id, item.month);
    case ItemKind::kPublicRecord: return PublicRecordSuppressed(item.id);
    case ItemKind::kIdentityField: return IdentityFieldSuppressed(item.field);
  }
  return false;
}

const Suppression* SuppressionSet::Find(const ItemRef& item) const {
  for (const auto& s : suppressions_) {
    if (s.item == item) return &s;
  }
  if (item.kind == ItemKind::kTradelineMonth) {
    ItemRef whole{ItemKind::kTradeline, item.id, Date(), ""};
    return Find(whole);
  }
  return nullptr;
}

bool SuppressionSet::TradelineSuppressed(int64_t tradeline_id) const {
  return std::any_of(suppressions_.begin(), suppressions_.end(), [&](const Suppression& s) {
    return s.item.kind == ItemKind::kTradeline && s.item.id == tradeline_id;
  });
}

bool SuppressionSet::MonthSuppressed(int64_t tradeline_id, Date month) const {
  if (TradelineSuppressed(tradeline_id)) return true;
  return std::any_of(suppressions_.begin(), suppressions_.end(), [&](const Suppression& s) {
    return s.item.kind == ItemKind::kTradelineMonth && s.item.id == tradeline_id &&
           s.item.month == month;
  });
}

bool SuppressionSet::PublicRecordSuppressed(int64_t public_record_id) const {
  return std::any_of(suppressions_.begin(), suppressions_.end(), [&](const Suppression& s) {
    return s.item.kind == ItemKind::kPublicRecord && s.item.id == public_record_id;
  });
}

bool SuppressionSet::IdentityFieldSuppressed(std::string_view field) const {
  return std::any_of(suppressions_.begin(), suppressions_.end(), [&](const Suppression& s) {
    return s.item.kind == ItemKind::kIdentityField && s.item.field == field;
  });
}

Result<SuppressionSet> LoadSuppressions(Transaction& tx, SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  std::vector<SqlValue> params;
  std::string filter = internal::SubjectItemsFilter(surviving, params);
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kSuppressionColumns +
                              " FROM compliance_suppressions WHERE " + filter + " ORDER BY id",
                          params));
  std::vector<Suppression> out;
  for (const auto& row : rows) out.push_back(SuppressionFromRow(row));
  return SuppressionSet(std::move(out));
}

Result<std::vector<Suppression>> ListSuppressions(Transaction& tx, Date from, Date to) {
  std::vector<SqlValue> params = {internal::DateValue(from), internal::DateValue(to)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kSuppressionColumns +
                              " FROM compliance_suppressions WHERE effective_on >= ? AND "
                              "effective_on <= ? ORDER BY id",
                          params));
  std::vector<Suppression> out;
  for (const auto& row : rows) out.push_back(SuppressionFromRow(row));
  return out;
}

Status SuppressItem(Transaction& tx, const ComplianceContext& context, const Suppression& s) {
  std::vector<SqlValue> params = {internal::Int(s.subject_id),
                                  internal::Text(std::string(ItemKindName(s.item.kind))),
                                  internal::Int(s.item.id),
                                  internal::Int(MonthKey(s.item)),
                                  internal::Text(s.item.field),
                                  internal::Text(s.reason),
                                  internal::Text(s.legal_basis),
                                  internal::Int(s.dispute_id),
                                  internal::OptionalDate(s.due_on),
                                  internal::DateValue(s.effective_on),
                                  internal::Int(context.Now())};
  CREDO_ASSIGN_OR_RETURN(int64_t id, internal::InsertReturningId(tx,
      "INSERT INTO compliance_suppressions (subject_id, item_kind, item_id, month, field, reason, "
      "legal_basis, dispute_id, due_on, effective_on, recorded_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params));
  AuditEntry entry;
  entry.actor = context.actor;
  entry.action = s.reason == kReasonRetention ? "compliance.purge" : "compliance.suppress";
  entry.entity = "compliance_suppressions";
  entry.entity_id = id;
  entry.subject_id = s.subject_id;
  entry.detail = "item=" + FormatItemRef(s.item) + " reason=" + s.reason +
                 " legal_basis=" + s.legal_basis +
                 (s.due_on ? " due_on=" + s.due_on->ToIso() : "") +
                 (s.dispute_id ? " dispute=" + std::to_string(s.dispute_id) : "");
  CREDO_TRY(tx.AppendAudit(std::move(entry)));
  return Ok();
}

Result<std::vector<NegativeItem>> ScanNegativeItems(Transaction& tx, const ComplianceContext& context,
                                                    SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  const RetentionRules& rules = context.retention;
  std::vector<Candidate> candidates;
  CREDO_ASSIGN_OR_RETURN(auto tradelines, tx.ListTradelines(surviving));
  for (const auto& row : tradelines) {
    CREDO_ASSIGN_OR_RETURN(auto found, TradelineCandidates(tx, rules, row));
    for (auto& c : found) candidates.push_back(std::move(c));
  }
  CREDO_ASSIGN_OR_RETURN(auto records, tx.ListPublicRecords(surviving));
  for (const auto& record : records) candidates.push_back(PublicRecordCandidate(rules, record));

  std::vector<SqlValue> filter_params;
  std::string filter = internal::SubjectItemsFilter(surviving, filter_params);
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kItemColumns +
                                                 " FROM compliance_negative_items WHERE " + filter,
                                             filter_params));
  std::map<std::tuple<std::string, int64_t, int64_t>, std::pair<int64_t, NegativeItem>> known;
  for (const auto& row : rows) {
    NegativeItem n = FromRow(row);
    known[{std::string(ItemKindName(n.item.kind)), n.item.id, MonthKey(n.item)}] = {AsInt(row[0]), n};
  }
  for (const auto& c : candidates) {
    std::string kind(ItemKindName(c.item.kind));
    auto key = std::make_tuple(kind, c.item.id, MonthKey(c.item));
    auto found = known.find(key);
    if (found == known.end()) {
      std::optional<Date> purge_on;
      if (c.clock_start) purge_on = c.clock_start->AddYears(YearsFor(rules, c.category));
      std::vector<SqlValue> params = {internal::Int(surviving),       internal::Text(kind),
                                      internal::Int(c.item.id),       internal::Int(MonthKey(c.item)),
                                      internal::Text(c.category),     internal::OptionalDate(c.clock_start),
                                      internal::OptionalDate(purge_on), internal::DateValue(context.Today())};
      CREDO_TRY(tx.Execute(
          "INSERT INTO compliance_negative_items (subject_id, item_kind, item_id, month, category, "
          "clock_start, purge_on, first_seen_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          params));
      NegativeItem n;
      n.item = c.item;
      n.subject_id = surviving;
      n.category = c.category;
      n.clock_start = c.clock_start;
      n.purge_on = purge_on;
      n.first_seen_on = context.Today();
      known[key] = {0, n};
      continue;
    }
    // No re-ageing: the clock may move earlier (a correction in the subject's favour), never
    // later (FCRA 605(c)(1), 623(a)(5); 条例 Art. 16 counts from the end first established).
    NegativeItem& n = found->second.second;
    std::optional<Date> start = n.clock_start;
    if (c.clock_start && (!start || *c.clock_start < *start)) start = c.clock_start;
    if (start != n.clock_start) {
      n.clock_start = start;
      n.purge_on = start->AddYears(YearsFor(rules, n.category));
      std::vector<SqlValue> params = {internal::OptionalDate(n.clock_start),
                                      internal::OptionalDate(n.purge_on),
                                      internal::Int(found->second.first)};
      CREDO_TRY(tx.Execute(
          "UPDATE compliance_negative_items SET clock_start = ?, purge_on = ? WHERE id = ?", params));
    }
  }
  std::vector<NegativeItem> out;
  for (auto& [key, value] : known) out.push_back(value.second);
  return out;
}

Result<std::vector<NegativeItem>> ListNegativeItems(Transaction& tx, SubjectId subject_id) {
  std::vector<SqlValue> params;
  std::string sql = std::string("SELECT ") + kItemColumns + " FROM compliance_negative_items";
  if (subject_id != 0) {
    CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
    sql += " WHERE " + internal::SubjectItemsFilter(surviving, params);
  }
  sql += " ORDER BY id";
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<NegativeItem> out;
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

Result<std::vector<NegativeItem>> PurgeSubject(Transaction& tx, const ComplianceContext& context,
                                               SubjectId subject_id, Date as_of) {
  CREDO_ASSIGN_OR_RETURN(auto items, ScanNegativeItems(tx, context, subject_id));
  CREDO_ASSIGN_OR_RETURN(auto suppressions, LoadSuppressions(tx, subject_id));
  std::vector<NegativeItem> purged;
  for (auto& n : items) {
    if (!n.purge_on || *n.purge_on > as_of) continue;
    if (n.purged_on) {
      CREDO_ASSIGN_OR_RETURN(bool left_shown,
                             PaidAccountLeftShown(tx, context.retention, suppressions, n));
      if (!left_shown) continue;
      CREDO_TRY(SuppressItem(tx, context, RetentionSuppression(context, n)));
      purged.push_back(n);
      continue;
    }
    CREDO_ASSIGN_OR_RETURN(bool hide, StillShown(tx, suppressions, n));
    if (hide) CREDO_TRY(SuppressItem(tx, context, RetentionSuppression(context, n)));
    n.purged_on = context.Today();
    CREDO_TRY(MarkPurged(tx, n));
    purged.push_back(n);
  }
  return purged;
}

Result<PurgeResult> Purge(Store& store, const ComplianceContext& context, Date as_of) {
  PurgeResult result;
  result.as_of = as_of;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    if (as_of > context.Today()) {
      RuleBreak r;
      r.code = ErrorCode::kInvalidArgument;
      r.operation = "purge";
      r.rule = "purge.future_date";
      r.legal_basis = kRetentionLaw;
      r.message = "purge date " + as_of.ToIso() + " is after today (" + context.Today().ToIso() +
                  "); negative information is kept until its period has passed, not removed early";
      return refuse(r);
    }
    SubjectId after = 0;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(auto ids, tx.ListSubjectIds(after, 500));
      if (ids.empty()) break;
      for (SubjectId id : ids) {
        ++result.subjects_scanned;
        CREDO_ASSIGN_OR_RETURN(auto purged, PurgeSubject(tx, context, id, as_of));
        for (auto& n : purged) result.purged.push_back(std::move(n));
      }
      after = ids.back();
    }
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM compliance_negative_items"));
    result.negative_items = rows.empty() ? 0 : AsInt(rows[0][0]);
    AuditEntry entry;
    entry.actor = context.actor;
    entry.action = "compliance.purge_run";
    entry.entity = "compliance_negative_items";
    entry.detail = "as_of=" + as_of.ToIso() + " subjects=" + std::to_string(result.subjects_scanned) +
                   " purged=" + std::to_string(result.purged.size());
    CREDO_TRY(tx.AppendAudit(std::move(entry)));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return result;
}

}  // namespace credo::compliance
