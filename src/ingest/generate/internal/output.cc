#include "ingest/generate/internal/output.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace credo::ingest::generate {
namespace {
constexpr size_t kBufferSize = 1 << 16;
}  // namespace

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status OutputFile::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot create the file: " + std::string(std::strerror(errno)) +
                         "; check that the output directory is writable",
                     path);
  }
  buffer_.reserve(kBufferSize + 4096);
  return Ok();
}

void OutputFile::Write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kBufferSize) Flush();
}

void OutputFile::Flush() {
  if (file_ == nullptr || buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
  buffer_.clear();
}

Status OutputFile::Close() {
  if (file_ == nullptr) return Ok();
  Flush();
  bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed_ || close_failed) {
    return MakeError(ErrorCode::kUnavailable,
                     "writing failed (disk full or removed?): " + std::string(std::strerror(errno)),
                     path_);
  }
  return Ok();
}

Result<OutputFile*> OutputSet::Open(const std::string& relative_path) {
  std::filesystem::path path = std::filesystem::path(out_dir_) / relative_path;
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return MakeError(ErrorCode::kUnavailable, "cannot create the directory: " + error.message(),
                     path.parent_path().string());
  }
  auto file = std::make_unique<OutputFile>();
  CREDO_TRY(file->Open(path.string()));
  files_.push_back(std::move(file));
  relative_paths_.push_back(relative_path);
  return files_.back().get();
}

Status OutputSet::CloseAll() {
  Status first_error = Ok();
  for (auto& file : files_) {
    Status closed = file->Close();
    if (!closed.ok() && first_error.ok()) first_error = closed;
  }
  return first_error;
}

void AppendCsv(std::string& line, std::string_view field, bool first) {
  if (!first) line.push_back(',');
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(field);
    return;
  }
  line.push_back('"');
  for (char c : field) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string Decimal(int64_t minor_units) {
  bool negative = minor_units < 0;
  uint64_t magnitude =
      negative ? static_cast<uint64_t>(-(minor_units + 1)) + 1 : static_cast<uint64_t>(minor_units);
  std::string text = std::to_string(magnitude / 100);
  text.push_back('.');
  uint64_t cents = magnitude % 100;
  text.push_back(static_cast<char>('0' + cents / 10));
  text.push_back(static_cast<char>('0' + cents % 10));
  return negative ? "-" + text : text;
}

}  // namespace credo::ingest::generate
