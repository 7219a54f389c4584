#include "api/auth/internal/password.h"

#include <argon2.h>

#include <mutex>

#include "api/auth/internal/secrets.h"

namespace credo::api::auth_internal {
namespace {
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kMaxPasswordBytes = 1024;
}  // namespace

Status CheckPasswordRules(std::string_view password, const AuthSettings& settings) {
  if (password.size() < settings.min_password_length) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the password is too short: use at least " +
                         std::to_string(settings.min_password_length) + " characters",
                     "password");
  }
  if (password.size() > kMaxPasswordBytes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes",
                     "password");
  }
  if (password.find('\0') != std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument, "the password holds a NUL byte", "password");
  }
  return Ok();
}

Result<std::string> HashPassword(std::string_view password, const AuthSettings& settings) {
  CREDO_ASSIGN_OR_RETURN(std::string salt, RandomBytes(kSaltBytes));
  size_t length = argon2_encodedlen(settings.argon2_time_cost, settings.argon2_memory_kib,
                                    settings.argon2_parallelism, kSaltBytes, kHashBytes,
                                    Argon2_id);
  std::string encoded(length, '\0');
  int rc = argon2id_hash_encoded(settings.argon2_time_cost, settings.argon2_memory_kib,
                                 settings.argon2_parallelism, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashBytes, encoded.data(), length);
  if (rc != ARGON2_OK) {
    return MakeError(ErrorCode::kInternal,
                     std::string("argon2id could not hash the password: ") +
                         argon2_error_message(rc));
  }
  encoded.resize(encoded.find('\0') == std::string::npos ? encoded.size() : encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  if (encoded.empty()) return false;
  std::string terminated(encoded);
  return argon2id_verify(terminated.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void VerifyAgainstDummy(std::string_view password, const AuthSettings& settings) {
  static std::once_flag once;
  static std::string dummy;
  std::call_once(once, [&] {
    auto hashed = HashPassword("credo dummy password for unknown users", settings);
    if (hashed.ok()) dummy = std::move(hashed).value();
  });
  (void)VerifyPassword(dummy, password);
}

}  // namespace credo::api::auth_internal
