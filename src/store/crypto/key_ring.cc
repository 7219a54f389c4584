#include "store/crypto/key_ring.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "store/crypto/primitives.h"

namespace credo::store_internal {
namespace {

constexpr std::string_view kHeader =
    "# credo key file: keep it secret, back it up apart from the database, do not edit.\n";
constexpr uint8_t kSealedFormat = 1;

// How many times this process's line of ancestors forked into it: a child sees one more than
// its parent did. Asking the kernel for the process id on every sealed value (getpid is a system
// call) was 1-2% of a bulk load.
std::atomic<uint64_t> fork_count{0};

void CountFork() { fork_count.fetch_add(1, std::memory_order_relaxed); }

uint64_t ForkCount() {
  static const bool registered = [] { return ::pthread_atfork(nullptr, nullptr, &CountFork) == 0; }();
  (void)registered;
  return fork_count.load(std::memory_order_relaxed);
}

std::string Aad(std::string_view column, uint32_t key_id) {
  std::string aad = "credo/v1/";
  aad += column;
  aad += '/';
  aad += std::to_string(key_id);
  return aad;
}

Error Corrupt(const std::string& path, int line, std::string_view what) {
  return MakeError(ErrorCode::kDataLoss,
                   "key file is corrupted (" + std::string(what) +
                       "); restore it from your key backup",
                   path + (line > 0 ? " line " + std::to_string(line) : ""));
}

std::string Serialise(const KeyFileContents& contents) {
  std::string body(kHeader);
  body += "format 1\n";
  body += "blind-index " + std::to_string(contents.blind_index_key_id) + " " +
          Base64Encode(contents.blind_index_key) + "\n";
  for (const DataKey& key : contents.data_keys) {
    body += "data " + std::to_string(key.id) + (key.active ? " active " : " retired ") +
            Base64Encode(key.key) + "\n";
  }
  body += "check " + Sha256Hex(body) + "\n";
  return body;
}

Result<uint32_t> ParseId(const std::string& text, const std::string& path, int line) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Corrupt(path, line, "bad key id '" + text + "'");
  }
  uint32_t id = static_cast<uint32_t>(std::stoul(text));
  if (id == 0) return Corrupt(path, line, "key id 0");
  return id;
}

}  // namespace

Result<KeyFileContents> ReadKeyFile(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) {
      return MakeError(ErrorCode::kNotFound,
                       "key file not found; create one with `credo keys init` (or point "
                       "--key-file at the bureau's key file)",
                       path);
    }
    return MakeError(ErrorCode::kUnavailable, std::string("cannot read key file: ") + strerror(errno),
                     path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kPermissionDenied, "cannot open key file for reading", path);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() > 1 << 20) return Corrupt(path, 0, "file is too large");

  KeyFileContents contents;
  std::string body;
  int line_number = 0;
  bool checked = false;
  bool format_seen = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) return Corrupt(path, line_number + 1, "last line is cut off");
    std::string line = text.substr(start, end - start);
    ++line_number;
    start = end + 1;
    if (checked) return Corrupt(path, line_number, "text after the check line");
    if (line.starts_with("#")) {
      body += line + "\n";
      continue;
    }
    std::istringstream words(line);
    std::string tag;
    words >> tag;
    if (tag == "check") {
      std::string digest;
      words >> digest;
      if (digest != Sha256Hex(body)) {
        return Corrupt(path, line_number, "check value does not match the keys");
      }
      checked = true;
      continue;
    }
    body += line + "\n";
    if (tag == "format") {
      std::string version;
      words >> version;
      if (version != "1") {
        return MakeError(ErrorCode::kVersionMismatch,
                         "key file format " + version + " is newer than this credo (format 1)",
                         path + " line " + std::to_string(line_number));
      }
      format_seen = true;
    } else if (tag == "blind-index" || tag == "data") {
      std::string id_text, state, encoded;
      words >> id_text;
      if (tag == "data") words >> state;
      words >> encoded;
      CREDO_ASSIGN_OR_RETURN(uint32_t id, ParseId(id_text, path, line_number));
      auto key = Base64Decode(encoded);
      if (!key.ok() || key->size() != kAesKeyBytes) {
        return Corrupt(path, line_number, "key is not 32 bytes of base64");
      }
      if (tag == "blind-index") {
        if (contents.blind_index_key_id != 0) {
          return Corrupt(path, line_number, "second blind-index key");
        }
        contents.blind_index_key_id = id;
        contents.blind_index_key = std::move(key).value();
      } else {
        if (state != "active" && state != "retired") {
          return Corrupt(path, line_number, "key state must be active or retired");
        }
        for (const DataKey& other : contents.data_keys) {
          if (other.id == id) return Corrupt(path, line_number, "duplicate key id");
        }
        contents.data_keys.push_back({id, state == "active", std::move(key).value()});
      }
    } else {
      return Corrupt(path, line_number, "unknown line '" + tag + "'");
    }
  }
  if (!checked) return Corrupt(path, line_number, "no check line");
  if (!format_seen) return Corrupt(path, 0, "no format line");
  if (contents.blind_index_key_id == 0) return Corrupt(path, 0, "no blind-index key");
  int active = 0;
  for (const DataKey& key : contents.data_keys) active += key.active ? 1 : 0;
  if (active != 1) return Corrupt(path, 0, "there must be exactly one active data key");
  if ((info.st_mode & 077) != 0) {
    // Readable by others: refuse rather than keep using a leaked key silently.
    return MakeError(ErrorCode::kPermissionDenied,
                     "key file is readable by other users; run `chmod 600` on it", path);
  }
  return contents;
}

