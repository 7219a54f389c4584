// Altman Z'' on real data: the Polish companies bankruptcy set (UCI 365) publishes, per firm,
// exactly the four Z'' inputs as ratios (Attr3 working capital / total assets, Attr6 retained
// earnings / total assets, Attr7 EBIT / total assets, Attr8 book equity / total liabilities) plus
// Attr2 total liabilities / total assets. Each row becomes a statement scaled to total assets of
// 10^9 minor units, goes through ComputeCompanyAttributes, and must (1) reproduce Z'' from the
// published ratios and (2) rank the firms that went bankrupt as riskier than the survivors.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "features/company_attributes.h"
#include "file_builder.h"

namespace credo::features {
namespace {

struct Firm {
  double liabilities_to_assets, working_capital, retained_earnings, ebit, equity_to_liabilities;
  bool bankrupt;
};

std::vector<Firm> ReadArff(const std::string& path) {
  std::ifstream in(path);
  std::vector<Firm> firms;
  std::string line;
  bool data = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '%') continue;
    if (!data) {
      data = line.rfind("@data", 0) == 0 || line.rfind("@DATA", 0) == 0;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream row(line);
    std::string field;
    while (std::getline(row, field, ',')) fields.push_back(field);
    if (fields.size() != 65) continue;
    auto number = [&](int attr) { return fields[attr - 1] == "?" ? NAN : std::stod(fields[attr - 1]); };
    Firm firm{number(2), number(3), number(6), number(7), number(8), fields[64] == "1"};
    if (std::isnan(firm.liabilities_to_assets) || std::isnan(firm.working_capital) ||
        std::isnan(firm.retained_earnings) || std::isnan(firm.ebit) ||
        std::isnan(firm.equity_to_liabilities) || firm.liabilities_to_assets <= 0) {
      continue;  // a missing input, or no liabilities (X4 would follow our cap, not the data)
    }
    firms.push_back(firm);
  }
  return firms;
}

CreditFile FirmFile(const Firm& firm) {
  constexpr double kAssets = 1e9;
  CreditFile file = testing::CompanyFile("2024-06-15");
  FinancialStatementRow row;
  FinancialStatement& s = row.statement;
  s.period_end = testing::D("2023-12-31");
  s.total_assets = static_cast<int64_t>(kAssets);
  s.total_liabilities = std::llround(firm.liabilities_to_assets * kAssets);
  s.equity = std::llround(firm.equity_to_liabilities * static_cast<double>(s.total_liabilities));
  s.current_liabilities = static_cast<int64_t>(kAssets / 10);  // only CA - CL enters Z''
  s.current_assets = s.current_liabilities + std::llround(firm.working_capital * kAssets);
  s.retained_earnings = std::llround(firm.retained_earnings * kAssets);
  s.ebit = std::llround(firm.ebit * kAssets);
  file.financial_statements = {row};
  return file;
}

//! P(a bankrupt firm scores above a survivor), ties counted half.
double Auc(const std::vector<double>& bad_scores, std::vector<double> good_scores) {
  std::sort(good_scores.begin(), good_scores.end());
  double sum = 0;
  for (double b : bad_scores) {
    auto lo = std::lower_bound(good_scores.begin(), good_scores.end(), b);
    auto hi = std::upper_bound(good_scores.begin(), good_scores.end(), b);
    sum += static_cast<double>(lo - good_scores.begin()) + 0.5 * static_cast<double>(hi - lo);
  }
  return sum / (static_cast<double>(bad_scores.size()) * static_cast<double>(good_scores.size()));
}

void CheckFile(const std::string& name) {
  const std::vector<Firm> firms =
      ReadArff(std::string(CREDO_SHARED_DIR) + "/data/credit/polish_bankruptcy/" + name);
  ASSERT_GT(firms.size(), 1000u) << name;
  std::vector<double> bad, good;
  int bad_distress = 0, good_distress = 0;
  for (const Firm& firm : firms) {
    AttributeSet set = ComputeCompanyAttributes(FirmFile(firm));
    const AttributeValue* z = set.Find("altman_z_double_prime");
    const AttributeValue* zone = set.Find("altman_z_double_prime_zone");
    ASSERT_TRUE(z && z->has_value() && zone && zone->has_value());
    const double x4 = std::clamp(firm.equity_to_liabilities, -10.0, 10.0);
    const double expected = 6.56 * firm.working_capital + 3.26 * firm.retained_earnings +
                            6.72 * firm.ebit + 1.05 * x4;
    ASSERT_NEAR(**z, expected, 1e-6 * std::max(1.0, std::abs(expected))) << name;
    // Lower Z'' means riskier: score firms by -Z'' for the AUC of predicting bankruptcy.
    (firm.bankrupt ? bad : good).push_back(-**z);
    (firm.bankrupt ? bad_distress : good_distress) += **zone == 2;
  }
  ASSERT_FALSE(bad.empty());
  const double auc = Auc(bad, good);
  const double bad_rate = static_cast<double>(bad_distress) / static_cast<double>(bad.size());
  const double good_rate = static_cast<double>(good_distress) / static_cast<double>(good.size());
  std::printf("%s: %zu firms, %zu bankrupt; Z'' AUC %.4f; distress zone: %.1f%% of bankrupt vs "
              "%.1f%% of survivors\n",
              name.c_str(), firms.size(), bad.size(), auc, 100 * bad_rate, 100 * good_rate);
  EXPECT_GT(auc, 0.6) << name;
  EXPECT_GT(bad_rate, 2 * good_rate) << name;
}

TEST(AltmanRealDataTest, PolishBankruptcyYear1) { CheckFile("1year.arff"); }
TEST(AltmanRealDataTest, PolishBankruptcyYear5) { CheckFile("5year.arff"); }

}  // namespace
}  // namespace credo::features
