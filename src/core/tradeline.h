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

//! Metro 2 account status (field 17A) plus the deletion codes DA/DF. Each Metro 2 code has its
//! own value, so that a status is stored and read back as the code the furnisher sent (meanings:
//! docs/metro2/account_status.md). The declaration order is not a severity order (see
//! Metro2StatusSeverity), except that kPastDue30..kPastDue180 are consecutive.
enum class AccountStatus {
  kCurrent,        //!< 11 current account (0-29 days past the due date)
  kClosedPaid,     //!< 13 paid or closed account, zero balance
  kPastDue30,      //!< 71 30-59 days past the due date
  kPastDue60,      //!< 78 60-89
  kPastDue90,      //!< 80 90-119
  kPastDue120,     //!< 82 120-149
  kPastDue150,     //!< 83 150-179
  kPastDue180,     //!< 84 180 days or more
  kTransferred,    //!< 05 account transferred (to another office or furnisher)
  //! 61-65 as stored before each of them had its own value (store code "paid_closed_zero"):
  //! paid in full after a derogatory event, which one unknown. Parsing never yields it, and it
  //! has no single Metro 2 code (Metro2AccountStatusCode gives "").
  kPaidClosedZero,
  kPaidVoluntarySurrender,  //!< 61 paid in full, was a voluntary surrender
  kPaidCollection,          //!< 62 paid in full, was a collection account
  kPaidRepossession,        //!< 63 paid in full, was a repossession
  kPaidChargeOff,           //!< 64 paid in full, was a charge-off
  kPaidForeclosureStarted,  //!< 65 paid in full, a foreclosure was started
  kCollection,     //!< 93 assigned to internal or external collections
  kForeclosure,    //!< 94 foreclosure completed
  kVoluntarySurrender,  //!< 95 voluntary surrender
  kRepossession,   //!< 96 merchandise repossessed
  kChargeOff,      //!< 97 unpaid balance charged off (profit and loss write-off)
  //! 88 claim filed with the government for the insured portion of the balance of a defaulted
  //! loan (FHA, VA, guaranteed student loans)
  kGovernmentClaimFiled,
  kDeedInLieu,     //!< 89 deed received in lieu of foreclosure on a defaulted mortgage
  kDeleteAccount,  //!< DA delete the account (not fraud)
  kDeleteFraud,    //!< DF delete the account: confirmed fraud
  kUnknown,        //!< a status that could not be read
};

//! The status of a Metro 2 code ("11", "62", "88", "DA" ...); kInvalidArgument for any other text.
Result<AccountStatus> ParseMetro2AccountStatus(std::string_view code);
//! The Metro 2 code of a status; "" for kPaidClosedZero and kUnknown, which have none.
std::string_view Metro2AccountStatusCode(AccountStatus status);
//! True for the statuses that say the account is in a negative state now: past due (71-84),
//! collection (93), foreclosure (94), voluntary surrender (95), repossession (96), charge-off
//! (97), government claim on a defaulted loan (88), deed in lieu of foreclosure (89). A
//! derogatory event paid in full (61-65, and the legacy kPaidClosedZero) is not: the negative
//! event ended with the payment (retention counts from it), and its derogatory months stay in
//! the payment history; Metro2StatusSeverity still ranks it by the event.
bool IsNegativeStatus(AccountStatus status);
//! Worst-first severity of an account status on the scale of PaymentStatusSeverity (for "worst
//! status" classifications): 0 not derogatory (11, 13, 05, DA, DF, unknown), 1-6 past due 30 to
//! 180+ days (71-84), 7 collection (93, 62), 8 foreclosure, surrender or repossession and their
//! like (94-96, 61, 63, 65, 88, 89), 9 charge-off (97, 64). A derogatory event paid in full
//! keeps the severity of the event (so a status with severity > 0 that is not IsNegativeStatus
//! is a paid derogatory: 61-65).
int Metro2StatusSeverity(AccountStatus status);
//! True when the status says the account is no longer open: closed or paid (13, 61-65),
//! transferred (05), or ended by collection, foreclosure, surrender, repossession, charge-off,
//! government claim or deed in lieu (93-97, 88, 89). Past-due, current, deleted and unknown
//! statuses do not close it.
bool ClosesAccount(AccountStatus status);
//! True for the statuses that say the account was paid in full and closed: 13, and 61-65 (a
//! derogatory event paid in full; also the legacy kPaidClosedZero). Metro 2 requires a date
//! closed with them.
bool IsPaidInFull(AccountStatus status);

//! Identity of a tradeline: (furnisher, account number, party). `party` is empty for the
//! account's own consumer; the copy of the account kept in an associated consumer's file (Metro 2
//! J1/J2) carries that consumer's party token (ingest/batch/associated.h), so the account number
//! stays what the furnisher sent on every copy.
struct TradelineKey {
  std::string furnisher;
  std::string account_number;
  std::string party;
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
  //! Set on a report that changes the account's identity (Metro 2 L1 segment: new account number
  //! and/or new identification number): the key the account was reported under until now. The
  //! store's UpsertTradeline then continues the tradeline stored under this key under `key`
  //! (re-keyed and audited) instead of starting a second one. Not stored: a tradeline read back
  //! has none.
  std::optional<TradelineKey> previous_key;
};

}  // namespace credo
