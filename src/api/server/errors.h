// credo api/server: the one error shape of the API and the mapping from library errors.
//
// Every failure is answered as {"error": {"code", "message", "request_id"}} with the status
// that says what the client can do: 400 malformed request (unparsable JSON, bad query string),
// 401 unauthenticated, 403 forbidden, 404 not found, 405 method not allowed, 409 conflict,
// 413 body too large, 415 unsupported media type, 422 validation (a field breaks a rule),
// 429 rate limited (with Retry-After), 500 internal, 503 unavailable. A 500 never carries the
// library's message (it may name internals): only "internal error" and the request id, which
// the server log carries with the real error code and the library's message.
#pragma once

#include <string>
#include <string_view>

#include "api/server/exchange.h"
#include "core/error.h"

namespace credo::api {

//! The HTTP status for a library error code (kInvalidArgument is a validation failure: 422).
int HttpStatusFor(ErrorCode code);
//! The stable error code name used in the JSON body for a status the server chooses itself
//! ("malformed_request", "payload_too_large", ...), or ErrorCodeName for library errors.
std::string_view ErrorNameForStatus(int status);

//! A JSON error response. `request_id` may be empty here; the server fills it in before sending.
ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message);
//! The response for a library error: its status, code name and message (500s: generic message,
//! and the library's message in the header kErrorDetailHeader, which the server logs and strips).
ApiResponse ResponseForError(const Error& error);
inline constexpr std::string_view kErrorDetailHeader = "X-Credo-Error-Detail";
//! Writes `request_id` into an error body made by ErrorResponse (no-op for other bodies).
void StampRequestId(ApiResponse& response, std::string_view request_id);
//! True for a body in the error shape.
bool IsErrorBody(std::string_view body);

}  // namespace credo::api
