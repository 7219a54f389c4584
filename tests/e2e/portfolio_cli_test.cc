// The portfolio dashboards through the credo binary on the demo bureau (generated intake of two
// months, ingested, monitored, scored): `credo decision overview` computes and stores the
// snapshot and answers from it afterwards, `decision migration` and `decision vintages`, the
// value of a customer in the bureau's currency, and the bad inputs with exit code 2.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "run_shell.h"
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;

RunResult RunCredo(const std::string& arguments) {
  return e2e::RunShell(std::string(CREDO_BINARY) + " " + arguments);
}

class PortfolioCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("credo_e2e_portfolio_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    RunResult demo = RunCredo("demo --dir " + dir_->string() + " --keep");
    ASSERT_EQ(demo.exit_code, 0) << demo.out;
    db_ = new std::string("--db " + (*dir_ / "bureau.db").string() + " ");
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(*dir_, ignored);
    delete dir_;
    delete db_;
  }
  static fs::path* dir_;
  static std::string* db_;
};

fs::path* PortfolioCliTest::dir_ = nullptr;
std::string* PortfolioCliTest::db_ = nullptr;

TEST_F(PortfolioCliTest, OverviewIsStoredAndThenAnsweredFromTheSnapshot) {
  RunResult first = RunCredo(*db_ + "decision overview --as-of 2026-02-28 --refresh");
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("portfolio as of 2026-02-28 in CNY"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("(computed now)"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("delinquency"), std::string::npos);
  EXPECT_NE(first.out.find("charge_off"), std::string::npos);
  EXPECT_NE(first.out.find("concentration by industry"), std::string::npos);

  RunResult json_run = RunCredo(*db_ + "decision overview --as-of 2026-02-28 --json");
  ASSERT_EQ(json_run.exit_code, 0) << json_run.out;
  auto overview = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(overview["snapshot"]["refreshed"], false);
  EXPECT_GT(overview["subjects"]["persons"].get<int64_t>(), 1000);
  EXPECT_GT(overview["subjects"]["organizations"].get<int64_t>(), 50);
  EXPECT_GT(overview["accounts"].get<int64_t>(), 0);
  int64_t scored = 0;
  for (const auto& band : overview["score_distribution"]) scored += band["count"].get<int64_t>();
  EXPECT_GT(scored, 1000);  // the demo scored every person on 2026-02-28
  EXPECT_GT(overview["alerts"]["open"].get<int64_t>(), 0);  // February's monitoring alerts
  EXPECT_FALSE(overview["concentration"]["industry"].empty());
  EXPECT_FALSE(overview["concentration"]["region"].empty());
  double rates = 0;
  for (const auto& bucket : overview["delinquency"]) rates += bucket["rate"].get<double>();
  EXPECT_NEAR(rates, 1.0, 1e-9);
}

TEST_F(PortfolioCliTest, MigrationAndVintages) {
  RunResult migration =
      RunCredo(*db_ + "decision migration --from 2026-01-31 --to 2026-02-28 --json");
  ASSERT_EQ(migration.exit_code, 0) << migration.out;
  auto m = nlohmann::json::parse(migration.out);
  EXPECT_EQ(m["product"], "person_score");
  EXPECT_TRUE(m["from_scored_on"].is_null());  // the demo scored once, on 2026-02-28
  int64_t fresh = 0;
  for (const auto& count : m["new_at_to"]) fresh += count.get<int64_t>();
  EXPECT_GT(fresh, 1000);
  RunResult table = RunCredo(*db_ + "decision migration --from 2026-02-28 --to 2026-02-28");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("from \\ to"), std::string::npos) << table.out;

  RunResult vintages = RunCredo(*db_ + "decision vintages --as-of 2026-02-28");
  ASSERT_EQ(vintages.exit_code, 0) << vintages.out;
  EXPECT_NE(vintages.out.find("cumulative bad rate"), std::string::npos) << vintages.out;
  RunResult vintages_json = RunCredo(*db_ + "decision vintages --as-of 2026-02-28 --json");
  ASSERT_EQ(vintages_json.exit_code, 0);
  auto v = nlohmann::json::parse(vintages_json.out);
  ASSERT_TRUE(v["cohorts"].is_array());
  for (const auto& cohort : v["cohorts"]) {
    double previous = 0;
    for (const auto& point : cohort["points"]) {  // cumulative: never decreases
      EXPECT_GE(point["cumulative_bad_rate"].get<double>(), previous);
      previous = point["cumulative_bad_rate"].get<double>();
    }
  }
}

TEST_F(PortfolioCliTest, ValueIsShownInTheBureausCurrency) {
  RunResult value = RunCredo(*db_ + "decision value 2 --as-of 2026-02-28");
  ASSERT_EQ(value.exit_code, 0) << value.out;
  EXPECT_NE(value.out.find("currency          CNY"), std::string::npos) << value.out;
  EXPECT_EQ(value.out.find("currency          USD"), std::string::npos) << value.out;
  RunResult us = RunCredo("--profile us " + *db_ + "value 2 --as-of 2026-02-28");
  ASSERT_EQ(us.exit_code, 0) << us.out;
  EXPECT_NE(us.out.find("currency          USD"), std::string::npos) << us.out;
}

TEST_F(PortfolioCliTest, BadInputsExitWithTwoAndSayWhy) {
  RunResult bad_date = RunCredo(*db_ + "decision overview --as-of 2026-02-30");
  EXPECT_EQ(bad_date.exit_code, 2) << bad_date.out;
  EXPECT_NE(bad_date.out.find("--as-of"), std::string::npos) << bad_date.out;
  RunResult backwards = RunCredo(*db_ + "decision migration --from 2026-02-28 --to 2026-01-31");
  EXPECT_EQ(backwards.exit_code, 2) << backwards.out;
  EXPECT_NE(backwards.out.find("--to"), std::string::npos) << backwards.out;
  RunResult missing = RunCredo(*db_ + "decision migration --from 2026-02-28");
  EXPECT_NE(missing.exit_code, 0) << missing.out;
  RunResult no_bureau =
      RunCredo("--db " + (*dir_ / "absent.db").string() + " decision overview");
  EXPECT_NE(no_bureau.exit_code, 0) << no_bureau.out;
}

}  // namespace
