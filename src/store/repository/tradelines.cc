// Tradelines: current fields upserted by (furnisher, account number, party), as-reported monthly
// history appended to tradeline_months, and each report's terms appended to tradeline_terms.
// Account numbers are encrypted and found by blind index.
#include <map>
#include <utility>
#include <vector>

#include "store/internal/audit.h"
#include "store/internal/codec.h"
#include "store/internal/rows.h"
#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;
namespace internal = store_internal;

namespace {

constexpr std::string_view kAccountColumn = "tradelines.account_number";
constexpr std::string_view kAccountIndexKind = "account_number";

constexpr const char* kTradelineColumns =
    "id, subject_id, furnisher, account_number, account_kind, metro2_account_type, ecoa_code, "
    "account_status, opened_on, reported_on, closed_on, last_payment_on, first_delinquency_on, "
    "currency, credit_limit, high_credit, balance, past_due, scheduled_payment, actual_payment, "
    "compliance_condition, special_comment, history_as_of, history_codes, last_batch_id, party";

Date FirstOfMonth(Date date) {
  return Date::FromYmd(date.year(), date.month(), 1).value_or(date);
}

struct MonthState {
  PaymentStatus status = PaymentStatus::kNoData;
  std::optional<int64_t> balance;
  std::optional<int64_t> past_due;
  Date reported_on;  //!< of the report that said it (the latest report's row is the one known)
};

Result<std::map<int32_t, MonthState>> LatestMonths(internal::StoreContext& context,
                                                   int64_t tradeline_id,
                                                   std::optional<Date> known_on) {
  Statement* statement = nullptr;
  if (known_on) {
    CREDO_ASSIGN_OR_RETURN(
        statement,
        context.Prepare("SELECT month, payment_status, balance, past_due, reported_on FROM "
                        "tradeline_months WHERE tradeline_id = ? AND reported_on <= ? "
                        "ORDER BY month, reported_on, id"));
    statement->BindInt(0, tradeline_id);
    statement->BindInt(1, known_on->days_since_epoch());
  } else {
    CREDO_ASSIGN_OR_RETURN(
        statement,
        context.Prepare("SELECT month, payment_status, balance, past_due, reported_on FROM "
                        "tradeline_months WHERE tradeline_id = ? ORDER BY month, reported_on, id"));
    statement->BindInt(0, tradeline_id);
  }
  std::map<int32_t, MonthState> months;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    std::string_view code = statement->GetBytes(1);
    auto status = ParsePaymentStatus(code.empty() ? 'D' : code[0]);
    months[static_cast<int32_t>(statement->GetInt(0))] =
        MonthState{status.value_or(PaymentStatus::kNoData), internal::GetOptionalInt(*statement, 2),
                   internal::GetOptionalInt(*statement, 3), internal::GetDate(*statement, 4)};
  }
  statement->Reset();
  return months;
}

// The run of columns a tradeline row and a tradeline_terms row share, in this order from `first`:
// closed_on, last_payment_on, first_delinquency_on, currency, credit_limit, high_credit,
// balance, past_due, scheduled_payment, actual_payment, compliance_condition, special_comment.
template <typename Terms>
void ReadAccountTerms(Statement& s, int first, Terms& out) {
  out.closed_on = internal::GetOptionalDate(s, first);
  out.last_payment_on = internal::GetOptionalDate(s, first + 1);
  out.first_delinquency_on = internal::GetOptionalDate(s, first + 2);
  Currency currency = Currency::Parse(s.GetBytes(first + 3)).value_or(Currency());
  out.credit_limit = {s.GetInt(first + 4), currency};
  out.high_credit = {s.GetInt(first + 5), currency};
  out.balance = {s.GetInt(first + 6), currency};
  out.past_due = {s.GetInt(first + 7), currency};
  out.scheduled_payment = {s.GetInt(first + 8), currency};
  out.actual_payment = {s.GetInt(first + 9), currency};
  out.compliance_condition = internal::GetString(s, first + 10);
  out.special_comment = internal::GetString(s, first + 11);
}

// A copy of an account kept for an associated consumer, written before store schema 6, holds
// its party in the account number: "party <16 hex digits> / <number>" (PartyAccountText). The
// blind index of a copy is still of that text (AccountIndex).
constexpr std::string_view kPartyPrefix = "party ";
constexpr std::string_view kPartySeparator = " / ";
constexpr size_t kPartyTokenDigits = 16;

std::string PartyAccountText(const TradelineKey& key) {
  return std::string(kPartyPrefix) + key.party + std::string(kPartySeparator) + key.account_number;
}

