#include "features/attribute.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "features/company_attributes.h"
#include "features/person_attributes.h"

namespace credo::features {
namespace {

TEST(AttributeRegistryTest, EnoughAttributesForPersonsAndCompanies) {
  EXPECT_GE(PersonAttributeDefinitions().size(), 40u);
  EXPECT_GE(CompanyAttributeDefinitions().size(), 30u);
  EXPECT_EQ(PersonAttributeDefinitions().size(), static_cast<size_t>(kPersonAttributeCount));
  EXPECT_EQ(CompanyAttributeDefinitions().size(), static_cast<size_t>(kCompanyAttributeCount));
}

TEST(AttributeRegistryTest, NamesAreUniqueSnakeCaseAndFullyDocumented) {
  std::set<std::string> names;
  for (SubjectKind kind : {SubjectKind::kPerson, SubjectKind::kOrganization}) {
    for (const AttributeDefinition& d : AttributeDefinitionsFor(kind)) {
      EXPECT_TRUE(names.insert(std::string(d.name)).second) << "duplicate " << d.name;
      for (char c : d.name) {
        EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << d.name;
      }
      EXPECT_FALSE(d.definition.empty()) << d.name;
      EXPECT_FALSE(d.window.empty()) << d.name;
      EXPECT_FALSE(d.missing_rule.empty()) << d.name;
      EXPECT_EQ(d.type == ValueType::kCode, !d.labels.empty()) << d.name;
    }
  }
}

TEST(AttributeRegistryTest, FindsDefinitionsAndLabels) {
  const AttributeDefinition* worst = FindAttributeDefinition("worst_status_12m");
  ASSERT_NE(worst, nullptr);
  EXPECT_EQ(worst->type, ValueType::kCode);
  EXPECT_EQ(CodeLabel(*worst, 0), "current");
  EXPECT_EQ(CodeLabel(*worst, 9), "charge-off");
  EXPECT_EQ(CodeLabel(*worst, 10), "");
  EXPECT_EQ(CodeLabel(*worst, -1), "");
  const AttributeDefinition* zone = FindAttributeDefinition("altman_z_double_prime_zone");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(CodeLabel(*zone, 2), "distress");
  EXPECT_EQ(FindAttributeDefinition("no_such_attribute"), nullptr);
  EXPECT_EQ(ValueTypeName(ValueType::kRatio), "ratio");
}

TEST(AttributeSetTest, FindReturnsTheValueOrNullptr) {
  AttributeSet set;
  set.definitions = PersonAttributeDefinitions();
  set.values.assign(set.definitions.size(), std::nullopt);
  set.values[static_cast<int>(PersonAttribute::kInquiries3m)] = 4;
  ASSERT_NE(set.Find("inquiries_3m"), nullptr);
  EXPECT_EQ(*set.Find("inquiries_3m"), 4.0);
  ASSERT_NE(set.Find("inquiries_6m"), nullptr);
  EXPECT_FALSE(set.Find("inquiries_6m")->has_value());
  EXPECT_EQ(set.Find("current_ratio"), nullptr);  // a company attribute
}

}  // namespace
}  // namespace credo::features
