// Subjects compared with the resolve comparators: agreement, typos, the hard fields masked, the
// blocking keys, and model fields matched by name.
#include "resolve/incremental/subject_comparison.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <set>

#include "incremental_test_support.h"

namespace credo::resolve {
namespace {

using testing::Alice;
using testing::MakePerson;

SubjectComparer DefaultComparer() {
  auto comparer = SubjectComparer::Make(DefaultSubjectModel());
  EXPECT_TRUE(comparer.ok()) << comparer.error().ToString();
  return std::move(comparer).value();
}

const FieldExplanation& Field(const SubjectComparison& comparison, std::string_view name) {
  for (const auto& field : comparison.fields) {
    if (field.field == name) return field;
  }
  ADD_FAILURE() << "no field " << name;
  static FieldExplanation none;
  return none;
}

//! The match weight is the prior plus the fields' weights (as shown, location counted once).
void ExpectTotalIsPriorPlusFields(const SubjectComparison& comparison) {
  double total = comparison.prior_weight;
  for (const auto& field : comparison.fields) total += field.weight;
  EXPECT_NEAR(total, comparison.match_weight, 1e-9);
}

TEST(SubjectComparisonTest, DefaultModelHasAProbabilityPerLevel) {
  FsModel model = DefaultSubjectModel();
  ASSERT_EQ(model.fields.size(), 10u);
  for (const FieldModel& field : model.fields) {
    double m = 0, u = 0;
    for (size_t level = 1; level < field.m.size(); ++level) {
      m += field.m[level];
      u += field.u[level];
      EXPECT_GT(field.m[level], 0) << field.name << " level " << level;
      EXPECT_GT(field.u[level], 0) << field.name << " level " << level;
    }
    EXPECT_NEAR(m, 1.0, 1e-9) << field.name;
    EXPECT_NEAR(u, 1.0, 1e-9) << field.name;
  }
}

TEST(SubjectComparisonTest, SamePersonWithATypoScoresHighAndDifferentPersonLow) {
  SubjectComparer comparer = DefaultComparer();
  Subject stored = MakePerson(Alice());
  stored.id = 7;
  testing::PersonSpec typo = Alice();
  typo.given = "alcie";  // a transposition
  typo.email = "";
  Subject incoming = MakePerson(typo);
  testing::PersonSpec other_spec = {"bob", "lee", "1990-11-02", "+8613900001111", "", "3 hill st",
                                    "beijing", "100000", "bj", ""};
  Subject other = MakePerson(other_spec);
  other.id = 8;
  auto scored = comparer.Compare(incoming, {stored, other});
  ASSERT_EQ(scored.size(), 2u);
  EXPECT_EQ(scored[0].left_subject_id, 7);
  EXPECT_GT(scored[0].probability, 0.99);
  EXPECT_LT(scored[1].probability, 0.01);
  EXPECT_GT(scored[0].match_weight, scored[1].match_weight);
  // The typo is partial agreement, the missing e-mail no evidence at all.
  const FieldExplanation& given = Field(scored[0], "given_name");
  EXPECT_GT(given.level, 1);
  EXPECT_GT(given.weight, 0);
  EXPECT_EQ(Field(scored[0], "email").level, 0);
  EXPECT_EQ(Field(scored[0], "email").weight, 0);
  // The total is the prior plus the fields.
  ExpectTotalIsPriorPlusFields(scored[0]);
}

// Two different people in one street: the address, city, postcode and state agreements are one
// fact and count once, so the location cannot outweigh a different surname and birth date.
TEST(SubjectComparisonTest, LocationFieldsCountOnceAndCannotCarryDifferentPeople) {
  SubjectComparer comparer = DefaultComparer();
  Subject stored = MakePerson(Alice());
  stored.id = 5;
  testing::PersonSpec neighbour = {"alice", "chan", "1961-10-22", "", "", "12 harbour road",
                                   "shenzhen", "518000", "gd", ""};
  auto scored = comparer.Compare(MakePerson(neighbour), {stored});
  ASSERT_EQ(scored.size(), 1u);
  int counted = 0;
  double location = 0;
  for (const char* name : {"address", "city", "postcode", "state"}) {
    const FieldExplanation& field = Field(scored[0], name);
    EXPECT_GT(field.level, 1) << name;  // each agrees
    if (field.weight != 0) {
      ++counted;
      location = field.weight;
    } else {
      EXPECT_NE(field.level_label.find("location once"), std::string::npos) << name;
    }
  }
  EXPECT_EQ(counted, 1);
  const double address_weight = comparer.model().LevelWeight(6, Field(scored[0], "address").level);
  EXPECT_GE(location, address_weight - 1e-9);  // the largest of them is the one counted
  EXPECT_LT(scored[0].probability, 0.5);
  ExpectTotalIsPriorPlusFields(scored[0]);
}

TEST(SubjectComparisonTest, ANameAloneNeverCorroboratesALink) {
  SubjectComparer comparer = DefaultComparer();
  Subject stored = MakePerson(Alice());
  stored.id = 9;
  testing::PersonSpec name_only = {"alice", "wong", "", "", "", "", "", "", "", ""};
  auto by_name = comparer.Compare(MakePerson(name_only), {stored});
  EXPECT_FALSE(IsCorroborated(by_name.at(0)));
  testing::PersonSpec with_birth = name_only;
  with_birth.birth = Alice().birth;
  auto by_birth = comparer.Compare(MakePerson(with_birth), {stored});
  EXPECT_TRUE(IsCorroborated(by_birth.at(0)));
  EXPECT_GT(by_birth[0].probability, by_name[0].probability);
}

// u from random pairs: in a bureau where everyone lives in one city, agreeing on that city is
// no evidence; a small bureau keeps the defaults (a random pair there is too often a duplicate).
TEST(SubjectComparisonTest, CalibrationEstimatesUFromRandomPairsOfTheBureau) {
  std::vector<Subject> persons;
  const char* given[] = {"wei", "na", "jun", "li", "fang", "min", "jing", "lei", "yan", "hua"};
  const char* family[] = {"zhang", "wang", "li", "liu", "chen", "yang", "zhao", "huang"};
  for (int i = 0; i < 1200; ++i) {
    char birth[16];
    std::snprintf(birth, sizeof birth, "19%02d-%02d-%02d", 50 + i % 50, 1 + i % 12, 1 + i % 28);
    testing::PersonSpec spec = {given[i % 10], family[(i / 10) % 8], birth, "", "",
                                std::to_string(i) + " long road", "shenzhen",
                                std::to_string(518000 + i % 40), "gd", ""};
    Subject person = MakePerson(spec);
    person.id = i + 1;
    persons.push_back(person);
  }
  auto small = CalibrateDefaultModel({persons.begin(), persons.begin() + 200});
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->pairs, 0);
  EXPECT_EQ(small->model.ToJson(), DefaultSubjectModel().ToJson());