// Read, a copy written before store schema 6 is split into the key's party and the number the
// furnisher sent (schema.cc kSchemaV6).
void SplitLegacyParty(TradelineKey& key) {
  const std::string& number = key.account_number;
  const size_t rest = kPartyPrefix.size() + kPartyTokenDigits + kPartySeparator.size();
  if (number.size() <= rest || number.compare(0, kPartyPrefix.size(), kPartyPrefix) != 0 ||
      number.compare(kPartyPrefix.size() + kPartyTokenDigits, kPartySeparator.size(),
                     kPartySeparator) != 0) {
    return;
  }
  const std::string_view token(number.data() + kPartyPrefix.size(), kPartyTokenDigits);
  for (char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return;
  }
  key.party = std::string(token);
  key.account_number = number.substr(rest);
}

Result<TradelineRow> ReadTradeline(internal::StoreContext& context, Statement& s) {
  TradelineRow row;
  row.id = s.GetInt(0);
  Tradeline& t = row.tradeline;
  t.subject_id = s.GetInt(1);
  t.key.furnisher = internal::GetString(s, 2);
  auto account = context.Open(kAccountColumn, s.GetBytes(3));
  if (!account.ok()) return std::move(account).error().WithContext("tradeline " + std::to_string(row.id));
  t.key.account_number = std::move(account).value();
  t.key.party = internal::GetString(s, 25);
  if (t.key.party.empty()) SplitLegacyParty(t.key);
  CREDO_ASSIGN_OR_RETURN(t.kind, internal::AccountKindFromCode(s.GetBytes(4)));
  t.metro2_account_type = internal::GetString(s, 5);
  std::string_view ecoa = s.GetBytes(6);
  t.ecoa_code = ecoa.empty() ? '1' : ecoa[0];
  CREDO_ASSIGN_OR_RETURN(t.status, internal::AccountStatusFromCode(s.GetBytes(7)));
  t.opened_on = internal::GetDate(s, 8);
  t.reported_on = internal::GetDate(s, 9);
  ReadAccountTerms(s, 10, t);
  auto history = PaymentHistory::FromCodes(internal::GetDate(s, 22), s.GetBytes(23));
  if (!history.ok()) return std::move(history).error().WithContext("tradeline " + std::to_string(row.id));
  t.history = std::move(history).value();
  row.last_batch_id = s.GetInt(24);
  return row;
}

Result<std::vector<TradelineRow>> ReadTradelines(internal::StoreContext& context, Statement& s) {
  std::vector<TradelineRow> rows;
  while (true) {
    auto stepped = s.Step();
    if (!stepped.ok()) {
      s.Reset();
      return std::move(stepped).error();
    }
    if (!*stepped) break;
    auto row = ReadTradeline(context, s);
    if (!row.ok()) {
      s.Reset();
      return std::move(row).error();
    }
    rows.push_back(std::move(row).value());
  }
  s.Reset();
  return rows;
}

// The fields the current row and a terms row both hold, in the same order in both: closed_on,
// last_payment_on, first_delinquency_on, currency, the seven amounts, compliance_condition,
// special_comment (12 values from `i`).
void BindDatesAmountsAndConditions(Statement& s, int i, const Tradeline& t) {
  internal::BindOptionalDate(s, i++, t.closed_on);
  internal::BindOptionalDate(s, i++, t.last_payment_on);
  internal::BindOptionalDate(s, i++, t.first_delinquency_on);
  s.BindText(i++, t.balance.currency.code());
  s.BindInt(i++, t.credit_limit.minor_units);
  s.BindInt(i++, t.high_credit.minor_units);
  s.BindInt(i++, t.balance.minor_units);
  s.BindInt(i++, t.past_due.minor_units);
  s.BindInt(i++, t.scheduled_payment.minor_units);
  s.BindInt(i++, t.actual_payment.minor_units);
  s.BindText(i++, t.compliance_condition);
  s.BindText(i, t.special_comment);
}

void BindCurrentFields(Statement& s, int first, const Tradeline& t) {
  int i = first;
  s.BindText(i++, internal::AccountKindCode(t.kind));
  s.BindText(i++, t.metro2_account_type);
  s.BindText(i++, std::string_view(&t.ecoa_code, 1));
  s.BindText(i++, internal::AccountStatusCode(t.status));
  internal::BindDate(s, i++, t.opened_on);
  internal::BindDate(s, i++, t.reported_on);
  BindDatesAmountsAndConditions(s, i, t);
}

