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

}  // namespace
}  // namespace credo::report
