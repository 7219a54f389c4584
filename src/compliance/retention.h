// credo compliance: retention of negative information, purge, and the suppression list.
//
// Negative items are delinquent months, derogatory account statuses (charge-off, collection,
// repossession ...) and public records (judgments, enforcement, tax, penalties, bankruptcy).
// Each carries the date its retention clock starts: the end of the negative event (条例 Art. 16,
// CN) or the date of first delinquency, +180 days for collections and charge-offs (FCRA 605(a),
// 605(c), US), per ComplianceContext::retention. The clock start is recorded the first time the
// item is seen and never moved later by later updates (no re-ageing, FCRA 605(c)(1), 623(a)(5)).
//
// The account itself is an item while its status is negative (71-84, 88, 89, 93-97). Under the
// first-delinquency clock (US) an account whose collection, charge-off or other derogatory event
// was paid in full (Metro 2 61-65) stays one: FCRA 605(a)(4) and 605(c) bar reporting a collection
// or charge-off seven years after the clock started (DOFD + 180 days) whether it was paid or not,
// so the whole account leaves the file then, not only its derogatory months. Under the event-end
// clock (CN, 条例 Art. 16) the payment ends the event, and the account's negative months carry
// the clock.
//
// Purge(as_of) puts every item whose period has passed on the suppression list, one audit entry
// per item. Suppressed items are what reports, attributes and models' inputs must not see:
// other modules ask LoadSuppressions (or LoadCreditFileView, credit_file_view.h) and never read
// negative data around it. The store's rows stay (raw records are immutable); see
// docs/compliance/README.md for what the store should offer to erase them physically.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "compliance/items.h"
#include "store/store.h"

namespace credo::compliance {

struct NegativeItem {
  ItemRef item;
  SubjectId subject_id = 0;
  std::string category;  //!< delinquency, collection, charge_off, derogatory, public_record,
                         //!< penalty, bankruptcy
  std::optional<Date> clock_start;  //!< empty while the event has not ended (event-end clock)
  std::optional<Date> purge_on;     //!< first day it may no longer be reported
  Date first_seen_on;
  std::optional<Date> purged_on;
};

//! Why an item is off the file.
inline constexpr std::string_view kReasonRetention = "retention_expired";
inline constexpr std::string_view kReasonDisputeDeleted = "dispute_deleted";
inline constexpr std::string_view kReasonDisputeUnverified = "dispute_unverified";

struct Suppression {
  ItemRef item;
  SubjectId subject_id = 0;
  std::string reason;
  std::string legal_basis;
  int64_t dispute_id = 0;
  std::optional<Date> due_on;  //!< retention: the day it became due
  Date effective_on;           //!< the day it was suppressed
};

//! The suppression list of one subject, for filtering what is shown.
class SuppressionSet {
 public:
  SuppressionSet() = default;
  explicit SuppressionSet(std::vector<Suppression> suppressions)
      : suppressions_(std::move(suppressions)) {}
  //! True for the item itself, and for a month of a suppressed tradeline.
  bool IsSuppressed(const ItemRef& item) const;
  bool TradelineSuppressed(int64_t tradeline_id) const;
  bool MonthSuppressed(int64_t tradeline_id, Date month) const;
  bool PublicRecordSuppressed(int64_t public_record_id) const;
  bool IdentityFieldSuppressed(std::string_view field) const;
  const Suppression* Find(const ItemRef& item) const;
  const std::vector<Suppression>& all() const { return suppressions_; }

 private:
  std::vector<Suppression> suppressions_;
};

Result<SuppressionSet> LoadSuppressions(Transaction& tx, SubjectId subject_id);
//! Every suppression whose effective day is in [from, to] (compliance report).
Result<std::vector<Suppression>> ListSuppressions(Transaction& tx, Date from, Date to);

//! Adds an item to the suppression list with an audit entry (used by Purge and disputes).
Status SuppressItem(Transaction& tx, const ComplianceContext& context, const Suppression& suppression);

//! Finds the subject's negative items, registers new ones and freezes their clocks (see the
//! header comment), and returns them all.
Result<std::vector<NegativeItem>> ScanNegativeItems(Transaction& tx, const ComplianceContext& context,
                                                    SubjectId subject_id);
//! Registered negative items of every subject (subject_id 0) or one subject.
Result<std::vector<NegativeItem>> ListNegativeItems(Transaction& tx, SubjectId subject_id = 0);

struct PurgeResult {
  Date as_of;
  int64_t subjects_scanned = 0;
  int64_t negative_items = 0;
  std::vector<NegativeItem> purged;
};

//! Scans every subject and suppresses the negative items whose period ended on or before
//! `as_of`. Refused (recorded): `as_of` after today (kInvalidArgument, rule purge.future_date).
Result<PurgeResult> Purge(Store& store, const ComplianceContext& context, Date as_of);
//! Purge for one subject inside the caller's transaction (erasure requests use it).
Result<std::vector<NegativeItem>> PurgeSubject(Transaction& tx, const ComplianceContext& context,
                                               SubjectId subject_id, Date as_of);

}  // namespace credo::compliance