constexpr const char* kTermsColumns =
    "t.id, t.tradeline_id, t.reported_on, t.account_status, t.closed_on, t.last_payment_on, "
    "t.first_delinquency_on, t.currency, t.credit_limit, t.high_credit, t.balance, t.past_due, "
    "t.scheduled_payment, t.actual_payment, t.compliance_condition, t.special_comment, "
    "t.batch_id, t.recorded_at";

Result<TradelineTerms> ReadTerms(Statement& s) {
  TradelineTerms terms;
  terms.id = s.GetInt(0);
  terms.tradeline_id = s.GetInt(1);
  terms.reported_on = internal::GetDate(s, 2);
  CREDO_ASSIGN_OR_RETURN(terms.status, internal::AccountStatusFromCode(s.GetBytes(3)));
  ReadAccountTerms(s, 4, terms);
  terms.batch_id = s.GetInt(16);
  terms.recorded_at = s.GetInt(17);
  return terms;
}

Result<std::vector<TradelineTerms>> ReadAllTerms(Statement& s) {
  std::vector<TradelineTerms> rows;
  while (true) {
    auto stepped = s.Step();
    if (!stepped.ok()) {
      s.Reset();
      return std::move(stepped).error();
    }
    if (!*stepped) break;
    auto terms = ReadTerms(s);
    if (!terms.ok()) {
      s.Reset();
      return std::move(terms).error().WithContext("tradeline_terms " + std::to_string(s.GetInt(0)));
    }
    rows.push_back(std::move(terms).value());
  }
  s.Reset();
  return rows;
}

//! The terms fields of `t`, bound from `first` in kTermsColumns order after tradeline_id:
//! reported_on .. special_comment (14 values).
void BindTermsFields(Statement& s, int first, const Tradeline& t) {
  int i = first;
  internal::BindDate(s, i++, t.reported_on);
  s.BindText(i++, internal::AccountStatusCode(t.status));
  BindDatesAmountsAndConditions(s, i, t);
}

bool SameTerms(const TradelineTerms& stored, const Tradeline& t) {
  return stored.reported_on == t.reported_on && stored.status == t.status &&
         stored.closed_on == t.closed_on && stored.last_payment_on == t.last_payment_on &&
         stored.first_delinquency_on == t.first_delinquency_on &&
         stored.balance.currency == t.balance.currency &&
         stored.credit_limit.minor_units == t.credit_limit.minor_units &&
         stored.high_credit.minor_units == t.high_credit.minor_units &&
         stored.balance.minor_units == t.balance.minor_units &&
         stored.past_due.minor_units == t.past_due.minor_units &&
         stored.scheduled_payment.minor_units == t.scheduled_payment.minor_units &&
         stored.actual_payment.minor_units == t.actual_payment.minor_units &&
         stored.compliance_condition == t.compliance_condition &&
         stored.special_comment == t.special_comment;
}

