// credo store internal: the cryptographic primitives, all from OpenSSL 3 (EVP, HMAC, RAND).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::store_internal {

constexpr size_t kAesKeyBytes = 32;
constexpr size_t kGcmNonceBytes = 12;
constexpr size_t kGcmTagBytes = 16;
constexpr size_t kHmacKeyBytes = 32;

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);
std::string ToHex(std::string_view bytes);
//! 32 raw bytes.
std::string HmacSha256(std::string_view key, std::string_view data);
//! Cryptographically random bytes (RAND_bytes); kInternal when the generator fails.
Result<std::string> RandomBytes(size_t count);

//! AES-256-GCM: appends nonce || ciphertext || tag to `out`. `nonce` must be 12 fresh bytes.
Status AesGcmSeal(std::string_view key, std::string_view nonce, std::string_view aad,
                  std::string_view clear, std::string& out);
//! Inverse of AesGcmSeal over `sealed` = nonce || ciphertext || tag; kDataLoss when the tag
//! does not verify (wrong key, wrong column, or altered bytes).
Result<std::string> AesGcmOpen(std::string_view key, std::string_view aad, std::string_view sealed);

//! AES-256-GCM with the key schedule done once: for sealing or opening many values under one
//! key (the hot path of bulk loads). Not thread-safe; one per key per thread.
class AesGcmContext {
 public:
  //! `key` must be 32 bytes.
  AesGcmContext(std::string_view key, bool encrypt);
  ~AesGcmContext();
  AesGcmContext(const AesGcmContext&) = delete;
  AesGcmContext& operator=(const AesGcmContext&) = delete;
  //! As AesGcmSeal (appends nonce || ciphertext || tag).
  Status Seal(std::string_view nonce, std::string_view aad, std::string_view clear, std::string& out);
  //! As AesGcmOpen.
  Result<std::string> Open(std::string_view aad, std::string_view sealed);

 private:
  void* context_;  // EVP_CIPHER_CTX
  bool encrypt_;
};

//! HMAC-SHA256 under one key with the key's inner and outer blocks hashed once: for the many
//! blind indexes of a bulk load (HmacSha256 redoes the key schedule and fetches the digest on
//! every call). Same output as HmacSha256. Not thread-safe; one per key per thread.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view key);
  ~HmacSha256Key();
  HmacSha256Key(const HmacSha256Key&) = delete;
  HmacSha256Key& operator=(const HmacSha256Key&) = delete;
  //! 32 raw bytes.
  std::string Compute(std::string_view data);

 private:
  void* inner_;    // EVP_MD_CTX after the key XOR ipad block
  void* outer_;    // EVP_MD_CTX after the key XOR opad block
  void* scratch_;  // EVP_MD_CTX the computation runs in
  std::string key_;  // for the one-shot fallback when a context could not be allocated
};

std::string Base64Encode(std::string_view bytes);
//! kInvalidArgument on malformed input.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace credo::store_internal
