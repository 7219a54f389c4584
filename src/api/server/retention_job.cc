#include "api/server/retention_job.h"

#include <cctype>

#include "api/server/metrics.h"
#include "compliance/context.h"
#include "compliance/disputes.h"
#include "compliance/retention.h"
#include "report/report.h"

namespace credo::api {
namespace {

constexpr const char* kRunsCounter = "credo_retention_runs_total";
constexpr const char* kRunsHelp = "Scheduled retention purges by outcome.";
constexpr const char* kItemsCounter = "credo_retention_items_purged_total";
constexpr const char* kItemsHelp = "Negative items suppressed by the scheduled purge.";
constexpr const char* kReportsCounter = "credo_retention_reports_purged_total";
constexpr const char* kReportsHelp =
    "Kept reports deleted by the scheduled purge after their period.";
constexpr const char* kDisputesCounter = "credo_retention_disputes_closed_total";
constexpr const char* kDisputesHelp =
    "Disputes past their deadline closed in the subject's favour by the scheduled run.";

}  // namespace

RetentionJob::RetentionJob(std::function<Result<std::unique_ptr<Store>>()> open_store,
                           const JurisdictionProfile& profile, const Clock& clock,
                           std::chrono::seconds interval, Metrics* metrics,
                           std::function<void(const RetentionRun&)> on_run)
    : open_store_(std::move(open_store)),
      profile_(profile),
      clock_(clock),
      interval_(interval),
      metrics_(metrics),
      on_run_(std::move(on_run)) {
  // The series exist, at zero, from the start: a scrape before the first purge has finished
  // sees no run yet rather than no counter.
  if (metrics_ != nullptr) {
    for (const char* outcome : {"ok", "failed"}) {
      metrics_->AddCounter(kRunsCounter, kRunsHelp, std::string("outcome=\"") + outcome + "\"", 0);
    }
    metrics_->AddCounter(kItemsCounter, kItemsHelp, "", 0);
    metrics_->AddCounter(kReportsCounter, kReportsHelp, "", 0);
    metrics_->AddCounter(kDisputesCounter, kDisputesHelp, "", 0);
  }
}

RetentionJob::~RetentionJob() { Stop(); }

void RetentionJob::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void RetentionJob::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t RetentionJob::runs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return runs_;
}

RetentionRun RetentionJob::RunOnce(Store& store) {
  RetentionRun run;
  compliance::ComplianceContext context(profile_, clock_, "api:retention-job");
  run.as_of = context.Today();
  // Deadlines first: an item closed in the subject's favour is not reported from this run on.
  auto closed = compliance::SweepDisputeDeadlines(store, context);
  auto result = closed.ok() ? report::RunRetentionPurge(store, context, run.as_of)
                            : Result<report::RetentionOutcome>(closed.error());
  if (result.ok()) {
    run.ok = true;
    run.subjects_scanned = result->items.subjects_scanned;
    run.items_purged = static_cast<int64_t>(result->items.purged.size());
    run.reports_purged = static_cast<int64_t>(result->reports.report_ids.size());
    run.disputes_closed = static_cast<int64_t>(closed->size());
  } else {
    run.error_code = std::string(ErrorCodeName(result.error().code));
  }
  if (metrics_ != nullptr) {
    metrics_->AddCounter(kRunsCounter, kRunsHelp,
                         std::string("outcome=\"") + (run.ok ? "ok" : "failed") + "\"");
    if (run.ok) {
      metrics_->AddCounter(kItemsCounter, kItemsHelp, "", static_cast<double>(run.items_purged));
      metrics_->AddCounter(kReportsCounter, kReportsHelp, "",
                           static_cast<double>(run.reports_purged));
      metrics_->AddCounter(kDisputesCounter, kDisputesHelp, "",
                           static_cast<double>(run.disputes_closed));
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++runs_;
  }
  if (on_run_) on_run_(run);
  return run;
}

void RetentionJob::Loop() {
  std::unique_ptr<Store> store;
  while (true) {
    if (!store) {
      auto opened = open_store_();
      if (opened.ok()) {
        store = std::move(opened).value();
      } else {
        RetentionRun failed;
        failed.as_of = clock_.Today();
        failed.error_code = std::string(ErrorCodeName(opened.error().code));
        if (on_run_) on_run_(failed);
      }
    }
    if (store) RunOnce(*store);
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
  }
}

Result<std::chrono::seconds> ParseInterval(std::string_view text) {
  if (text == "off" || text == "0") return std::chrono::seconds(0);
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
    ++digits;
  }
  std::string_view unit = text.substr(digits);
  if (digits == 0 || digits > 9 || unit.size() > 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "interval '" + std::string(text) +
                         "' is not a number with an optional unit s, m, h or d (e.g. 24h), or off");
  }
  int64_t value = std::stoll(std::string(text.substr(0, digits)));
  int64_t scale = 1;
  if (unit == "m") scale = 60;
  else if (unit == "h") scale = 3600;
  else if (unit == "d") scale = 86400;
  else if (!unit.empty() && unit != "s") {
    return MakeError(ErrorCode::kInvalidArgument,
                     "interval unit '" + std::string(unit) + "' is not s, m, h or d");
  }
  return std::chrono::seconds(value * scale);
}

}  // namespace credo::api
