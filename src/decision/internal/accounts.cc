#include "decision/internal/accounts.h"

namespace credo::decision::internal {

namespace {

bool IsTerminalMonth(PaymentStatus status) {
  switch (status) {
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

bool IsDelinquentMonth(PaymentStatus status) {
  const int severity = PaymentStatusSeverity(status);
  return severity >= 1;
}

}  // namespace

bool IsClosingStatus(AccountStatus status) { return ClosesAccount(status); }

std::vector<AccountState> AccountStates(const features::CreditFile& file) {
  std::vector<AccountState> states;
  const Date as_of = file.as_of;
  const Date window_start = as_of.AddMonths(-12);
  for (const features::TradelineAsOf& known : file.tradelines) {
    const Tradeline& t = known.row.tradeline;
    if (t.opened_on > as_of) continue;
    const bool terms_known = t.reported_on <= as_of;
    if (terms_known &&
        (t.status == AccountStatus::kDeleteAccount || t.status == AccountStatus::kDeleteFraud)) {
      continue;
    }
    AccountState state;
    state.tradeline_id = known.row.id;
    state.furnisher = t.key.furnisher;
    state.kind = t.kind;
    state.currency = std::string(t.balance.currency.code());
    state.opened_on = t.opened_on;
    bool have_balance = false;
    bool terminal = false;
    for (auto it = known.months.rbegin(); it != known.months.rend(); ++it) {
      if (!have_balance && it->balance) {
        state.balance = *it->balance;
        have_balance = true;
      }
    }
    if (!known.months.empty()) terminal = IsTerminalMonth(known.months.back().payment_status);
    for (const TradelineMonth& month : known.months) {
      if (month.month > window_start && month.month <= as_of &&
          IsDelinquentMonth(month.payment_status)) {
        ++state.delinquent_months_12m;
      }
    }
    if (terms_known) {
      if (!have_balance) state.balance = t.balance.minor_units;
      state.credit_limit = t.credit_limit.minor_units > 0 ? t.credit_limit.minor_units
                                                          : t.high_credit.minor_units;
    }
    const bool closed_by_terms =
        terms_known && ((t.closed_on && *t.closed_on <= as_of) || IsClosingStatus(t.status));
    state.open = !closed_by_terms && !terminal && t.kind != AccountKind::kCollection;
    if (!state.open && closed_by_terms && t.status != AccountStatus::kChargeOff &&
        t.status != AccountStatus::kCollection) {
      state.balance = 0;  // paid and closed
    }
    states.push_back(std::move(state));
  }
  return states;
}

}  // namespace credo::decision::internal
