#include "core/tradeline.h"

#include <array>
#include <utility>

namespace credo {

int PaymentStatusSeverity(PaymentStatus status) {
  switch (status) {
    case PaymentStatus::kCurrent:
    case PaymentStatus::kZeroBalance:
    case PaymentStatus::kNoHistory:
    case PaymentStatus::kNoData: return 0;
    case PaymentStatus::kPastDue30: return 1;
    case PaymentStatus::kPastDue60: return 2;
    case PaymentStatus::kPastDue90: return 3;
    case PaymentStatus::kPastDue120: return 4;
    case PaymentStatus::kPastDue150: return 5;
    case PaymentStatus::kPastDue180: return 6;
    case PaymentStatus::kCollection: return 7;
    case PaymentStatus::kForeclosure:
    case PaymentStatus::kVoluntarySurrender:
    case PaymentStatus::kRepossession: return 8;
    case PaymentStatus::kChargeOff: return 9;
  }
  return 0;
}

Result<PaymentStatus> ParsePaymentStatus(char code) {
  switch (code) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6':
    case 'B': case 'D': case 'E': case 'G': case 'H': case 'J': case 'K': case 'L':
      return static_cast<PaymentStatus>(code);
    default:
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string("payment history code '") + code +
                           "' is not one of 0-6 B D E G H J K L");
  }
}

std::string PaymentHistory::ToCodes() const {
  std::string out;
  out.reserve(months.size());
  for (PaymentStatus s : months) out.push_back(static_cast<char>(s));
  return out;
}

Result<PaymentHistory> PaymentHistory::FromCodes(Date as_of, std::string_view codes) {
  PaymentHistory history;
  history.as_of = as_of;
  // Metro 2 pads unused months with blanks; trailing blanks mean "no data", not an error.
  size_t end = codes.size();
  while (end > 0 && codes[end - 1] == ' ') --end;
  if (end > kMaxMonths) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "payment history has " + std::to_string(end) + " months, at most " +
                         std::to_string(kMaxMonths) + " are kept");
  }
  history.months.reserve(end);
  for (size_t i = 0; i < end; ++i) {
    CREDO_ASSIGN_OR_RETURN(PaymentStatus status, ParsePaymentStatus(codes[i]));
    history.months.push_back(status);
  }
  return history;
}

namespace {
// The kPaidClosedZero of stores written before 61-65 were kept apart has no code here.
constexpr std::array<std::pair<std::string_view, AccountStatus>, 23> kAccountStatusCodes{{
    {"11", AccountStatus::kCurrent},         {"13", AccountStatus::kClosedPaid},
    {"71", AccountStatus::kPastDue30},       {"78", AccountStatus::kPastDue60},
    {"80", AccountStatus::kPastDue90},       {"82", AccountStatus::kPastDue120},
    {"83", AccountStatus::kPastDue150},      {"84", AccountStatus::kPastDue180},
    {"05", AccountStatus::kTransferred},     {"61", AccountStatus::kPaidVoluntarySurrender},
    {"62", AccountStatus::kPaidCollection},  {"63", AccountStatus::kPaidRepossession},
    {"64", AccountStatus::kPaidChargeOff},   {"65", AccountStatus::kPaidForeclosureStarted},
    {"88", AccountStatus::kGovernmentClaimFiled}, {"89", AccountStatus::kDeedInLieu},
    {"93", AccountStatus::kCollection},      {"94", AccountStatus::kForeclosure},
    {"95", AccountStatus::kVoluntarySurrender}, {"96", AccountStatus::kRepossession},
    {"97", AccountStatus::kChargeOff},       {"DA", AccountStatus::kDeleteAccount},
    {"DF", AccountStatus::kDeleteFraud},
}};
}  // namespace

Result<AccountStatus> ParseMetro2AccountStatus(std::string_view code) {
  for (const auto& [text, status] : kAccountStatusCodes) {
    if (text == code) return status;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "account status '" + std::string(code) +
                       "' is not a Metro 2 status (11, 13, 05, 61-65, 71, 78, 80, 82-84, 88, 89, "
                       "93-97, DA, DF)");
}

std::string_view Metro2AccountStatusCode(AccountStatus status) {
  for (const auto& [text, value] : kAccountStatusCodes) {
    if (value == status) return text;
  }
  return "";
}

