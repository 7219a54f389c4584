// credo features (internal): one tradeline reduced to what was known on as_of, in the shape
// the attribute computations need (statuses by month offset, amounts, open/closed).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/date.h"
#include "core/tradeline.h"
#include "features/credit_file.h"

namespace credo::features::internal {

//! Months of history the views keep (the store keeps 84).
inline constexpr int kViewMonths = 84;

//! First day of date's month.
Date FirstOfMonth(Date date);
//! year * 12 + (month - 1): a month number that subtracts (one cheap civil conversion).
int MonthIndex(Date date);
//! Whole calendar months from `earlier_month` to `later_month` (both month-granular).
int CalendarMonthsBetween(Date earlier_month, Date later_month);
//! True when `date` lies in (as_of - months, as_of]: the window rule for dated events.
bool InMonthsWindow(Date date, Date as_of, int months);

struct AccountView {
  int64_t tradeline_id = 0;
  AccountKind kind = AccountKind::kOther;
  char ecoa_code = '1';
  Date opened_on;
  Currency currency;
  bool terms_known = false;  //!< a report dated on or before as_of gave the terms (row)
  bool open = false;
  bool revolving = false;    //!< kRevolving or kLineOfCredit
  bool collection = false;   //!< a collection account, or a collection status in its history
  std::optional<int64_t> balance;   //!< latest known balance (minor units)
  std::optional<int64_t> past_due;  //!< latest known past-due amount
  std::optional<int64_t> credit_limit;       //!< terms known and > 0
  std::optional<int64_t> high_credit;        //!< terms known and > 0
  std::optional<int64_t> scheduled_payment;  //!< terms known
  std::optional<int64_t> actual_payment;     //!< terms known
  //! statuses[k]: status of the month k months before as_of's month (kNoData when unknown).
  std::array<PaymentStatus, kViewMonths> statuses;
  int latest_known_offset = -1;  //!< smallest k with a known month, -1 when none
  //! Worst severity (PaymentStatusSeverity) in months [0, n) for n = 1..kViewMonths.
  int WorstSeverity(int months) const;
};

//! The view of `tradeline` as of `as_of`, or nullopt when it was not known then or had been
//! deleted by its furnisher (account status DA/DF in a report known on as_of).
std::optional<AccountView> MakeAccountView(const TradelineAsOf& tradeline, Date as_of);

//! Views of every known tradeline, in file order.
std::vector<AccountView> MakeAccountViews(const CreditFile& file);

//! The currency most tradelines are in (ties: the first tradeline's); XXX when there are none.
Currency MainCurrency(std::span<const AccountView> accounts);

}  // namespace credo::features::internal
