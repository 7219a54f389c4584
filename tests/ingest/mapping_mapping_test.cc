#include "ingest/mapping/mapping.h"

#include <gtest/gtest.h>

#include <string>

namespace credo::ingest {
namespace {

constexpr const char* kGood = R"(
[source]
format = "csv"
delimiter = ";"
skip_initial_space = true
default_country = "us"
currency = "USD"

[code_maps.status]
"01" = "current"
"05" = "closed"

[[field]]
name = "record_id"
column = "Cust No"

[[field]]
name = "given_name"
column = "First"
transforms = ["trim", "name"]

[[field]]
name = "address_line_1"
columns = ["No", "Street"]
transforms = [{ op = "concat", separator = " " }, "lower"]

[[field]]
name = "date_of_birth"
column = "DOB"
transforms = [{ op = "date", format = "MM/DD/YYYY" }]

[[field]]
name = "account_status"
column = "Status"
transforms = [{ op = "code_map", map = "status", default = "unknown" }]

[[field]]
name = "current_balance"
column = "Balance"
transforms = [{ op = "amount", currency = "USD" }]

[[field]]
name = "identifier"
column = "SSN"
identifier_kind = "us_ssn"
required = true

[truth]
column = "Entity"
)";

TEST(MappingTest, ParsesEverySection) {
  auto mapping = ParseMapping(kGood, "good.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.error().ToString();
  EXPECT_EQ(mapping->delimiter, ';');
  EXPECT_TRUE(mapping->skip_initial_space);
  EXPECT_EQ(mapping->default_country, "us");
  EXPECT_EQ(mapping->currency, Currency::Usd());
  ASSERT_EQ(mapping->fields.size(), 7u);
  const FieldRule* address = mapping->Find(CanonicalField::kAddressLine1);
  ASSERT_NE(address, nullptr);
  EXPECT_EQ(address->sources, (std::vector<std::string>{"No", "Street"}));
  EXPECT_EQ(address->transforms.front().kind, TransformKind::kConcat);
  const FieldRule* id = mapping->Find(CanonicalField::kIdentifier);
  EXPECT_EQ(id->identifier_kind, IdentifierKind::kUsSsn);
  EXPECT_TRUE(id->required);
  EXPECT_EQ(mapping->Find(CanonicalField::kDateOfBirth)->transforms[0].format, "MM/DD/YYYY");
  EXPECT_EQ(mapping->code_maps.at("status").at("05"), "closed");
  EXPECT_EQ(mapping->truth.kind, TruthSpec::Kind::kColumn);
  EXPECT_EQ(mapping->Find(CanonicalField::kPhone), nullptr);
}

struct BadCase {
  std::string text;
  std::string expected;  // part of the message
  std::string location;  // part of the location
};

TEST(MappingTest, RefusesBadMappingsWithLineAndRule) {
  const BadCase cases[] = {
      {"[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n[[field]]\nname = \"surnam\"\ncolumn = "
       "\"x\"\n",
       "unknown canonical field \"surnam\"", "bad.toml:4"},
      {"[[field]]\nname = \"record_id\"\ncolumn = \"id\"\ntransforms = [\"titlecase\"]\n",
       "unknown transform \"titlecase\"", "bad.toml:4"},
      {"[[field]]\nname = \"record_id\"\ncolumn = \"id\"\ntransforms = [\"date\"]\n",
       "needs arguments", "bad.toml"},
      {"[[field]]\nname = \"record_id\"\ncolumn = \"id\"\ntransforms = [{ op = \"code_map\", map "
       "= \"nope\" }]\n",
       "code_map \"nope\" is not defined", "bad.toml:1"},
      {"[[field]]\nname = \"record_id\"\ncolumn = \"id\"\ntransforms = [{ op = \"date\", format "
       "= \"%Y\" }]\n",
       "must contain YYYY, MM and DD", "bad.toml"},
      {"[[field]]\nname = \"surname\"\ncolumn = \"s\"\n", "record_id is not mapped", "bad.toml"},
      {"[[field]]\nname = \"record_id\"\n", "needs column", "bad.toml:1"},
      {"[[field]]\nname = \"record_id\"\ncolumns = [\"a\", \"b\"]\n", "concat", "bad.toml:1"},
      {"[[field]]\nname = \"record_id\"\ncolumn = \"a\"\n[[field]]\nname = \"record_id\"\ncolumn "
       "= \"b\"\n",
       "mapped twice", "bad.toml:4"},
      {"[source]\nformat = \"xml\"\n[[field]]\nname = \"record_id\"\ncolumn = \"a\"\n",
       "not csv or jsonl", "bad.toml:1"},
      {"[sauce]\nx = 1\n", "unknown section \"sauce\"", "bad.toml"},
      {"[[field]\nname = 1", "not valid TOML", "bad.toml:1"},
      {"[[field]]\nname = \"surname\"\ncolumn = \"s\"\nidentifier_kind = \"us_ssn\"\n",
       "identifier_kind applies", "bad.toml:1"},
  };
  for (const auto& bad : cases) {
    auto mapping = ParseMapping(bad.text, "bad.toml");
    ASSERT_FALSE(mapping.ok()) << bad.text;
    EXPECT_EQ(mapping.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(mapping.error().message.find(bad.expected), std::string::npos)
        << mapping.error().ToString();
    EXPECT_NE(mapping.error().location.find(bad.location), std::string::npos)
        << mapping.error().ToString();
  }
}

TEST(MappingTest, JsonLinesUsesPaths) {
  auto mapping = ParseMapping(
      "[source]\nformat = \"jsonl\"\n[[field]]\nname = \"record_id\"\npath = \"id\"\n"
      "[[field]]\nname = \"surname\"\npath = \"person.name.family\"\n",
      "j.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.error().ToString();
  EXPECT_EQ(mapping->format, SourceFormat::kJsonLines);
  EXPECT_EQ(mapping->Find(CanonicalField::kSurname)->json_paths.size(), 1u);
  auto bad = ParseMapping(
      "[source]\nformat = \"jsonl\"\n[[field]]\nname = \"record_id\"\npath = \"a..b\"\n", "j.toml");
  EXPECT_FALSE(bad.ok());
}

TEST(MappingTest, ShippedMappingsLoad) {
  for (const char* name : {"febrl.toml", "febrl_gen.toml", "febrl_dsgen.toml", "splink_fake.toml"}) {
    auto mapping = LoadMapping(std::string(CREDO_SOURCE_DIR) + "/mappings/" + name);
    EXPECT_TRUE(mapping.ok()) << name << ": " << mapping.error().ToString();
  }
  EXPECT_EQ(LoadMapping("/nonexistent.toml").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::ingest
