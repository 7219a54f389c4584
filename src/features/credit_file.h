// credo features: a subject's credit file as the bureau knew it on one date (the input stage).
//
// A CreditFile holds plain rows (core types and the store's row types): the subject, its
// tradelines with their as-reported months, inquiries, public records, financial statements and
// relations. LoadCreditFile (load.h) fills it from a store transaction and cuts it to what was
// known on `as_of`; callers without a store (tests, an application scored in memory) build one
// by hand. Attribute computations read only a CreditFile, so they are pure and cheap.
//
// Knowledge rules (docs/features/README.md explains them):
//   * a tradeline is known when at least one of its months or reports was dated on or before
//     as_of; its months are the latest report of each month made on or before as_of;
//   * its terms (credit limit, high credit, balance, past due, scheduled and actual payment,
//     account status, closed and other dates) are those of its latest report dated on or before
//     as_of (the store keeps every report's terms, tradeline_terms): row.tradeline carries them,
//     so an account open on as_of counts with the limit it had then, and a later report (a limit
//     change, a closure) changes nothing. When no report's terms are known on as_of, row keeps
//     the latest report, dated after as_of, and its terms are unknown, never the later value;
//   * an inquiry, a public record and a financial statement are known once the bureau received
//     them (the store's received date; by default the inquiry date, filing date or period end)
//     and not before their own date;
//   * a relation is known from its `since` date when it has one (one the store recorded later
//     is taken as known from it, as a record without a received date is taken as received on
//     its own date), else from the day the store first recorded it (RelationRecorded). The store
//     keeps one version of a relation, the latest: a relation recorded on or before as_of and
//     written again after it is known, but its amount then is not (RelationAmountKnownOn), so
//     amounts summed over it are missing, never the later value.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <vector>

#include "core/date.h"
#include "core/records.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "store/store.h"

namespace credo::features {

//! The parts of a credit file, each read from the store by queries of its own. The subject
//! itself is always read. A caller that needs only some attributes reads only the parts they
//! read (PartsRead, compute.h): a score whose model has no inquiry attribute does not read the
//! subject's inquiries.
enum class CreditFilePart : uint8_t {
  kTradelines = 1,  //!< tradelines with their months and terms
  kInquiries = 2,
  kPublicRecords = 4,
  kFinancialStatements = 8,
  kRelations = 16,
};

class CreditFileParts {
 public:
  constexpr CreditFileParts() = default;  //!< no part (the subject alone)
  constexpr CreditFileParts(std::initializer_list<CreditFilePart> parts) {
    for (CreditFilePart part : parts) bits_ |= static_cast<uint8_t>(part);
  }
  static constexpr CreditFileParts All() {
    return {CreditFilePart::kTradelines, CreditFilePart::kInquiries,
            CreditFilePart::kPublicRecords, CreditFilePart::kFinancialStatements,
            CreditFilePart::kRelations};
  }
  constexpr bool Has(CreditFilePart part) const {
    return (bits_ & static_cast<uint8_t>(part)) != 0;
  }
  //! Whether every part of `other` is among these.
  constexpr bool Covers(CreditFileParts other) const { return (other.bits_ & ~bits_) == 0; }
  constexpr CreditFileParts& operator|=(CreditFileParts other) {
    bits_ |= other.bits_;
    return *this;
  }
  constexpr bool operator==(const CreditFileParts&) const = default;

 private:
  uint8_t bits_ = 0;
};

struct TradelineAsOf {
  //! The stored tradeline with the terms (and payment profile) of its latest report known on
  //! as_of; the latest report when none is known then (its reported_on then lies after as_of).
  TradelineRow row;
  std::vector<TradelineMonth> months;   //!< as known on as_of, oldest month first
  std::vector<TradelineTerms> terms;    //!< every report's terms known on as_of, oldest first
};

//! When the store recorded one relation, as UTC days of the store's clock. The store keeps one
//! version of a relation (its latest amount, since and until), when it first recorded it and
//! when it wrote it last (LoadCreditFile reads both).
struct RelationRecorded {
  Date first;   //!< the day of its first record (relations.first_recorded_at)
  Date latest;  //!< the day of its latest write (relations.updated_at): the stored version's
};

struct CreditFile {
  Subject subject;
  SubjectId requested_id = 0;  //!< the id asked for (subject.id is the surviving id after merges)
  Date as_of;
  //! The parts read (LoadCreditFile); every part for a file built by hand. An attribute that
  //! reads a part the file lacks is missing, never computed from the empty part.
  CreditFileParts parts = CreditFileParts::All();
  std::vector<TradelineAsOf> tradelines;
  std::vector<Inquiry> inquiries;
  std::vector<PublicRecord> public_records;
  //! When the bureau received each inquiry / public record, by id; one not listed is taken as
  //! received on its own date (files built by hand).
  std::map<int64_t, Date> inquiry_received_on;
  std::map<int64_t, Date> public_record_received_on;
  std::vector<FinancialStatementRow> financial_statements;
  std::vector<RelationRow> relations;
  //! When the store recorded each relation, by relation id (LoadCreditFile). A relation not
  //! listed (files built by hand) is known from its `since` date, always when it has none, with
  //! its amount.
  std::map<int64_t, RelationRecorded> relation_recorded_on;
};

//! Whether the bureau knew `row` on file.as_of: from its `since` date when it has one, else from
//! the day the store first recorded it (file.relation_recorded_on; always when not listed).
bool RelationKnownOn(const CreditFile& file, const RelationRow& row);

//! Whether the stored amount of `row` is the one known on file.as_of: false when the store
//! recorded the relation on or before as_of and wrote it again after (the store keeps the latest
//! version only, so the amount known then is lost). A relation first recorded after as_of (its
//! history loaded late, known from `since`) keeps its stored amount.
bool RelationAmountKnownOn(const CreditFile& file, const RelationRow& row);

//! The months a store would record for `tradeline` reported once (history.months[0] is the
//! month of history.as_of, or of reported_on when there is no history), oldest first, with the
//! balance and past-due amount on the reported month. For building files without a store.
std::vector<TradelineMonth> MonthsFromReport(const Tradeline& tradeline, int64_t tradeline_id);

//! The terms a store would record for `tradeline` reported once (TradelineTerms of the report).
TradelineTerms TermsFromReport(const Tradeline& tradeline, int64_t tradeline_id);

//! Drops from `file` everything not known on file.as_of (see the knowledge rules above):
//! months and terms reported after as_of, records received after it, relations not known on it
//! (RelationKnownOn); then sets each tradeline's row to the terms of its latest known report.
//! A file cut to a later date can be cut again to an earlier one once its months are re-read
//! for that date (the monitor derives a baseline file so): the first cut keeps only the latest
//! report of each month, but every report's terms and every relation's recorded days.
void CutToKnownOn(CreditFile& file);

}  // namespace credo::features
