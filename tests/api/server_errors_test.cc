#include "api/server/errors.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace credo::api {
namespace {

TEST(ErrorsTest, LibraryCodesMapToTheirStatuses) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 422);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kDataLoss), 500);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ErrorsTest, ErrorBodyHasTheOneShape) {
  ApiResponse response = ErrorResponse(422, "validation_failed", "field 'purpose' is missing");
  StampRequestId(response, "abc123");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.content_type, "application/json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "validation_failed");
  EXPECT_EQ(body["error"]["message"], "field 'purpose' is missing");
  EXPECT_EQ(body["error"]["request_id"], "abc123");
  EXPECT_EQ(body.size(), 1u);
  EXPECT_EQ(body["error"].size(), 3u);
}

TEST(ErrorsTest, InternalErrorsDoNotLeakTheLibraryMessage) {
  Error error = MakeError(ErrorCode::kInternal, "sqlite: no such table secret_table at /var/db");
  ApiResponse response = ResponseForError(error);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret_table"), std::string::npos);
  EXPECT_NE(response.body.find("internal"), std::string::npos);
  // The cause rides in a header the server logs and strips before sending.
  EXPECT_NE(response.Header(std::string(kErrorDetailHeader)).find("secret_table"), std::string::npos);
}

TEST(ErrorsTest, ClientErrorsCarryTheMessageAndLocation) {
  Error error = MakeError(ErrorCode::kPermissionDenied, "no valid consent", "consent");
  ApiResponse response = ResponseForError(error);
  EXPECT_EQ(response.status, 403);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "permission_denied");
  EXPECT_EQ(body["error"]["message"], "consent: no valid consent");
}

TEST(ErrorsTest, QuotaErrorsSayWhenToRetry) {
  ApiResponse response = ResponseForError(MakeError(ErrorCode::kResourceExhausted, "used up"));
  EXPECT_EQ(response.status, 429);
  EXPECT_FALSE(response.Header("Retry-After").empty());
}

TEST(ErrorsTest, StampLeavesOtherBodiesAlone) {
  ApiResponse response;
  response.body = "{\"report\": 1}";
  StampRequestId(response, "x");
  EXPECT_EQ(response.body, "{\"report\": 1}");
}

}  // namespace
}  // namespace credo::api
