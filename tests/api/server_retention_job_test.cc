#include "api/server/retention_job.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>

#include "../compliance/compliance_test_support.h"
#include "api/server/metrics.h"
#include "compliance/disputes.h"

namespace credo::api {
namespace {

using compliance::testing::Bureau;
using compliance::testing::D;

TEST(RetentionJobTest, PurgesWithTheServersClockAndAuditsEachItem) {
  // Months 2018-02..04 overdue, current from 2018-05: due for purge from 2023-05-01 (CN).
  Bureau bureau("cn", D(2023, 6, 1));
  SubjectId subject = bureau.AddPerson(1);
  bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "00111000");
  Metrics metrics;
  RetentionJob job([] { return Result<std::unique_ptr<Store>>(MakeError(ErrorCode::kInternal, "")); },
                   bureau.profile(), bureau.clock(), std::chrono::hours(24), &metrics);
  // Before any run the series are there at zero (a scrape at start-up sees "no run yet").
  std::string before = metrics.Render();
  EXPECT_NE(before.find("credo_retention_runs_total{outcome=\"ok\"} 0"), std::string::npos)
      << before;
  EXPECT_NE(before.find("credo_retention_runs_total{outcome=\"failed\"} 0"), std::string::npos);
  EXPECT_NE(before.find("credo_retention_items_purged_total 0"), std::string::npos);
  RetentionRun run = job.RunOnce(bureau.store());
  ASSERT_TRUE(run.ok) << run.error_code;
  EXPECT_EQ(run.as_of, D(2023, 6, 1));
  EXPECT_EQ(run.items_purged, 3);
  auto audit = bureau.Audit();
  EXPECT_EQ(std::count_if(audit.begin(), audit.end(),
                          [](const AuditEntry& e) { return e.action == "compliance.purge"; }),
            3);
  std::string after = metrics.Render();
  EXPECT_NE(after.find("credo_retention_items_purged_total 3"), std::string::npos) << after;
  EXPECT_NE(after.find("credo_retention_runs_total{outcome=\"ok\"} 1"), std::string::npos);
  // The next run finds nothing new.
  EXPECT_EQ(job.RunOnce(bureau.store()).items_purged, 0);
}

TEST(RetentionJobTest, ClosesDisputesPastTheirDeadlineInTheSubjectsFavour) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  compliance::DisputeRequest request;
  request.subject_id = subject;
  request.item = {compliance::ItemKind::kTradelineMonth, tradeline, D(2024, 1, 1), ""};
  request.reason = "I paid on time";
  auto dispute = compliance::OpenDispute(bureau.store(), bureau.context(), request);
  ASSERT_TRUE(dispute.ok()) << dispute.error().ToString();
  Metrics metrics;
  RetentionJob job([] { return Result<std::unique_ptr<Store>>(MakeError(ErrorCode::kInternal, "")); },
                   bureau.profile(), bureau.clock(), std::chrono::hours(24), &metrics);
  EXPECT_NE(metrics.Render().find("credo_retention_disputes_closed_total 0"), std::string::npos);
  // Within the 20 days (条例 第25条) the dispute stays open.
  RetentionRun in_time = job.RunOnce(bureau.store());
  ASSERT_TRUE(in_time.ok) << in_time.error_code;
  EXPECT_EQ(in_time.disputes_closed, 0);
  bureau.SetToday(D(2024, 3, 31));
  RetentionRun late = job.RunOnce(bureau.store());
  ASSERT_TRUE(late.ok) << late.error_code;
  EXPECT_EQ(late.disputes_closed, 1);
  auto audit = bureau.Audit();
  EXPECT_EQ(std::count_if(audit.begin(), audit.end(),
                          [](const AuditEntry& e) { return e.action == "dispute.deadline_passed"; }),
            1);
  EXPECT_NE(metrics.Render().find("credo_retention_disputes_closed_total 1"), std::string::npos);
  EXPECT_EQ(job.RunOnce(bureau.store()).disputes_closed, 0);  // closed once
}

TEST(RetentionJobTest, RunsAtStartAndStopsPromptly) {
  Bureau bureau("cn", D(2023, 6, 1));
  const std::string location = bureau.location();
  const std::string key_file = bureau.key_file();
  std::mutex mutex;
  std::condition_variable ran;
  int runs = 0;
  RetentionJob job(
      [location, key_file] {
        StoreOptions options;
        options.location = location;
        options.key_file = key_file;
        return OpenStore(options);
      },
      bureau.profile(), bureau.clock(), std::chrono::hours(24), nullptr,
      [&](const RetentionRun& run) {
        EXPECT_TRUE(run.ok) << run.error_code;
        std::lock_guard<std::mutex> lock(mutex);
        ++runs;
        ran.notify_all();
      });
  auto started = std::chrono::steady_clock::now();
  job.Start();
  {
    std::unique_lock<std::mutex> lock(mutex);
    ASSERT_TRUE(ran.wait_for(lock, std::chrono::seconds(30), [&] { return runs >= 1; }));
  }
  job.Stop();  // does not wait the 24 hours
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
  EXPECT_EQ(job.runs(), 1);
}

TEST(RetentionJobTest, IntervalsParse) {
  EXPECT_EQ(ParseInterval("24h").value(), std::chrono::hours(24));
  EXPECT_EQ(ParseInterval("30m").value(), std::chrono::minutes(30));
  EXPECT_EQ(ParseInterval("90s").value(), std::chrono::seconds(90));
  EXPECT_EQ(ParseInterval("2d").value(), std::chrono::hours(48));
  EXPECT_EQ(ParseInterval("600").value(), std::chrono::seconds(600));
  EXPECT_EQ(ParseInterval("off").value(), std::chrono::seconds(0));
  EXPECT_FALSE(ParseInterval("h").ok());
  EXPECT_FALSE(ParseInterval("5w").ok());
  EXPECT_FALSE(ParseInterval("-1h").ok());
}

}  // namespace
}  // namespace credo::api
