// Concentration, vintages and grade migration on the hand-worked fixture (portfolio_fixture.h).
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "decision/concentration.h"
#include "decision/grade_migration.h"
#include "decision/vintages.h"
#include "portfolio_fixture.h"

namespace credo::decision {
namespace {

using features::testing::D;

model::MasterScale Scale() { return model::LoadMasterScale(model::DefaultMasterScalePath()).value(); }

PortfolioBook Book(testing::PortfolioFixture& fixture, const char* as_of) {
  auto book = LoadPortfolioBook(fixture.bureau.store(), D(as_of));
  EXPECT_TRUE(book.ok()) << book.error().ToString();
  return book.ok() ? std::move(*book) : PortfolioBook{};
}

const BookAccount* FindAccount(const PortfolioBook& book, SubjectId subject) {
  for (const BookAccount& account : book.accounts) {
    if (account.subject_id == subject) return &account;
  }
  return nullptr;
}

TEST(PortfolioBookTest, AccountTermsAreThoseOfTheLatestReportMadeByTheAsOfDate) {
  testing::PortfolioFixture fixture;
  const SubjectId f = fixture.Person("Wu Fang", "北京市");
  // April: charged off (the months show no delinquency; only the terms say so).
  Tradeline card = fixture.Account(f, AccountKind::kRevolving, "2023-01-01", "2024-04-30", "000",
                                   40000, AccountStatus::kChargeOff);
  // August: the charge-off was settled and the account closed in July.
  card.status = AccountStatus::kClosedPaid;
  card.closed_on = D("2024-07-15");
  card.reported_on = D("2024-08-31");
  fixture.Report(card);

  // As of June the bureau knew the April terms only: on the book, charged off.
  const PortfolioBook june = Book(fixture, "2024-06-30");
  const BookAccount* in_june = FindAccount(june, f);
  ASSERT_NE(in_june, nullptr);
  EXPECT_EQ(in_june->status, PaymentStatus::kChargeOff);
  // As of September the closing is known: off the book.
  EXPECT_EQ(FindAccount(Book(fixture, "2024-09-30"), f), nullptr);
  // Before any report: not on the book at all.
  EXPECT_EQ(FindAccount(Book(fixture, "2024-03-31"), f), nullptr);
}

TEST(ConcentrationTest, ExposureByRegionAndIndustry) {
  testing::PortfolioFixture fixture;
  Concentration concentration = ComputeConcentration(Book(fixture, "2024-06-30"), "USD");
  // Shanghai: C (from the resident id's region 31) 10000 + D 200000; Beijing: A 30000 + B 50000.
  ASSERT_EQ(concentration.region.groups.size(), 2u);
  EXPECT_EQ(concentration.region.groups[0].code, "上海市");
  EXPECT_EQ(concentration.region.groups[0].subjects, 2);
  EXPECT_EQ(concentration.region.groups[0].exposure_minor, 210000);
  EXPECT_NEAR(concentration.region.groups[0].share, 210000.0 / 290000, 1e-12);
  EXPECT_EQ(concentration.region.groups[1].code, "北京市");
  EXPECT_EQ(concentration.region.groups[1].exposure_minor, 80000);
  const double hhi = std::pow(210000.0 / 290000, 2) + std::pow(80000.0 / 290000, 2);
  EXPECT_NEAR(concentration.region.hhi, hhi, 1e-12);
  EXPECT_EQ(concentration.region.total_exposure_minor, 290000);
  ASSERT_EQ(concentration.industry.groups.size(), 1u);
  EXPECT_EQ(concentration.industry.groups[0].code, "C");
  EXPECT_EQ(concentration.industry.groups[0].label, "Manufacturing");
  EXPECT_EQ(concentration.industry.groups[0].label_zh, "制造业");
  EXPECT_DOUBLE_EQ(concentration.industry.groups[0].share, 1.0);
  EXPECT_DOUBLE_EQ(concentration.industry.hhi, 1.0);
}

TEST(ConcentrationTest, IndustrySections) {
  EXPECT_EQ(IndustrySectionOf("I65").label_en, "Information transmission, software and IT services");
  EXPECT_EQ(IndustrySectionOf("k70").code, "K");
  EXPECT_EQ(IndustrySectionOf("522110").code, "52");
  EXPECT_EQ(IndustrySectionOf("522110").label_en, "Finance and insurance");
  EXPECT_EQ(IndustrySectionOf("").code, "unknown");
  EXPECT_EQ(IndustrySectionOf("99").code, "other");
}

TEST(VintagesTest, CumulativeBadRateByMonthsOnBook) {
  testing::PortfolioFixture fixture;
  Vintages vintages = ComputeVintages(Book(fixture, "2024-06-30"), 24);
  // Cohorts from 2022-07: C (2023-03), D (2023-06), A (2024-01), B (2024-02).
  ASSERT_EQ(vintages.cohorts.size(), 4u);
  EXPECT_EQ(vintages.cohorts[0].cohort, "2023-03");
  EXPECT_EQ(vintages.cohorts[0].points.size(), 16u);  // months on book 0..15
  EXPECT_EQ(vintages.cohorts[0].points.back().cumulative_bad_rate, 0.0);  // 30 days is not bad
  const VintageCohort& d = vintages.cohorts[1];
  EXPECT_EQ(d.cohort, "2023-06");
  ASSERT_EQ(d.points.size(), 13u);
  EXPECT_EQ(d.points[11].cumulative_bad_rate, 0.0);
  EXPECT_EQ(d.points[12].cumulative_bad_rate, 1.0);  // charged off in June 2024, 12 months on
  const VintageCohort& b = vintages.cohorts[3];
  EXPECT_EQ(b.cohort, "2024-02");
  ASSERT_EQ(b.points.size(), 5u);
  EXPECT_EQ(b.points[3].bad, 0);  // May: 60 days
  EXPECT_EQ(b.points[4].bad, 1);  // June: 90 days, 4 months on book
  EXPECT_EQ(b.accounts, 1);
  // Only the last 12 cohorts: C's and D's drop out.
  EXPECT_EQ(ComputeVintages(Book(fixture, "2024-06-30"), 12).cohorts.size(), 2u);
  auto json = nlohmann::json::parse(VintagesToJson(vintages));
  EXPECT_EQ(json["cohorts"][3]["points"][4]["cumulative_bad_rate"], 1.0);
}

TEST(VintagesTest, NoLookAhead) {
  testing::PortfolioFixture fixture;
  const std::string before = VintagesToJson(ComputeVintages(Book(fixture, "2024-06-30")));
  fixture.AddLaterData();
  EXPECT_EQ(VintagesToJson(ComputeVintages(Book(fixture, "2024-06-30"))), before);
  // As of August, the revision is known: B went bad (90 days) in May, at 3 months on book.
  Vintages later = ComputeVintages(Book(fixture, "2024-08-31"));
  for (const auto& cohort : later.cohorts) {
    if (cohort.cohort == "2024-02") {
      EXPECT_EQ(cohort.points[3].bad, 1);
    }
  }
}

TEST(GradeMigrationTest, MatrixBetweenTwoDates) {
  testing::PortfolioFixture fixture;
  auto product = DefaultMigrationProduct(fixture.bureau.store());
  ASSERT_TRUE(product.ok());
  EXPECT_EQ(*product, "person_score");
  const model::MasterScale scale = Scale();
  auto timelines = LoadGradeTimelines(fixture.bureau.store(), *product, D("2024-06-30"), scale);
  ASSERT_TRUE(timelines.ok()) << timelines.error().ToString();
  ASSERT_EQ(timelines->score_dates.size(), 2u);
  // A date between the scoring dates answers as the scoring date before it.
  auto migration = ComputeMigration(*timelines, D("2024-04-15"), D("2024-06-30"));
  ASSERT_TRUE(migration.ok());
  EXPECT_EQ(migration->from_scored_on, D("2024-03-31"));
  EXPECT_EQ(migration->to_scored_on, D("2024-06-30"));
  auto index = [&](const std::string& grade) {
    return static_cast<size_t>(
        std::find(migration->grades.begin(), migration->grades.end(), grade) -
        migration->grades.begin());
  };
  EXPECT_EQ(migration->matrix[index("AA")][index("AAA")], 1);    // A upgraded
  EXPECT_EQ(migration->matrix[index("BBB-")][index("B-")], 1);  // B downgraded
  EXPECT_EQ(migration->new_at_to[index("BB-")], 1);              // C first scored in June
  EXPECT_EQ(migration->subjects, 2);
  EXPECT_EQ(migration->upgraded, 1);
  EXPECT_EQ(migration->downgraded, 1);
  EXPECT_EQ(migration->unchanged, 0);
  int64_t total = 0;
  for (const auto& row : migration->matrix) {
    for (int64_t count : row) total += count;
  }
  EXPECT_EQ(total, 2);

  auto backwards = ComputeMigration(*timelines, D("2024-06-30"), D("2024-03-31"));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(backwards.error().location, "to");
}

TEST(GradeMigrationTest, NoLookAhead) {
  testing::PortfolioFixture fixture;
  const model::MasterScale scale = Scale();
  auto before = LoadGradeTimelines(fixture.bureau.store(), "person_score", D("2024-06-30"), scale);
  fixture.AddLaterData();
  auto after = LoadGradeTimelines(fixture.bureau.store(), "person_score", D("2024-06-30"), scale);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(MigrationToJson(ComputeMigration(*before, D("2024-03-31"), D("2024-06-30")).value()),
            MigrationToJson(ComputeMigration(*after, D("2024-03-31"), D("2024-06-30")).value()));
  EXPECT_EQ(after->score_dates.size(), 2u);
}

}  // namespace
}  // namespace credo::decision