Status WriteKeyFile(const std::string& path, const KeyFileContents& contents, bool exclusive) {
  std::string text = Serialise(contents);
  std::string temporary = path + ".tmp" + std::to_string(getpid());
  int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  if (exclusive) {
    // O_EXCL on the final name so two `keys init` never both succeed.
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) {
        return MakeError(ErrorCode::kAlreadyExists,
                         "key file already exists; refusing to overwrite it (it may be the only "
                         "way to read this bureau's data)",
                         path);
      }
      return MakeError(ErrorCode::kUnavailable,
                       std::string("cannot create key file: ") + strerror(errno), path);
    }
    bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = fsync(fd) == 0 && ok;
    close(fd);
    if (!ok) {
      unlink(path.c_str());
      return MakeError(ErrorCode::kUnavailable, "cannot write key file", path);
    }
    return Ok();
  }
  int fd = open(temporary.c_str(), flags, 0600);
  if (fd < 0) {
    return MakeError(ErrorCode::kUnavailable,
                     std::string("cannot write key file: ") + strerror(errno), temporary);
  }
  fchmod(fd, 0600);
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = fsync(fd) == 0 && ok;
  close(fd);
  if (!ok || rename(temporary.c_str(), path.c_str()) != 0) {
    unlink(temporary.c_str());
    return MakeError(ErrorCode::kUnavailable, "cannot replace key file", path);
  }
  return Ok();
}

Result<KeyFileContents> NewKeyFileContents() {
  KeyFileContents contents;
  CREDO_ASSIGN_OR_RETURN(contents.blind_index_key, RandomBytes(kHmacKeyBytes));
  contents.blind_index_key_id = 1;
  CREDO_ASSIGN_OR_RETURN(std::string data_key, RandomBytes(kAesKeyBytes));
  contents.data_keys.push_back({1, true, std::move(data_key)});
  return contents;
}

KeyRing::KeyRing(KeyRing&& other) noexcept
    : path_(std::move(other.path_)), contents_(std::move(other.contents_)) {
  Index();
}

KeyRing& KeyRing::operator=(KeyRing&& other) noexcept {
  path_ = std::move(other.path_);
  contents_ = std::move(other.contents_);
  Index();
  return *this;
}

AesGcmContext* KeyRing::ContextFor(const DataKey& key, bool encrypt) const {
  auto& cache = encrypt ? sealers_ : openers_;
  auto found = cache.find(key.id);
  if (found == cache.end()) {
    found = cache.emplace(key.id, std::make_unique<AesGcmContext>(key.key, encrypt)).first;
  }
  return found->second.get();
}

