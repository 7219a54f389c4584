// Internal to api/auth: random secrets, SHA-256, constant-time comparison and the input checks
// every auth call shares. OpenSSL does the cryptography.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::api::auth_internal {

//! `count` bytes from the OpenSSL CSPRNG (kInternal if it fails).
Result<std::string> RandomBytes(size_t count);
//! Lower-case hex of bytes.
std::string Hex(std::string_view bytes);
//! Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
//! Equal contents, in time that depends only on the lengths.
bool ConstantTimeEqual(std::string_view a, std::string_view b);
bool IsLowerHex(std::string_view text);

//! Operator and subject account names: [a-z0-9][a-z0-9._-]{0,63}.
Status CheckUserName(std::string_view name);
//! Institution names: [A-Za-z0-9._-]{1,64}.
Status CheckInstitution(std::string_view institution);
//! A value safe to quote in a message: printable ASCII, at most 64 characters shown.
std::string Printable(std::string_view text);
//! "2026-11-22T14:30:00Z".
std::string IsoTime(int64_t unix_seconds);

}  // namespace credo::api::auth_internal
