#include "api/server/json_body.h"

#include <gtest/gtest.h>

namespace credo::api {
namespace {

std::shared_ptr<const ObjectSchema> Schema() {
  auto identifier = std::make_shared<const ObjectSchema>(ObjectSchema{
      "Identifier",
      {{"kind", FieldType::kString, true, "", 32}, {"value", FieldType::kString, true, "", 64}}});
  return std::make_shared<const ObjectSchema>(ObjectSchema{
      "Request",
      {{"identifiers", FieldType::kObjectArray, true, "", 64, identifier},
       {"purpose", FieldType::kString, true, "", 16},
       {"count", FieldType::kInteger, false},
       {"scope", FieldType::kStringArray, false, "", 8}}});
}

ApiRequest Json(std::string body) {
  ApiRequest request;
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = std::move(body);
  return request;
}

std::string Message(const ApiResponse& response) {
  return nlohmann::json::parse(response.body)["error"]["message"];
}

TEST(JsonBodyTest, AcceptsAConformingBody) {
  nlohmann::json out;
  auto failure = ParseJsonBody(
      Json(R"({"identifiers":[{"kind":"us_ssn","value":"123"}],"purpose":"credit","count":3})"),
      *Schema(), out);
  EXPECT_FALSE(failure.has_value());
  EXPECT_EQ(out["purpose"], "credit");
}

TEST(JsonBodyTest, MalformedJsonIs400WithTheOffset) {
  nlohmann::json out;
  auto failure = ParseJsonBody(Json(R"({"purpose": "credit",)"), *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, 400);
  EXPECT_NE(Message(*failure).find("byte"), std::string::npos);
}

TEST(JsonBodyTest, WrongMediaTypeIs415) {
  ApiRequest request = Json("{}");
  request.headers = {{"Content-Type", "text/plain"}};
  nlohmann::json out;
  auto failure = ParseJsonBody(request, *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, 415);
  request.headers.clear();
  EXPECT_EQ(ParseJsonBody(request, *Schema(), out)->status, 415);
}

TEST(JsonBodyTest, EmptyBodyIs400) {
  nlohmann::json out;
  EXPECT_EQ(ParseJsonBody(Json(""), *Schema(), out)->status, 400);
}

TEST(JsonBodyTest, UnknownFieldIs422NamingIt) {
  nlohmann::json out;
  auto failure = ParseJsonBody(
      Json(R"({"identifiers":[{"kind":"a","value":"b"}],"purpose":"x","is_admin":true})"),
      *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, 422);
  EXPECT_NE(Message(*failure).find("unknown field 'is_admin'"), std::string::npos);
}

TEST(JsonBodyTest, UnknownNestedFieldNamesItsPath) {
  nlohmann::json out;
  auto failure = ParseJsonBody(
      Json(R"({"identifiers":[{"kind":"a","value":"b","extra":1}],"purpose":"x"})"), *Schema(),
      out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(Message(*failure).find("identifiers[0].extra"), std::string::npos);
}

TEST(JsonBodyTest, WrongTypesAre422NamingFieldAndType) {
  nlohmann::json out;
  auto failure = ParseJsonBody(Json(R"({"identifiers":[],"purpose":42})"), *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(failure->status, 422);
  EXPECT_NE(Message(*failure).find("'purpose' must be a string, not an integer"),
            std::string::npos);
  failure = ParseJsonBody(Json(R"({"identifiers":{},"purpose":"x"})"), *Schema(), out);
  EXPECT_NE(Message(*failure).find("array of objects"), std::string::npos);
  failure = ParseJsonBody(Json(R"({"identifiers":[],"purpose":"x","count":"3"})"), *Schema(), out);
  EXPECT_NE(Message(*failure).find("'count' must be an integer"), std::string::npos);
  failure = ParseJsonBody(Json(R"({"identifiers":[],"purpose":"x","scope":[1]})"), *Schema(), out);
  EXPECT_NE(Message(*failure).find("scope[0]"), std::string::npos);
  failure = ParseJsonBody(Json(R"([1,2])"), *Schema(), out);
  EXPECT_EQ(failure->status, 422);
}

TEST(JsonBodyTest, MissingRequiredFieldIs422) {
  nlohmann::json out;
  auto failure = ParseJsonBody(Json(R"({"identifiers":[]})"), *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(Message(*failure).find("missing required field 'purpose'"), std::string::npos);
}

TEST(JsonBodyTest, OverlongStringsAndControlCharactersAreRefused) {
  nlohmann::json out;
  auto failure = ParseJsonBody(
      Json(R"({"identifiers":[],"purpose":"aaaaaaaaaaaaaaaaaaaaaaaaa"})"), *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(Message(*failure).find("limit is 16"), std::string::npos);
  failure = ParseJsonBody(Json("{\"identifiers\":[],\"purpose\":\"a\\u0000b\"}"), *Schema(), out);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(Message(*failure).find("control character"), std::string::npos);
}

TEST(JsonBodyTest, SqlMetacharactersAreJustText) {
  nlohmann::json out;
  auto failure = ParseJsonBody(
      Json(R"({"identifiers":[{"kind":"x","value":"1' OR '1'='1"}],"purpose":"'; DROP--"})"),
      *Schema(), out);
  EXPECT_FALSE(failure.has_value());
  EXPECT_EQ(out["purpose"], "'; DROP--");
}

}  // namespace
}  // namespace credo::api
