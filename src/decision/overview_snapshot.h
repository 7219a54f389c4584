// credo decision: the stored snapshot behind the dashboards (schema component "portfolio").
//
// Computing the overview, the vintages and the migration matrices reads the whole book; at
// 100,000 subjects that takes seconds, while a dashboard call must answer in milliseconds. So
// RefreshSnapshot computes them once for an as-of date and the bureau's currency and stores
// them (portfolio_snapshots; portfolio_migrations holds the matrix of every pair of scoring
// dates up to as_of), stamped with the time and the data fingerprint: the committed batches,
// the newest subject, tradeline month, inquiry, public record, statement and recorded score.
// CurrentSnapshot answers from the stored snapshot while the fingerprint is unchanged, and
// refreshes it first when it is missing or older than the data (a new batch or scoring run);
// the answer says when it was computed and whether this call refreshed it. Alert counts are
// always read live (acknowledging changes them without a batch). Refreshing replaces the
// snapshot of the same as-of date and currency (one write transaction).
// `credo decision overview --refresh` refreshes on demand; no batch or scoring hook exists yet,
// so the first dashboard call after a batch pays for the refresh.
// Errors: the store's and those of the computations. Thread safety: as the store's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "decision/grade_migration.h"
#include "decision/portfolio_book.h"
#include "model/rating.h"
#include "store/store.h"

namespace credo::decision {

const SchemaComponent& PortfolioSchema();
//! Applies the component when the bureau does not have it yet (a read when it has).
Status EnsurePortfolioSchema(Store& store);

//! What the snapshot's freshness is checked against (cheap: indexed maxima and the batches).
Result<std::string> DataFingerprint(Store& store);

struct SnapshotOptions {
  std::string currency = "CNY";
  const model::MasterScale* scale = nullptr;  //!< nullptr: the shipped master scale
  BookOptions book;
  int vintage_cohorts = 24;
  int max_score_dates = 24;  //!< migration pairs are stored among the latest this many dates
  const Clock* clock = nullptr;  //!< computed_at; nullptr: SystemClock()
};

struct OverviewSnapshot {
  int64_t id = 0;
  Date as_of;
  std::string currency;
  std::string fingerprint;
  int64_t computed_at = 0;
  std::string overview_json;  //!< OverviewToJson (alerts as of the refresh)
  std::string vintages_json;  //!< VintagesToJson
  std::string product;        //!< the migration product ("" when no scores are recorded)
  std::vector<Date> score_dates;
  bool refreshed = false;  //!< computed by this call
};

Result<OverviewSnapshot> RefreshSnapshot(Store& store, Date as_of, const SnapshotOptions& options);
//! The stored snapshot of (as_of, currency), if any, without checking freshness.
Result<std::optional<OverviewSnapshot>> LoadSnapshot(Store& store, Date as_of,
                                                     const std::string& currency);
//! The stored snapshot when fresh, else a refreshed one (force: always refresh).
Result<OverviewSnapshot> CurrentSnapshot(Store& store, Date as_of, const SnapshotOptions& options,
                                         bool force = false);

//! The overview answer: the snapshot's overview with live alert counts and a "snapshot"
//! object {computed_at, refreshed, fingerprint}.
Result<std::string> OverviewAnswerJson(Store& store, const OverviewSnapshot& snapshot);
//! The vintages answer with its "snapshot" object.
std::string VintagesAnswerJson(const OverviewSnapshot& snapshot);
//! The migration between `from` and `to` (to on or before the snapshot's as_of: from the stored
//! matrices; otherwise computed from the score history), with "snapshot" (null when computed).
//! kInvalidArgument (location "to") when to is before from.
Result<std::string> MigrationAnswerJson(Store& store, const OverviewSnapshot& snapshot, Date from,
                                        Date to, const SnapshotOptions& options);

}  // namespace credo::decision
