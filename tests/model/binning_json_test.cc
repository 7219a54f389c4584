#include "model/binning_json.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace credo::model {
namespace {

TEST(BinningJsonTest, RoundTripsEveryBinKind) {
  Dataset data = testing::MakeCreditData();
  BinningOptions options;
  options.special_values = {-1};
  std::vector<VariableBinning> binnings;
  for (const Column& column : data.columns) binnings.push_back(*FitBinning(column, data.target, options));
  std::string text = BinningFileToJson(binnings).dump();
  auto parsed = ParseBinningFile(text, "bins.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->size(), binnings.size());
  for (size_t v = 0; v < binnings.size(); ++v) {
    ASSERT_TRUE((*parsed)[v].full.has_value());
    const VariableBinning& back = *(*parsed)[v].full;
    ASSERT_EQ(back.bins.size(), binnings[v].bins.size());
    for (size_t b = 0; b < back.bins.size(); ++b) {
      EXPECT_EQ(back.bins[b].Label(), binnings[v].bins[b].Label());
      EXPECT_DOUBLE_EQ(back.bins[b].woe, binnings[v].bins[b].woe);
      EXPECT_EQ(back.bins[b].count, binnings[v].bins[b].count);
    }
  }
}

TEST(BinningJsonTest, HandWrittenCutsAndGroups) {
  auto parsed = ParseBinningFile(
      R"({"format":"credo-binning","format_version":1,"variables":[
          {"variable":"utilisation","cuts":[0.3,0.6]},
          {"variable":"grade","groups":[["A","B"],["C","D"]]}]})",
      "hand.json");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(*(*parsed)[0].cuts, (std::vector<double>{0.3, 0.6}));
  EXPECT_EQ((*parsed)[1].groups->size(), 2u);
}

TEST(BinningJsonTest, ErrorsNameTheField) {
  auto bad_kind = ParseBinningFile(
      R"({"variables":[{"variable":"x","kind":"numeric","bins":[{"kind":"range","lower":null,"upper":null},{"kind":"oops"}]}]})",
      "b.json");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.error().location, "b.json variables[0].bins[1].kind");
  auto newer = ParseBinningFile(R"({"format_version":99,"variables":[]})", "n.json");
  EXPECT_EQ(newer.error().code, ErrorCode::kVersionMismatch);
  auto cut = ParseBinningFile(R"({"variables":[{"variable":"x","cuts":[1,"a"]}]})", "c.json");
  EXPECT_EQ(cut.error().location, "c.json variables[0].cuts[1]");
  EXPECT_FALSE(ParseBinningFile("{not json", "j.json").ok());
}

}  // namespace
}  // namespace credo::model
