#include "api/server/exchange.h"

#include <gtest/gtest.h>

namespace credo::api {
namespace {

const std::vector<std::string> kFormats = {"application/json", "text/html", "application/pdf"};

TEST(ExchangeTest, AcceptNegotiation) {
  EXPECT_EQ(NegotiateMediaType("", kFormats), "application/json");
  EXPECT_EQ(NegotiateMediaType("*/*", kFormats), "application/json");
  EXPECT_EQ(NegotiateMediaType("application/pdf", kFormats), "application/pdf");
  EXPECT_EQ(NegotiateMediaType("text/html,application/xhtml+xml,*/*;q=0.8", kFormats),
            "text/html");
  EXPECT_EQ(NegotiateMediaType("text/html;q=0.5, application/pdf", kFormats), "application/pdf");
  EXPECT_EQ(NegotiateMediaType("image/png", kFormats), "");
  EXPECT_EQ(NegotiateMediaType("application/pdf;q=0", kFormats), "");
}

TEST(ExchangeTest, HeadersAreCaseInsensitive) {
  ApiRequest request;
  request.headers = {{"content-type", "application/json"}, {"X-Request-Id", "a"}};
  EXPECT_EQ(request.Header("Content-Type"), "application/json");
  EXPECT_TRUE(request.HasHeader("x-request-id"));
  EXPECT_FALSE(request.HasHeader("Authorization"));
  ApiResponse response;
  response.SetHeader("Retry-After", "1");
  response.SetHeader("retry-after", "2");
  EXPECT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("RETRY-AFTER"), "2");
}

TEST(ExchangeTest, QueryParameters) {
  ApiRequest request;
  request.query.emplace("lang", "en");
  EXPECT_EQ(request.Query("lang").value_or(""), "en");
  EXPECT_FALSE(request.Query("missing").has_value());
}

}  // namespace
}  // namespace credo::api
