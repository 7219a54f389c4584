#include "api/server/openapi.h"

#include <gtest/gtest.h>

#include "api/routes/routes.h"

namespace credo::api {
namespace {

TEST(OpenApiTest, EveryRouteOfTheTableIsAnOperation) {
  RouteTable table;
  AddApiRoutes(table);
  nlohmann::json document = BuildOpenApi(table, "test");
  EXPECT_EQ(document["openapi"], "3.0.3");
  size_t operations = 0;
  for (const auto& [path, methods] : document["paths"].items()) operations += methods.size();
  EXPECT_EQ(operations, table.routes().size());
  for (const Route& route : table.routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(document["paths"].contains(route.path)) << route.path;
    ASSERT_TRUE(document["paths"][route.path].contains(method)) << route.method << route.path;
    const auto& operation = document["paths"][route.path][method];
    EXPECT_FALSE(operation["summary"].get<std::string>().empty()) << route.path;
    EXPECT_TRUE(operation["responses"].contains(std::to_string(route.success_status)));
    EXPECT_TRUE(operation["responses"].contains("500"));
    if (route.requires_caller) {
      EXPECT_TRUE(operation["responses"].contains("401")) << route.path;
      EXPECT_FALSE(operation["security"].empty());
    }
    if (!route.permission.empty()) {
      EXPECT_EQ(operation["x-credo-permission"], route.permission);
      EXPECT_TRUE(operation["responses"].contains("403")) << route.path;
    }
  }
}

TEST(OpenApiTest, RequestSchemasRefuseUnknownFieldsAsTheServerDoes) {
  RouteTable table;
  AddApiRoutes(table);
  nlohmann::json document = BuildOpenApi(table, "test");
  const auto& inquiry = document["paths"]["/v1/inquiries"]["post"];
  EXPECT_EQ(inquiry["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/InquiryRequest");
  const auto& schema = document["components"]["schemas"]["InquiryRequest"];
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], nlohmann::json::array({"identifiers", "purpose"}));
  EXPECT_EQ(schema["properties"]["identifiers"]["items"]["additionalProperties"], false);
  EXPECT_TRUE(inquiry["responses"].contains("422"));
  EXPECT_TRUE(inquiry["responses"].contains("413"));
  EXPECT_TRUE(inquiry["responses"]["201"]["content"].contains("application/pdf"));
}

TEST(OpenApiTest, PathParametersComeFromTheTemplate) {
  RouteTable table;
  AddApiRoutes(table);
  nlohmann::json document = BuildOpenApi(table, "test");
  const auto& parameters = document["paths"]["/v1/reports/{id}"]["get"]["parameters"];
  ASSERT_FALSE(parameters.empty());
  EXPECT_EQ(parameters[0]["name"], "id");
  EXPECT_EQ(parameters[0]["in"], "path");
  EXPECT_EQ(parameters[0]["required"], true);
  EXPECT_EQ(document["paths"]["/healthz"]["get"]["security"], nlohmann::json::array());
}

}  // namespace
}  // namespace credo::api
