#include "features/internal/account_view.h"

#include <algorithm>
#include <climits>
#include <utility>

namespace credo::features::internal {

Date FirstOfMonth(Date date) { return date.AddDays(1 - date.day()); }

int MonthIndex(Date date) {
  // Days to civil year and month (H. Hinnant's civil_from_days), without the day.
  const int64_t z = static_cast<int64_t>(date.days_since_epoch()) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return static_cast<int>(year * 12 + month - 1);
}

int CalendarMonthsBetween(Date earlier_month, Date later_month) {
  return MonthIndex(later_month) - MonthIndex(earlier_month);
}

bool InMonthsWindow(Date date, Date as_of, int months) {
  return date <= as_of && date > as_of.AddMonths(-months);
}

int AccountView::WorstSeverity(int months) const {
  int worst = 0;
  int limit = std::min(months, kViewMonths);
  for (int k = std::max(latest_known_offset, 0); k < limit; ++k) {
    worst = std::max(worst, PaymentStatusSeverity(statuses[k]));
  }
  return worst;
}

namespace {

bool IsTerminalStatus(PaymentStatus status) {
  switch (status) {
    case PaymentStatus::kCollection:
    case PaymentStatus::kForeclosure:
    case PaymentStatus::kVoluntarySurrender:
    case PaymentStatus::kRepossession:
    case PaymentStatus::kChargeOff: return true;
    default: return false;
  }
}

// Closed, paid (13, 61-65), transferred, or ended by a derogatory event (93-97, 88, 89): core's
// one definition.
bool IsClosedAccountStatus(AccountStatus status) { return ClosesAccount(status); }

std::optional<int64_t> Positive(const Money& money) {
  if (money.minor_units > 0) return money.minor_units;
  return std::nullopt;
}

}  // namespace

std::optional<AccountView> MakeAccountView(const TradelineAsOf& tradeline, Date as_of) {
  const Tradeline& t = tradeline.row.tradeline;
  AccountView view;
  view.tradeline_id = tradeline.row.id;
  view.kind = t.kind;
  view.ecoa_code = t.ecoa_code;
  view.opened_on = t.opened_on;
  view.currency = t.balance.currency;
  view.terms_known = t.reported_on <= as_of;
  view.statuses.fill(PaymentStatus::kNoData);
  if (t.opened_on > as_of) return std::nullopt;
  if (view.terms_known &&
      (t.status == AccountStatus::kDeleteAccount || t.status == AccountStatus::kDeleteFraud)) {
    return std::nullopt;
  }

  const int as_of_month = MonthIndex(as_of);
  bool any_month = false;
  // Months come oldest first and are usually consecutive first days of months: step from the
  // previous one instead of converting every date (the conversion dominated the profile).
  Date previous_first = Date::FromDays(INT32_MIN);
  int previous_index = 0;
  for (const TradelineMonth& month : tradeline.months) {
    if (month.reported_on > as_of) continue;
    int index;
    if (month.month == previous_first) {
      index = previous_index;
    } else if (previous_first.days_since_epoch() != INT32_MIN &&
               month.month.days_since_epoch() ==
                   previous_first.days_since_epoch() +
                       Date::DaysInMonth(previous_index / 12, previous_index % 12 + 1)) {
      index = previous_index + 1;
      previous_first = month.month;
      previous_index = index;
    } else {
      index = MonthIndex(month.month);
      if (FirstOfMonth(month.month) == month.month) {
        previous_first = month.month;
        previous_index = index;
      } else {
        previous_first = Date::FromDays(INT32_MIN);
      }
    }
    const int k = as_of_month - index;
    if (k < 0) continue;
    any_month = true;
    if (month.balance) view.balance = month.balance;
    if (month.past_due) view.past_due = month.past_due;
    if (k >= kViewMonths) continue;
    view.statuses[k] = month.payment_status;
  }
  if (!any_month && !view.terms_known) return std::nullopt;
  for (int k = 0; k < kViewMonths; ++k) {
    if (view.statuses[k] != PaymentStatus::kNoData) {
      view.latest_known_offset = k;
      break;
    }
  }

  if (view.terms_known) {
    if (!view.balance) view.balance = t.balance.minor_units;
    if (!view.past_due) view.past_due = t.past_due.minor_units;
    view.credit_limit = Positive(t.credit_limit);
    view.high_credit = Positive(t.high_credit);
    view.scheduled_payment = t.scheduled_payment.minor_units;
    view.actual_payment = t.actual_payment.minor_units;
  }

  view.revolving = t.kind == AccountKind::kRevolving || t.kind == AccountKind::kLineOfCredit;
  bool collection_in_history = false;
  for (const TradelineMonth& month : tradeline.months) {
    collection_in_history |= month.reported_on <= as_of &&
                             month.payment_status == PaymentStatus::kCollection;
  }
  view.collection = t.kind == AccountKind::kCollection || collection_in_history ||
                    (view.terms_known && t.status == AccountStatus::kCollection);
  bool closed_by_terms = view.terms_known && ((t.closed_on && *t.closed_on <= as_of) ||
                                              IsClosedAccountStatus(t.status));
  bool terminal = view.latest_known_offset >= 0 &&
                  IsTerminalStatus(view.statuses[view.latest_known_offset]);
  view.open = !closed_by_terms && !terminal && t.kind != AccountKind::kCollection;
  return view;
}

std::vector<AccountView> MakeAccountViews(const CreditFile& file) {
  std::vector<AccountView> views;
  views.reserve(file.tradelines.size());
  for (const TradelineAsOf& tradeline : file.tradelines) {
    if (auto view = MakeAccountView(tradeline, file.as_of)) views.push_back(std::move(*view));
  }
  return views;
}

Currency MainCurrency(std::span<const AccountView> accounts) {
  Currency best;
  int best_count = 0;
  for (size_t i = 0; i < accounts.size(); ++i) {
    int count = 0;
    for (const AccountView& other : accounts) count += other.currency == accounts[i].currency;
    if (count > best_count) {
      best = accounts[i].currency;
      best_count = count;
    }
  }
  return best;
}

}  // namespace credo::features::internal
