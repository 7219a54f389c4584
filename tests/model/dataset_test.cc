#include "model/dataset.h"

#include <gtest/gtest.h>

#include <cmath>

namespace credo::model {
namespace {

DatasetOptions Training(std::string target) {
  DatasetOptions options;
  options.target = std::move(target);
  options.training = true;
  return options;
}

TEST(DatasetTest, DetectsKindsMissingAndDropsUnnamedIndex) {
  auto data = ParseCsvDataset(",y,amount,city\n1,1,5.00E+05,Paris\n2,0,NA,\n3,0,7,Lyon\n", "d.csv",
                              Training("y"));
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  ASSERT_EQ(data->columns.size(), 2u);
  EXPECT_EQ(data->columns[0].kind, ColumnKind::kNumeric);
  EXPECT_DOUBLE_EQ(data->columns[0].numbers[0], 500000);
  EXPECT_TRUE(std::isnan(data->columns[0].numbers[1]));
  EXPECT_EQ(data->columns[1].kind, ColumnKind::kCategorical);
  EXPECT_TRUE(data->columns[1].IsMissing(1));
  EXPECT_EQ(data->target, (std::vector<uint8_t>{1, 0, 0}));
  EXPECT_EQ(data->dropped_columns.size(), 1u);
}

TEST(DatasetTest, TargetWithThirdValueNamesLineAndColumn) {
  auto data = ParseCsvDataset("x,y\n1,0\n2,1\n3,2\n", "t.csv", Training("y"));
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().location, "t.csv line 4 column y");
  EXPECT_NE(data.error().message.find("third value '2'"), std::string::npos);
}

TEST(DatasetTest, BadValueAndWordTargets) {
  auto words = ParseCsvDataset("x,RiskPerformance\n1,Bad\n2,Good\n", "h.csv",
                               Training("RiskPerformance"));
  ASSERT_TRUE(words.ok());
  EXPECT_EQ(words->target, (std::vector<uint8_t>{1, 0}));
  DatasetOptions options = Training("y");
  options.bad_value = "2";
  auto coded = ParseCsvDataset("x,y\n1,1\n2,2\n", "g.csv", options);
  ASSERT_TRUE(coded.ok());
  EXPECT_EQ(coded->target, (std::vector<uint8_t>{0, 1}));
  auto unknown = ParseCsvDataset("x,y\n1,p\n2,q\n", "u.csv", Training("y"));
  EXPECT_NE(unknown.error().message.find("--bad-value"), std::string::npos);
  auto missing = ParseCsvDataset("x,y\n1,\n2,1\n", "m.csv", Training("y"));
  EXPECT_EQ(missing.error().location, "m.csv line 2 column y");
}

TEST(DatasetTest, ConstantAndAllMissingColumnsAreRefusedForTraining) {
  auto constant = ParseCsvDataset("x,k,y\n1,5,0\n2,5,1\n", "c.csv", Training("y"));
  ASSERT_FALSE(constant.ok());
  EXPECT_EQ(constant.error().location, "c.csv column k");
  EXPECT_NE(constant.error().message.find("constant"), std::string::npos);
  auto empty = ParseCsvDataset("x,e,y\n1,,0\n2,NA,1\n", "e.csv", Training("y"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().location, "e.csv column e");
  DatasetOptions options = Training("y");
  options.exclude = {"k"};
  EXPECT_TRUE(ParseCsvDataset("x,k,y\n1,5,0\n2,5,1\n", "c.csv", options).ok());
}

TEST(DatasetTest, SchemaForScoringChecksColumns) {
  DatasetOptions options;
  options.schema = {{"amount", ColumnKind::kNumeric}};
  auto missing = ParseCsvDataset("x\n1\n", "s.csv", options);
  EXPECT_NE(missing.error().message.find("'amount'"), std::string::npos);
  auto text = ParseCsvDataset("amount\n1\nabc\n", "s.csv", options);
  EXPECT_EQ(text.error().location, "s.csv line 3 column amount");
}

TEST(DatasetTest, SubsetKeepsOrder) {
  auto data = ParseCsvDataset("x,y\n1,0\n2,1\n3,0\n", "d.csv", Training("y"));
  Dataset subset = data->Subset({2, 0});
  EXPECT_EQ(subset.columns[0].numbers, (std::vector<double>{3, 1}));
  EXPECT_EQ(subset.lines, (std::vector<size_t>{4, 2}));
  EXPECT_EQ(data->Bads(), 1u);
}

}  // namespace
}  // namespace credo::model