//! Appends the report's terms unless the latest stored report with the same date says exactly
//! the same (a file loaded again through another batch). Returns whether a row was added.
Result<bool> AppendTerms(internal::StoreContext& context, int64_t tradeline_id, bool exists,
                         const Tradeline& t, BatchId batch_id, int64_t now) {
  if (exists) {
    CREDO_ASSIGN_OR_RETURN(
        Statement * same,
        context.Prepare(std::string("SELECT ") + kTermsColumns +
                        " FROM tradeline_terms t WHERE t.tradeline_id = ? AND t.reported_on = ? "
                        "ORDER BY t.id DESC LIMIT 1"));
    same->BindInt(0, tradeline_id);
    internal::BindDate(*same, 1, t.reported_on);
    CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> stored, ReadAllTerms(*same));
    if (!stored.empty() && SameTerms(stored.front(), t)) return false;
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * insert,
      context.Prepare("INSERT INTO tradeline_terms (tradeline_id, reported_on, account_status, "
                      "closed_on, last_payment_on, first_delinquency_on, currency, credit_limit, "
                      "high_credit, balance, past_due, scheduled_payment, actual_payment, "
                      "compliance_condition, special_comment, batch_id, recorded_at) VALUES "
                      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert->BindInt(0, tradeline_id);
  BindTermsFields(*insert, 1, t);
  insert->BindInt(15, batch_id);
  insert->BindInt(16, now);
  CREDO_TRY(insert->Run());
  insert->Reset();
  return true;
}

// Month rows go kMonthRowsPerStatement to a statement: a new account of a Metro 2 file brings
// 24 of them, and with one statement per row more time went into SQLite's per-statement work
// (binding, stepping, resetting) than into its B-trees, where the rows are appended at the end.
constexpr size_t kMonthRowsPerStatement = 8;
constexpr int kMonthColumns = 9;

std::string MonthInsertSql(size_t rows) {
  std::string sql =
      "INSERT INTO tradeline_months (tradeline_id, subject_id, month, payment_status, balance, "
      "past_due, batch_id, reported_on, recorded_at) VALUES ";
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}

Status InsertMonths(internal::StoreContext& context, int64_t tradeline_id, SubjectId subject_id,
                    const std::vector<std::pair<Date, MonthState>>& months, BatchId batch_id,
                    Date reported_on, int64_t now) {
  static const std::string kOne = MonthInsertSql(1);
  static const std::string kMany = MonthInsertSql(kMonthRowsPerStatement);
  size_t next = 0;
  while (next < months.size()) {
    const size_t rows = months.size() - next >= kMonthRowsPerStatement ? kMonthRowsPerStatement : 1;
    CREDO_ASSIGN_OR_RETURN(Statement * insert, context.Prepare(rows == 1 ? kOne : kMany));
    insert->Reset();
    for (size_t r = 0; r < rows; ++r, ++next) {
      const auto& [month, state] = months[next];
      const int base = static_cast<int>(r) * kMonthColumns;
      insert->BindInt(base, tradeline_id);
      insert->BindInt(base + 1, subject_id);
      internal::BindDate(*insert, base + 2, month);
      const char code = static_cast<char>(state.status);
      insert->BindText(base + 3, std::string_view(&code, 1));
      internal::BindOptionalInt(*insert, base + 4, state.balance);
      internal::BindOptionalInt(*insert, base + 5, state.past_due);
      insert->BindInt(base + 6, batch_id);
      internal::BindDate(*insert, base + 7, reported_on);
      insert->BindInt(base + 8, now);
    }
    CREDO_TRY(insert->Run());
    insert->Reset();
  }
  return Ok();
}

//! The 84-month latest-known profile from the months table, most recent first.
PaymentHistory HistoryFrom(const std::map<int32_t, MonthState>& months, Date as_of) {
  PaymentHistory history;
  history.as_of = as_of;
  Date month = FirstOfMonth(as_of);
  Date earliest = months.empty() ? month : Date::FromDays(months.begin()->first);
  for (size_t i = 0; i < PaymentHistory::kMaxMonths && month >= earliest; ++i) {
    auto found = months.find(month.days_since_epoch());
    history.months.push_back(found == months.end() ? PaymentStatus::kNoData : found->second.status);
    month = month.AddMonths(-1);
  }
  while (!history.months.empty() && history.months.back() == PaymentStatus::kNoData) {
    history.months.pop_back();
  }
  return history;
}

//! The blind index of a tradeline's key within its furnisher (tradelines.account_index): of the
//! account number for the account's own consumer, of "party <party> / <number>" for a copy kept
//! for an associated consumer (the text such a copy held as its number before store schema 6, so
//! those copies are found under their key).
std::string AccountIndex(internal::StoreContext& context, const TradelineKey& key) {
  std::string normalised =
      NormalizeIdentifierForIndex(IdentifierKind::kAccountNumber,
                                  key.party.empty() ? key.account_number : PartyAccountText(key));
  return context.keys().BlindIndex(kAccountIndexKind, normalised);
}

//! Metro 2 L1: the account reported under `t.previous_key` until now is reported under `t.key`
//! from this report on. When no tradeline holds `t.key` and one holds the previous key, that one
//! takes the new key (its id, months and terms stay as they are: its history continues) and
//! "tradeline.rekey" is audited, naming the batch but never an account number. Nothing changes
//! when the new key is already held (the change was applied before) or the previous key is not.
Status ContinueUnderNewKey(internal::StoreContext& context, const Tradeline& t,
                           const std::string& account_index, BatchId batch_id) {
  const TradelineKey& previous = *t.previous_key;
  CREDO_ASSIGN_OR_RETURN(
      Statement * find,
      context.Prepare("SELECT id, subject_id FROM tradelines WHERE furnisher = ? AND "
                      "account_index = ?"));
  find->BindText(0, t.key.furnisher);
  find->BindBlob(1, account_index);
  CREDO_ASSIGN_OR_RETURN(bool new_key_held, find->Step());
  find->Reset();
  if (new_key_held) return Ok();
  find->BindText(0, previous.furnisher);
  find->BindBlob(1, AccountIndex(context, previous));
  CREDO_ASSIGN_OR_RETURN(bool previous_key_held, find->Step());
  const int64_t id = previous_key_held ? find->GetInt(0) : 0;
  const SubjectId subject_id = previous_key_held ? find->GetInt(1) : 0;
  find->Reset();
  if (!previous_key_held) return Ok();

  std::string sealed;
  CREDO_TRY(context.Seal(kAccountColumn, t.key.account_number, sealed));
  CREDO_ASSIGN_OR_RETURN(
      Statement * update,
      context.Prepare("UPDATE tradelines SET furnisher = ?, account_index = ?, key_id = ?, "
                      "account_number = ?, party = ?, updated_at = ? WHERE id = ?"));
  update->BindText(0, t.key.furnisher);
  update->BindBlob(1, account_index);
  update->BindInt(2, context.keys().active_key_id());
  update->BindBlob(3, sealed);
  update->BindText(4, t.key.party);
  update->BindInt(5, context.Now());
  update->BindInt(6, id);
  CREDO_TRY(update->Run());
  update->Reset();

  AuditEntry entry;
  entry.action = "tradeline.rekey";
  entry.entity = "tradelines";
  entry.entity_id = id;
  entry.subject_id = subject_id;
  std::string changed;
  if (previous.account_number != t.key.account_number) changed = "account number";
  if (previous.furnisher != t.key.furnisher) {
    if (!changed.empty()) changed += " and ";
    changed += "identification number (furnisher " + previous.furnisher + " -> " +
               t.key.furnisher + ")";
  }
  entry.detail = "the account is reported under a new " + changed + " from the report of " +
                 t.reported_on.ToIso() + " in batch " + std::to_string(batch_id) +
                 "; its history continues";
  CREDO_TRY(internal::AppendAuditEntry(context, entry));
  return Ok();
}

}  // namespace

