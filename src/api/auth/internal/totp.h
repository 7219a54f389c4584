// Internal to api/auth: TOTP secrets and code matching for Login (liboath underneath).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::api::auth_internal {

inline constexpr int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226's recommendation

//! RFC 4648 base32 without padding (what authenticator apps expect).
Result<std::string> EncodeBase32(std::string_view bytes);
//! The time step of `now_unix`.
inline int64_t TotpStep(int64_t now_unix) { return now_unix / kTotpStepSeconds; }
//! The step (within +-window of now) whose 6-digit SHA-1 code equals `code`, compared in
//! constant time; kUnauthenticated when no step matches.
Result<int64_t> MatchTotpStep(std::string_view secret, std::string_view code, int64_t now_unix,
                              int window_steps);

}  // namespace credo::api::auth_internal
