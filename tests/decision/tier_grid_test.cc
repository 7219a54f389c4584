#include "decision/tier_grid.h"

#include <gtest/gtest.h>

#include "decision/customer_value.h"
#include "features/attribute.h"

namespace credo::decision {
namespace {

constexpr char kGrid[] = R"(kind = "person"
[value]
attribute = "value.annual_revenue"
cuts = [100, 1000]
labels = ["low", "medium", "high"]
[risk]
attribute = "times_30dpd_12m"
cuts = [1, 3]
labels = ["low", "medium", "high"]
[tiers]
grid = [
  ["develop", "grow", "core"],
  ["watch", "maintain", "protect"],
  ["exit", "collect", "restructure"],
]
)";

CustomerRecord Person(double revenue, std::optional<double> delinquent_months) {
  CustomerRecord record;
  record.kind = SubjectKind::kPerson;
  record.attributes.kind = SubjectKind::kPerson;
  record.attributes.definitions = features::PersonAttributeDefinitions();
  record.attributes.values.assign(record.attributes.definitions.size(), std::nullopt);
  for (size_t i = 0; i < record.attributes.definitions.size(); ++i) {
    if (record.attributes.definitions[i].name == "times_30dpd_12m") {
      record.attributes.values[i] = delinquent_months;
    }
  }
  record.value.annual_revenue = revenue;
  return record;
}

TEST(TierGridTest, AssignsTheCellOfTheValueAndRiskBands) {
  auto grid = ParseTierGrid(kGrid, "grid.toml");
  ASSERT_TRUE(grid.ok()) << grid.error().ToString();
  EXPECT_EQ(AssignTier(*grid, Person(5000, 0)).tier, "core");
  EXPECT_EQ(AssignTier(*grid, Person(99.99, 0)).tier, "develop");
  EXPECT_EQ(AssignTier(*grid, Person(100, 0)).tier, "grow");  // a cut belongs to the band above
  EXPECT_EQ(AssignTier(*grid, Person(500, 2)).tier, "maintain");
  TierAssignment bad = AssignTier(*grid, Person(5000, 3));
  EXPECT_EQ(bad.tier, "restructure");
  EXPECT_EQ(bad.value_band, "high");
  EXPECT_EQ(bad.risk_band, "high");
  // A missing risk value goes to the highest risk band by default.
  EXPECT_EQ(AssignTier(*grid, Person(5000, std::nullopt)).risk_band, "high");
}

TEST(TierGridTest, TheShippedGridsLoad) {
  for (SubjectKind kind : {SubjectKind::kPerson, SubjectKind::kOrganization}) {
    auto grid = LoadTierGrid(DefaultTierGridPath(kind));
    ASSERT_TRUE(grid.ok()) << grid.error().ToString();
    EXPECT_EQ(grid->kind, kind);
    EXPECT_FALSE(grid->kmeans_attributes.empty());
  }
}

TEST(TierGridTest, AnUnknownAttributeIsRefusedWithFileLineAndTheKnownNames) {
  std::string text = kGrid;
  text.replace(text.find("times_30dpd_12m"), 15, "times_late_12m");
  auto grid = ParseTierGrid(text, "rules/person.toml");
  ASSERT_FALSE(grid.ok());
  EXPECT_EQ(grid.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(grid.error().location, "rules/person.toml:7");
  EXPECT_NE(grid.error().message.find("unknown attribute \"times_late_12m\""), std::string::npos);
  EXPECT_NE(grid.error().message.find("the known attributes are: tradelines_total,"),
            std::string::npos);
  EXPECT_NE(grid.error().message.find("value.lifetime_value"), std::string::npos);
}

TEST(TierGridTest, ACompanyAttributeIsUnknownForPersons) {
  std::string text = kGrid;
  text.replace(text.find("times_30dpd_12m"), 15, "current_ratio");
  auto grid = ParseTierGrid(text, "g.toml");
  ASSERT_FALSE(grid.ok());
  EXPECT_NE(grid.error().message.find("for persons"), std::string::npos);
}

TEST(TierGridTest, RefusesMalformedGrids) {
  struct Case {
    std::string from, to, expected;
  };
  const Case cases[] = {
      {"cuts = [100, 1000]", "cuts = [1000, 100]", "strictly ascending"},
      {"labels = [\"low\", \"medium\", \"high\"]\n[risk]", "labels = [\"low\", \"high\"]\n[risk]",
       "one more than cuts"},
      {"  [\"exit\", \"collect\", \"restructure\"],\n", "", "needs one per risk label"},
      {"[\"watch\", \"maintain\", \"protect\"]", "[\"watch\", \"maintain\"]",
       "one tier name per value label"},
      {"kind = \"person\"", "kind = \"household\"", "kind must be"},
      {"[tiers]", "colour = 1\n[tiers]", "unknown key \"colour\""},
      {"cuts = [100, 1000]", "cuts = [100, 1000", "not valid TOML"},
  };
  for (const Case& c : cases) {
    std::string text = kGrid;
    const size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto grid = ParseTierGrid(text, "g.toml");
    ASSERT_FALSE(grid.ok()) << c.expected;
    EXPECT_NE(grid.error().message.find(c.expected), std::string::npos)
        << grid.error().ToString();
    EXPECT_EQ(grid.error().location.rfind("g.toml", 0), 0u);
  }
}

TEST(TierGridTest, KMeansSectionIsCheckedToo) {
  std::string text = std::string(kGrid) + "[kmeans]\nattributes = [\"total_balance\", \"shoe_size\"]\n";
  auto grid = ParseTierGrid(text, "g.toml");
  ASSERT_FALSE(grid.ok());
  EXPECT_NE(grid.error().message.find("\"shoe_size\""), std::string::npos);
  EXPECT_EQ(grid.error().location, "g.toml:17");
}

}  // namespace
}  // namespace credo::decision
