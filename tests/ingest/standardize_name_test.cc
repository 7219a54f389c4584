#include "ingest/standardize/name.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

TEST(NameTest, HanNamesLoseTheirSpaces) {
  EXPECT_EQ(StandardizePersonName("张 伟").value(), "张伟");
  EXPECT_EQ(StandardizePersonName("  ZHANG   Wei ").value(), "zhang wei");
  EXPECT_TRUE(ContainsHan("张伟"));
  EXPECT_FALSE(ContainsHan("zhang wei"));
}

TEST(NameTest, HanToTonelessPinyin) {
  EXPECT_EQ(HanToPinyin("张伟").value(), "zhang wei");
  EXPECT_EQ(HanToPinyin("王芳").value(), "wang fang");
  EXPECT_EQ(HanToPinyin("Zhang Wei").value(), "zhang wei");
}

TEST(NameTest, MatchKeysAgreeAcrossScripts) {
  std::string han = NameMatchKey("张伟").value();
  EXPECT_EQ(han, "zhangwei");
  EXPECT_EQ(NameMatchKey("Zhang Wei").value(), han);
  EXPECT_EQ(NameMatchKey("ZHANG WEI").value(), han);
  EXPECT_EQ(NameMatchKey("ＺＨＡＮＧ　ＷＥＩ").value(), han);
  EXPECT_EQ(NameMatchKey("O'Brien-Smith").value(), "obriensmith");
}

TEST(NameTest, InvalidUtf8IsAnError) {
  EXPECT_FALSE(StandardizePersonName(std::string("\xff\xfe")).ok());
  EXPECT_FALSE(NameMatchKey(std::string("\xe5\xbc")).ok());
}

}  // namespace
}  // namespace credo::ingest