  auto calibrated = CalibrateDefaultModel(persons, 5000, 7);
  ASSERT_TRUE(calibrated.ok()) << calibrated.error().ToString();
  EXPECT_EQ(calibrated->pairs, 5000);
  EXPECT_EQ(calibrated->persons, 1200);
  const FsModel& model = calibrated->model;
  auto field_index = [&](std::string_view name) {
    for (size_t f = 0; f < model.fields.size(); ++f) {
      if (model.fields[f].name == name) return f;
    }
    ADD_FAILURE() << name;
    return size_t{0};
  };
  const size_t city = field_index("city");
  const int exact = static_cast<int>(model.fields[city].u.size()) - 1;
  // Everyone agrees on the city: its u nears 1 (5000 pairs against 1000 pseudo-pairs of 0.02).
  EXPECT_GT(model.fields[city].u[static_cast<size_t>(exact)], 0.8);
  EXPECT_LT(model.LevelWeight(city, exact), 0.3);
  EXPECT_GT(DefaultSubjectModel().LevelWeight(city, exact), 5.0);
  // m is the default's; u still sums to one per field.
  for (size_t f = 0; f < model.fields.size(); ++f) {
    EXPECT_EQ(model.fields[f].m, DefaultSubjectModel().fields[f].m);
    double u = 0;
    for (size_t level = 1; level < model.fields[f].u.size(); ++level) u += model.fields[f].u[level];
    EXPECT_NEAR(u, 1.0, 1e-9) << model.fields[f].name;
  }
  auto again = CalibrateDefaultModel(persons, 5000, 7);
  EXPECT_EQ(again->model.ToJson(), model.ToJson());  // deterministic for a seed
}

// The company model is calibrated the same way from the bureau's own companies: in a bureau whose
// companies all sit in one city, agreeing on it says nothing.
Subject CompanyInShenzhen(int i) {
  Subject company;
  company.id = i + 1;
  company.kind = SubjectKind::kOrganization;
  company.organization.name = "shenzhen " + std::to_string(i) + " trading co., ltd.";
  char code[24];
  std::snprintf(code, sizeof code, "91440300%010d", (i * 7919 + 104729) % 1000000007);
  company.organization.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, code});
  company.organization.legal_representative = "rep" + std::to_string(i) + " zhang";
  Address address;
  address.line1 = std::to_string(i) + " science park road";
  address.city = "shenzhen";
  address.postcode = std::to_string(518000 + i % 40);
  address.country = "cn";
  company.organization.addresses.push_back(address);
  return company;
}

