// credo decision: vintage curves, the cumulative bad rate by months on book per origination
// cohort, point in time.
//
// Accounts on the book as of `as_of` (portfolio_book.h: only months reported on or before it)
// are grouped by the month they were opened (the cohort, "2025-01"); the cohorts are the
// `cohorts` months up to as_of's month. For a cohort opened in month c, months on book k runs
// from 0 to the months between c and as_of's month; the cumulative bad rate at k is the share of
// the cohort's accounts whose first bad month (90 days past due or worse, or derogatory: see
// IsBadMonth) is at or before c + k. Pure; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "decision/portfolio_book.h"

namespace credo::decision {

struct VintagePoint {
  int months_on_book = 0;
  int64_t bad = 0;  //!< accounts bad at or before this month on book
  double cumulative_bad_rate = 0;
};

struct VintageCohort {
  std::string cohort;  //!< "YYYY-MM"
  int64_t accounts = 0;
  std::vector<VintagePoint> points;
};

struct Vintages {
  Date as_of;
  std::vector<VintageCohort> cohorts;  //!< oldest first
};

Vintages ComputeVintages(const PortfolioBook& book, int cohorts = 24);

std::string VintagesToJson(const Vintages& vintages);

}  // namespace credo::decision
