#include "ingest/mapping/transform.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

Mapping Load(const std::string& field) {
  auto mapping = ParseMapping(
      "[source]\ndefault_country = \"cn\"\n[code_maps.sex]\nM = \"male\"\nF = \"female\"\n"
      "[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n" + field, "t.toml");
  EXPECT_TRUE(mapping.ok()) << mapping.error().ToString();
  return std::move(mapping).value();
}

std::string Apply(const Mapping& mapping, CanonicalField field,
                  std::vector<std::string_view> values) {
  auto result = ApplyTransforms(*mapping.Find(field), mapping, values);
  EXPECT_TRUE(result.ok()) << result.error().ToString();
  return result.ok() ? result.value() : "";
}

TEST(TransformTest, TextTransforms) {
  auto mapping = Load("[[field]]\nname = \"surname\"\ncolumn = \"s\"\ntransforms = [\"trim\", "
                      "\"upper\"]\n[[field]]\nname = \"given_name\"\ncolumn = \"g\"\ntransforms "
                      "= [\"name\"]\n[[field]]\nname = \"city\"\ncolumn = \"c\"\ntransforms = "
                      "[\"nfkc\", \"lower\"]\n");
  EXPECT_EQ(Apply(mapping, CanonicalField::kSurname, {"  smith "}), "SMITH");
  EXPECT_EQ(Apply(mapping, CanonicalField::kGivenName, {"张 伟"}), "张伟");
  EXPECT_EQ(Apply(mapping, CanonicalField::kCity, {"ＳＨＡＮＧＨＡＩ"}), "shanghai");
}

TEST(TransformTest, DatesCodesAmountsDigits) {
  auto mapping = Load(
      "[[field]]\nname = \"date_of_birth\"\ncolumn = \"d\"\ntransforms = [{ op = \"date\", "
      "format = \"DD/MM/YYYY\" }]\n"
      "[[field]]\nname = \"sex\"\ncolumn = \"x\"\ntransforms = [{ op = \"code_map\", map = "
      "\"sex\" }]\n"
      "[[field]]\nname = \"credit_limit\"\ncolumn = \"l\"\ntransforms = [{ op = \"amount\", "
      "currency = \"CNY\" }]\n"
      "[[field]]\nname = \"identifier\"\ncolumn = \"i\"\ntransforms = [\"digits\"]\n"
      "[[field]]\nname = \"phone\"\ncolumn = \"p\"\ntransforms = [\"phone\"]\n"
      "[[field]]\nname = \"email\"\ncolumn = \"e\"\ntransforms = [\"email\"]\n");
  EXPECT_EQ(Apply(mapping, CanonicalField::kDateOfBirth, {"03/07/1985"}), "1985-07-03");
  EXPECT_EQ(Apply(mapping, CanonicalField::kSex, {"F"}), "female");
  EXPECT_EQ(Apply(mapping, CanonicalField::kCreditLimit, {"12,000.50"}), "1200050");
  EXPECT_EQ(Apply(mapping, CanonicalField::kIdentifier, {"123-45-6789"}), "123456789");
  EXPECT_EQ(Apply(mapping, CanonicalField::kPhone, {"138-1234-5678"}), "+8613812345678");
  EXPECT_EQ(Apply(mapping, CanonicalField::kEmail, {"A@B.CN"}), "a@b.cn");
  // Empty input is missing data, not an error.
  EXPECT_EQ(Apply(mapping, CanonicalField::kDateOfBirth, {""}), "");
}

TEST(TransformTest, FailuresNameTheTransform) {
  auto mapping = Load(
      "[[field]]\nname = \"date_of_birth\"\ncolumn = \"d\"\ntransforms = [{ op = \"date\", "
      "format = \"DD/MM/YYYY\" }]\n"
      "[[field]]\nname = \"sex\"\ncolumn = \"x\"\ntransforms = [{ op = \"code_map\", map = "
      "\"sex\" }]\n");
  auto date = ApplyTransforms(*mapping.Find(CanonicalField::kDateOfBirth), mapping, {"31/02/1985"});
  ASSERT_FALSE(date.ok());
  EXPECT_NE(date.error().message.find("transform date"), std::string::npos);
  auto code = ApplyTransforms(*mapping.Find(CanonicalField::kSex), mapping, {"X"});
  ASSERT_FALSE(code.ok());
  EXPECT_NE(code.error().message.find("not in code map \"sex\""), std::string::npos);
}

TEST(TransformTest, SplitAndConcat) {
  auto mapping = Load(
      "[[field]]\nname = \"given_name\"\ncolumn = \"n\"\ntransforms = [{ op = \"split\", "
      "separator = \" \", index = 0 }]\n"
      "[[field]]\nname = \"surname\"\ncolumn = \"n\"\ntransforms = [{ op = \"split\", separator "
      "= \" \", index = 1 }]\n"
      "[[field]]\nname = \"address_line_1\"\ncolumns = [\"a\", \"b\", \"c\"]\ntransforms = [{ op "
      "= \"concat\", separator = \", \" }]\n");
  EXPECT_EQ(Apply(mapping, CanonicalField::kGivenName, {"John Smith"}), "John");
  EXPECT_EQ(Apply(mapping, CanonicalField::kSurname, {"John Smith"}), "Smith");
  EXPECT_EQ(Apply(mapping, CanonicalField::kSurname, {"Cher"}), "");
  EXPECT_EQ(Apply(mapping, CanonicalField::kAddressLine1, {"12", " ", "High St"}), "12, High St");
}

}  // namespace
}  // namespace credo::ingest
