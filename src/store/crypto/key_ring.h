// credo store internal: the keys of a key file in memory, and the sealed-value format.
//
// Sealed value: 0x01 | key id (4 bytes, big-endian) | 12-byte random nonce | ciphertext | 16-byte
// GCM tag. The associated data binds the value to its column and key id ("credo/v1/<column>/<id>"),
// so a value copied into another column, or relabelled with another key id, fails to open.
// Key file format: docs/store/encryption.md.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/crypto/primitives.h"

namespace credo::store_internal {

struct DataKey {
  uint32_t id = 0;
  bool active = false;
  std::string key;  //!< 32 bytes
};

struct KeyFileContents {
  uint32_t blind_index_key_id = 0;
  std::string blind_index_key;  //!< 32 bytes
  std::vector<DataKey> data_keys;  //!< ascending id; exactly one active
};

//! Reads and checks the file. kNotFound, kDataLoss (corrupt: names line), kPermissionDenied.
Result<KeyFileContents> ReadKeyFile(const std::string& path);
//! Writes atomically with mode 0600; with `exclusive`, fails (kAlreadyExists) if the file exists.
Status WriteKeyFile(const std::string& path, const KeyFileContents& contents, bool exclusive);
//! A new random key set: data key 1 active, blind-index key 1.
Result<KeyFileContents> NewKeyFileContents();

class KeyRing {
 public:
  static Result<KeyRing> Load(const std::string& path);

  const std::string& path() const { return path_; }
  uint32_t active_key_id() const { return active_->id; }
  bool HasKey(uint32_t id) const { return keys_.count(id) != 0; }
  const KeyFileContents& contents() const { return contents_; }

  //! Appends the sealed form of `clear` (under the active key, bound to `column`) to `out`.
  Status SealInto(std::string_view column, std::string_view clear, std::string& out) const;
  Result<std::string> Seal(std::string_view column, std::string_view clear) const;
  //! kDataLoss when the value is malformed or does not verify; kNotFound when its key id is not
  //! in this key file.
  Result<std::string> Open(std::string_view column, std::string_view sealed) const;
  //! The key id a sealed value names (kDataLoss when malformed).
  static Result<uint32_t> KeyIdOf(std::string_view sealed);

  //! 32-byte HMAC-SHA256 over "<kind>\x1f<normalised>".
  std::string BlindIndex(std::string_view kind, std::string_view normalised) const;
  //! A value derived from the blind-index key, stored in the database to detect a wrong key file.
  std::string BlindIndexFingerprint() const;

 private:
  KeyRing() = default;
  KeyRing(const KeyRing&) = delete;
 public:
  KeyRing(KeyRing&&) noexcept;
  KeyRing& operator=(KeyRing&&) noexcept;

 private:
  void Index();
  AesGcmContext* ContextFor(const DataKey& key, bool encrypt) const;
  std::string path_;
  // Key schedules done once per key (sealing with the active key, opening with any).
  mutable std::map<uint32_t, std::unique_ptr<AesGcmContext>> sealers_;
  mutable std::map<uint32_t, std::unique_ptr<AesGcmContext>> openers_;
  mutable std::unique_ptr<HmacSha256Key> blind_indexer_;  // the blind-index key's HMAC, keyed once
  // Random nonces drawn in bulk; each is used once (the used part is never handed out again).
  mutable std::array<unsigned char, kGcmNonceBytes * 256> nonce_pool_{};
  mutable size_t nonce_pool_used_ = kGcmNonceBytes * 256;
  mutable uint64_t nonce_pool_fork_count_ = 0;  // ForkCount() when the pool was drawn
  KeyFileContents contents_;
  std::map<uint32_t, const DataKey*> keys_;
  const DataKey* active_ = nullptr;
};

}  // namespace credo::store_internal
