// Rules: the embedded default, files on top of it, and every kind of bad file refused with
// file, line and key.
#include "fraud/rules.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "fraud/fraud.h"

namespace credo::fraud {
namespace {

TEST(FraudRules, DefaultDefinesEveryCatalogueRule) {
  const FraudRules& rules = DefaultFraudRules();
  std::vector<std::string> ids;
  for (const RuleDefinition& rule : rules.rules) {
    ids.push_back(rule.id);
    EXPECT_FALSE(rule.description.empty()) << rule.id;
    EXPECT_GE(rule.threshold, 0) << rule.id;
    EXPECT_TRUE(rule.enabled) << rule.id;
  }
  EXPECT_EQ(ids, CatalogueRuleIds());
  EXPECT_EQ(rules.ring.degree_cap, 10);
  EXPECT_EQ(rules.ring.min_size, 3);
  EXPECT_EQ(rules.ring.growth_days, 30);
  ASSERT_NE(rules.Find("phone_applicants_1d"), nullptr);
  EXPECT_EQ(rules.Find("phone_applicants_1d")->severity, Severity::kHigh);
  EXPECT_EQ(rules.Find("no_such_rule"), nullptr);
}

TEST(FraudRules, FileOverridesOnlyWhatItNames) {
  auto rules = ParseFraudRules(R"(
[ring]
degree_cap = 25

[rules.multi_lender_7d]
threshold = 2.5
severity = "critical"

[rules.id_region_mismatch]
enabled = false
)",
                               "mine.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  EXPECT_EQ(rules->source, "mine.toml");
  EXPECT_EQ(rules->ring.degree_cap, 25);
  EXPECT_EQ(rules->ring.min_size, 3);
  EXPECT_DOUBLE_EQ(rules->Find("multi_lender_7d")->threshold, 2.5);
  EXPECT_EQ(rules->Find("multi_lender_7d")->severity, Severity::kCritical);
  EXPECT_FALSE(rules->Find("id_region_mismatch")->enabled);
  EXPECT_EQ(rules->Find("multi_lender_1d")->threshold,
            DefaultFraudRules().Find("multi_lender_1d")->threshold);
  EXPECT_EQ(rules->rules.size(), DefaultFraudRules().rules.size());
}

TEST(FraudRules, FormatReadsBackToTheSameRules) {
  auto rules = ParseFraudRules("[rules.phone_applicants_30d]\nthreshold = 7\n"
                               "description = \"quote \\\" inside\"\n",
                               "a.toml");
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  std::string text = FormatFraudRules(*rules);
  auto again = ParseFraudRules(text, "formatted.toml");
  ASSERT_TRUE(again.ok()) << again.error().ToString() << "\n" << text;
  ASSERT_EQ(again->rules.size(), rules->rules.size());
  for (size_t i = 0; i < rules->rules.size(); ++i) {
    EXPECT_EQ(again->rules[i].id, rules->rules[i].id);
    EXPECT_EQ(again->rules[i].description, rules->rules[i].description);
    EXPECT_EQ(again->rules[i].severity, rules->rules[i].severity);
    EXPECT_DOUBLE_EQ(again->rules[i].threshold, rules->rules[i].threshold);
    EXPECT_EQ(again->rules[i].enabled, rules->rules[i].enabled);
  }
  EXPECT_NE(text.find("threshold = 7"), std::string::npos);
}

struct BadFile {
  const char* text;
  const char* location;  // expected start of the error location
  const char* message;   // expected part of the message
};

class FraudRulesBadFile : public ::testing::TestWithParam<BadFile> {};

TEST_P(FraudRulesBadFile, IsRefusedWithFileLineAndKey) {
  const BadFile& bad = GetParam();
  auto rules = ParseFraudRules(bad.text, "bad.toml");
  ASSERT_FALSE(rules.ok()) << bad.text;
  EXPECT_EQ(rules.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(rules.error().location.rfind(bad.location, 0), 0u)
      << rules.error().ToString() << " expected location " << bad.location;
  EXPECT_NE(rules.error().message.find(bad.message), std::string::npos) << rules.error().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FraudRulesBadFile,
    ::testing::Values(
        BadFile{"# x\n[rules.no_such_rule]\nthreshold = 1\n", "bad.toml:2: rules.no_such_rule",
                "unknown rule"},
        BadFile{"[rules.phone_applicants_1d]\n\nthreshold = -1\n",
                "bad.toml:3: rules.phone_applicants_1d.threshold", "must be a finite number >= 0"},
        BadFile{"[rules.phone_applicants_1d]\nthresold = 4\n",
                "bad.toml:2: rules.phone_applicants_1d.thresold", "unknown key"},
        BadFile{"[rules.phone_applicants_1d]\nthreshold = \"four\"\n",
                "bad.toml:2: rules.phone_applicants_1d.threshold", "must be a number"},
        BadFile{"[rules.phone_applicants_1d]\nthreshold = nan\n",
                "bad.toml:2: rules.phone_applicants_1d.threshold", "finite"},
        BadFile{"[rules.phone_applicants_1d]\nseverity = \"severe\"\n",
                "bad.toml:2: rules.phone_applicants_1d.severity", "\"low\""},
        BadFile{"[rules.phone_applicants_1d]\nenabled = 1\n",
                "bad.toml:2: rules.phone_applicants_1d.enabled", "true or false"},
        BadFile{"[ring]\nmin_size = 1\n", "bad.toml:2: ring.min_size", "at least 2"},
        BadFile{"[ring]\ndegree = 5\n", "bad.toml:2: ring.degree", "unknown key"},
        BadFile{"[ring]\ndegree_cap = 2.5\n", "bad.toml:2: ring.degree_cap", "whole number"},
        BadFile{"\n\n[scoring]\nx = 1\n", "bad.toml:3: scoring", "unknown section"},
        BadFile{"rules = 3\n", "bad.toml:1: rules", "must be a table"},
        BadFile{"[rules]\nphone_applicants_1d = 3\n", "bad.toml:2: rules.phone_applicants_1d",
                "must be a table"},
        BadFile{"[rules.phone_applicants_1d\nthreshold = 1\n", "bad.toml:1", "not valid TOML"}));

TEST(FraudRules, LoadsFromFileAndReportsMissingFile) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("credo_fraud_rules_" + std::to_string(::getpid()) + ".toml"))
                               .string();
  std::ofstream(path) << "[rules.ring_member]\nthreshold = 70\n";
  auto rules = LoadFraudRules(path);
  ASSERT_TRUE(rules.ok()) << rules.error().ToString();
  EXPECT_EQ(rules->Find("ring_member")->threshold, 70);
  EXPECT_EQ(rules->source, path);
  std::filesystem::remove(path);
  auto missing = LoadFraudRules(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().location, path);
}

TEST(FraudRules, SeverityNamesAndWeights) {
  EXPECT_EQ(SeverityName(Severity::kLow), "low");
  EXPECT_EQ(SeverityName(Severity::kCritical), "critical");
  EXPECT_LT(SeverityWeight(Severity::kLow), SeverityWeight(Severity::kMedium));
  EXPECT_LT(SeverityWeight(Severity::kHigh), SeverityWeight(Severity::kCritical));
}

}  // namespace
}  // namespace credo::fraud
