#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "core/identifier.h"
#include "ingest/generate/corruption.h"
#include "ingest/generate/generate.h"

namespace credo::ingest::generate {
namespace {

WorldPlan Plan(int64_t persons) {
  GeneratorOptions options;
  options.persons = persons;
  options.companies = 20;
  options.seed = 5;
  options.months = 3;
  options.out_dir = "unused";
  return MakeWorldPlan(options);
}

bool Has(const FurnisherView& view, std::string_view tag) {
  return std::find(view.corruptions.begin(), view.corruptions.end(), tag) != view.corruptions.end();
}

TEST(GenerateCorruption, RatesStayWithinBounds) {
  WorldPlan plan = Plan(20000);
  std::map<std::string, int> counts;
  int views = 0;
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    Furnisher furnisher = person.cn ? Furnisher::kCardIssuer : Furnisher::kBankA;
    FurnisherView view = MakeFurnisherView(plan, person, furnisher, 0);
    ++views;
    for (const std::string& tag : view.corruptions) ++counts[tag];
  }
  auto rate = [&](std::string_view tag) {
    return static_cast<double>(counts[std::string(tag)]) / views;
  };
  // The designed rates (corruption.cc), with room for sampling noise on 20,000 views.
  EXPECT_NEAR(rate(corruption::kIdMissing), 0.02, 0.006);
  EXPECT_NEAR(rate(corruption::kIdTransposition), 0.015, 0.005);
  EXPECT_NEAR(rate(corruption::kIdTypo), 0.01, 0.004);
  EXPECT_NEAR(rate(corruption::kBirthDateMissing), 0.03, 0.007);
  EXPECT_NEAR(rate(corruption::kPhoneMissing), 0.05, 0.01);
  EXPECT_NEAR(rate(corruption::kNameTypo), 0.04, 0.01);
  EXPECT_GT(rate(corruption::kRomanisation), 0.02);  // CN views: 10% draw, 3 of 4 variants differ
  EXPECT_LT(rate(corruption::kRomanisation), 0.08);
  EXPECT_GT(rate(corruption::kNickname), 0.01);  // US views with a nickname in common use
  EXPECT_GT(rate(corruption::kOldAddress), 0.01);
  EXPECT_LT(rate(corruption::kOldAddress), 0.10);
  EXPECT_GT(rate(corruption::kOldPhone), 0.005);
  EXPECT_LT(rate(corruption::kOldPhone), 0.08);
  // Most records are clean: entity resolution must have easy cases as well as hard ones.
  int clean = 0;
  for (int64_t index = 0; index < 2000; ++index) {
    TruePerson person = MakePerson(plan, index);
    if (MakeFurnisherView(plan, person, Furnisher::kCardIssuer, 0).corruptions.empty()) ++clean;
  }
  EXPECT_GT(clean, 1000);
}

TEST(GenerateCorruption, UntaggedFieldsEqualTheTruth) {
  WorldPlan plan = Plan(3000);
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    Furnisher furnisher = person.cn ? Furnisher::kOnlineLender : Furnisher::kBankB;
    FurnisherView view = MakeFurnisherView(plan, person, furnisher, 2);
    bool id_tagged = Has(view, corruption::kIdMissing) || Has(view, corruption::kIdTypo) ||
                     Has(view, corruption::kIdTransposition);
    if (!id_tagged) {
      EXPECT_EQ(view.national_id, person.national_id);
    }
    if (!Has(view, corruption::kBirthDateMissing) && !Has(view, corruption::kBirthDateSwap)) {
      ASSERT_TRUE(view.birth_date.has_value());
      EXPECT_EQ(*view.birth_date, person.birth_date);
    }
    if (person.cn && !Has(view, corruption::kNameTypo)) {
      EXPECT_EQ(view.name_han, person.FullNameHan());
    }
    if (!person.cn && !Has(view, corruption::kNameTypo) && !Has(view, corruption::kNickname)) {
      EXPECT_EQ(view.last_name.size(), person.last_name.size());
    }
    bool phone_tagged = Has(view, corruption::kPhoneMissing) || Has(view, corruption::kOldPhone);
    if (!phone_tagged) {
      // Before a change the old number is simply the true one at the time.
      std::string expected = !person.old_phone.empty() && 2 < person.phone_changed_month
                                 ? person.old_phone
                                 : person.phone;
      EXPECT_EQ(view.phone, expected);
    }
  }
}

TEST(GenerateCorruption, CorruptedIdentityNumbersAreCaughtByTheCheckCharacter) {
  WorldPlan plan = Plan(40000);
  int corrupted = 0;
  Date today = Date::FromYmd(2026, 11, 22).value();
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    if (!person.cn) continue;
    FurnisherView view = MakeFurnisherView(plan, person, Furnisher::kCardIssuer, 0);
    if (Has(view, corruption::kIdTransposition) || Has(view, corruption::kIdTypo)) {
      ++corrupted;
      EXPECT_NE(view.national_id, person.national_id);
      Result<std::string> valid = ValidateCnResidentId(view.national_id, today);
      ASSERT_FALSE(valid.ok()) << view.national_id;
      EXPECT_THAT(valid.error().message, ::testing::HasSubstr("check character"));
    } else if (!Has(view, corruption::kIdMissing)) {
      EXPECT_TRUE(ValidateCnResidentId(view.national_id, today).ok());
    }
  }
  EXPECT_GT(corrupted, 200);
}

TEST(GenerateCorruption, AViewIsTheSameEveryMonthExceptForMovesAndNewPhones) {
  WorldPlan plan = Plan(2000);
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    Furnisher furnisher = person.cn ? Furnisher::kCardIssuer : Furnisher::kBankA;
    FurnisherView first = MakeFurnisherView(plan, person, furnisher, 0);
    FurnisherView later = MakeFurnisherView(plan, person, furnisher, 2);
    EXPECT_EQ(first.name_han, later.name_han);
    EXPECT_EQ(first.name_latin, later.name_latin);
    EXPECT_EQ(first.national_id, later.national_id);
    EXPECT_EQ(first.birth_date, later.birth_date);
  }
}

TEST(GenerateCorruption, CompanyNameVariants) {
  std::string name = "北京华信科技有限公司";
  EXPECT_EQ(VaryCompanyName(name, 0), "北京华信科技有限责任公司");
  EXPECT_EQ(VaryCompanyName(name, 1), "华信科技（北京）有限公司");
  EXPECT_EQ(VaryCompanyName(name, 2), "华信科技有限公司");
  EXPECT_EQ(VaryCompanyName(name, 3), name);
  EXPECT_EQ(VaryCompanyName("上海华信股份有限公司", 0), "上海华信股份有限公司");
}

}  // namespace
}  // namespace credo::ingest::generate
