// Segmentation and valuation on real credit data (/work/shared/data/credit): k-means with k
// chosen by silhouette must find segments whose default rates differ, and describe the risky one
// as the data says.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "decision/customer_value.h"
#include "decision/segmentation.h"
#include "model/dataset.h"

namespace credo::decision {
namespace {

const std::string kCredit = std::string(CREDO_SHARED_DIR) + "/data/credit/";

struct Loaded {
  model::Dataset data;
  RowMatrix values;
  RowMatrix raw;
};

Loaded Load(const std::string& path, const std::string& target,
            const std::vector<std::string>& columns, const std::vector<bool>& log_scale) {
  model::DatasetOptions options;
  options.target = target;
  auto data = model::LoadCsvDataset(path, options);
  EXPECT_TRUE(data.ok()) << data.error().ToString();
  Loaded out{*data, RowMatrix(data->rows, columns.size()), RowMatrix(data->rows, columns.size())};
  for (size_t j = 0; j < columns.size(); ++j) {
    const model::Column* column = data->Find(columns[j]);
    EXPECT_NE(column, nullptr) << columns[j];
    for (size_t i = 0; i < data->rows; ++i) {
      const double v = column->numbers[i];
      out.raw(i, j) = v;
      out.values(i, j) = log_scale[j] ? std::copysign(std::log1p(std::abs(v)), v) : v;
    }
  }
  return out;
}

std::vector<double> DefaultRates(const Segmentation& segmentation,
                                 const std::vector<uint8_t>& target) {
  std::vector<double> bads(segmentation.k, 0), counts(segmentation.k, 0);
  for (size_t i = 0; i < target.size(); ++i) {
    bads[segmentation.labels[i] - 1] += target[i];
    counts[segmentation.labels[i] - 1] += 1;
  }
  std::vector<double> rates;
  for (int s = 0; s < segmentation.k; ++s) rates.push_back(bads[s] / counts[s]);
  return rates;
}

TEST(RealDataTest, TaiwanCardholdersSegmentIntoGroupsWithDifferentDefaultRates) {
  // X1 credit limit, X5 age, X6/X7 repayment status of the last two months, X12 last bill,
  // X18 last payment (amounts log-scaled); 30,000 cardholders, so the silhouette is sampled.
  const std::vector<std::string> columns = {"X1", "X5", "X6", "X7", "X12", "X18"};
  Loaded taiwan = Load(kCredit + "taiwan_default/UCI_Credit_Card.csv", "Y", columns,
                       {true, false, false, false, true, true});
  ASSERT_EQ(taiwan.data.rows, 30000u);
  auto segmentation = SegmentByKMeans(taiwan.values, taiwan.raw, columns);
  ASSERT_TRUE(segmentation.ok()) << segmentation.error().ToString();
  EXPECT_TRUE(segmentation->sampled_silhouette);
  EXPECT_GE(segmentation->k, 2);
  EXPECT_LE(segmentation->k, 8);
  EXPECT_GT(segmentation->silhouette, 0.15);
  const std::vector<double> rates = DefaultRates(*segmentation, taiwan.data.target);
  const auto [low, high] = std::minmax_element(rates.begin(), rates.end());
  EXPECT_GT(*high, 2 * *low) << "default rates by segment should differ";
  // The riskiest segment is the one that was behind on its payments (X6 above the mean).
  const Segment& riskiest = segmentation->segments[high - rates.begin()];
  EXPECT_GT(riskiest.centroid_z[2], 0.5);
  const bool tagged = std::any_of(riskiest.tags.begin(), riskiest.tags.end(),
                                  [](const SegmentTag& t) { return t.english == "high X6"; });
  EXPECT_TRUE(tagged);
}

TEST(RealDataTest, GermanCreditSegmentsByDurationAmountAndAge) {
  const std::vector<std::string> columns = {"duration_in_month", "credit_amount", "age_in_years",
                                            "installment_rate_in_percentage_of_disposable_income"};
  Loaded german = Load(kCredit + "german_credit/germancredit.csv", "creditability", columns,
                       {false, true, false, false});
  ASSERT_EQ(german.data.rows, 1000u);
  auto segmentation = SegmentByKMeans(german.values, german.raw, columns);
  ASSERT_TRUE(segmentation.ok()) << segmentation.error().ToString();
  EXPECT_FALSE(segmentation->sampled_silhouette);
  const std::vector<double> rates = DefaultRates(*segmentation, german.data.target);
  // Long, large loans default more: the segment with the longest mean duration has a higher
  // bad rate than the one with the shortest.
  size_t longest = 0, shortest = 0;
  for (size_t s = 0; s < segmentation->segments.size(); ++s) {
    if (segmentation->segments[s].mean_raw[0] > segmentation->segments[longest].mean_raw[0]) longest = s;
    if (segmentation->segments[s].mean_raw[0] < segmentation->segments[shortest].mean_raw[0]) shortest = s;
  }
  EXPECT_GT(rates[longest], rates[shortest]);
}

TEST(RealDataTest, TaiwanLifetimeValueRanksByMarginOnTheLastBill) {
  // A card's yearly revenue proxy from its last bill (X12) at the revolving rate, less funding:
  // the lifetime value must keep the order of the margins and discount over five years.
  model::DatasetOptions options;
  options.target = "Y";
  auto data = model::LoadCsvDataset(kCredit + "taiwan_default/UCI_Credit_Card.csv", options);
  ASSERT_TRUE(data.ok());
  const ValueAssumptions a;
  const model::Column* bill = data->Find("X12");
  ASSERT_NE(bill, nullptr);
  double good_value = 0, bad_value = 0;
  size_t goods = 0, bads = 0;
  for (size_t i = 0; i < data->rows; ++i) {
    const double balance = std::max(0.0, bill->numbers[i]) * 100;  // NT$ to minor units
    const double pd = data->target[i] ? 1.0 : 0.0;
    const double margin = balance * (a.revolving_rate - a.funding_rate) -
                          pd * a.loss_given_default * balance;
    const double clv = LifetimeValue(margin, a.retention, a.discount_rate, a.horizon_years);
    EXPECT_EQ(clv > 0, margin > 0);
    (data->target[i] ? bad_value : good_value) += clv;
    (data->target[i] ? bads : goods) += 1;
  }
  // Defaulters, charged their loss, are worth less on average than those who pay.
  EXPECT_LT(bad_value / bads, good_value / goods);
}

}  // namespace
}  // namespace credo::decision
