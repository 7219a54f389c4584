// Monitoring on a generated bureau: credo's generator writes two months of intake; month 1 is
// ingested, every subject is subscribed, month 2 is ingested and each of its batches evaluated.
// The subjects whose tradeline status worsened in month 2 (read independently from what the
// month-2 batches reported against what the month-1 batches reported) get alerts, and no others.
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "compliance/context.h"
#include "core/profile.h"
#include "ingest/batch/pipeline.h"
#include "ingest/generate/generate.h"
#include "monitor/monitor.h"
#include "monitor_test_support.h"
#include "store/keys.h"

namespace credo::monitor {
namespace {

namespace fs = std::filesystem;
using testing::D;

struct Loaded {
  std::vector<BatchId> batches;
};

Loaded LoadMonth(Store& store, const std::string& dir, const std::vector<std::string>& files,
                 const std::string& month, bool with_undated) {
  const auto profile = LoadBuiltinProfile("cn").value();
  const std::pair<std::string, std::string> feeds[] = {
      {"card_issuer/", "card_issuer"},
      {"online_lender/", "online_lender"},
      {"registry/companies", "registry"},
      {"public_records/court_persons", "court_persons"},
      {"public_records/court_companies", "court_companies"},
      {"public_records/tax_arrears", "tax_arrears"},
      {"public_records/penalties", "penalties"}};
  Loaded loaded;
  for (const std::string& relative : files) {
    const bool monthly = relative.find("2026") != std::string::npos;
    if (monthly ? relative.find(month) == std::string::npos : !with_undated) continue;
    const fs::path path = fs::path(dir) / relative;
    if (fs::file_size(path) == 0) continue;
    if (relative.rfind("bank_a/", 0) == 0 || relative.rfind("bank_b/", 0) == 0) {
      auto result = ingest::IngestFile(store, path.string(), relative.substr(0, 6),
                                       ingest::InputFormat::kMetro2, nullptr, profile);
      EXPECT_TRUE(result.ok()) << relative << ": " << result.error().ToString();
      if (result.ok()) loaded.batches.push_back(result->batch.id);
      continue;
    }
    for (const auto& [prefix, mapping_name] : feeds) {
      if (relative.rfind(prefix, 0) != 0) continue;
      auto mapping = ingest::LoadIngestMapping(dir + "/mappings/" + mapping_name + ".toml");
      EXPECT_TRUE(mapping.ok());
      if (!mapping.ok()) break;
      auto result = ingest::IngestFile(store, path.string(), mapping_name,
                                       ingest::GuessInputFormat(path.string()), &*mapping, profile);
      if (!result.ok() && result.error().message.find("[IN-907]") != std::string::npos) break;
      EXPECT_TRUE(result.ok()) << relative << ": " << result.error().ToString();
      if (result.ok()) loaded.batches.push_back(result->batch.id);
      break;
    }
  }
  return loaded;
}

//! Per tradeline, the worst status severity its batches reported for `month` (first day).
std::map<int64_t, std::pair<SubjectId, int>> ReportedSeverity(Store& store,
                                                              const std::vector<BatchId>& batches,
                                                              Date month) {
  std::map<int64_t, std::pair<SubjectId, int>> severity;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    for (BatchId batch : batches) {
      std::vector<SqlValue> params = {SqlValue::Int(batch),
                                      SqlValue::Int(month.days_since_epoch())};
      CREDO_ASSIGN_OR_RETURN(
          auto rows, transaction.Query("SELECT tradeline_id, subject_id, payment_status FROM "
                                       "tradeline_months WHERE batch_id = ? AND month = ?",
                                       params));
      for (const SqlRow& row : rows) {
        CREDO_ASSIGN_OR_RETURN(PaymentStatus status, ParsePaymentStatus(row.at(2).bytes.at(0)));
        auto& entry = severity[row.at(0).int_value];
        entry.first = row.at(1).int_value;
        entry.second = std::max(entry.second, PaymentStatusSeverity(status));
      }
    }
    return Ok();
  }).ok());
  return severity;
}

