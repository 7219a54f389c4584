// The portfolio overview PDF: text extracted with pdftotext (figures, labels in both languages),
// pages rendered with pdftoppm (one or two pages, not blank: the bars are drawn).
#include "report/portfolio_pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace credo::report {
namespace {

namespace fs = std::filesystem;

std::string RunTool(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  pclose(pipe);
  return output;
}

PortfolioPdfInput Input(const std::string& lang) {
  PortfolioPdfInput input;
  input.lang = lang;
  input.as_of = "2026-02-28";
  input.computed_at = "2026-03-01 08:00 UTC";
  input.currency = "CNY";
  input.key_figures = {{"Persons", "2,000"}, {"Organizations", "200"}, {"Balance", "1,234.56"}};
  for (int from = 300; from < 900; from += 50) {
    input.score_bands.push_back({std::to_string(from), static_cast<double>((from % 7) + 1)});
  }
  input.grades = {{"AAA", 5}, {"AA", 9}, {"BBB-", 3}, {"D", 1}};
  input.delinquency_rates = {{"current", 0.8}, {"30", 0.1}, {"charge_off", 0.1}};
  input.delinquency_table = {{{"current", "80", "800.00", "80.0%"}},
                             {{"charge_off", "10", "99,999.00", "10.0%"}}};
  input.industry_table = {{{lang == "zh" ? "制造业" : "Manufacturing", "12", "5,000.00", "60.0%"}}};
  input.region_table = {{{"北京市", "30", "3,000.00", "40.0%"}}};
  input.vintages = {{"2025-11 (40)", {0, 0.01, 0.02, 0.04}}, {"2025-12 (35)", {0, 0.0, 0.03}}};
  return input;
}

class PortfolioPdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("credo_portfolio_pdf_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& lang) {
    auto pdf = RenderPortfolioPdf(Input(lang));
    EXPECT_TRUE(pdf.ok()) << pdf.error().ToString();
    const std::string path = (dir_ / ("overview_" + lang + ".pdf")).string();
    std::ofstream(path, std::ios::binary) << pdf.value_or("");
    return path;
  }
  int Pages(const std::string& path, const std::string& prefix) {
    RunTool("pdftoppm -png -r 30 " + path + " " + (dir_ / prefix).string());
    int pages = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().filename().string().rfind(prefix, 0) == 0) ++pages;
    }
    return pages;
  }
  fs::path dir_;
};

TEST_F(PortfolioPdfTest, EnglishFiguresAreExtractableOnTwoPages) {
  const std::string path = Write("en");
  const std::string text = RunTool("pdftotext -layout " + path + " -");
  for (const char* expected : {"Portfolio overview", "As of 2026-02-28", "Score distribution",
                               "Grade distribution", "Delinquency by bucket", "99,999.00",
                               "Concentration by industry", "Manufacturing", "北京市",
                               "Vintage curves", "2025-11 (40)", "months on book"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(Pages(path, "en-page"), 2);
}

TEST_F(PortfolioPdfTest, ChineseLabels) {
  const std::string path = Write("zh");
  const std::string text = RunTool("pdftotext " + path + " -");
  for (const char* expected : {"资产组合总览", "评分分布", "逾期分布", "行业集中度", "制造业",
                               "账龄曲线"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(PortfolioPdfTest, AnEmptyPortfolioStillRenders) {
  PortfolioPdfInput empty;
  empty.as_of = "2026-02-28";
  auto pdf = RenderPortfolioPdf(empty);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
}

}  // namespace
}  // namespace credo::report