Result<int64_t> Transaction::UpsertTradeline(const Tradeline& t, BatchId batch_id) {
  CREDO_TRY(RequireWritable());
  if (t.key.furnisher.empty() || t.key.account_number.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "a tradeline needs a furnisher and an account number");
  }
  if (t.subject_id <= 0) {
    return MakeError(ErrorCode::kInvalidArgument, "a tradeline needs its subject id",
                     "tradeline " + t.key.furnisher);
  }
  std::string account_index = AccountIndex(context_, t.key);
  if (t.previous_key && *t.previous_key != t.key) {
    CREDO_TRY(ContinueUnderNewKey(context_, t, account_index, batch_id));
  }
  CREDO_ASSIGN_OR_RETURN(
      Statement * find,
      context_.Prepare("SELECT id, reported_on, subject_id, party FROM tradelines WHERE "
                       "furnisher = ? AND account_index = ?"));
  find->BindText(0, t.key.furnisher);
  find->BindBlob(1, account_index);
  CREDO_ASSIGN_OR_RETURN(bool exists, find->Step());
  int64_t id = exists ? find->GetInt(0) : 0;
  Date stored_reported = exists ? internal::GetDate(*find, 1) : Date();
  const SubjectId stored_subject = exists ? find->GetInt(2) : 0;
  // A copy written before store schema 6 holds its party in the account number: its row gets
  // the number and the party apart (same blind index, so nothing else changes).
  const bool legacy_party = exists && !t.key.party.empty() && internal::GetString(*find, 3).empty();
  find->Reset();
  if (legacy_party) {
    std::string sealed_number;
    CREDO_TRY(context_.Seal(kAccountColumn, t.key.account_number, sealed_number));
    CREDO_ASSIGN_OR_RETURN(
        Statement * split,
        context_.Prepare("UPDATE tradelines SET key_id = ?, account_number = ?, party = ? "
                         "WHERE id = ?"));
    split->BindInt(0, context_.keys().active_key_id());
    split->BindBlob(1, sealed_number);
    split->BindText(2, t.key.party);
    split->BindInt(3, id);
    CREDO_TRY(split->Run());
    split->Reset();
  }
  int64_t now = context_.Now();
  bool replace_current = !exists || t.reported_on >= stored_reported;

  // As-reported months: append each month whose status (or, for the reported month, balance)
  // differs from what the bureau knew for that month. Decided before any write, so that a new
  // tradeline's row is inserted with its profile instead of being updated at once.
  std::map<int32_t, MonthState> known;
  if (exists) {
    CREDO_ASSIGN_OR_RETURN(known, LatestMonths(context_, id, std::nullopt));
  }
  std::vector<std::pair<Date, MonthState>> added;
  Date month = FirstOfMonth(t.history.months.empty() ? t.reported_on : t.history.as_of);
  size_t count = std::max<size_t>(t.history.months.size(), 1);
  for (size_t i = 0; i < count && i < PaymentHistory::kMaxMonths; ++i, month = month.AddMonths(-1)) {
    MonthState state;
    state.status = t.history.months.empty() ? PaymentStatus::kNoData : t.history.months[i];
    state.reported_on = t.reported_on;
    if (i == 0) {
      state.balance = t.balance.minor_units;
      state.past_due = t.past_due.minor_units;
    }
    auto found = known.find(month.days_since_epoch());
    if (found != known.end() && found->second.status == state.status &&
        (i != 0 || (found->second.balance == state.balance &&
                    found->second.past_due == state.past_due))) {
      continue;
    }
    if (found == known.end() && state.status == PaymentStatus::kNoData && i != 0) continue;
    added.emplace_back(month, state);
    // The profile follows ListTradelineMonths: per month, the row of the latest report wins (ties:
    // the one stored last, this one). A late-loaded older report adds its months as reported, but
    // does not displace what a later report already said of them.
    if (found == known.end() || t.reported_on >= found->second.reported_on) {
      known[month.days_since_epoch()] = state;
    }
  }
  // The current profile is the latest known status per month, up to 84 months.
  Date as_of = replace_current ? (t.history.months.empty() ? t.reported_on : t.history.as_of)
                               : stored_reported;
  if (!replace_current) {
    CREDO_ASSIGN_OR_RETURN(Statement * as_of_query,
                           context_.Prepare("SELECT history_as_of FROM tradelines WHERE id = ?"));
    as_of_query->BindInt(0, id);
    CREDO_ASSIGN_OR_RETURN(bool row, as_of_query->Step());
    if (row) as_of = internal::GetDate(*as_of_query, 0);
    as_of_query->Reset();
  }
  const PaymentHistory profile = HistoryFrom(known, as_of);

  std::string sealed;
  if (!exists) {
    CREDO_TRY(context_.Seal(kAccountColumn, t.key.account_number, sealed));
    CREDO_ASSIGN_OR_RETURN(
        Statement * insert,
        context_.Prepare(
            "INSERT INTO tradelines (subject_id, furnisher, account_index, key_id, account_number, "
            "account_kind, metro2_account_type, ecoa_code, account_status, opened_on, reported_on, "
            "closed_on, last_payment_on, first_delinquency_on, currency, credit_limit, high_credit, "
            "balance, past_due, scheduled_payment, actual_payment, compliance_condition, "
            "special_comment, history_as_of, history_codes, last_batch_id, updated_at, party) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?) RETURNING id"));
    insert->BindInt(0, t.subject_id);
    insert->BindText(1, t.key.furnisher);
    insert->BindBlob(2, account_index);
    insert->BindInt(3, context_.keys().active_key_id());
    insert->BindBlob(4, sealed);
    BindCurrentFields(*insert, 5, t);
    internal::BindDate(*insert, 23, profile.as_of);
    insert->BindText(24, profile.ToCodes());
    insert->BindInt(25, batch_id);
    insert->BindInt(26, now);
    insert->BindText(27, t.key.party);
    CREDO_ASSIGN_OR_RETURN(id, internal::RunReturningId(*insert));
  } else if (replace_current) {
    CREDO_ASSIGN_OR_RETURN(
        Statement * update,
        context_.Prepare(
            "UPDATE tradelines SET account_kind = ?, metro2_account_type = ?, ecoa_code = ?, "
            "account_status = ?, opened_on = ?, reported_on = ?, closed_on = ?, last_payment_on = ?, "
            "first_delinquency_on = ?, currency = ?, credit_limit = ?, high_credit = ?, balance = ?, "
            "past_due = ?, scheduled_payment = ?, actual_payment = ?, compliance_condition = ?, "
            "special_comment = ?, subject_id = ?, last_batch_id = ?, updated_at = ? WHERE id = ?"));
    BindCurrentFields(*update, 0, t);
    update->BindInt(18, t.subject_id);
    update->BindInt(19, batch_id);
    update->BindInt(20, now);
    update->BindInt(21, id);
    CREDO_TRY(update->Run());
    update->Reset();
    if (t.subject_id != stored_subject) {
      // The account's months carry its subject (merges find them through the account).
      CREDO_ASSIGN_OR_RETURN(
          Statement * months,
          context_.Prepare("UPDATE tradeline_months SET subject_id = ? WHERE tradeline_id = ?"));
      months->BindInt(0, t.subject_id);
      months->BindInt(1, id);
      CREDO_TRY(months->Run());
      months->Reset();
    }
  }

  // The account's subject: an older report keeps the current fields, its subject among them.
  const SubjectId account_subject = replace_current ? t.subject_id : stored_subject;
  CREDO_TRY(InsertMonths(context_, id, account_subject, added, batch_id, t.reported_on, now));
  const int64_t months_added = static_cast<int64_t>(added.size());
  CREDO_ASSIGN_OR_RETURN(bool terms_added, AppendTerms(context_, id, exists, t, batch_id, now));
  if (exists) {
    CREDO_ASSIGN_OR_RETURN(
        Statement * history_update,
        context_.Prepare("UPDATE tradelines SET history_as_of = ?, history_codes = ? WHERE id = ?"));
    internal::BindDate(*history_update, 0, profile.as_of);
    history_update->BindText(1, profile.ToCodes());
    history_update->BindInt(2, id);
    CREDO_TRY(history_update->Run());
    history_update->Reset();
  }

  AuditEntry entry;
  entry.action = exists ? "tradeline.update" : "tradeline.insert";
  entry.entity = "tradelines";
  entry.entity_id = id;
  entry.subject_id = t.subject_id;
  entry.detail = "furnisher=" + t.key.furnisher + " status=" +
                 std::string(internal::AccountStatusCode(t.status)) +
                 " balance=" + std::to_string(t.balance.minor_units) +
                 " past_due=" + std::to_string(t.past_due.minor_units) +
                 " reported_on=" + t.reported_on.ToIso() + " batch=" + std::to_string(batch_id) +
                 " months_added=" + std::to_string(months_added) +
                 " terms_added=" + std::to_string(terms_added ? 1 : 0) +
                 (replace_current ? "" : " (older report: current fields kept)");
  CREDO_TRY(internal::AppendAuditEntry(context_, entry));
  return id;
}

