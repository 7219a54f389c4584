// Internal to api/auth: argon2id password hashes (libargon2). The encoded form
// "$argon2id$v=19$m=...,t=...,p=...$salt$hash" carries its own parameters, so raising the cost
// later does not break stored hashes.
#pragma once

#include <string>
#include <string_view>

#include "api/auth/auth.h"
#include "core/result.h"

namespace credo::api::auth_internal {

//! kInvalidArgument when the password is too short, too long (over 1024 bytes) or holds a NUL.
Status CheckPasswordRules(std::string_view password, const AuthSettings& settings);
//! Hashes with a fresh 16-byte salt under the settings' cost parameters.
Result<std::string> HashPassword(std::string_view password, const AuthSettings& settings);
//! True when `password` matches `encoded` (false also for an empty or malformed hash).
bool VerifyPassword(std::string_view encoded, std::string_view password);
//! Spends the time of one verification without a stored hash (unknown users), so that timing
//! does not tell which user names exist.
void VerifyAgainstDummy(std::string_view password, const AuthSettings& settings);

}  // namespace credo::api::auth_internal
