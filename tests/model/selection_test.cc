#include "model/selection.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace credo::model {
namespace {

TEST(SelectionTest, DropsNoiseAndDuplicatesAndKeepsNegativeSlopes) {
  Dataset data = testing::MakeCreditData(6000);
  // A duplicate of utilisation: perfectly correlated, must be dropped as correlated.
  Column copy = data.columns[0];
  copy.name = "utilisation_copy";
  data.columns.push_back(copy);
  std::vector<VariableBinning> binnings;
  for (const Column& column : data.columns) binnings.push_back(*FitBinning(column, data.target, {}));
  Eigen::MatrixXd woe(data.rows, binnings.size());
  for (size_t v = 0; v < binnings.size(); ++v) {
    for (size_t row = 0; row < data.rows; ++row) {
      woe(row, v) = binnings[v].bins[binnings[v].BinOf(data.columns[v], row)].woe;
    }
  }
  auto result = SelectVariables(woe, data.target, binnings, {}, {});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  std::map<std::string, std::string> decision;
  for (const auto& d : result->decisions) decision[d.variable] = d.decision;
  EXPECT_EQ(decision["utilisation"], "selected");
  EXPECT_EQ(decision["grade"], "selected");
  EXPECT_EQ(decision["utilisation_copy"], "correlated");
  EXPECT_NE(decision["noise"], "selected");
  for (Eigen::Index s = 0; s < result->fit.coefficients.size(); ++s) {
    EXPECT_LT(result->fit.coefficients[s], 0);
  }
}

TEST(SelectionTest, NothingPredictiveIsAnError) {
  Dataset data = testing::MakeCreditData(2000);
  std::vector<VariableBinning> binnings = {*FitBinning(data.columns[3], data.target, {})};
  Eigen::MatrixXd woe(data.rows, 1);
  for (size_t row = 0; row < data.rows; ++row) {
    woe(row, 0) = binnings[0].bins[binnings[0].BinOf(data.columns[3], row)].woe;
  }
  SelectionOptions options;
  options.min_iv = 0.5;
  EXPECT_FALSE(SelectVariables(woe, data.target, binnings, options, {}).ok());
}

}  // namespace
}  // namespace credo::model
