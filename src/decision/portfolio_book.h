// credo decision: the bureau's book as it was known on one date, read in bulk for the portfolio
// dashboards (overview, delinquency, vintages, concentration, grade migration).
//
// LoadPortfolioBook reads, in one read transaction and in pages of tradeline ids (so memory stays
// proportional to a page, not to the months table), every tradeline the bureau knew on `as_of`
// reduced to what the dashboards need, every surviving subject known on `as_of` with its kind,
// region and industry, and each subject's latest recorded score of every product with as-of date
// on or before `as_of`. Knowledge rules are the features module's (no look-ahead):
//   * a tradeline is known when one of its months was reported on or before as_of; each month is
//     the latest report of it made on or before as_of; its status is the latest known month with
//     data (no-data months skipped); its balance is the latest reported balance so known;
//   * the account status and closed date count only when the tradeline's latest report is dated on
//     or before as_of; an account closed (paid, transferred, deleted) on or before as_of is off
//     the book; charged-off and collection accounts stay on it;
//   * a subject is known when one of its records is dated on or before as_of (tradeline month
//     reported, inquiry, public record filed, financial statement period end), or, having no
//     dated record, when it was stored on or before the end of as_of;
//   * a score counts when its as-of date is on or before as_of.
// Errors: the store's. Thread safety: as the store's (one Store per thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "core/tradeline.h"
#include "store/store.h"

namespace credo::decision {

struct BookAccount {
  int64_t tradeline_id = 0;
  SubjectId subject_id = 0;
  std::string currency;
  Date opened_on;
  //! Latest known month with data (kNoData when none); kChargeOff when the account status
  //! (terms known) is charge-off, collection, foreclosure, surrender or repossession.
  PaymentStatus status = PaymentStatus::kNoData;
  int64_t balance = 0;                 //!< minor units of `currency`, latest known
  std::optional<Date> first_bad_month;  //!< first known month 90+ days past due or worse
};

struct BookSubject {
  SubjectId id = 0;
  SubjectKind kind = SubjectKind::kPerson;
  std::string region;         //!< province or state (address, else the identifier's region code)
  std::string industry_code;  //!< organizations: GB/T 4754 or NAICS code as registered
};

struct BookScore {
  SubjectId subject_id = 0;
  std::string product;
  Date as_of;
  int score = 0;
  int score_min = 0;
  int score_max = 0;
  double pd = 0;
  std::string grade;  //!< as recorded (empty for ungraded products)
};

struct PortfolioBook {
  Date as_of;
  std::vector<BookAccount> accounts;  //!< on the book on as_of, tradeline id order
  std::vector<BookSubject> subjects;  //!< known on as_of, id order
  std::vector<BookScore> scores;      //!< latest per (subject, product) on or before as_of
};

struct BookOptions {
  int64_t page_size = 5000;  //!< tradelines per page of month reads
  bool subjects_detail = true;  //!< decrypt identities for region and industry (slow part)
};

Result<PortfolioBook> LoadPortfolioBook(Store& store, Date as_of, const BookOptions& options = {});

//! Months 90 days past due or worse, or derogatory (collection, foreclosure, surrender,
//! repossession, charge-off): the "bad" of vintage curves.
bool IsBadMonth(PaymentStatus status);

//! First day of the month of `date`.
Date MonthStart(Date date);

}  // namespace credo::decision
