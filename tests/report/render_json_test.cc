// The JSON rendering is stable: a report issued on a fixed clock from a fixed bureau renders
// byte for byte as the golden file (run with CREDO_UPDATE_GOLDEN=1 to rewrite it after an
// intended change, and review the diff).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void CompareWithGolden(const std::string& actual, const std::string& name) {
  const std::string path = std::string(CREDO_REPORT_GOLDEN_DIR) + "/" + name;
  if (std::getenv("CREDO_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  const std::string expected = ReadFile(path);
  ASSERT_FALSE(expected.empty()) << "missing golden file " << path;
  EXPECT_EQ(actual, expected) << "the rendering differs from " << path;
}

// A small file with one of each kind of item.
IssuedReport IssueFixedPersonReport(Bureau& bureau, const std::string& lang) {
  SubjectId person = bureau.AddPerson();
  bureau.AddTradeline(person, "4000123412341234", D(2026, 2, 28), "000000000000000000000000");
  bureau.AddTradeline(person, "5000999988887777", D(2026, 2, 28), "321000000000",
                      AccountStatus::kPastDue90, 250000, AccountKind::kInstallment,
                      "Second Test Bank");
  bureau.AddPublicRecord(person, PublicRecordKind::kTaxArrears, D(2025, 6, 1), std::nullopt, "TAX-9");
  bureau.AddConsentFor(person, "Bank A", "credit_application", "REF-1");
  ReportRequest request = bureau.Request(person);
  request.lang = lang;
  return IssueReport(bureau.store(), bureau.context(), request).value();
}

TEST(RenderJsonTest, PersonReportMatchesGoldenInEnglish) {
  Bureau bureau("cn", D(2026, 3, 15));
  CompareWithGolden(RenderJson(IssueFixedPersonReport(bureau, "en")), "person_report_en.json");
}

TEST(RenderJsonTest, PersonReportMatchesGoldenInChinese) {
  Bureau bureau("cn", D(2026, 3, 15));
  CompareWithGolden(RenderJson(IssueFixedPersonReport(bureau, "zh")), "person_report_zh.json");
}

TEST(RenderJsonTest, RenderedJsonParsesBackToTheDocument) {
  Bureau bureau("cn", D(2026, 3, 15));
  IssuedReport report = IssueFixedPersonReport(bureau, "en");
  auto parsed = nlohmann::ordered_json::parse(RenderJson(report));
  EXPECT_EQ(parsed, report.document);
}

}  // namespace
}  // namespace credo::report
