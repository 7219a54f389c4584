#include "core/toml_text.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <string>

namespace credo {
namespace {

std::string Refusal(std::string_view text) {
  auto prepared = PrepareTomlText(text, "policy.toml");
  return prepared.ok() ? std::string() : prepared.error().ToString();
}

// Parses the prepared text; the value of `key` at the top level.
std::string ParsedString(std::string_view text, const char* key) {
  auto prepared = PrepareTomlText(text, "f");
  EXPECT_TRUE(prepared.ok()) << prepared.error().ToString();
  if (!prepared.ok()) return {};
  toml::table root = toml::parse(*prepared, std::string_view("f"));
  return root[key].value<std::string>().value_or("<missing>");
}

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (c & 0x3F));
  return out;
}

TEST(TomlTextTest, TextWithoutCharactersTheParserCannotClassifyIsUnchanged) {
  const std::string text =
      "# 账户状态 comment\n"
      "name = \"张三 中文\"\n"
      "path = 'C:\\数据'\n"
      "\"键\" = 1\n"
      "text = \"\"\"第一行\n第二行 \\\n   中文\"\"\"\n"
      "raw = '''一\n二'''\n"
      "t = \"\"\"a\"\"\"\"\"\n"
      "escaped = \"\\\"\\u3002\"\n";
  auto prepared = PrepareTomlText(text, "f");
  ASSERT_TRUE(prepared.ok()) << prepared.error().ToString();
  EXPECT_EQ(*prepared, text);
}

TEST(TomlTextTest, StringsKeepTheirValueWhateverTheyHold) {
  EXPECT_EQ(ParsedString("a = \"逾期、呆账。é\"\n", "a"), "逾期、呆账。é");
  EXPECT_EQ(ParsedString("a = 'C:\\路径、\"引号\"'\n", "a"), "C:\\路径、\"引号\"");
  EXPECT_EQ(ParsedString("a = '''\n一、\n\"\"\" \\ 二。'''\n", "a"), "一、\n\"\"\" \\ 二。");
  EXPECT_EQ(ParsedString("a = \"\"\"一、\\\n    。二\"\"\"\n", "a"), "一、。二");
  EXPECT_EQ(ParsedString("a = '''x、'''''\n", "a"), "x、''");
  EXPECT_EQ(ParsedString("\"键、\" = \"v\"\n", "键、"), "v");
  EXPECT_EQ(ParsedString("# 注释、。《》\na = 1 # 。\nb = \"x\"\n", "b"), "x");
}

TEST(TomlTextTest, PunctuationFromAnInputMethodOutsideStringsIsRefusedWithLineAndColumn) {
  std::string refusal = Refusal("a = 1\ntransforms = [\"trim\"、\"upper\"]\n");
  EXPECT_NE(refusal.find("policy.toml:2:21"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("U+3001"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("outside a string or comment"), std::string::npos) << refusal;
  EXPECT_NE(Refusal("limit = 5。\n").find("policy.toml:1:10"), std::string::npos);
  EXPECT_NE(Refusal("[表]\n").find("policy.toml:1:2"), std::string::npos);
  EXPECT_NE(Refusal("a = '''一\n二'''\né = 1\n").find("policy.toml:3:1"), std::string::npos);
  // Characters the parser could classify are still not TOML outside strings.
  EXPECT_NE(Refusal("a = 1 ＃ comment\n").find("U+FF03"), std::string::npos);
  EXPECT_NE(Refusal(std::string("a = 1\xE3\n")).find("byte 0xE3"), std::string::npos);
}

TEST(TomlTextTest, ABackslashBeforeACharacterBeyondAsciiIsRefused) {
  std::string refusal = Refusal("a = \"x\\。\"\n");
  EXPECT_NE(refusal.find("policy.toml:1:8"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("after a backslash"), std::string::npos) << refusal;
}

TEST(TomlTextTest, NoCharacterTheParserCannotClassifyReachesIt) {
  // What the mapping-file fuzz target found: U+FEF7 outside strings, and U+00B9 in a string that
  // the parser skips over after a malformed value.
  const std::string first =
      "\xEF\xBB\xB7"
      "apping = 1\n";
  EXPECT_FALSE(PrepareTomlText(first, "f").ok());
  const std::string second = "column = 44444=\"stat\xC2\xB9>?>\" \"lower\"]\n";
  auto prepared = PrepareTomlText(second, "f");
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->find("\xC2\xB9"), std::string::npos);
  EXPECT_NE(prepared->find("\\u00B9"), std::string::npos);
  EXPECT_THROW((void)toml::parse(*prepared, std::string_view("f")), toml::parse_error);
  // Every range, in each place.
  for (char32_t c : {char32_t{0xA1}, char32_t{0x499}, char32_t{0x2C8E}, char32_t{0x3001},
                     char32_t{0x3087}, char32_t{0xFB66}, char32_t{0xFEFE}}) {
    const std::string ch = Utf8(c);
    EXPECT_FALSE(PrepareTomlText("a = 1" + ch + "\n", "f").ok()) << static_cast<unsigned>(c);
    for (const std::string& text :
         {"a = \"" + ch + "\"\n", "a = '" + ch + "'\n", "a = \"\"\"" + ch + "\"\"\"\n",
          "a = '''" + ch + "'''\n", "# " + ch + "\na = 1\n", "a = \"" + ch + "\n", "a = '" + ch}) {
      auto safe = PrepareTomlText(text, "f");
      ASSERT_TRUE(safe.ok()) << text;
      EXPECT_EQ(safe->find(ch), std::string::npos) << text;
    }
  }
}

}  // namespace
}  // namespace credo
