// The report's words: language choice, section labels from the profile, the word table.
#include "report/labels.h"

#include <gtest/gtest.h>

namespace credo::report {
namespace {

TEST(LabelsTest, LanguageComesFromTheRequestOrTheProfile) {
  const JurisdictionProfile cn = LoadBuiltinProfile("cn").value();
  const JurisdictionProfile us = LoadBuiltinProfile("us").value();
  EXPECT_EQ(ResolveLanguage(cn, "").value(), "zh");
  EXPECT_EQ(ResolveLanguage(us, "").value(), "en");
  EXPECT_EQ(ResolveLanguage(cn, "en").value(), "en");
  EXPECT_EQ(ResolveLanguage(us, "zh").value(), "zh");
  auto bad = ResolveLanguage(cn, "de");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("zh or en"), std::string::npos);
}

TEST(LabelsTest, SectionLabelsAreTheProfiles) {
  const JurisdictionProfile cn = LoadBuiltinProfile("cn").value();
  for (std::string_view key : ReportSectionKeys()) {
    EXPECT_EQ(Labels(cn, "zh").Section(key), cn.Label(key, "zh")) << key;
    EXPECT_EQ(Labels(cn, "en").Section(key), cn.Label(key, "en")) << key;
  }
  EXPECT_EQ(Labels(cn, "zh").Section("tradelines"), "信贷交易信息明细");
}

TEST(LabelsTest, WordsInBothLanguages) {
  EXPECT_TRUE(WordTableIsSorted());
  EXPECT_EQ(WordIn("balance", "en"), "Balance");
  EXPECT_EQ(WordIn("balance", "zh"), "余额");
  EXPECT_EQ(WordIn("report_id", "zh"), "报告编号");
  EXPECT_EQ(WordIn("no_such_word", "zh"), "no_such_word");
  const JurisdictionProfile us = LoadBuiltinProfile("us").value();
  EXPECT_EQ(Labels(us, "en").Word("no_data"), "No data");
}

TEST(LabelsTest, NoDataReasonsInChinese) {
  EXPECT_TRUE(ReasonTableIsComplete());
  const JurisdictionProfile cn = LoadBuiltinProfile("cn").value();
  const std::string english = "the subject has added no statement to this file";
  EXPECT_EQ(Labels(cn, "en").Reason(english), english);
  EXPECT_EQ(Labels(cn, "zh").Reason(english), "信息主体未添加个人声明");
  // The variable part is carried over.
  EXPECT_EQ(ReasonIn("no financial statement with a period end on or before 2026-03-31 is on file",
                     "zh"),
            "未收录报告期末在2026-03-31或之前的财务报表");
  EXPECT_EQ(ReasonIn("no active model for product person_score: none active", "zh"),
            "该产品无生效的评分模型：person_score: none active");
  // Unknown text stays as written rather than being dropped.
  EXPECT_EQ(ReasonIn("a reason nobody wrote down", "zh"), "a reason nobody wrote down");
  EXPECT_EQ(ReasonIn("no financial statement", "zh"), "no financial statement");
}

}  // namespace
}  // namespace credo::report
