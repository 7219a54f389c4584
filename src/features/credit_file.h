// credo features: a subject's credit file as the bureau knew it on one date (the input stage).
//
// A CreditFile holds plain rows (core types and the store's row types): the subject, its
// tradelines with their as-reported months, inquiries, public records, financial statements and
// relations. LoadCreditFile (load.h) fills it from a store transaction and cuts it to what was
// known on `as_of`; callers without a store (tests, an application scored in memory) build one
// by hand. Attribute computations read only a CreditFile, so they are pure and cheap.
//
// Knowledge rules (docs/features/README.md explains them with the store's limits):
//   * a tradeline is known when at least one of its months was reported on or before as_of;
//     its months are the latest report of each month made on or before as_of;
//   * fields the store keeps only in their latest version (credit limit, high credit, account
//     status, closed date, scheduled and actual payment) are used only when that latest report
//     is dated on or before as_of ("terms known"); otherwise they are unknown, never the later
//     value;
//   * an inquiry is known from its date, a public record from its filing date, a financial
//     statement from its period end, a relation from its `since` date (always, when it has none).
#pragma once

#include <optional>
#include <vector>

#include "core/date.h"
#include "core/records.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "store/store.h"

namespace credo::features {

struct TradelineAsOf {
  TradelineRow row;                     //!< the stored tradeline (its latest report)
  std::vector<TradelineMonth> months;   //!< as known on as_of, oldest month first
};

struct CreditFile {
  Subject subject;
  SubjectId requested_id = 0;  //!< the id asked for (subject.id is the surviving id after merges)
  Date as_of;
  std::vector<TradelineAsOf> tradelines;
  std::vector<Inquiry> inquiries;
  std::vector<PublicRecord> public_records;
  std::vector<FinancialStatementRow> financial_statements;
  std::vector<RelationRow> relations;
};

//! The months a store would record for `tradeline` reported once (history.months[0] is the
//! month of history.as_of, or of reported_on when there is no history), oldest first, with the
//! balance and past-due amount on the reported month. For building files without a store.
std::vector<TradelineMonth> MonthsFromReport(const Tradeline& tradeline, int64_t tradeline_id);

//! Drops from `file` everything not known on file.as_of (see the knowledge rules above) except
//! tradeline months, which the store cuts (ListTradelineMonths with known_on); months reported
//! after as_of are dropped here too, so hand-built files follow the same rules.
void CutToKnownOn(CreditFile& file);

}  // namespace credo::features
