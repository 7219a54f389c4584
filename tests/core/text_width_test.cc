#include "core/text_width.h"

#include <gtest/gtest.h>

namespace credo {
namespace {

TEST(TextWidthTest, HanAndFullWidthTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("jackson"), 7u);
  EXPECT_EQ(DisplayWidth("孙秀"), 4u);
  EXPECT_EQ(DisplayWidth("杭州市 310013"), 13u);
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4u);   // full-width Latin
  EXPECT_EQ(DisplayWidth("café"), 4u);  // two-byte, one column
  EXPECT_EQ(DisplayWidth(""), 0u);
}

TEST(TextWidthTest, FitPadsAndCutsAtACharacterBoundary) {
  EXPECT_EQ(FitToWidth("孙", 5), "孙   ");
  EXPECT_EQ(DisplayWidth(FitToWidth("浙江省杭州市西湖区", 7)), 7u);
  EXPECT_EQ(FitToWidth("浙江省杭州市西湖区", 7), "浙江省 ");  // a fourth Han would not fit
  EXPECT_EQ(FitToWidth("phoenix", 4), "phoe");
  EXPECT_EQ(FitToWidth("", 3), "   ");
}

TEST(TextWidthTest, InvalidBytesCountOneColumnEachAndAreKept) {
  const std::string broken = "a\xE5\xAD";  // a truncated three-byte sequence
  EXPECT_EQ(DisplayWidth(broken), 3u);
  EXPECT_EQ(FitToWidth(broken, 4), broken + " ");
}

}  // namespace
}  // namespace credo
