#include "api/server/router.h"

#include <gtest/gtest.h>

namespace credo::api {
namespace {

Route MakeRoute(std::string method, std::string path) {
  Route route;
  route.method = std::move(method);
  route.path = std::move(path);
  route.handler = [](RequestContext&) -> Result<ApiResponse> { return ApiResponse{}; };
  return route;
}

TEST(RouterTest, MatchesLiteralAndParameterSegments) {
  RouteTable table;
  table.Add(MakeRoute("GET", "/v1/reports/{id}"));
  table.Add(MakeRoute("POST", "/v1/consents/{id}/withdraw"));
  RouteMatch match = table.Match("GET", "/v1/reports/42");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->path, "/v1/reports/{id}");
  EXPECT_EQ(match.path_params.at("id"), "42");
  match = table.Match("POST", "/v1/consents/7/withdraw");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.path_params.at("id"), "7");
}

TEST(RouterTest, TrailingSlashAndRepeatedSlashesAreTheSamePath) {
  RouteTable table;
  table.Add(MakeRoute("GET", "/v1/me/report"));
  EXPECT_NE(table.Match("GET", "/v1/me/report/").route, nullptr);
  EXPECT_NE(table.Match("GET", "//v1//me/report").route, nullptr);
}

TEST(RouterTest, LiteralSegmentsWinOverParameters) {
  RouteTable table;
  table.Add(MakeRoute("GET", "/v1/reports/{id}"));
  table.Add(MakeRoute("GET", "/v1/reports/latest"));
  RouteMatch match = table.Match("GET", "/v1/reports/latest");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->path, "/v1/reports/latest");
  EXPECT_TRUE(match.path_params.empty());
}

TEST(RouterTest, WrongMethodListsTheAllowedOnes) {
  RouteTable table;
  table.Add(MakeRoute("POST", "/v1/sessions"));
  table.Add(MakeRoute("DELETE", "/v1/sessions"));
  RouteMatch match = table.Match("GET", "/v1/sessions");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"POST", "DELETE"}));
}

TEST(RouterTest, UnknownPathMatchesNothing) {
  RouteTable table;
  table.Add(MakeRoute("GET", "/v1/reports/{id}"));
  RouteMatch match = table.Match("GET", "/v1/reports/1/extra");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.allowed_methods.empty());
  EXPECT_EQ(table.Match("GET", "/v1/reports").route, nullptr);
}

TEST(RouterTest, DeclaringARouteTwiceIsAProgrammingError) {
  RouteTable table;
  table.Add(MakeRoute("GET", "/healthz"));
  EXPECT_DEATH(table.Add(MakeRoute("GET", "/healthz")), "declared twice");
}

TEST(RouterTest, SplitPathDropsEmptySegments) {
  EXPECT_EQ(SplitPath("/v1//a/"), (std::vector<std::string>{"v1", "a"}));
  EXPECT_TRUE(SplitPath("/").empty());
}

}  // namespace
}  // namespace credo::api