TEST(SubjectComparisonTest, CompanyCalibrationEstimatesUFromTheBureausCompanies) {
  std::vector<Subject> companies;
  for (int i = 0; i < 1200; ++i) companies.push_back(CompanyInShenzhen(i));
  auto small = CalibrateCompanyModel({companies.begin(), companies.begin() + 300});
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->pairs, 0);
  EXPECT_EQ(small->model.ToJson(), DefaultCompanyModel().ToJson());
  // Persons among the subjects are not drawn from (nor do they count toward the 1,000).
  std::vector<Subject> mixed(companies.begin(), companies.begin() + 900);
  for (int i = 0; i < 400; ++i) mixed.push_back(MakePerson(Alice()));
  EXPECT_EQ(CalibrateCompanyModel(mixed)->pairs, 0);

  auto calibrated = CalibrateCompanyModel(companies, 5000, 7);
  ASSERT_TRUE(calibrated.ok()) << calibrated.error().ToString();
  EXPECT_EQ(calibrated->pairs, 5000);
  EXPECT_EQ(calibrated->persons, 1200);
  EXPECT_TRUE(calibrated->common_values.empty());
  const FsModel& model = calibrated->model;
  const FsModel defaults = DefaultCompanyModel();
  for (const FieldModel& field : defaults.fields) {  // the defaults are distributions
    double m = 0, u = 0;
    for (size_t level = 1; level < field.u.size(); ++level) m += field.m[level], u += field.u[level];
    EXPECT_NEAR(m, 1.0, 1e-9) << field.name;
    EXPECT_NEAR(u, 1.0, 1e-9) << field.name;
  }
  ASSERT_EQ(model.fields.size(), defaults.fields.size());
  size_t city = model.fields.size();
  for (size_t f = 0; f < model.fields.size(); ++f) {
    if (model.fields[f].name == "city") city = f;
    EXPECT_EQ(model.fields[f].m, defaults.fields[f].m) << model.fields[f].name;
    double u = 0;
    for (size_t level = 1; level < model.fields[f].u.size(); ++level) u += model.fields[f].u[level];
    EXPECT_NEAR(u, 1.0, 1e-9) << model.fields[f].name;
  }
  ASSERT_LT(city, model.fields.size());
  const int exact = static_cast<int>(model.fields[city].u.size()) - 1;
  EXPECT_GT(model.fields[city].u[static_cast<size_t>(exact)], 0.8);
  EXPECT_LT(model.LevelWeight(city, exact), 0.3);
  EXPECT_GT(defaults.LevelWeight(city, exact), 3.0);
  // A company scored under it: the same code and name still join; the shared city adds nothing.
  auto comparer = SubjectComparer::MakeForCompanies(model);
  ASSERT_TRUE(comparer.ok());
  auto same = comparer->Compare(CompanyInShenzhen(5), {CompanyInShenzhen(5)});
  EXPECT_GT(same.at(0).probability, 0.99);
  Subject other_in_town = CompanyInShenzhen(777);
  other_in_town.organization.addresses[0].postcode = CompanyInShenzhen(5).organization.addresses[0].postcode;
  auto different = comparer->Compare(CompanyInShenzhen(5), {other_in_town});
  EXPECT_LT(different.at(0).probability, 0.01);
  auto again = CalibrateCompanyModel(companies, 5000, 7);
  EXPECT_EQ(again->model.ToJson(), model.ToJson());  // deterministic for a seed
}

