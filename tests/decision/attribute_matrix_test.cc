#include "decision/attribute_matrix.h"

#include <cmath>

#include <gtest/gtest.h>

#include "features/attribute.h"

namespace credo::decision {
namespace {

CustomerRecord Person(std::optional<double> balance, std::optional<double> utilisation) {
  CustomerRecord record;
  record.attributes.kind = SubjectKind::kPerson;
  record.attributes.definitions = features::PersonAttributeDefinitions();
  record.attributes.values.assign(record.attributes.definitions.size(), std::nullopt);
  for (size_t i = 0; i < record.attributes.definitions.size(); ++i) {
    if (record.attributes.definitions[i].name == "total_balance") {
      record.attributes.values[i] = balance;
    }
    if (record.attributes.definitions[i].name == "revolving_utilization") {
      record.attributes.values[i] = utilisation;
    }
  }
  record.value.products = 2;
  return record;
}

TEST(AttributeMatrixTest, AmountsAreLogScaledAndMissingIsNaN) {
  std::vector<CustomerRecord> records = {Person(990000, 0.5), Person(std::nullopt, std::nullopt)};
  AttributeMatrix matrix =
      BuildAttributeMatrix(records, {"total_balance", "revolving_utilization", "value.products"});
  EXPECT_DOUBLE_EQ(matrix.raw(0, 0), 990000);
  EXPECT_NEAR(matrix.values(0, 0), std::log1p(9900.0), 1e-12);
  EXPECT_DOUBLE_EQ(matrix.values(0, 1), 0.5);  // a ratio is left as it is
  EXPECT_DOUBLE_EQ(matrix.values(1, 2), 2);
  EXPECT_TRUE(std::isnan(matrix.values(1, 0)));
  EXPECT_TRUE(std::isnan(matrix.raw(1, 1)));
  EXPECT_TRUE(IsAmountMeasure("value.lifetime_value"));
  EXPECT_FALSE(IsAmountMeasure("value.products"));
  EXPECT_TRUE(IsAmountMeasure("revenue_12m"));
}

TEST(AttributeMatrixTest, DefaultMeasuresAreKnownAttributes) {
  for (SubjectKind kind : {SubjectKind::kPerson, SubjectKind::kOrganization}) {
    for (const auto& name : DefaultClusteringMeasures(kind)) {
      EXPECT_TRUE(IsKnownMeasure(kind, name)) << name;
    }
  }
}

}  // namespace
}  // namespace credo::decision