Result<TradelineRow> Transaction::GetTradeline(int64_t id) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context_.Prepare(std::string("SELECT ") + kTradelineColumns +
                                          " FROM tradelines WHERE id = ?"));
  statement->BindInt(0, id);
  CREDO_ASSIGN_OR_RETURN(auto rows, ReadTradelines(context_, *statement));
  if (rows.empty()) return MakeError(ErrorCode::kNotFound, "no tradeline " + std::to_string(id));
  return std::move(rows.front());
}

Result<std::optional<TradelineRow>> Transaction::FindTradeline(const TradelineKey& key) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context_.Prepare(std::string("SELECT ") + kTradelineColumns +
                                          " FROM tradelines WHERE furnisher = ? AND account_index = ?"));
  statement->BindText(0, key.furnisher);
  statement->BindBlob(1, AccountIndex(context_, key));
  CREDO_ASSIGN_OR_RETURN(auto rows, ReadTradelines(context_, *statement));
  if (rows.empty()) return std::optional<TradelineRow>();
  return std::optional<TradelineRow>(std::move(rows.front()));
}

Result<std::vector<TradelineRow>> Transaction::ListTradelines(SubjectId subject_id) {
  if (read_only_) {
    if (const auto* kept = context_.read_memo.Tradelines(subject_id)) return *kept;
  }
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(Statement * statement,
                         context_.Prepare(std::string("SELECT ") + kTradelineColumns +
                                          " FROM tradelines WHERE subject_id = ? ORDER BY id"));
  statement->BindInt(0, surviving);
  CREDO_ASSIGN_OR_RETURN(auto rows, ReadTradelines(context_, *statement));
  if (read_only_) context_.read_memo.KeepTradelines(subject_id, rows);
  return rows;
}

