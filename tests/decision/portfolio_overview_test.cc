#include "decision/portfolio_overview.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "portfolio_fixture.h"

namespace credo::decision {
namespace {

using features::testing::D;

model::MasterScale Scale() { return model::LoadMasterScale(model::DefaultMasterScalePath()).value(); }

Result<PortfolioOverview> Overview(Store& store, const char* as_of) {
  OverviewOptions options;
  options.currency = "USD";
  return ComputeOverviewFromStore(store, D(as_of), options);
}

int64_t GradeCountOf(const PortfolioOverview& overview, const std::string& grade) {
  for (const auto& g : overview.grade_distribution) {
    if (g.grade == grade) return g.count;
  }
  return -1;
}

TEST(PortfolioOverviewTest, SizeDelinquencyScoresAndAlertsAsWorkedOutByHand) {
  testing::PortfolioFixture fixture;
  auto overview = Overview(fixture.bureau.store(), "2024-06-30");
  ASSERT_TRUE(overview.ok()) << overview.error().ToString();
  EXPECT_EQ(overview->persons, 3);  // A, B, C; E was stored after the date and has no record
  EXPECT_EQ(overview->organizations, 1);
  EXPECT_EQ(overview->accounts, 4);  // A's closed card is off the book
  EXPECT_EQ(overview->balance_minor, 290000);
  ASSERT_EQ(overview->delinquency.size(), 6u);
  const std::vector<std::pair<int64_t, int64_t>> expected = {
      {1, 30000}, {1, 10000}, {0, 0}, {1, 50000}, {0, 0}, {1, 200000}};
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& bucket = overview->delinquency[i];
    EXPECT_EQ(bucket.bucket, DelinquencyBucketNames()[i]);
    EXPECT_EQ(bucket.accounts, expected[i].first) << bucket.bucket;
    EXPECT_EQ(bucket.balance_minor, expected[i].second) << bucket.bucket;
    EXPECT_DOUBLE_EQ(bucket.rate, expected[i].first / 4.0) << bucket.bucket;
    EXPECT_DOUBLE_EQ(bucket.balance_rate, expected[i].second / 290000.0) << bucket.bucket;
  }
  // Scores as of the date: A 720, B 560, C 610 in 50-point bands from 300 to 899.
  ASSERT_EQ(overview->score_distribution.size(), 12u);
  EXPECT_EQ(overview->score_distribution.front().band, "300-349");
  EXPECT_EQ(overview->score_distribution.back().band, "850-899");
  int64_t total = 0;
  for (const auto& band : overview->score_distribution) {
    total += band.count;
    const int64_t want = band.band == "550-599" || band.band == "600-649" ||
                                 band.band == "700-749"
                             ? 1
                             : 0;
    EXPECT_EQ(band.count, want) << band.band;
  }
  EXPECT_EQ(total, 3);
  // Grades from the PD on the master scale: .0005 AAA, .2 B-, .05 BB-.
  EXPECT_EQ(GradeCountOf(*overview, "AAA"), 1);
  EXPECT_EQ(GradeCountOf(*overview, "B-"), 1);
  EXPECT_EQ(GradeCountOf(*overview, "BB-"), 1);
  EXPECT_EQ(GradeCountOf(*overview, "AA"), 0);
  EXPECT_EQ(overview->grade_distribution.back().grade, "D");
  EXPECT_TRUE(overview->alerts.monitored);
  EXPECT_EQ(overview->alerts.open, 1);    // k2 was acknowledged on 2024-06-02
  EXPECT_EQ(overview->alerts.new_7d, 1);  // k1 on 2024-06-25
}

TEST(PortfolioOverviewTest, NothingLearnedAfterTheDateChangesTheAnswer) {
  testing::PortfolioFixture fixture;
  auto before = Overview(fixture.bureau.store(), "2024-06-30");
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  fixture.AddLaterData();
  auto after = Overview(fixture.bureau.store(), "2024-06-30");
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  EXPECT_EQ(OverviewToJson(*before), OverviewToJson(*after));
  // ... while as of the later date the revision is seen: B's loan is charged off.
  auto later = Overview(fixture.bureau.store(), "2024-09-30");
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->delinquency[5].accounts, 2);
  EXPECT_EQ(later->delinquency[5].balance_minor, 265000);
  EXPECT_EQ(later->alerts.open, 2);
}

TEST(PortfolioOverviewTest, OtherCurrenciesAreCountedApartNotSummed) {
  testing::PortfolioFixture fixture;
  OverviewOptions options;
  options.currency = "CNY";
  auto overview = ComputeOverviewFromStore(fixture.bureau.store(), D("2024-06-30"), options);
  ASSERT_TRUE(overview.ok());
  EXPECT_EQ(overview->accounts, 4);
  EXPECT_EQ(overview->balance_minor, 0);
  ASSERT_EQ(overview->other_currency.size(), 1u);
  EXPECT_EQ(overview->other_currency[0].currency, "USD");
  EXPECT_EQ(overview->other_currency[0].balance_minor, 290000);
}

TEST(PortfolioOverviewTest, JsonRoundTripsAndHasTheConsoleFields) {
  testing::PortfolioFixture fixture;
  auto overview = Overview(fixture.bureau.store(), "2024-06-30");
  ASSERT_TRUE(overview.ok());
  const std::string text = OverviewToJson(*overview);
  auto parsed = OverviewFromJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(OverviewToJson(*parsed), text);
  auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json["subjects"]["persons"], 3);
  EXPECT_EQ(json["delinquency"][5]["bucket"], "charge_off");
  EXPECT_TRUE(json["concentration"]["industry"].is_array());
  EXPECT_FALSE(OverviewFromJson("{\"as_of\": 1}").ok());
}

TEST(PortfolioOverviewTest, BucketsOfEveryStatus) {
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kCurrent), "current");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kZeroBalance), "current");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kNoData), "current");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kPastDue30), "30");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kPastDue60), "60");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kPastDue90), "90");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kPastDue150), "120+");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kPastDue180), "120+");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kCollection), "charge_off");
  EXPECT_EQ(DelinquencyBucketOf(PaymentStatus::kChargeOff), "charge_off");
  BookScore graded;
  graded.grade = "A";
  graded.pd = 0.5;
  EXPECT_EQ(GradeOfScore(graded, Scale()), "A");
  graded.grade.clear();
  EXPECT_EQ(GradeOfScore(graded, Scale()), "C");
}

}  // namespace
}  // namespace credo::decision
