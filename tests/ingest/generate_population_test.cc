#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/identifier.h"
#include "ingest/generate/generate.h"
#include "ingest/generate/population.h"

namespace credo::ingest::generate {
namespace {

WorldPlan Plan(int64_t persons, int64_t companies, uint64_t seed = 11) {
  GeneratorOptions options;
  options.persons = persons;
  options.companies = companies;
  options.seed = seed;
  options.months = 3;
  options.out_dir = "unused";
  return MakeWorldPlan(options);
}

TEST(GeneratePopulation, PersonsAreAPureFunctionOfSeedAndIndex) {
  WorldPlan plan = Plan(5000, 100);
  TruePerson first = MakePerson(plan, 1234);
  TruePerson again = MakePerson(plan, 1234);
  EXPECT_EQ(first.national_id, again.national_id);
  EXPECT_EQ(first.phone, again.phone);
  EXPECT_EQ(first.address, again.address);
  EXPECT_EQ(first.risk, again.risk);
  TruePerson other_seed = MakePerson(Plan(5000, 100, 12), 1234);
  EXPECT_NE(first.national_id, other_seed.national_id);
}

TEST(GeneratePopulation, IdentifiersAreValidAndUnique) {
  WorldPlan plan = Plan(20000, 0);
  std::set<std::string> ids, phones, emails;
  int cn = 0, us = 0;
  Date today = Date::FromYmd(2026, 11, 22).value();
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    if (person.cn) {
      ++cn;
      Result<std::string> valid = ValidateCnResidentId(person.national_id, today);
      ASSERT_TRUE(valid.ok()) << person.national_id << " " << valid.error().message;
      CnResidentIdInfo info = DecodeCnResidentId(person.national_id).value();
      EXPECT_EQ(info.birth_date, person.birth_date);
      EXPECT_EQ(info.male, person.male);
      EXPECT_EQ(NormalizePhone(person.phone, "cn").value(), person.phone);
    } else {
      ++us;
      Result<std::string> valid = ValidateUsSsn(person.national_id);
      ASSERT_TRUE(valid.ok()) << person.national_id << " " << valid.error().message;
      EXPECT_EQ(NormalizePhone(person.phone, "us").value(), person.phone) << person.phone;
    }
    if (!person.old_phone.empty()) {
      EXPECT_TRUE(NormalizePhone(person.old_phone, person.cn ? "cn" : "us").ok());
    }
    if (!person.email.empty()) {
      EXPECT_EQ(NormalizeEmail(person.email).value(), person.email);
      EXPECT_TRUE(emails.insert(person.email).second) << person.email;
    }
    EXPECT_TRUE(ids.insert(person.national_id).second) << "duplicate " << person.national_id;
    if (person.fraud_ring < 0) {
      EXPECT_TRUE(phones.insert(person.phone).second) << "duplicate phone " << person.phone;
    }
  }
  // cn_share 0.6 by default.
  EXPECT_NEAR(static_cast<double>(cn) / plan.persons, 0.6, 0.02);
  EXPECT_GT(us, 0);
}

TEST(GeneratePopulation, CompaniesHaveValidUniqueCodesAndShareholdingsOfOneHundredPercent) {
  WorldPlan plan = Plan(2000, 3000);
  std::set<std::string> codes;
  for (int64_t index = 0; index < plan.companies; ++index) {
    TrueCompany company = MakeCompany(plan, index);
    Result<std::string> valid = ValidateCnUnifiedSocialCreditCode(company.uscc);
    ASSERT_TRUE(valid.ok()) << company.uscc << " " << valid.error().message;
    EXPECT_TRUE(codes.insert(company.uscc).second) << company.uscc;
    EXPECT_TRUE(NormalizePhone(company.phone, "cn").ok()) << company.phone;
    double total = 0;
    for (const Shareholder& holder : company.shareholders) {
      total += holder.percent;
      if (holder.is_company) {
        EXPECT_LT(holder.index, index);  // ownership is acyclic
      } else {
        EXPECT_TRUE(MakePerson(plan, holder.index).cn);
      }
    }
    if (!company.shareholders.empty()) {
      EXPECT_NEAR(total, 100.0, 1e-9);
    }
    ASSERT_GE(company.legal_representative, 0);
    EXPECT_TRUE(MakePerson(plan, company.legal_representative).cn);
  }
}

TEST(GeneratePopulation, FraudRingsShareOnePhoneAndOneAddress) {
  WorldPlan plan = Plan(50000, 10);
  ASSERT_EQ(plan.fraud_rings.size(), 2u);
  for (const auto& ring : plan.fraud_rings) {
    ASSERT_EQ(ring.size(), 6u);
    TruePerson first = MakePerson(plan, ring[0]);
    std::set<std::string> identities;
    for (int64_t member : ring) {
      TruePerson person = MakePerson(plan, member);
      EXPECT_TRUE(person.cn);
      EXPECT_GE(person.fraud_ring, 0);
      EXPECT_EQ(person.phone, first.phone);
      EXPECT_EQ(person.address, first.address);
      identities.insert(person.national_id);
    }
    EXPECT_EQ(identities.size(), ring.size());  // distinct people behind one contact point
  }
}

TEST(GeneratePopulation, GuaranteeCirclesAreTheOnlyCycles) {
  WorldPlan plan = Plan(100, 2000);
  ASSERT_EQ(plan.guarantee_circles.size(), 4u);
  // Follow every guarantee edge; a cycle can only be one of the planted circles.
  std::vector<std::vector<int64_t>> edges(plan.companies);
  for (int64_t index = 0; index < plan.companies; ++index) {
    for (const Guarantee& guarantee : GuaranteesGivenBy(plan, index)) {
      EXPECT_EQ(guarantee.guarantor, index);
      edges[index].push_back(guarantee.borrower);
      if (guarantee.circle < 0) {
        EXPECT_GT(guarantee.borrower, index);
      }
    }
  }
  for (const auto& circle : plan.guarantee_circles) {
    for (size_t i = 0; i < circle.size(); ++i) {
      ASSERT_EQ(edges[circle[i]].size(), 1u);
      EXPECT_EQ(edges[circle[i]][0], circle[(i + 1) % circle.size()]);
      EXPECT_EQ(plan.GuaranteeCircleOf(circle[i]), &circle - &plan.guarantee_circles[0]);
    }
  }
}

TEST(GeneratePopulation, MonthTagsAndEnds) {
  WorldPlan plan = Plan(10, 10);
  EXPECT_EQ(plan.MonthTag(0), "202601");
  EXPECT_EQ(plan.MonthEnd(1), Date::FromYmd(2026, 2, 28).value());
  EXPECT_EQ(plan.MonthTag(12), "202701");
  EXPECT_EQ(plan.MonthEnd(-1), Date::FromYmd(2025, 12, 31).value());
}

}  // namespace
}  // namespace credo::ingest::generate
