#include "resolve/explain.h"

#include <gtest/gtest.h>

#include <cmath>

#include "resolve/resolver.h"
#include "test_tables.h"

namespace credo::resolve {
namespace {

TEST(ExplainTest, FieldsLevelsWeightsAndTotal) {
  auto built = testing::BuildTable(testing::PersonMapping(), {testing::SyntheticPersons(300, 21)});
  ASSERT_TRUE(built.ok());
  ResolveOptions options;
  options.u_sample_pairs = 50000;
  auto result = Dedupe(std::move(built->table), options);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  auto explanation = ExplainRecords(result->table, result->summary.model, "e5-a", "e5-b");
  ASSERT_TRUE(explanation.ok());
  EXPECT_EQ(explanation->fields.size(), result->table.columns().size());
  double sum = explanation->prior_weight;
  for (const auto& field : explanation->fields) {
    sum += field.weight;
    EXPECT_FALSE(field.level_label.empty());
    if (field.level == 0) {
      EXPECT_EQ(field.weight, 0.0);
    }
  }
  EXPECT_NEAR(sum, explanation->total_weight, 1e-9);
  EXPECT_NEAR(explanation->probability, WeightToProbability(explanation->total_weight), 1e-12);
  EXPECT_GT(explanation->probability, 0.5);
  auto unrelated = ExplainRecords(result->table, result->summary.model, "e5-a", "e6-a");
  ASSERT_TRUE(unrelated.ok());
  EXPECT_LT(unrelated->probability, 0.5);
  std::string text = FormatExplanation(*explanation);
  EXPECT_NE(text.find("surname"), std::string::npos);
  EXPECT_NE(text.find("total match weight"), std::string::npos);
  EXPECT_EQ(ExplainRecords(result->table, result->summary.model, "nope", "e5-b").error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::resolve
