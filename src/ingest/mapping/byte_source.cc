#include "ingest/mapping/byte_source.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace credo::ingest {
namespace {

class FileByteSource final : public ByteSource {
 public:
  FileByteSource(std::FILE* file, std::string name) : file_(file), name_(std::move(name)) {}
  ~FileByteSource() override { std::fclose(file_); }
  Result<size_t> Read(char* buffer, size_t capacity) override {
    size_t n = std::fread(buffer, 1, capacity, file_);
    if (n == 0 && std::ferror(file_)) {
      return MakeError(ErrorCode::kUnavailable, std::string("read failed: ") + std::strerror(errno),
                       name_);
    }
    return n;
  }
  const std::string& name() const override { return name_; }

 private:
  std::FILE* file_;
  std::string name_;
};

class GzipByteSource final : public ByteSource {
 public:
  GzipByteSource(gzFile file, std::string name) : file_(file), name_(std::move(name)) {
    gzbuffer(file_, 1 << 17);
  }
  ~GzipByteSource() override { gzclose(file_); }
  Result<size_t> Read(char* buffer, size_t capacity) override {
    int n = gzread(file_, buffer, static_cast<unsigned>(capacity));
    if (n < 0) {
      int code = 0;
      const char* message = gzerror(file_, &code);
      return MakeError(ErrorCode::kDataLoss,
                       std::string("gzip data is corrupt: ") + (message ? message : "unknown"),
                       name_);
    }
    return static_cast<size_t>(n);
  }
  const std::string& name() const override { return name_; }

 private:
  gzFile file_;
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string_view bytes, std::string name) : bytes_(bytes), name_(std::move(name)) {}
  Result<size_t> Read(char* buffer, size_t capacity) override {
    size_t n = std::min(capacity, bytes_.size() - position_);
    std::memcpy(buffer, bytes_.data() + position_, n);
    position_ += n;
    return n;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string_view bytes_;
  size_t position_ = 0;
  std::string name_;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path) {
  bool gzip = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return MakeError(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kUnavailable,
                     std::string("cannot open: ") + std::strerror(errno), path);
  }
  if (!gzip) return std::unique_ptr<ByteSource>(new FileByteSource(file, path));
  std::fclose(file);
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    return MakeError(ErrorCode::kUnavailable, "cannot open gzip file", path);
  }
  return std::unique_ptr<ByteSource>(new GzipByteSource(gz, path));
}

std::unique_ptr<ByteSource> MemoryByteSource(std::string_view bytes, std::string name) {
  return std::make_unique<MemorySource>(bytes, std::move(name));
}

}  // namespace credo::ingest
