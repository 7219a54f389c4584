#include "store/crypto/primitives.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstring>
#include <memory>

namespace credo::store_internal {
namespace {

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

Sha256Digest Sha256(std::string_view data) {
  Sha256Digest digest;
  SHA256(Bytes(data), data.size(), digest.data());
  return digest;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    hex[2 * i] = kDigits[b >> 4];
    hex[2 * i + 1] = kDigits[b & 15];
  }
  return hex;
}

std::string Sha256Hex(std::string_view data) {
  Sha256Digest digest = Sha256(data);
  return ToHex({reinterpret_cast<const char*>(digest.data()), digest.size()});
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data), data.size(), out,
       &length);
  return std::string(reinterpret_cast<const char*>(out), length);
}

Result<std::string> RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    return MakeError(ErrorCode::kInternal, "the system random generator failed (OpenSSL RAND_bytes)");
  }
  return bytes;
}

Status AesGcmSeal(std::string_view key, std::string_view nonce, std::string_view aad,
                  std::string_view clear, std::string& out) {
  if (key.size() != kAesKeyBytes || nonce.size() != kGcmNonceBytes) {
    return MakeError(ErrorCode::kInternal, "AES-256-GCM needs a 32-byte key and a 12-byte nonce");
  }
  CipherContext context(EVP_CIPHER_CTX_new());
  if (!context) return MakeError(ErrorCode::kInternal, "out of memory (EVP_CIPHER_CTX_new)");
  int length = 0;
  size_t start = out.size();
  out.append(nonce);
  out.resize(start + kGcmNonceBytes + clear.size() + kGcmTagBytes);
  auto* cipher_out = reinterpret_cast<unsigned char*>(out.data() + start + kGcmNonceBytes);
  if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), Bytes(nonce)) != 1 ||
      (!aad.empty() &&
       EVP_EncryptUpdate(context.get(), nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_EncryptUpdate(context.get(), cipher_out, &length, Bytes(clear),
                        static_cast<int>(clear.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), cipher_out + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes,
                          cipher_out + clear.size()) != 1) {
    out.resize(start);
    return MakeError(ErrorCode::kInternal, "AES-256-GCM encryption failed (OpenSSL)");
  }
  return Ok();
}

