// credo features: the standard bureau attributes of a person (tradelines, balances and
// utilisation, delinquency, inquiries, public records and collections, payments, file flags).
//
// ComputePersonAttributes reads only the CreditFile (pure, no store access, no allocation beyond
// the result and a small scratch buffer); values are in PersonAttribute order. Definitions,
// windows and missing rules: PersonAttributeDefinitions() and docs/features/person.md.
#pragma once

#include "features/attribute.h"
#include "features/credit_file.h"

namespace credo::features {

enum class PersonAttribute : int {
  kTradelinesTotal,
  kTradelinesOpen,
  kRevolvingTotal,
  kRevolvingOpen,
  kInstallmentTotal,
  kInstallmentOpen,
  kMortgageTotal,
  kMortgageOpen,
  kAccountsOpened6m,
  kAccountsOpened12m,
  kOldestAccountAge,
  kNewestAccountAge,
  kAverageAccountAge,
  kTotalBalance,
  kRevolvingBalance,
  kInstallmentBalance,
  kMortgageBalance,
  kRevolvingCreditLimit,
  kRevolvingUtilization,
  kTotalUtilization,
  kMaxRevolvingUtilization,
  kRevolvingOver75,
  kRevolvingWithBalance,
  kTotalPastDue,
  kAccountsPastDue,
  kWorstStatusEver,
  kWorstStatus6m,
  kWorstStatus12m,
  kWorstStatus24m,
  kTimes30Dpd6m,
  kTimes30Dpd12m,
  kTimes30Dpd24m,
  kTimes60Dpd6m,
  kTimes60Dpd12m,
  kTimes60Dpd24m,
  kTimes90Dpd6m,
  kTimes90Dpd12m,
  kTimes90Dpd24m,
  kMonthsSinceDelinquency,
  kMonthsSince90Dpd,
  kAccountsEverDelinquent,
  kDerogatoryAccounts,
  kShareNeverDelinquent,
  kInquiries1m,
  kInquiries3m,
  kInquiries6m,
  kInquiries12m,
  kInquiryLenders1m,
  kInquiryLenders3m,
  kInquiryLenders6m,
  kInquiryLenders12m,
  kMonthsSinceInquiry,
  kPublicRecordsTotal,
  kPublicRecordsOpen,
  kPublicRecords24m,
  kBankruptcies,
  kPublicRecordAmountOpen,
  kMonthsSincePublicRecord,
  kCollectionAccounts,
  kCollectionBalance,
  kScheduledPaymentTotal,
  kPaymentToBalance,
  kRevolvingPaymentToBalance,
  kActualToScheduled,
  kAuthorizedUserOnly,
  kThinFile,
  kCount,
};

inline constexpr int kPersonAttributeCount = static_cast<int>(PersonAttribute::kCount);

//! The attributes of a person's file as of file.as_of.
AttributeSet ComputePersonAttributes(const CreditFile& file);

//! The parts of a credit file `attribute` reads (its value from a file without them is wrong).
CreditFileParts PersonAttributeParts(PersonAttribute attribute);

}  // namespace credo::features
