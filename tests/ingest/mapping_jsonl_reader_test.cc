#include "ingest/mapping/jsonl_reader.h"

#include <gtest/gtest.h>

namespace credo::ingest {
namespace {

TEST(JsonPathTest, ParsesAndLooksUp) {
  auto json = nlohmann::json::parse(
      R"({"applicant":{"name":{"given":"Wei"},"phones":["138","139"],"age":42,"vip":true,"x":null}})");
  EXPECT_EQ(JsonPath::Parse("applicant.name.given")->Lookup(json).value(), "Wei");
  EXPECT_EQ(JsonPath::Parse("applicant.phones[1]")->Lookup(json).value(), "139");
  EXPECT_EQ(JsonPath::Parse("applicant.age")->Lookup(json).value(), "42");
  EXPECT_EQ(JsonPath::Parse("applicant.vip")->Lookup(json).value(), "true");
  EXPECT_FALSE(JsonPath::Parse("applicant.x")->Lookup(json).has_value());
  EXPECT_FALSE(JsonPath::Parse("applicant.missing.deeper")->Lookup(json).has_value());
  EXPECT_FALSE(JsonPath::Parse("applicant.phones[5]")->Lookup(json).has_value());
}

TEST(JsonPathTest, RejectsMalformedPaths) {
  EXPECT_FALSE(JsonPath::Parse("").ok());
  EXPECT_FALSE(JsonPath::Parse("a..b").ok());
  EXPECT_FALSE(JsonPath::Parse("a[x]").ok());
  EXPECT_FALSE(JsonPath::Parse("a[1").ok());
  EXPECT_FALSE(JsonPath::Parse("a.").ok());
}

TEST(JsonLinesReaderTest, ReadsObjectsSkipsBlankLines) {
  JsonLinesReader reader(MemoryByteSource("{\"id\":1}\n\n{\"id\":2}\r\n{\"id\":3}", "t.jsonl"));
  std::vector<int64_t> lines;
  while (reader.Next().value()) lines.push_back(reader.record_line());
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 3, 4}));
}

TEST(JsonLinesReaderTest, BadLineNamesLine) {
  JsonLinesReader reader(MemoryByteSource("{\"id\":1}\n{\"id\":\n[1,2]\n", "bad.jsonl"));
  ASSERT_TRUE(reader.Next().value());
  auto result = reader.Next();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().location, "bad.jsonl:2");
  EXPECT_NE(result.error().message.find("not valid JSON"), std::string::npos);
}

TEST(JsonLinesReaderTest, ArrayLineIsNotAnObject) {
  JsonLinesReader reader(MemoryByteSource("[1,2]\n", "bad.jsonl"));
  auto result = reader.Next();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("not a JSON object"), std::string::npos);
}

}  // namespace
}  // namespace credo::ingest
