#include "features/format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "features/person_attributes.h"

namespace credo::features {
namespace {

AttributeSet SampleSet() {
  AttributeSet set;
  set.subject_id = 42;
  set.kind = SubjectKind::kPerson;
  set.as_of = Date::ParseIso("2024-06-15").value();
  set.definitions = PersonAttributeDefinitions();
  set.values.assign(set.definitions.size(), std::nullopt);
  set.values[static_cast<int>(PersonAttribute::kTradelinesTotal)] = 6;
  set.values[static_cast<int>(PersonAttribute::kTotalBalance)] = 123456789012.0;
  set.values[static_cast<int>(PersonAttribute::kRevolvingUtilization)] = 1.0 / 3;
  set.values[static_cast<int>(PersonAttribute::kWorstStatus12m)] = 2;
  return set;
}

TEST(FormatTest, ValuesAsCsvText) {
  const auto defs = PersonAttributeDefinitions();
  EXPECT_EQ(FormatValue(defs[static_cast<int>(PersonAttribute::kTradelinesTotal)], 6.0), "6");
  EXPECT_EQ(FormatValue(defs[static_cast<int>(PersonAttribute::kTotalBalance)], 123456789012.0),
            "123456789012");
  EXPECT_EQ(FormatValue(defs[static_cast<int>(PersonAttribute::kRevolvingUtilization)], 0.25),
            "0.25");
  const std::string third =
      FormatValue(defs[static_cast<int>(PersonAttribute::kRevolvingUtilization)], 1.0 / 3);
  EXPECT_EQ(std::stod(third), 1.0 / 3);  // round-trips
  EXPECT_EQ(FormatValue(defs[0], std::nullopt), "");
}

TEST(FormatTest, JsonHasNullForMissingAndLabelsForCodes) {
  auto json = nlohmann::json::parse(AttributesToJson(SampleSet()));
  EXPECT_EQ(json["subject_id"], 42);
  EXPECT_EQ(json["kind"], "person");
  EXPECT_EQ(json["as_of"], "2024-06-15");
  EXPECT_EQ(json["attributes"]["tradelines_total"], 6);
  EXPECT_EQ(json["attributes"]["total_balance"], 123456789012);
  EXPECT_DOUBLE_EQ(json["attributes"]["revolving_utilization"].get<double>(), 1.0 / 3);
  EXPECT_TRUE(json["attributes"]["inquiries_12m"].is_null());
  EXPECT_EQ(json["attributes"].size(), PersonAttributeDefinitions().size());
  EXPECT_EQ(json["labels"]["worst_status_12m"], "60-89 days past due");
}

TEST(FormatTest, TextListsEveryAttribute) {
  const std::string text = AttributesToText(SampleSet());
  EXPECT_NE(text.find("subject 42 (person) as of 2024-06-15"), std::string::npos);
  EXPECT_NE(text.find("revolving_utilization"), std::string::npos);
  EXPECT_NE(text.find("0.3333"), std::string::npos);
  EXPECT_NE(text.find("2 (60-89 days past due)"), std::string::npos);
  EXPECT_NE(text.find("missing"), std::string::npos);
}

TEST(FormatTest, MarkdownHasASectionPerAttribute) {
  const std::string markdown = DefinitionsToMarkdown(SubjectKind::kOrganization);
  EXPECT_NE(markdown.find("## altman_z_double_prime_zone"), std::string::npos);
  EXPECT_NE(markdown.find("- Codes: 0 safe, 1 grey, 2 distress"), std::string::npos);
}

}  // namespace
}  // namespace credo::features