// Term frequency: a surname a third of the bureau holds proves less than a rare one.
TEST(SubjectComparisonTest, AgreeingOnACommonNameWeighsLessThanOnARareOne) {
  std::vector<Subject> persons;
  for (int i = 0; i < 1200; ++i) {
    char birth[16];
    std::snprintf(birth, sizeof birth, "19%02d-%02d-%02d", 50 + i % 50, 1 + i % 12, 1 + i % 28);
    testing::PersonSpec spec = {"given" + std::to_string(i), i % 3 == 0 ? "wang" :
                                "family" + std::to_string(i), birth, "", "", "", "", "", "", ""};
    Subject person = MakePerson(spec);
    person.id = i + 1;
    persons.push_back(person);
  }
  persons[1].person.family_name = "ouyang";  // held by one person
  auto common = FindCommonValues(persons, DefaultSubjectModel());
  ASSERT_TRUE(common.ok()) << common.error().ToString();
  ASSERT_EQ(common->count("surname"), 1u);
  EXPECT_NEAR(common->at("surname").at("wang"), 400.0 / 1200, 1e-9);
  EXPECT_EQ(common->at("surname").count("ouyang"), 0u);  // rare values are not listed
  auto small = FindCommonValues({persons.begin(), persons.begin() + 100}, DefaultSubjectModel());
  EXPECT_TRUE(small->empty());

  auto comparer = SubjectComparer::Make(DefaultSubjectModel(), *common);
  ASSERT_TRUE(comparer.ok());
  auto surname_weight = [&](const std::string& surname) {
    testing::PersonSpec a = {"li", surname, "", "", "", "", "", "", "", ""};
    Subject stored = MakePerson(a);
    stored.id = 5000;
    auto scored = comparer->Compare(MakePerson(a), {stored});
    return Field(scored.at(0), "surname");
  };
  const FieldExplanation wang = surname_weight("wang");
  const FieldExplanation ouyang = surname_weight("ouyang");
  EXPECT_TRUE(wang.term_frequency_adjusted);
  EXPECT_NE(wang.level_label.find("(common)"), std::string::npos);
  // log2(m / share) = 1.35, but never below the next level's weight (a near agreement).
  const double floor = DefaultComparer().model().LevelWeight(1, wang.level - 1);
  EXPECT_NEAR(wang.weight, std::max(std::log2(0.85 / (400.0 / 1200)), floor), 1e-9);
  EXPECT_FALSE(ouyang.term_frequency_adjusted);
  EXPECT_NEAR(ouyang.weight, DefaultComparer().model().LevelWeight(1, wang.level), 1e-9);
  EXPECT_LT(wang.weight, ouyang.weight);
}

TEST(SubjectComparisonTest, IdentifiersPhonesAndEmailsAreMasked) {
  SubjectComparer comparer = DefaultComparer();
  Subject stored = MakePerson(Alice());
  stored.id = 1;
  auto scored = comparer.Compare(MakePerson(Alice()), {stored});
  ASSERT_EQ(scored.size(), 1u);
  const FieldExplanation& phone = Field(scored[0], "phone");
  EXPECT_EQ(phone.value_a.find("13812345678"), std::string::npos) << phone.value_a;
  EXPECT_NE(phone.value_a.find("5678"), std::string::npos) << phone.value_a;
  EXPECT_EQ(Field(scored[0], "email").value_b.find("alice.wong"), std::string::npos);
  EXPECT_EQ(Field(scored[0], "surname").value_a, "wong");  // names stay readable
}

