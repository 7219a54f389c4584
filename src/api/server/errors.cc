#include "api/server/errors.h"

#include <nlohmann/json.hpp>

namespace credo::api {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return 200;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kOutOfRange: return 422;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kDataLoss:
    case ErrorCode::kVersionMismatch:
    case ErrorCode::kUnimplemented:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string_view ErrorNameForStatus(int status) {
  switch (status) {
    case 400: return "malformed_request";
    case 401: return "unauthenticated";
    case 403: return "permission_denied";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 406: return "not_acceptable";
    case 408: return "request_timeout";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 422: return "validation_failed";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  nlohmann::json body = {{"error",
                          {{"code", std::string(code)},
                           {"message", std::string(message)},
                           {"request_id", ""}}}};
  ApiResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

ApiResponse ResponseForError(const Error& error) {
  int status = HttpStatusFor(error.code);
  if (status >= 500 && status != 503) {
    ApiResponse response =
        ErrorResponse(status, "internal",
                      "internal error; the server log has the details under this request id");
    // For the log line only: the server strips it before the response is sent.
    response.SetHeader(std::string(kErrorDetailHeader), error.ToString());
    return response;
  }
  std::string message = error.location.empty() ? error.message : error.ToString();
  ApiResponse response = ErrorResponse(status, ErrorCodeName(error.code), message);
  if (status == 429) response.SetHeader("Retry-After", "3600");
  return response;
}

bool IsErrorBody(std::string_view body) {
  if (body.size() < 10 || body.substr(0, 9) != "{\"error\":") return false;
  return true;
}

void StampRequestId(ApiResponse& response, std::string_view request_id) {
  if (!IsErrorBody(response.body)) return;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error") || !body["error"].is_object()) return;
  body["error"]["request_id"] = std::string(request_id);
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace credo::api
