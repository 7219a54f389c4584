// credo ingest/batch: validation and standardisation of canonical records into core types.
//
// ValidateRecord applies, to one CanonicalRecord, the jurisdiction profile (prohibited fields
// are refused; consent-required fields need a consent reference), the field rules (required,
// format, code set, identifier check digits from core, ranges) and the cross-field rules of
// rules.h, and standardises what it keeps (NFKC and width folding, whitespace, Han names without
// spaces, phone to E.164, e-mail lower case, dates, amounts to minor units). The result says
// accepted, accepted with warnings, or rejected, with every finding (identifiers masked with
// core's MaskIdentifier). An account's associated consumers (Metro 2 J1/J2) go through the same
// person rules; their problems keep out only their own copy of the account, never the record.
// Pure: no store access. Thread-safe for distinct records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/profile.h"
#include "core/records.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "ingest/batch/record.h"

namespace credo::ingest {

enum class RecordOutcome { kAccepted, kAcceptedWithWarnings, kRejected };
std::string_view RecordOutcomeName(RecordOutcome outcome);

struct ValidationContext {
  const JurisdictionProfile* profile = nullptr;  //!< required
  Date today;                                    //!< dates after it raise IN-011
  std::string source;                            //!< furnisher when the record names none
  Currency currency = Currency::Cny();           //!< when the record names none
};

struct ShareholderOut {
  Subject holder;  //!< a person or an organization with at least a name
  double percent = 0;
};

//! An associated consumer of an account record (Metro 2 J1/J2), validated and standardised as
//! the record's own consumer is. Their problems never reject the record: a fatal one keeps only
//! this consumer's copy of the account out (the record's findings carry it as a warning, and the
//! pipeline quarantines `rejections`).
struct AssociatedConsumerOut {
  Person person;
  char ecoa_code = ' ';      //!< as reported: 2 joint, 3 authorised user, 5 co-maker, Z remove ...
  std::string segment;       //!< "j1" or "j2"
  int64_t byte_offset = -1;  //!< of the segment in the file; -1 when unknown
  //! The identities that name this consumer from one report to the next, strongest first
  //! (associated.h PartyNames): never empty for a usable consumer.
  std::vector<std::string> parties;
  //! The fatal findings that keep this consumer's copy out; empty: the copy is written (or, for
  //! ECOA Z, removed).
  std::vector<Finding> rejections;

  bool usable() const { return rejections.empty(); }
  //! ECOA Z: the furnisher removes this consumer from the account.
  bool removed_from_account() const { return ecoa_code == 'Z'; }
};

struct ValidatedRecord {
  RecordOutcome outcome = RecordOutcome::kAccepted;
  std::vector<Finding> findings;
  Subject subject;  //!< whose record it is (person, or organization for company feeds)
  std::optional<Tradeline> tradeline;
  bool correction = false;  //!< the report corrects an earlier one
  bool deletion = false;    //!< status DA or DF: the furnisher deletes the account
  std::optional<Inquiry> inquiry;
  //! The furnisher's own reference of the inquiry (inquiry_reference), "" when the feed carries
  //! none: with the inquiry's subject, institution, date, purpose and kind it decides whether an
  //! inquiry delivered again is already in the bureau.
  std::string inquiry_reference;
  std::optional<PublicRecord> public_record;
  std::optional<FinancialStatement> financial_statement;
  std::vector<ShareholderOut> shareholders;
  //! Accounts: the other consumers reported on the account (Metro 2 J1/J2), each to get a copy
  //! of `tradeline` in their own credit file.
  std::vector<AssociatedConsumerOut> associated;
  bool delinquent = false;  //!< the account status is negative information
};

//! Validates and standardises `record` (its findings are carried over). Never fails: problems
//! are findings.
ValidatedRecord ValidateRecord(const CanonicalRecord& record, const ValidationContext& context);

//! Metro 2 account status codes and the names mapped feeds use ("current", "closed",
//! "past_due_30", "charge_off", "paid_collection", "deed_in_lieu", "delete", "delete_fraud" ...).
std::optional<AccountStatus> ParseAccountStatusText(std::string_view text);

//! The payment status an account status says of its own month (current, 30..180 days late,
//! collection, charge-off); kNoData when the status does not say it (closed, paid, transferred,
//! deleted: Metro 2 then gives the month in the Payment Rating).
PaymentStatus ReportedMonthStatus(AccountStatus status);

}  // namespace credo::ingest