bool IsNegativeStatus(AccountStatus status) {
  switch (status) {
    case AccountStatus::kPastDue30:
    case AccountStatus::kPastDue60:
    case AccountStatus::kPastDue90:
    case AccountStatus::kPastDue120:
    case AccountStatus::kPastDue150:
    case AccountStatus::kPastDue180:
    case AccountStatus::kCollection:
    case AccountStatus::kForeclosure:
    case AccountStatus::kVoluntarySurrender:
    case AccountStatus::kRepossession:
    case AccountStatus::kChargeOff:
    case AccountStatus::kGovernmentClaimFiled:
    case AccountStatus::kDeedInLieu: return true;
    case AccountStatus::kCurrent:
    case AccountStatus::kClosedPaid:
    case AccountStatus::kTransferred:
    case AccountStatus::kPaidClosedZero:
    case AccountStatus::kPaidVoluntarySurrender:
    case AccountStatus::kPaidCollection:
    case AccountStatus::kPaidRepossession:
    case AccountStatus::kPaidChargeOff:
    case AccountStatus::kPaidForeclosureStarted:
    case AccountStatus::kDeleteAccount:
    case AccountStatus::kDeleteFraud:
    case AccountStatus::kUnknown: return false;
  }
  return false;
}

int Metro2StatusSeverity(AccountStatus status) {
  switch (status) {
    case AccountStatus::kCurrent:
    case AccountStatus::kClosedPaid:
    case AccountStatus::kTransferred:
    case AccountStatus::kDeleteAccount:
    case AccountStatus::kDeleteFraud:
    case AccountStatus::kUnknown: return 0;
    case AccountStatus::kPastDue30: return 1;
    case AccountStatus::kPastDue60: return 2;
    case AccountStatus::kPastDue90: return 3;
    case AccountStatus::kPastDue120: return 4;
    case AccountStatus::kPastDue150: return 5;
    case AccountStatus::kPastDue180: return 6;
    case AccountStatus::kCollection:
    case AccountStatus::kPaidCollection:
    case AccountStatus::kPaidClosedZero: return 7;  // one of 61-65: at least a collection
    case AccountStatus::kForeclosure:
    case AccountStatus::kVoluntarySurrender:
    case AccountStatus::kRepossession:
    case AccountStatus::kPaidVoluntarySurrender:
    case AccountStatus::kPaidRepossession:
    case AccountStatus::kPaidForeclosureStarted:
    case AccountStatus::kGovernmentClaimFiled:
    case AccountStatus::kDeedInLieu: return 8;
    case AccountStatus::kChargeOff:
    case AccountStatus::kPaidChargeOff: return 9;
  }
  return 0;
}

bool IsPaidInFull(AccountStatus status) {
  switch (status) {
    case AccountStatus::kClosedPaid:
    case AccountStatus::kPaidClosedZero:
    case AccountStatus::kPaidVoluntarySurrender:
    case AccountStatus::kPaidCollection:
    case AccountStatus::kPaidRepossession:
    case AccountStatus::kPaidChargeOff:
    case AccountStatus::kPaidForeclosureStarted: return true;
    default: return false;
  }
}

bool ClosesAccount(AccountStatus status) {
  switch (status) {
    case AccountStatus::kClosedPaid:
    case AccountStatus::kPaidClosedZero:
    case AccountStatus::kPaidVoluntarySurrender:
    case AccountStatus::kPaidCollection:
    case AccountStatus::kPaidRepossession:
    case AccountStatus::kPaidChargeOff:
    case AccountStatus::kPaidForeclosureStarted:
    case AccountStatus::kTransferred:
    case AccountStatus::kCollection:
    case AccountStatus::kForeclosure:
    case AccountStatus::kVoluntarySurrender:
    case AccountStatus::kRepossession:
    case AccountStatus::kChargeOff:
    case AccountStatus::kGovernmentClaimFiled:
    case AccountStatus::kDeedInLieu: return true;
    case AccountStatus::kCurrent:
    case AccountStatus::kPastDue30:
    case AccountStatus::kPastDue60:
    case AccountStatus::kPastDue90:
    case AccountStatus::kPastDue120:
    case AccountStatus::kPastDue150:
    case AccountStatus::kPastDue180:
    case AccountStatus::kDeleteAccount:
    case AccountStatus::kDeleteFraud:
    case AccountStatus::kUnknown: return false;
  }
  return false;
}

}  // namespace credo
