// credo decision: the portfolio overview of the console's dashboard, for the bureau as of a
// date: size (persons, organizations), score distribution in 50-point bands and grade
// distribution (recorded grades; ungraded products graded by their PD on the master scale),
// delinquency by bucket, open and new alerts, and concentration by industry and region.
//
// ComputeOverview is pure (over a PortfolioBook, portfolio_book.h); ComputeOverviewFromStore
// reads the book and the alerts first. Money is minor units of the bureau's currency (the
// jurisdiction profile's): balances reported in another currency are not summed with it and are
// counted apart (other_currency). Delinquency buckets come from each account's latest known
// month: current (current, zero balance or no data), 30, 60, 90, 120+ (120 days or more) and
// charge_off (charge-off, collection, foreclosure, surrender, repossession); rate is the share of
// accounts, balance_rate the share of balance. Alerts (monitor tables, when installed): open =
// raised on or before as_of and not acknowledged by its end; new_7d = raised in the 7 days
// ending on as_of. OverviewToJson / OverviewFromJson give the API's JSON shape
// (docs/decision/portfolio.md). Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "decision/concentration.h"
#include "decision/portfolio_book.h"
#include "model/rating.h"
#include "store/store.h"

namespace credo::decision {

struct ScoreBand {
  std::string product;
  std::string band;  //!< "600-649"
  int from = 0;      //!< inclusive
  int to = 0;        //!< inclusive
  int64_t count = 0;
};

struct GradeCount {
  std::string product;
  std::string grade;
  int64_t count = 0;
};

struct DelinquencyBucket {
  std::string bucket;  //!< current, 30, 60, 90, 120+, charge_off
  int64_t accounts = 0;
  int64_t balance_minor = 0;
  double rate = 0;          //!< accounts / all accounts on the book
  double balance_rate = 0;  //!< balance / all balance (bureau currency)
};

struct CurrencyTotal {
  std::string currency;
  int64_t accounts = 0;
  int64_t balance_minor = 0;
};

struct AlertCounts {
  int64_t open = 0;
  int64_t new_7d = 0;
  bool monitored = false;  //!< false when the monitor tables are not installed
};

struct PortfolioOverview {
  Date as_of;
  std::string currency;
  int64_t persons = 0;
  int64_t organizations = 0;
  int64_t accounts = 0;
  int64_t balance_minor = 0;
  std::vector<ScoreBand> score_distribution;
  std::vector<GradeCount> grade_distribution;
  std::vector<DelinquencyBucket> delinquency;
  std::vector<CurrencyTotal> other_currency;
  AlertCounts alerts;
  Concentration concentration;
  int64_t computed_at = 0;  //!< unix seconds
};

//! The bucket name of an account's status.
std::string DelinquencyBucketOf(PaymentStatus status);
//! The bucket names in display order.
const std::vector<std::string>& DelinquencyBucketNames();

//! The grade a score carries: its recorded grade, else its PD on `scale`.
std::string GradeOfScore(const BookScore& score, const model::MasterScale& scale);

PortfolioOverview ComputeOverview(const PortfolioBook& book, const std::string& currency,
                                  const model::MasterScale& scale);

//! Open and new alerts as of `as_of` from the monitor tables (monitored=false without them).
Result<AlertCounts> CountAlerts(Store& store, Date as_of);

struct OverviewOptions {
  std::string currency = "CNY";
  const model::MasterScale* scale = nullptr;  //!< nullptr: the shipped master scale
  BookOptions book;
  int64_t computed_at = 0;
};

Result<PortfolioOverview> ComputeOverviewFromStore(Store& store, Date as_of,
                                                   const OverviewOptions& options);

std::string OverviewToJson(const PortfolioOverview& overview);
Result<PortfolioOverview> OverviewFromJson(std::string_view text);

}  // namespace credo::decision