TEST(GeneratedBureauTest, AlertsGoToTheSubjectsWhoseStatusWorsenedInMonthTwoAndNoOthers) {
  const fs::path dir =
      fs::temp_directory_path() / ("credo_monitor_generated_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ingest::generate::GeneratorOptions options;
  options.persons = 600;
  options.companies = 60;
  options.seed = 23;
  options.months = 2;
  options.out_dir = (dir / "intake").string();
  auto generated = ingest::generate::Generate(options);
  ASSERT_TRUE(generated.ok()) << generated.error().ToString();

  const std::string db = (dir / "bureau.db").string();
  ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
  StoreOptions store_options;
  store_options.location = db;
  store_options.create_if_missing = true;
  auto store = std::move(OpenStore(store_options)).value();
  ASSERT_TRUE(InstallMonitorSchema(*store).ok());
  ASSERT_TRUE(compliance::EnsureComplianceSchema(*store).ok());
  FixedClock clock(D("2026-03-02"), 1772409600);
  const testing::Gate gate(clock);

  const Loaded january = LoadMonth(*store, options.out_dir, generated->files, "202601", true);
  ASSERT_GE(january.batches.size(), 4u);

  // Subscribe every subject the bureau knows after January, each with its consent to BANK1's
  // post-loan monitoring (the CN profile's account_review needs one).
  std::vector<SubjectId> subjects;
  ASSERT_TRUE(store
                  ->WithReadTransaction([&](Transaction& transaction) -> Status {
                    CREDO_ASSIGN_OR_RETURN(subjects, transaction.ListSubjectIds(0, 1000000));
                    return Ok();
                  })
                  .ok());
  ASSERT_GT(subjects.size(), 400u);
  testing::AddMonitoringConsents(*store, gate.context(), "BANK1", subjects);
  SubscribeRequest request;
  request.institution = "BANK1";
  request.triggers = ParseTriggers("delinquency,charge_off").value();
  request.baseline_on = D("2026-01-31");
  auto subscribed = Subscribe(*store, gate.context(), request, subjects);
  ASSERT_TRUE(subscribed.ok()) << subscribed.error().ToString();
  ASSERT_EQ(subscribed->added, static_cast<int64_t>(subjects.size()));

  const Loaded february = LoadMonth(*store, options.out_dir, generated->files, "202602", false);
  ASSERT_GE(february.batches.size(), 4u);
  int64_t raised = 0;
  for (BatchId batch : february.batches) {
    auto summary = EvaluateTouched(
        *store, {.batch_id = batch, .clock = &clock, .compliance = &gate.context()});
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    EXPECT_EQ(summary->skipped_subscriptions, 0);
    // The latest date the batch reports: month end for accounts, a filing date for records.
    EXPECT_GE(summary->as_of, D("2026-02-01"));
    EXPECT_LE(summary->as_of, D("2026-02-28"));
    raised += summary->alerts_raised;
  }

  // Independent expectation: tradelines whose February status, as the February batches
  // reported it, is worse than their January status as the January batches reported it.
  auto january_status = ReportedSeverity(*store, january.batches, D("2026-01-01"));
  auto february_status = ReportedSeverity(*store, february.batches, D("2026-02-01"));
  std::set<SubjectId> expected;
  std::set<int64_t> expected_tradelines;
  for (const auto& [tradeline, entry] : february_status) {
    const int before = january_status.count(tradeline) ? january_status[tradeline].second : 0;
    if (entry.second >= 1 && entry.second > before) {
      expected.insert(entry.first);
      expected_tradelines.insert(tradeline);
    }
  }
  ASSERT_GT(expected.size(), 5u) << "the generated month 2 should have some deterioration";

  std::set<SubjectId> alerted;
  std::set<int64_t> alerted_tradelines;
  std::vector<Alert> alerts;
  ASSERT_TRUE(store->WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(alerts, ListAlerts(transaction, "BANK1", {.limit = 1000000}));
    return Ok();
  }).ok());
  EXPECT_EQ(static_cast<int64_t>(alerts.size()), raised);
  for (const Alert& alert : alerts) {
    alerted.insert(alert.subject_id);
    const size_t start = alert.evidence_key.find('=') + 1;
    alerted_tradelines.insert(std::stoll(alert.evidence_key.substr(start)));
  }
  EXPECT_EQ(alerted, expected);
  EXPECT_EQ(alerted_tradelines, expected_tradelines);
  std::cout << "[ generated ] " << subjects.size() << " subscribed subjects, " << expected.size()
            << " with a worse status in month 2, " << alerts.size() << " alerts\n";

  // Evaluating every February batch again raises nothing new.
  for (BatchId batch : february.batches) {
    auto again = EvaluateTouched(
        *store, {.batch_id = batch, .clock = &clock, .compliance = &gate.context()});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->alerts_raised, 0);
  }
  store.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace credo::monitor
