#include "api/auth/internal/secrets.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <ctime>

#include "core/institution.h"

namespace credo::api::auth_internal {

Result<std::string> RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return MakeError(ErrorCode::kInternal, "the random number generator failed (OpenSSL RAND_bytes)");
  }
  return bytes;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return Hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status CheckUserName(std::string_view name) {
  auto bad = [&](std::string rule) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "user name \"" + Printable(name) + "\" " + rule +
                         "; use 1 to 64 characters a-z 0-9 . _ - starting with a letter or digit",
                     "user");
  };
  if (name.empty()) return bad("is empty");
  if (name.size() > 64) return bad("is longer than 64 characters");
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (i == 0 && !alnum) return bad("does not start with a letter or digit");
    if (!alnum && c != '.' && c != '_' && c != '-') return bad("has a character that is not allowed");
  }
  return Ok();
}

Status CheckInstitution(std::string_view institution) {
  // The one rule (core/institution.h); "bureau" and "self" are the bureau's own readers.
  return CheckOutsideInstitutionId(institution, "institution");
}

std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) {
    out.push_back(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
  }
  if (text.size() > 64) out += "...";
  return out;
}

std::string IsoTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace credo::api::auth_internal
