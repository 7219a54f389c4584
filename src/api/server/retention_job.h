// credo api/server: the scheduled retention purge of `credo serve`.
//
// Runs compliance::Purge (retention.h) with the server's clock once when started and then every
// `interval`, on its own thread with its own Store; each item it suppresses is audited by the
// library, as for `credo purge`. The same run deletes kept reports whose period has passed
// (report::PurgeExpiredReports, each audited), and closes every dispute past its deadline in the
// subject's favour (compliance::SweepDisputeDeadlines: the item is suppressed, the subject
// notified; 条例 第25条, FCRA 611(a)(5)(A)), so a served bureau keeps the dispute deadline without
// an operator running `credo compliance sweep-disputes`. Each run's outcome (subjects scanned, items purged, or the error
// code) goes to the log and the metrics; a failed run is retried at the next interval. Stop()
// wakes the thread and waits for a run in progress to finish.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "core/date.h"
#include "core/profile.h"
#include "store/store.h"

namespace credo::api {

class Metrics;

struct RetentionRun {
  bool ok = false;
  Date as_of;
  int64_t subjects_scanned = 0;
  int64_t items_purged = 0;
  int64_t reports_purged = 0;  //!< kept reports past their period, deleted (report.h)
  int64_t disputes_closed = 0;  //!< disputes past their deadline, closed in the subject's favour
  std::string error_code;  //!< ErrorCodeName when !ok
};

class RetentionJob {
 public:
  //! `open_store` opens the Store the job uses (called on the job's thread). `on_run` (optional)
  //! hears about each run (tests, logs).
  RetentionJob(std::function<Result<std::unique_ptr<Store>>()> open_store,
               const JurisdictionProfile& profile, const Clock& clock,
               std::chrono::seconds interval, Metrics* metrics,
               std::function<void(const RetentionRun&)> on_run = {});
  ~RetentionJob();
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  void Start();
  void Stop();
  //! Runs one purge now on the calling thread's `store` (what the thread does each interval).
  RetentionRun RunOnce(Store& store);
  int64_t runs() const;

 private:
  void Loop();
  std::function<Result<std::unique_ptr<Store>>()> open_store_;
  const JurisdictionProfile& profile_;
  const Clock& clock_;
  std::chrono::seconds interval_;
  Metrics* metrics_;
  std::function<void(const RetentionRun&)> on_run_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int64_t runs_ = 0;
  std::thread thread_;
};

//! Parses "24h", "30m", "90s", "2d" or a number of seconds; "off" or "0" gives 0 (no job).
Result<std::chrono::seconds> ParseInterval(std::string_view text);

}  // namespace credo::api