Result<std::string> AesGcmOpen(std::string_view key, std::string_view aad, std::string_view sealed) {
  if (sealed.size() < kGcmNonceBytes + kGcmTagBytes) {
    return MakeError(ErrorCode::kDataLoss, "encrypted value is truncated");
  }
  std::string_view nonce = sealed.substr(0, kGcmNonceBytes);
  std::string_view cipher_text =
      sealed.substr(kGcmNonceBytes, sealed.size() - kGcmNonceBytes - kGcmTagBytes);
  std::string tag(sealed.substr(sealed.size() - kGcmTagBytes));
  CipherContext context(EVP_CIPHER_CTX_new());
  if (!context) return MakeError(ErrorCode::kInternal, "out of memory (EVP_CIPHER_CTX_new)");
  std::string clear(cipher_text.size(), '\0');
  int length = 0;
  auto* clear_out = reinterpret_cast<unsigned char*>(clear.data());
  if (EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, Bytes(key), Bytes(nonce)) != 1 ||
      (!aad.empty() &&
       EVP_DecryptUpdate(context.get(), nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(context.get(), clear_out, &length, Bytes(cipher_text),
                        static_cast<int>(cipher_text.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(context.get(), clear_out + length, &length) != 1) {
    return MakeError(ErrorCode::kDataLoss,
                     "encrypted value does not verify (wrong key file, or the value was altered)");
  }
  return clear;
}

HmacSha256Key::HmacSha256Key(std::string_view key) : key_(key) {
  constexpr size_t kBlockBytes = 64;  // SHA-256's block (RFC 2104: keys longer are hashed)
  unsigned char block[kBlockBytes] = {};
  if (key.size() > kBlockBytes) {
    Sha256Digest digest = Sha256(key);
    std::memcpy(block, digest.data(), digest.size());
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  unsigned char inner_pad[kBlockBytes];
  unsigned char outer_pad[kBlockBytes];
  for (size_t i = 0; i < kBlockBytes; ++i) {
    inner_pad[i] = block[i] ^ 0x36;
    outer_pad[i] = block[i] ^ 0x5c;
  }
  EVP_MD_CTX* inner = EVP_MD_CTX_new();
  EVP_MD_CTX* outer = EVP_MD_CTX_new();
  EVP_MD_CTX* scratch = EVP_MD_CTX_new();
  if (inner == nullptr || outer == nullptr || scratch == nullptr ||
      EVP_DigestInit_ex(inner, EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(inner, inner_pad, kBlockBytes) != 1 ||
      EVP_DigestInit_ex(outer, EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(outer, outer_pad, kBlockBytes) != 1) {
    EVP_MD_CTX_free(inner);
    EVP_MD_CTX_free(outer);
    EVP_MD_CTX_free(scratch);
    inner = outer = scratch = nullptr;
  }
  OPENSSL_cleanse(block, sizeof(block));
  OPENSSL_cleanse(inner_pad, sizeof(inner_pad));
  OPENSSL_cleanse(outer_pad, sizeof(outer_pad));
  inner_ = inner;
  outer_ = outer;
  scratch_ = scratch;
}

HmacSha256Key::~HmacSha256Key() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(inner_));
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(outer_));
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(scratch_));
}

std::string HmacSha256Key::Compute(std::string_view data) {
  auto* scratch = static_cast<EVP_MD_CTX*>(scratch_);
  unsigned char inner_hash[EVP_MAX_MD_SIZE];
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (scratch == nullptr || EVP_MD_CTX_copy_ex(scratch, static_cast<EVP_MD_CTX*>(inner_)) != 1 ||
      EVP_DigestUpdate(scratch, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(scratch, inner_hash, &length) != 1 ||
      EVP_MD_CTX_copy_ex(scratch, static_cast<EVP_MD_CTX*>(outer_)) != 1 ||
      EVP_DigestUpdate(scratch, inner_hash, length) != 1 ||
      EVP_DigestFinal_ex(scratch, out, &length) != 1) {
    return HmacSha256(key_, data);  // only when out of memory: the one-shot path
  }
  return std::string(reinterpret_cast<const char*>(out), length);
}

AesGcmContext::AesGcmContext(std::string_view key, bool encrypt) : encrypt_(encrypt) {
  EVP_CIPHER_CTX* context = EVP_CIPHER_CTX_new();
  if (context != nullptr) {
    int ok = encrypt ? EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nullptr, Bytes(key), nullptr)
                     : EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nullptr, Bytes(key), nullptr);
    if (ok != 1) {
      EVP_CIPHER_CTX_free(context);
      context = nullptr;
    }
  }
  context_ = context;
}

AesGcmContext::~AesGcmContext() { EVP_CIPHER_CTX_free(static_cast<EVP_CIPHER_CTX*>(context_)); }

Status AesGcmContext::Seal(std::string_view nonce, std::string_view aad, std::string_view clear,
                           std::string& out) {
  auto* context = static_cast<EVP_CIPHER_CTX*>(context_);
  if (context == nullptr || !encrypt_ || nonce.size() != kGcmNonceBytes) {
    return MakeError(ErrorCode::kInternal, "AES-256-GCM context is not usable for sealing");
  }
  int length = 0;
  size_t start = out.size();
  out.append(nonce);
  out.resize(start + kGcmNonceBytes + clear.size() + kGcmTagBytes);
  auto* cipher_out = reinterpret_cast<unsigned char*>(out.data() + start + kGcmNonceBytes);
  if (EVP_EncryptInit_ex(context, nullptr, nullptr, nullptr, Bytes(nonce)) != 1 ||
      (!aad.empty() &&
       EVP_EncryptUpdate(context, nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_EncryptUpdate(context, cipher_out, &length, Bytes(clear), static_cast<int>(clear.size())) != 1 ||
      EVP_EncryptFinal_ex(context, cipher_out + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, cipher_out + clear.size()) != 1) {
    out.resize(start);
    return MakeError(ErrorCode::kInternal, "AES-256-GCM encryption failed (OpenSSL)");
  }
  return Ok();
}

Result<std::string> AesGcmContext::Open(std::string_view aad, std::string_view sealed) {
  auto* context = static_cast<EVP_CIPHER_CTX*>(context_);
  if (context == nullptr || encrypt_) {
    return MakeError(ErrorCode::kInternal, "AES-256-GCM context is not usable for opening");
  }
  if (sealed.size() < kGcmNonceBytes + kGcmTagBytes) {
    return MakeError(ErrorCode::kDataLoss, "encrypted value is truncated");
  }
  std::string_view nonce = sealed.substr(0, kGcmNonceBytes);
  std::string_view cipher_text =
      sealed.substr(kGcmNonceBytes, sealed.size() - kGcmNonceBytes - kGcmTagBytes);
  unsigned char tag[kGcmTagBytes];
  memcpy(tag, sealed.data() + sealed.size() - kGcmTagBytes, kGcmTagBytes);
  std::string clear(cipher_text.size(), '\0');
  int length = 0;
  auto* clear_out = reinterpret_cast<unsigned char*>(clear.data());
  if (EVP_DecryptInit_ex(context, nullptr, nullptr, nullptr, Bytes(nonce)) != 1 ||
      (!aad.empty() &&
       EVP_DecryptUpdate(context, nullptr, &length, Bytes(aad), static_cast<int>(aad.size())) != 1) ||
      EVP_DecryptUpdate(context, clear_out, &length, Bytes(cipher_text),
                        static_cast<int>(cipher_text.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag) != 1 ||
      EVP_DecryptFinal_ex(context, clear_out + length, &length) != 1) {
    return MakeError(ErrorCode::kDataLoss,
                     "encrypted value does not verify (wrong key file, or the value was altered)");
  }
  return clear;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(bytes),
                               static_cast<int>(bytes.size()));
  out.resize(length);
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0 || text.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "not base64 (length is not a multiple of 4)");
  }
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/' || c == '=';
    if (!ok) return MakeError(ErrorCode::kInvalidArgument, "not base64 (bad character)");
  }
  std::string out(3 * text.size() / 4 + 1, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), Bytes(text),
                               static_cast<int>(text.size()));
  if (length < 0) return MakeError(ErrorCode::kInvalidArgument, "not base64");
  size_t padding = 0;
  if (text.ends_with("==")) padding = 2;
  else if (text.ends_with("=")) padding = 1;
  out.resize(length - padding);
  return out;
}

}  // namespace credo::store_internal
