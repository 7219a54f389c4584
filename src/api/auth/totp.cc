// RFC 6238 TOTP through liboath: codes, base32, and the step matching Login uses.
#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>

#include "api/auth/auth.h"
#include "api/auth/internal/secrets.h"
#include "api/auth/internal/totp.h"

namespace credo::api {
namespace {

Status EnsureOath() {
  static int rc = OATH_OK;
  static std::once_flag once;
  std::call_once(once, [] { rc = oath_init(); });
  if (rc != OATH_OK) {
    return MakeError(ErrorCode::kInternal,
                     std::string("liboath could not start: ") + oath_strerror(rc));
  }
  return Ok();
}

}  // namespace

Result<std::string> TotpCode(std::string_view secret, int64_t now_unix, int digits,
                             TotpAlgorithm algorithm) {
  CREDO_TRY(EnsureOath());
  if (digits < 6 || digits > 8) {
    return MakeError(ErrorCode::kInvalidArgument, "TOTP codes have 6, 7 or 8 digits", "digits");
  }
  if (secret.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "the TOTP secret is empty", "secret");
  }
  if (now_unix < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "the time is before 1970", "time");
  }
  int flags = 0;
  if (algorithm == TotpAlgorithm::kSha256) flags = OATH_TOTP_HMAC_SHA256;
  if (algorithm == TotpAlgorithm::kSha512) flags = OATH_TOTP_HMAC_SHA512;
  char output[16] = {0};
  int rc = oath_totp_generate2(secret.data(), secret.size(), static_cast<time_t>(now_unix),
                               auth_internal::kTotpStepSeconds, OATH_TOTP_DEFAULT_START_TIME,
                               static_cast<unsigned>(digits), flags, output);
  if (rc != OATH_OK) {
    return MakeError(ErrorCode::kInternal,
                     std::string("liboath could not compute the code: ") + oath_strerror(rc));
  }
  return std::string(output);
}

Result<std::string> DecodeBase32Secret(std::string_view base32) {
  CREDO_TRY(EnsureOath());
  std::string cleaned;
  for (char c : base32) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    cleaned.push_back(c);
  }
  while (cleaned.size() % 8 != 0) cleaned.push_back('=');
  char* out = nullptr;
  size_t out_length = 0;
  int rc = oath_base32_decode(cleaned.data(), cleaned.size(), &out, &out_length);
  if (rc != OATH_OK || out_length == 0) {
    if (out) free(out);
    return MakeError(ErrorCode::kInvalidArgument,
                     "the secret is not base32 (letters A-Z and digits 2-7)", "secret");
  }
  std::string bytes(out, out_length);
  free(out);
  return bytes;
}

namespace auth_internal {

Result<std::string> EncodeBase32(std::string_view bytes) {
  CREDO_TRY(EnsureOath());
  char* out = nullptr;
  size_t out_length = 0;
  int rc = oath_base32_encode(bytes.data(), bytes.size(), &out, &out_length);
  if (rc != OATH_OK) {
    if (out) free(out);
    return MakeError(ErrorCode::kInternal,
                     std::string("liboath could not encode base32: ") + oath_strerror(rc));
  }
  std::string text(out, out_length);
  free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

Result<int64_t> MatchTotpStep(std::string_view secret, std::string_view code, int64_t now_unix,
                              int window_steps) {
  int64_t now_step = TotpStep(now_unix);
  int64_t matched = -1;
  // Every step in the window is computed and compared, so the time taken does not say which.
  for (int64_t step = now_step - window_steps; step <= now_step + window_steps; ++step) {
    if (step < 0) continue;
    CREDO_ASSIGN_OR_RETURN(std::string expected,
                           TotpCode(secret, step * kTotpStepSeconds, kTotpDigits));
    if (ConstantTimeEqual(expected, code) && matched < 0) matched = step;
  }
  if (matched < 0) {
    return MakeError(ErrorCode::kUnauthenticated, "the TOTP code is wrong or out of time",
                     "totp");
  }
  return matched;
}

}  // namespace auth_internal
}  // namespace credo::api