Result<std::vector<TradelineMonth>> Transaction::ListTradelineMonths(int64_t tradeline_id,
                                                                     std::optional<Date> known_on) {
  const int32_t memo_key = internal::ReadMemo::Key(known_on);
  if (read_only_) {
    if (const auto* kept = context_.read_memo.Months(tradeline_id, memo_key)) return *kept;
  }
  Statement* statement = nullptr;
  if (known_on) {
    CREDO_ASSIGN_OR_RETURN(
        statement,
        context_.Prepare("SELECT tradeline_id, subject_id, month, payment_status, balance, "
                         "past_due, batch_id, reported_on FROM tradeline_months WHERE "
                         "tradeline_id = ? AND reported_on <= ? ORDER BY month, reported_on, id"));
    statement->BindInt(0, tradeline_id);
    statement->BindInt(1, known_on->days_since_epoch());
  } else {
    CREDO_ASSIGN_OR_RETURN(
        statement,
        context_.Prepare("SELECT tradeline_id, subject_id, month, payment_status, balance, "
                         "past_due, batch_id, reported_on FROM tradeline_months WHERE "
                         "tradeline_id = ? ORDER BY month, reported_on, id"));
    statement->BindInt(0, tradeline_id);
  }
  std::vector<TradelineMonth> months;
  while (true) {
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    if (!row) break;
    TradelineMonth m;
    m.tradeline_id = statement->GetInt(0);
    m.subject_id = statement->GetInt(1);
    m.month = internal::GetDate(*statement, 2);
    std::string_view code = statement->GetBytes(3);
    m.payment_status = ParsePaymentStatus(code.empty() ? 'D' : code[0]).value_or(PaymentStatus::kNoData);
    m.balance = internal::GetOptionalInt(*statement, 4);
    m.past_due = internal::GetOptionalInt(*statement, 5);
    m.batch_id = statement->GetInt(6);
    m.reported_on = internal::GetDate(*statement, 7);
    // Rows are ordered by month then report: the last row of a month is the latest knowledge.
    if (!months.empty() && months.back().month == m.month) {
      months.back() = std::move(m);
    } else {
      months.push_back(std::move(m));
    }
  }
  statement->Reset();
  if (read_only_) context_.read_memo.KeepMonths(tradeline_id, memo_key, months);
  return months;
}