TEST(SubjectComparisonTest, ASubjectHoldingSeveralPhonesIsComparedOnTheOneThatAgrees) {
  SubjectComparer comparer = DefaultComparer();
  Subject stored = MakePerson(Alice());
  stored.id = 3;
  stored.person.phones.insert(stored.person.phones.begin(), "+8613700000000");
  auto scored = comparer.Compare(MakePerson(Alice()), {stored});
  const FieldExplanation& phone = Field(scored[0], "phone");
  EXPECT_EQ(phone.level, MakeComparator(ComparatorKind::kPhone)->exact_level());
}

TEST(SubjectComparisonTest, KeysCoverTheExactPassesAndTheNameSet) {
  SubjectComparer comparer = DefaultComparer();
  auto keys = comparer.Keys(MakePerson(Alice()));
  std::set<std::string> passes;
  for (const auto& key : keys) {
    EXPECT_FALSE(key.key.empty()) << key.pass;
    EXPECT_NE(key.pass.rfind("sorted_", 0), 0u) << key.pass;
    passes.insert(key.pass);
  }
  for (const char* pass : {"phone", "email", "date_of_birth_initials", "name_set",
                           "postcode_name_soundex_low"}) {
    EXPECT_TRUE(passes.count(pass)) << pass;
  }
  // Given name and surname swapped give the same name set.
  testing::PersonSpec swapped = Alice();
  std::swap(swapped.given, swapped.family);
  auto swapped_keys = comparer.Keys(MakePerson(swapped));
  auto name_set = [](const std::vector<SubjectBlockingKey>& all) {
    for (const auto& key : all) {
      if (key.pass == "name_set") return key.key;
    }
    return std::string();
  };
  EXPECT_EQ(name_set(keys), name_set(swapped_keys));
  // An organization has none.
  Subject company;
  company.kind = SubjectKind::kOrganization;
  company.organization.name = "Acme";
  EXPECT_TRUE(comparer.Keys(company).empty());
}

TEST(SubjectComparisonTest, AModelIsMatchedByFieldNameAndAForeignOneIsRefused) {
  FsModel model = DefaultSubjectModel();
  model.fields.erase(model.fields.begin() + 4);  // drop phone: it then weighs nothing
  auto comparer = SubjectComparer::Make(model);
  ASSERT_TRUE(comparer.ok());
  Subject stored = MakePerson(Alice());
  stored.id = 1;
  auto scored = comparer->Compare(MakePerson(Alice()), {stored});
  EXPECT_EQ(Field(scored[0], "phone").weight, 0);
  EXPECT_GT(Field(scored[0], "date_of_birth").weight, 0);

  FsModel foreign;
  foreign.fields.push_back(FieldModel{"company_name", ComparatorKind::kCompanyName, true, {}, {}});
  auto refused = SubjectComparer::Make(foreign);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("none of the fields"), std::string::npos);

  FsModel wrong_levels = DefaultSubjectModel();
  wrong_levels.fields[0].m.pop_back();
  auto bad = SubjectComparer::Make(wrong_levels);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("levels"), std::string::npos);
}

TEST(SubjectComparisonTest, TableOfUsesSubjectIdsAsRecordIds) {
  SubjectComparer comparer = DefaultComparer();
  Subject a = MakePerson(Alice());
  a.id = 41;
  Subject b = MakePerson(Alice());
  b.id = 42;
  auto table = comparer.TableOf({a, b});
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  ASSERT_EQ(table->size(), 2u);
  EXPECT_EQ(table->record_id(0), "41");
  EXPECT_EQ(table->record_id(1), "42");
}

}  // namespace
}  // namespace credo::resolve
