// The HTML rendering: self-contained, printable, every text escaped.
#include <gtest/gtest.h>

#include "core/institution.h"
#include "report/report.h"
#include "report/report_test_support.h"

namespace credo::report {
namespace {

using testing::Bureau;
using testing::D;

TEST(RenderHtmlTest, NamesWithMarkupAreEscaped) {
  Bureau bureau;
  SubjectId person = bureau.AddPerson("<script>alert('x')</script> & Co");
  bureau.AddTradeline(person, "4000123412341234", D(2026, 2, 28), "000100");
  // Institution ids cannot carry markup (core/institution.h refuses "Bank <A>" at consent
  // registration); names can, and the report's own words (statements) can.
  EXPECT_FALSE(CheckInstitutionId("Bank <A>").ok());
  bureau.AddConsentFor(person, "Bank A", "credit_application", "REF-1");
  auto report = IssueReport(bureau.store(), bureau.context(), bureau.Request(person, "Bank A"));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const std::string html = RenderHtml(*report, "en");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"), std::string::npos);
}

TEST(RenderHtmlTest, SelfContainedPrintablePageWithEverySection) {
  Bureau bureau;
  SubjectId person = bureau.AddPerson();
  bureau.AddTradeline(person, "4000123412341234", D(2026, 2, 28), "000100");
  bureau.AddConsentFor(person, "Bank A", "credit_application", "REF-1");
  auto report = IssueReport(bureau.store(), bureau.context(), bureau.Request(person));
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  const std::string zh = RenderHtml(*report);  // the report's own language (cn: zh)
  EXPECT_NE(zh.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(zh.find("@media print"), std::string::npos);
  EXPECT_EQ(zh.find("http://"), std::string::npos);
  EXPECT_EQ(zh.find("https://"), std::string::npos);
  EXPECT_EQ(zh.find("<link"), std::string::npos);
  for (std::string_view key : {"header", "identity", "summary", "tradelines", "public_records",
                               "inquiries", "statements", "score"}) {
    EXPECT_NE(zh.find("<section id=\"" + std::string(key) + "\">"), std::string::npos) << key;
  }
  EXPECT_NE(zh.find(bureau.profile().Label("tradelines", "zh")), std::string::npos);
  // The grid: 24 cells, the late month coloured as 30 days late.
  EXPECT_NE(zh.find("class=\"cell g-30\""), std::string::npos);
  // Sections without data say so with the reason.
  EXPECT_NE(zh.find("无数据: 法院、税务或监管机构未报送该主体的公共记录"), std::string::npos);
  const std::string en = RenderHtml(*report, "en");
  EXPECT_NE(en.find("No data: "), std::string::npos);
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
}

}  // namespace
}  // namespace credo::report
