// The PDF rendering: rendered to PNG with pdftoppm and read back with cairo (the gauge and the
// payment grid are drawn, not a blank page), and its text extracted with pdftotext (report id,
// account count and the key figures are there, in Chinese too).
#include <cairo.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

std::string RunTool(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

struct PixelCounts {
  int64_t total = 0;
  int64_t non_white = 0;
  int64_t grid_green = 0;  // the "current" cells of the payment grid
  int64_t gauge_red = 0;   // the low end of the gauge band
  int64_t late_orange = 0; // a 30-days-late cell
};

PixelCounts CountPixels(const std::string& png) {
  PixelCounts counts;
  cairo_surface_t* image = cairo_image_surface_create_from_png(png.c_str());
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    ADD_FAILURE() << "cannot read " << png;
    cairo_surface_destroy(image);
    return counts;
  }
  const int width = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  for (int y = 0; y < height; ++y) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < width; ++x) {
      const int r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;
      ++counts.total;
      if (r < 245 || g < 245 || b < 245) ++counts.non_white;
      if (std::abs(r - 115) < 12 && std::abs(g - 199) < 12 && std::abs(b - 115) < 12) ++counts.grid_green;
      if (r > 200 && g < 90 && b < 90) ++counts.gauge_red;
      if (r > 240 && std::abs(g - 217) < 12 && b < 110) ++counts.late_orange;
    }
  }
  cairo_surface_destroy(image);
  return counts;
}

class RenderPdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    person_ = bureau_.AddPerson("张伟", "11010519491231002X");
    bureau_.AddTradeline(person_, "4000123412341234", D(2026, 2, 28), "000000000000000000000000");
    bureau_.AddTradeline(person_, "5000999988887777", D(2026, 2, 28), "010000000000",
                         AccountStatus::kCurrent, 250000, AccountKind::kInstallment);
    bureau_.AddConsentFor(person_, "Bank A", "credit_application", "REF-1");
  }

  std::string WritePdf(const IssuedReport& report, const std::string& lang) {
    auto pdf = RenderPdf(report, lang);
    EXPECT_TRUE(pdf.ok()) << pdf.error().ToString();
    const std::string path = bureau_.dir() + "/report_" + lang + ".pdf";
    std::ofstream(path, std::ios::binary) << pdf.value_or("");
    return path;
  }

  Bureau bureau_;
  SubjectId person_ = 0;
};

TEST_F(RenderPdfTest, PageShowsGaugeGridAndKeyFigures) {
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const std::string pdf = WritePdf(*report, "en");
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");

  const std::string prefix = bureau_.dir() + "/page";
  RunTool("pdftoppm -png -r 60 -f 1 -l 1 " + pdf + " " + prefix);
  std::string png = prefix + "-1.png";
  if (!std::filesystem::exists(png)) png = prefix + "-01.png";
  ASSERT_TRUE(std::filesystem::exists(png)) << "pdftoppm wrote no page";
  const PixelCounts counts = CountPixels(png);
  ASSERT_GT(counts.total, 0);
  EXPECT_GT(counts.non_white, counts.total / 50) << "the page is almost blank";
  EXPECT_GT(counts.grid_green, 200) << "no payment-grid cells drawn";
  EXPECT_GT(counts.gauge_red, 50) << "no gauge band drawn";
  EXPECT_GT(counts.late_orange, 20) << "the 30-days-late cell is not drawn";

  const std::string text = RunTool("pdftotext -layout " + pdf + " -");
  EXPECT_NE(text.find("Report number " + std::to_string(report->report_id)), std::string::npos)
      << text;
  EXPECT_NE(text.find("Accounts: 2"), std::string::npos) << text;
  EXPECT_NE(text.find("7500.00 CNY"), std::string::npos) << text;  // the total balance
  EXPECT_NE(text.find("Bank A"), std::string::npos);
}

TEST_F(RenderPdfTest, ChineseLabelsAreDrawnAndExtractable) {
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const std::string pdf = WritePdf(*report, "zh");
  const std::string text = RunTool("pdftotext " + pdf + " -");
  EXPECT_NE(text.find("报告编号 " + std::to_string(report->report_id)), std::string::npos) << text;
  EXPECT_NE(text.find(bureau_.profile().Label("tradelines", "zh")), std::string::npos) << text;
  EXPECT_NE(text.find("张伟"), std::string::npos) << text;
  const std::string fonts = RunTool("pdffonts " + pdf);
  EXPECT_NE(fonts.find("WenQuanYi"), std::string::npos) << fonts;
}

TEST_F(RenderPdfTest, ManyAccountsFlowOntoMorePages) {
  for (int i = 0; i < 40; ++i) {
    bureau_.AddTradeline(person_, "7000" + std::to_string(100000 + i), D(2026, 2, 28), "000000");
  }
  auto report = IssueReport(bureau_.store(), bureau_.context(), bureau_.Request(person_));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const std::string pdf = WritePdf(*report, "en");
  const std::string info = RunTool("pdfinfo " + pdf);
  EXPECT_NE(info.find("Pages:"), std::string::npos);
  EXPECT_EQ(info.find("Pages:           1\n"), std::string::npos) << info;
}

}  // namespace
}  // namespace credo::report
