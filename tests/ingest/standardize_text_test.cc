#include "ingest/standardize/text.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

TEST(ValidateUtf8Test, AcceptsValidText) {
  EXPECT_TRUE(ValidateUtf8("plain ascii").ok());
  EXPECT_TRUE(ValidateUtf8("张伟 Zhang Wei ＡＢＣ").ok());
  EXPECT_TRUE(ValidateUtf8("").ok());
}

TEST(ValidateUtf8Test, NamesTheByteOffset) {
  auto status = ValidateUtf8(std::string("abc\xff" "def"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(status.error().message.find("byte offset 3"), std::string::npos);
  // Latin-1 é inside an otherwise valid name.
  auto latin1 = ValidateUtf8(std::string("Ren\xe9"));
  ASSERT_FALSE(latin1.ok());
  EXPECT_NE(latin1.error().message.find("byte offset 3"), std::string::npos);
  // Overlong encoding of '/' and a truncated 3-byte character.
  EXPECT_FALSE(ValidateUtf8(std::string("\xc0\xaf")).ok());
  EXPECT_FALSE(ValidateUtf8(std::string("\xe5\xbc")).ok());
  // A UTF-16 surrogate encoded in UTF-8.
  EXPECT_FALSE(ValidateUtf8(std::string("\xed\xa0\x80")).ok());
}

TEST(NormalizeTextTest, FoldsFullWidthToHalfWidth) {
  EXPECT_EQ(NormalizeText("ＺＨＡＮＧ　ＷＥＩ").value(), "zhang wei");
  EXPECT_EQ(NormalizeText("１２３４５", TextCase::kKeep).value(), "12345");
  EXPECT_EQ(NfkcNormalize("ｱｲｳ").value(), "アイウ");
}

TEST(NormalizeTextTest, CollapsesWhitespaceAndCase) {
  EXPECT_EQ(NormalizeText("  John \t  SMITH \n").value(), "john smith");
  EXPECT_EQ(NormalizeText("john smith", TextCase::kUpper).value(), "JOHN SMITH");
  EXPECT_EQ(NormalizeText("Élodie", TextCase::kLower).value(), "élodie");
  EXPECT_EQ(CollapseWhitespace("a\xc2\xa0\xc2\xa0 b"), "a b");
}

TEST(NormalizeTextTest, BlankIsWhatCollapseWhitespaceRemoves) {
  for (std::string_view blank : {"", " ", "\t\r\n\v\f", "\u3000\u3000", "\xc2\xa0 ", " \u3000 "}) {
    EXPECT_TRUE(IsBlank(blank)) << blank;
    EXPECT_EQ(CollapseWhitespace(blank), "") << blank;
  }
  for (std::string_view text : {"a", " a ", "\u3000x", "\xe3\x80", "\xc2", "0"}) {
    EXPECT_FALSE(IsBlank(text)) << text;
  }
}

TEST(NormalizeTextTest, RejectsInvalidUtf8) {
  auto result = NormalizeText(std::string("caf\xe9"));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("byte offset 3"), std::string::npos);
}

}  // namespace
}  // namespace credo::ingest
