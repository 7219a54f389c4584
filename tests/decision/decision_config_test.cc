#include "decision/decision_config.h"

#include <gtest/gtest.h>

namespace credo::decision {
namespace {

TEST(DecisionConfigTest, TheShippedFileHoldsTheBuiltInDefaults) {
  auto config = LoadDecisionConfig(DefaultDecisionConfigPath());
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  const ValueAssumptions defaults;
  EXPECT_DOUBLE_EQ(config->value.revolving_rate, defaults.revolving_rate);
  EXPECT_DOUBLE_EQ(config->value.retention, defaults.retention);
  EXPECT_EQ(config->value.horizon_years, defaults.horizon_years);
  EXPECT_EQ(config->value.revolving_annual_fee, defaults.revolving_annual_fee);
  const LimitPolicy person = DefaultPersonLimitPolicy();
  EXPECT_EQ(config->person_limit.max_limit, person.max_limit);
  ASSERT_EQ(config->person_limit.pd_bands.size(), person.pd_bands.size());
  for (size_t i = 0; i < person.pd_bands.size(); ++i) {
    EXPECT_DOUBLE_EQ(config->person_limit.pd_bands[i].pd_below, person.pd_bands[i].pd_below);
    EXPECT_DOUBLE_EQ(config->person_limit.pd_bands[i].factor, person.pd_bands[i].factor);
  }
  const LimitPolicy company = DefaultCompanyLimitPolicy();
  EXPECT_EQ(config->company_limit.group_exposure_cap, company.group_exposure_cap);
  EXPECT_EQ(config->company_limit.pd_bands.size(), company.pd_bands.size());
  const ScfPolicy scf = DefaultScfPolicy();
  EXPECT_EQ(config->scf.min_core_grade, scf.min_core_grade);
  ASSERT_EQ(config->scf.advance_rates.size(), scf.advance_rates.size());
  EXPECT_DOUBLE_EQ(config->scf.advance_rates[0].value, scf.advance_rates[0].value);
  ASSERT_EQ(config->scf.supplier_caps.size(), scf.supplier_caps.size());
  EXPECT_DOUBLE_EQ(config->scf.supplier_caps[1].value, scf.supplier_caps[1].value);
  EXPECT_EQ(config->scf.unrated_supplier_cap, scf.unrated_supplier_cap);
}

TEST(DecisionConfigTest, OverridesOnlyWhatIsGiven) {
  auto config = ParseDecisionConfig("[value]\nretention = 0.7\n[scf]\nmax_tenor_days = 90\n", "d.toml");
  ASSERT_TRUE(config.ok()) << config.error().ToString();
  EXPECT_DOUBLE_EQ(config->value.retention, 0.7);
  EXPECT_DOUBLE_EQ(config->value.discount_rate, 0.10);
  EXPECT_EQ(config->scf.max_tenor_days, 90);
}

TEST(DecisionConfigTest, RefusesBadValuesWithTheirLine) {
  struct Case {
    std::string text, expected, location;
  };
  const Case cases[] = {
      {"[value]\nretention = 1.5\n", "retention must be between 0 and 1", "d.toml:2"},
      {"[value]\nretension = 0.5\n", "unknown key \"retension\"", "d.toml:2"},
      {"[limit.person]\npd_bands = [{ pd_below = 0.05, factor = 1 }, { pd_below = 0.01, factor = 0.5 }]\n",
       "ascending", "d.toml:2"},
      {"[limit.person]\nmax_limit = -5\n", "cannot be negative", "d.toml:2"},
      {"[scf]\nadvance_rates = [{ grade = \"A\", rate = 0.9 }]\n", "unknown key \"grade\"",
       "d.toml:2"},
      {"[value]\nhorizon_years = \"five\"\n", "must be a whole number", "d.toml:2"},
  };
  for (const Case& c : cases) {
    auto config = ParseDecisionConfig(c.text, "d.toml");
    ASSERT_FALSE(config.ok()) << c.text;
    EXPECT_NE(config.error().message.find(c.expected), std::string::npos)
        << config.error().ToString();
    EXPECT_EQ(config.error().location, c.location) << config.error().ToString();
  }
}

}  // namespace
}  // namespace credo::decision
