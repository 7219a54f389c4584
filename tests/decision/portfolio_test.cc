#include "decision/portfolio.h"

#include <gtest/gtest.h>

#include "file_builder.h"

namespace credo::decision {
namespace {

using features::testing::D;
using features::testing::MakeTradeline;

TEST(PortfolioTest, LoadsCustomersOfOneKindWithAttributesAndValue) {
  features::testing::TempBureau bureau;
  SubjectId person = features::testing::InsertPerson(bureau.store(), "Zhao Lei");
  features::testing::InsertCompany(bureau.store(), "Foxtrot Ltd", D("2018-04-01"));
  SubjectId second = features::testing::InsertPerson(bureau.store(), "Qian Li");
  Status status = bureau.store().WithTransaction([&](Transaction& txn) -> Status {
    Tradeline card = MakeTradeline(AccountKind::kRevolving, "2019-05-01", "2024-05-31", "000",
                                   30000, 120000);
    card.subject_id = person;
    CREDO_TRY(txn.UpsertTradeline(card, 0));
    return Ok();
  });
  ASSERT_TRUE(status.ok());
  PortfolioOptions options;
  options.kind = SubjectKind::kPerson;
  options.page_size = 1;  // pages of one still read everyone
  auto portfolio = LoadPortfolio(bureau.store(), D("2024-06-15"), {}, options);
  ASSERT_TRUE(portfolio.ok()) << portfolio.error().ToString();
  ASSERT_EQ(portfolio->size(), 2u);
  EXPECT_EQ((*portfolio)[0].subject_id, person);
  EXPECT_EQ((*portfolio)[0].name, "Zhao Lei");
  EXPECT_EQ((*portfolio)[1].subject_id, second);
  EXPECT_EQ(CustomerMeasure((*portfolio)[0], "revolving_utilization"), 0.25);
  EXPECT_EQ(CustomerMeasure((*portfolio)[0], "value.balance"), 30000.0);
  EXPECT_EQ(CustomerMeasure((*portfolio)[0], "value.products"), 1.0);
  EXPECT_FALSE(CustomerMeasure((*portfolio)[0], "current_ratio").has_value());

  options.kind = SubjectKind::kOrganization;
  auto companies = LoadPortfolio(bureau.store(), D("2024-06-15"), {}, options);
  ASSERT_TRUE(companies.ok());
  ASSERT_EQ(companies->size(), 1u);
  EXPECT_EQ((*companies)[0].name, "Foxtrot Ltd");

  auto missing = LoadCustomer(bureau.store(), 999, D("2024-06-15"), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(PortfolioTest, KnownMeasuresAreAttributesThenValueMeasures) {
  auto names = KnownMeasureNames(SubjectKind::kOrganization);
  EXPECT_EQ(names.front(), "company_age_months");
  EXPECT_EQ(names.back(), "value.lifetime_value");
  EXPECT_TRUE(IsKnownMeasure(SubjectKind::kPerson, "revolving_utilization"));
  EXPECT_FALSE(IsKnownMeasure(SubjectKind::kOrganization, "revolving_utilization"));
}

}  // namespace
}  // namespace credo::decision
