#include "model/arff.h"

#include <gtest/gtest.h>

#include <cmath>

namespace credo::model {
namespace {

TEST(ArffTest, ReadsAttributesDataAndMissing) {
  const char* text =
      "% comment\r\n@relation 'x'\r\n@attribute Attr1 numeric\r\n"
      "@attribute 'net profit / total assets' real\r\n@attribute class {0,1}\r\n@data\r\n"
      "0.5,?,0\r\n-1.2,3,1\r\n";
  DatasetOptions options;
  options.target = "class";
  auto data = ParseArffDataset(text, "p.arff", options);
  ASSERT_TRUE(data.ok()) << data.error().ToString();
  EXPECT_EQ(data->rows, 2u);
  ASSERT_NE(data->Find("net profit / total assets"), nullptr);
  EXPECT_TRUE(std::isnan(data->Find("net profit / total assets")->numbers[0]));
  EXPECT_EQ(data->target, (std::vector<uint8_t>{0, 1}));
}

TEST(ArffTest, RaggedRowAndBadHeaderNameTheLine) {
  auto ragged = ParseArffDataset("@attribute a numeric\n@attribute b numeric\n@data\n1\n", "r.arff", {});
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.error().location, "r.arff line 4");
  auto header = ParseArffDataset("@attribute a date\n@data\n", "h.arff", {});
  EXPECT_EQ(header.error().location, "h.arff line 1");
}

}  // namespace
}  // namespace credo::model
