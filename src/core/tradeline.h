// credo core: tradelines (credit accounts as a furnisher reports them) and payment history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/subject.h"

namespace credo {

//! One month's payment status, as in Metro 2 field 18 and the CRC grid.
enum class PaymentStatus : char {
  kCurrent = '0',        //!< 0 payments past due (current)
  kPastDue30 = '1',      //!< 30-59 days past due
  kPastDue60 = '2',      //!< 60-89
  kPastDue90 = '3',      //!< 90-119
  kPastDue120 = '4',     //!< 120-149
  kPastDue150 = '5',     //!< 150-179
  kPastDue180 = '6',     //!< 180 or more
  kNoHistory = 'B',      //!< no payment history before this month
  kNoData = 'D',         //!< no payment history reported this month
  kZeroBalance = 'E',    //!< zero balance and current
  kCollection = 'G',     //!< collection
  kForeclosure = 'H',    //!< foreclosure completed
  kVoluntarySurrender = 'J',
  kRepossession = 'K',
  kChargeOff = 'L',
};

//! Worst-first severity 0 (current) .. 9 (charge-off); for "worst status" attributes.
int PaymentStatusSeverity(PaymentStatus status);
//! Parses one Metro 2 payment-history character.
Result<PaymentStatus> ParsePaymentStatus(char code);

//! Monthly statuses, most recent first, as reported for `as_of` (the month of account info).
//! Metro 2 carries 24 months; the bureau keeps up to 84 by appending monthly reports.
struct PaymentHistory {
  Date as_of;
  std::vector<PaymentStatus> months;  //!< months[0] is the month of as_of
  static constexpr size_t kMetro2Months = 24;
  static constexpr size_t kMaxMonths = 84;
  //! "0001112..." most recent first; empty string for no history.
  std::string ToCodes() const;
  static Result<PaymentHistory> FromCodes(Date as_of, std::string_view codes);
};

enum class AccountKind {
  kRevolving,     //!< credit card, line of credit
  kInstallment,   //!< personal loan, auto loan
  kMortgage,
  kOpen,          //!< charge card, utilities
  kLineOfCredit,
  kCollection,
  kOther,
};

//! Metro 2 account status (field 17A) plus the deletion codes DA/DF.
enum class AccountStatus {
  kCurrent,        //!< 11
  kClosedPaid,     //!< 13
  kPastDue30,      //!< 71
  kPastDue60,      //!< 78
  kPastDue90,      //!< 80
  kPastDue120,     //!< 82
  kPastDue150,     //!< 83
  kPastDue180,     //!< 84
  kTransferred,    //!< 05
  kPaidClosedZero, //!< 61-65 paid in full after collection/charge-off etc.
  kCollection,     //!< 93
  kForeclosure,    //!< 94
  kVoluntarySurrender,  //!< 95
  kRepossession,   //!< 96
  kChargeOff,      //!< 97
  kDeleteAccount,  //!< DA
  kDeleteFraud,    //!< DF
  kUnknown,
};

Result<AccountStatus> ParseMetro2AccountStatus(std::string_view code);
std::string_view Metro2AccountStatusCode(AccountStatus status);
//! True for the statuses that are negative information (delinquent, collection, charge-off ...).
bool IsNegativeStatus(AccountStatus status);

//! Identity of a tradeline: (furnisher, account number).
struct TradelineKey {
  std::string furnisher;
  std::string account_number;
  bool operator==(const TradelineKey&) const = default;
};

struct Tradeline {
  TradelineKey key;
  SubjectId subject_id = 0;
  AccountKind kind = AccountKind::kOther;
  std::string metro2_account_type;   //!< e.g. "18" credit card, "00" auto
  char ecoa_code = '1';              //!< 1 individual, 2 joint, 3 authorised user, ...
  AccountStatus status = AccountStatus::kUnknown;
  Date opened_on;
  Date reported_on;                  //!< date of account information
  std::optional<Date> closed_on;
  std::optional<Date> last_payment_on;
  std::optional<Date> first_delinquency_on;  //!< DOFD (FCRA 605(c) clock)
  Money credit_limit;
  Money high_credit;
  Money balance;
  Money past_due;
  Money scheduled_payment;
  Money actual_payment;
  std::string compliance_condition;  //!< XB, XC, XH ...
  std::string special_comment;
  PaymentHistory history;
};

}  // namespace credo