Result<std::vector<TradelineTerms>> Transaction::ListTradelineTerms(int64_t tradeline_id,
                                                                    std::optional<Date> known_on) {
  Statement* statement = nullptr;
  if (known_on) {
    CREDO_ASSIGN_OR_RETURN(
        statement, context_.Prepare(std::string("SELECT ") + kTermsColumns +
                                    " FROM tradeline_terms t WHERE t.tradeline_id = ? AND "
                                    "t.reported_on <= ? ORDER BY t.reported_on, t.id"));
    statement->BindInt(0, tradeline_id);
    internal::BindDate(*statement, 1, *known_on);
  } else {
    CREDO_ASSIGN_OR_RETURN(
        statement, context_.Prepare(std::string("SELECT ") + kTermsColumns +
                                    " FROM tradeline_terms t WHERE t.tradeline_id = ? "
                                    "ORDER BY t.reported_on, t.id"));
    statement->BindInt(0, tradeline_id);
  }
  return ReadAllTerms(*statement);
}

Result<std::optional<TradelineTerms>> Transaction::TradelineTermsKnownOn(int64_t tradeline_id,
                                                                         Date known_on) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context_.Prepare(std::string("SELECT ") + kTermsColumns +
                       " FROM tradeline_terms t WHERE t.tradeline_id = ? AND t.reported_on <= ? "
                       "ORDER BY t.reported_on DESC, t.id DESC LIMIT 1"));
  statement->BindInt(0, tradeline_id);
  internal::BindDate(*statement, 1, known_on);
  CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> rows, ReadAllTerms(*statement));
  if (rows.empty()) return std::optional<TradelineTerms>();
  return std::optional<TradelineTerms>(std::move(rows.front()));
}

Result<std::vector<TradelineTerms>> Transaction::ListSubjectTradelineTerms(
    SubjectId subject_id, std::optional<Date> known_on) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, ResolveSubjectId(subject_id));
  Statement* statement = nullptr;
  if (known_on) {
    CREDO_ASSIGN_OR_RETURN(
        statement,
        context_.Prepare(std::string("SELECT ") + kTermsColumns +
                         " FROM tradeline_terms t JOIN tradelines l ON l.id = t.tradeline_id "
                         "WHERE l.subject_id = ? AND t.reported_on <= ? "
                         "ORDER BY t.tradeline_id, t.reported_on, t.id"));
    statement->BindInt(0, surviving);
    internal::BindDate(*statement, 1, *known_on);
  } else {
    CREDO_ASSIGN_OR_RETURN(
        statement,
        context_.Prepare(std::string("SELECT ") + kTermsColumns +
                         " FROM tradeline_terms t JOIN tradelines l ON l.id = t.tradeline_id "
                         "WHERE l.subject_id = ? ORDER BY t.tradeline_id, t.reported_on, t.id"));
    statement->BindInt(0, surviving);
  }
  return ReadAllTerms(*statement);
}

}  // namespace credo