void KeyRing::Index() {
  blind_indexer_.reset();
  nonce_pool_used_ = nonce_pool_.size();
  sealers_.clear();
  openers_.clear();
  keys_.clear();
  active_ = nullptr;
  for (const DataKey& key : contents_.data_keys) {
    keys_[key.id] = &key;
    if (key.active) active_ = &key;
  }
}

Result<KeyRing> KeyRing::Load(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(KeyFileContents contents, ReadKeyFile(path));
  KeyRing ring;
  ring.path_ = path;
  ring.contents_ = std::move(contents);
  ring.Index();
  return ring;
}

Status KeyRing::SealInto(std::string_view column, std::string_view clear, std::string& out) const {
  // Nonces stay random (RAND_bytes), drawn many at a time: one generator call per value was a
  // twelfth of a bulk load's time. A forked child never uses its parent's pool.
  const uint64_t forks = ForkCount();
  if (nonce_pool_used_ + kGcmNonceBytes > nonce_pool_.size() || nonce_pool_fork_count_ != forks) {
    if (RAND_bytes(nonce_pool_.data(), static_cast<int>(nonce_pool_.size())) != 1) {
      return MakeError(ErrorCode::kInternal,
                       "the system random generator failed (OpenSSL RAND_bytes)");
    }
    nonce_pool_used_ = 0;
    nonce_pool_fork_count_ = forks;
  }
  const unsigned char* nonce = nonce_pool_.data() + nonce_pool_used_;
  nonce_pool_used_ += kGcmNonceBytes;
  uint32_t id = active_->id;
  out.push_back(static_cast<char>(kSealedFormat));
  out.push_back(static_cast<char>(id >> 24));
  out.push_back(static_cast<char>(id >> 16));
  out.push_back(static_cast<char>(id >> 8));
  out.push_back(static_cast<char>(id));
  return ContextFor(*active_, true)
      ->Seal({reinterpret_cast<const char*>(nonce), kGcmNonceBytes}, Aad(column, id), clear, out);
}

Result<std::string> KeyRing::Seal(std::string_view column, std::string_view clear) const {
  std::string out;
  out.reserve(5 + kGcmNonceBytes + clear.size() + kGcmTagBytes);
  CREDO_TRY(SealInto(column, clear, out));
  return out;
}

Result<uint32_t> KeyRing::KeyIdOf(std::string_view sealed) {
  if (sealed.size() < 5 + kGcmNonceBytes + kGcmTagBytes ||
      static_cast<uint8_t>(sealed[0]) != kSealedFormat) {
    return MakeError(ErrorCode::kDataLoss, "stored value is not an encrypted credo value");
  }
  auto byte = [&](int i) { return static_cast<uint32_t>(static_cast<uint8_t>(sealed[i])); };
  return (byte(1) << 24) | (byte(2) << 16) | (byte(3) << 8) | byte(4);
}

Result<std::string> KeyRing::Open(std::string_view column, std::string_view sealed) const {
  CREDO_ASSIGN_OR_RETURN(uint32_t id, KeyIdOf(sealed));
  auto key = keys_.find(id);
  if (key == keys_.end()) {
    return MakeError(ErrorCode::kNotFound,
                     "value in " + std::string(column) + " is encrypted with data key " +
                         std::to_string(id) + ", which this key file does not hold (wrong key "
                         "file, or keys were pruned too early)",
                     path_);
  }
  auto clear = ContextFor(*key->second, false)->Open(Aad(column, id), sealed.substr(5));
  if (!clear.ok()) {
    return MakeError(ErrorCode::kDataLoss,
                     "value in " + std::string(column) + " does not decrypt with data key " +
                         std::to_string(id) + " (wrong key file, or the stored value was altered)",
                     path_);
  }
  return clear;
}

std::string KeyRing::BlindIndex(std::string_view kind, std::string_view normalised) const {
  std::string message;
  message.reserve(kind.size() + 1 + normalised.size());
  message += kind;
  message += '\x1f';
  message += normalised;
  if (!blind_indexer_) blind_indexer_ = std::make_unique<HmacSha256Key>(contents_.blind_index_key);
  return blind_indexer_->Compute(message);
}

std::string KeyRing::BlindIndexFingerprint() const {
  return ToHex(HmacSha256(contents_.blind_index_key, "credo blind-index key fingerprint"));
}

}  // namespace credo::store_internal
