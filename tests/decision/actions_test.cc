#include "decision/actions.h"

#include <gtest/gtest.h>

#include "features/attribute.h"

namespace credo::decision {
namespace {

CustomerRecord Person(std::map<std::string, double> attributes) {
  CustomerRecord record;
  record.kind = SubjectKind::kPerson;
  record.attributes.kind = SubjectKind::kPerson;
  record.attributes.definitions = features::PersonAttributeDefinitions();
  record.attributes.values.assign(record.attributes.definitions.size(), std::nullopt);
  for (size_t i = 0; i < record.attributes.definitions.size(); ++i) {
    auto it = attributes.find(std::string(record.attributes.definitions[i].name));
    if (it != attributes.end()) record.attributes.values[i] = it->second;
  }
  return record;
}

constexpr char kRules[] = R"([[rule]]
id = "call_on_alert"
action = "early_collection_contact"
alerts = ["new_delinquency"]
reason = "New delinquency alert"

[[rule]]
id = "grow"
action = "limit_increase"
tiers = ["core"]
conditions = [
  { attribute = "revolving_utilization", op = ">=", value = 0.6 },
  { attribute = "times_30dpd_12m", op = "==", value = 0 },
]
reason = "Uses most of the limit, pays on time"
reason_zh = "额度使用率高且按时还款"

[[rule]]
id = "grow_again"
action = "limit_increase"
reason = "Never shown: limit_increase is given already"

[[rule]]
id = "price"
action = "pricing_review"
conditions = [{ attribute = "pd", op = ">", value = 0.05 }]
reason = "PD above 5%"
)";

TEST(ActionsTest, FiresMatchingRulesWithTheirEvidence) {
  auto rules = ParseActionRules(kRules, "actions.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  CustomerRecord record = Person({{"revolving_utilization", 0.82}, {"times_30dpd_12m", 0}});
  ActionInput input;
  input.record = &record;
  input.tier = TierAssignment{"core", "high", "low", 5000, 0};
  input.pd = 0.07;
  input.alerts = {"new_delinquency"};
  auto recommendations = RecommendActions(*rules, input);
  ASSERT_EQ(recommendations.size(), 3u);
  EXPECT_EQ(recommendations[0].action, ActionKind::kEarlyCollectionContact);
  EXPECT_EQ(recommendations[0].evidence, std::vector<std::string>{"alert = new_delinquency"});
  EXPECT_EQ(recommendations[1].rule_id, "grow");
  EXPECT_EQ(recommendations[1].reason_zh, "额度使用率高且按时还款");
  EXPECT_EQ(recommendations[1].evidence,
            (std::vector<std::string>{"tier = core", "revolving_utilization = 0.82 (>= 0.6)",
                                      "times_30dpd_12m = 0 (== 0)"}));
  EXPECT_EQ(recommendations[2].action, ActionKind::kPricingReview);
  EXPECT_EQ(recommendations[2].evidence, std::vector<std::string>{"pd = 0.07 (> 0.05)"});
  // The reason text defaults to English when reason_zh is absent.
  EXPECT_EQ(recommendations[0].reason_zh, "New delinquency alert");
}

TEST(ActionsTest, RulesThatDoNotHoldStaySilent) {
  auto rules = ParseActionRules(kRules, "actions.toml");
  ASSERT_TRUE(rules.ok());
  CustomerRecord record = Person({{"revolving_utilization", 0.82}, {"times_30dpd_12m", 2}});
  ActionInput input;
  input.record = &record;
  input.tier = TierAssignment{"grow", "medium", "low", 500, 0};
  auto recommendations = RecommendActions(*rules, input);
  // Not core, no alert, no PD (a comparison against a missing value is false): only grow_again.
  ASSERT_EQ(recommendations.size(), 1u);
  EXPECT_EQ(recommendations[0].rule_id, "grow_again");
}

TEST(ActionsTest, TheShippedRulesLoad) {
  auto rules = LoadActionRules(DefaultActionRulesPath());
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  EXPECT_GE(rules->rules.size(), 5u);
}

TEST(ActionsTest, BadRuleFilesNameTheLineAndTheFix) {
  struct Case {
    std::string from, to, expected, location;
  };
  const Case cases[] = {
      {"action = \"pricing_review\"", "action = \"reprice\"",
       "unknown action \"reprice\"; the actions are: limit_increase", "a.toml:25"},
      {"\"revolving_utilization\"", "\"revolving_utilisation\"",
       "unknown attribute \"revolving_utilisation\"; the known attributes are: pd, tradelines_total",
       "a.toml:12"},
      {"op = \">=\"", "op = \"=>\"", "unknown op \"=>\"", "a.toml:12"},
      {"id = \"grow_again\"", "id = \"grow\"", "used twice", "a.toml:19"},
      {"reason = \"PD above 5%\"", "", "needs a reason", "a.toml:23"},
      {"tiers = [\"core\"]", "tier = [\"core\"]", "unknown key \"tier\"", "a.toml:10"},
  };
  for (const Case& c : cases) {
    std::string text = kRules;
    const size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto rules = ParseActionRules(text, "a.toml");
    ASSERT_FALSE(rules.ok()) << c.expected;
    EXPECT_NE(rules.error().message.find(c.expected), std::string::npos)
        << rules.error().ToString();
    EXPECT_EQ(rules.error().location, c.location) << rules.error().ToString();
  }
}

}  // namespace
}  // namespace credo::decision
