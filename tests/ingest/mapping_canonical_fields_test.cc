#include "ingest/mapping/canonical_fields.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace credo::ingest {
namespace {

TEST(CanonicalFieldsTest, NamesRoundTripAndAreUnique) {
  std::set<std::string> names;
  for (size_t i = 0; i < kCanonicalFieldCount; ++i) {
    auto field = static_cast<CanonicalField>(i);
    std::string name(CanonicalFieldName(field));
    EXPECT_TRUE(names.insert(name).second) << name;
    ASSERT_TRUE(ParseCanonicalField(name).has_value()) << name;
    EXPECT_EQ(*ParseCanonicalField(name), field);
  }
  EXPECT_FALSE(ParseCanonicalField("surnam").has_value());
}

TEST(CanonicalFieldsTest, Groups) {
  EXPECT_EQ(CanonicalFieldGroup(CanonicalField::kSurname), CanonicalGroup::kPerson);
  EXPECT_EQ(CanonicalFieldGroup(CanonicalField::kAmountPastDue), CanonicalGroup::kTradeline);
  EXPECT_EQ(CanonicalFieldGroup(CanonicalField::kCompanyIdentifier), CanonicalGroup::kCompany);
  EXPECT_EQ(CanonicalFieldGroup(CanonicalField::kCaseNumber), CanonicalGroup::kPublicRecord);
}

}  // namespace
}  // namespace credo::ingest
