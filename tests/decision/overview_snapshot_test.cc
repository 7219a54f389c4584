#include "decision/overview_snapshot.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "portfolio_fixture.h"

namespace credo::decision {
namespace {

using features::testing::D;
using nlohmann::json;

SnapshotOptions Options(const Clock* clock) {
  SnapshotOptions options;
  options.currency = "USD";
  options.clock = clock;
  return options;
}

TEST(OverviewSnapshotTest, StoredUntilTheDataChangesThenRefreshed) {
  testing::PortfolioFixture fixture;
  Store& store = fixture.bureau.store();
  FixedClock clock(D("2024-07-01"), 1719792000);
  auto missing = LoadSnapshot(store, D("2024-06-30"), "USD");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  auto first = CurrentSnapshot(store, D("2024-06-30"), Options(&clock));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_TRUE(first->refreshed);
  EXPECT_EQ(first->computed_at, 1719792000);
  EXPECT_EQ(first->product, "person_score");
  EXPECT_EQ(first->score_dates.size(), 2u);

  clock = FixedClock(D("2024-07-02"), 1719878400);
  auto second = CurrentSnapshot(store, D("2024-06-30"), Options(&clock));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->refreshed);
  EXPECT_EQ(second->computed_at, 1719792000);  // the stored one
  EXPECT_EQ(second->overview_json, first->overview_json);

  // Acknowledging an alert is not a data change, but the answer's alert counts are live.
  auto answer = OverviewAnswerJson(store, *second);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(json::parse(*answer)["alerts"]["open"], 1);
  EXPECT_EQ(json::parse(*answer)["snapshot"]["computed_at"], 1719792000);
  EXPECT_EQ(json::parse(*answer)["snapshot"]["refreshed"], false);

  fixture.AddLaterData();  // new tradeline months and scores: stale
  auto third = CurrentSnapshot(store, D("2024-06-30"), Options(&clock));
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->refreshed);
  EXPECT_EQ(third->computed_at, 1719878400);
  // ... and as of the same date the figures are the same (no look-ahead).
  EXPECT_EQ(json::parse(third->overview_json)["delinquency"],
            json::parse(first->overview_json)["delinquency"]);
  auto forced = CurrentSnapshot(store, D("2024-06-30"), Options(&clock), true);
  ASSERT_TRUE(forced.ok());
  EXPECT_TRUE(forced->refreshed);
}

TEST(OverviewSnapshotTest, MigrationFromTheStoredMatricesEqualsTheLiveOne) {
  testing::PortfolioFixture fixture;
  Store& store = fixture.bureau.store();
  FixedClock clock(D("2024-07-01"), 1719792000);
  auto snapshot = RefreshSnapshot(store, D("2024-06-30"), Options(&clock));
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().ToString();
  auto stored = MigrationAnswerJson(store, *snapshot, D("2024-04-15"), D("2024-06-30"),
                                    Options(&clock));
  ASSERT_TRUE(stored.ok()) << stored.error().ToString();
  json from_snapshot = json::parse(*stored);
  EXPECT_EQ(from_snapshot["from"], "2024-04-15");
  EXPECT_EQ(from_snapshot["from_scored_on"], "2024-03-31");
  EXPECT_FALSE(from_snapshot["snapshot"].is_null());
  EXPECT_EQ(from_snapshot["upgraded"], 1);
  EXPECT_EQ(from_snapshot["downgraded"], 1);

  // Before any score: every graded subject is new.
  auto none = MigrationAnswerJson(store, *snapshot, D("2024-01-01"), D("2024-06-30"),
                                  Options(&clock));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(json::parse(*none)["subjects"], 0);
  EXPECT_TRUE(json::parse(*none)["from_scored_on"].is_null());
  EXPECT_FALSE(json::parse(*none)["snapshot"].is_null());

  // After the snapshot's date: computed from the history, same figures for the same dates.
  auto live = MigrationAnswerJson(store, *snapshot, D("2024-04-15"), D("2024-07-31"),
                                  Options(&clock));
  ASSERT_TRUE(live.ok());
  json computed = json::parse(*live);
  EXPECT_TRUE(computed["snapshot"].is_null());
  EXPECT_EQ(computed["matrix"], from_snapshot["matrix"]);

  auto backwards = MigrationAnswerJson(store, *snapshot, D("2024-06-30"), D("2024-01-01"),
                                       Options(&clock));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().location, "to");

  json vintages = json::parse(VintagesAnswerJson(*snapshot));
  EXPECT_EQ(vintages["cohorts"].size(), 4u);
  EXPECT_EQ(vintages["computed_at"], 1719792000);
}

TEST(OverviewSnapshotTest, FingerprintMovesWithTheData) {
  testing::PortfolioFixture fixture;
  auto before = DataFingerprint(fixture.bureau.store());
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*DataFingerprint(fixture.bureau.store()), *before);
  fixture.Score(fixture.a, "2024-06-30", 721, 0.0005);  // rescoring the same date
  auto after = DataFingerprint(fixture.bureau.store());
  ASSERT_TRUE(after.ok());
  EXPECT_NE(*after, *before);
}

}  // namespace
}  // namespace credo::decision
