#include "ingest/mapping/csv_reader.h"

namespace credo::ingest {
namespace {
constexpr size_t kBlockSize = 1 << 20;
}  // namespace

CsvReader::CsvReader(std::unique_ptr<ByteSource> source, CsvOptions options)
    : source_(std::move(source)), options_(options), buffer_(kBlockSize) {}

bool CsvReader::Refill() {
  if (eof_) return false;
  auto n = source_->Read(buffer_.data(), buffer_.size());
  if (!n.ok()) {
    error_ = n.error();
    eof_ = true;
    return false;
  }
  position_ = 0;
  limit_ = n.value();
  if (limit_ == 0) eof_ = true;
  return limit_ > 0;
}

int CsvReader::Peek() {
  if (position_ >= limit_ && !Refill()) return -1;
  return static_cast<unsigned char>(buffer_[position_]);
}

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  const int delimiter = static_cast<unsigned char>(options_.delimiter);
  size_t count = 0;
  auto field = [&]() -> std::string& {
    if (count == fields->size()) fields->emplace_back();
    std::string& f = (*fields)[count];
    f.clear();
    return f;
  };
  // Skip blank lines between records.
  while (true) {
    int c = Peek();
    if (c == '\n') {
      Advance();
      ++line_;
    } else if (c == '\r') {
      Advance();
      if (Peek() == '\n') Advance();
      ++line_;
    } else {
      break;
    }
  }
  if (Peek() == -1) {
    if (error_) return *error_;
    fields->clear();
    return false;
  }
  record_line_ = line_;
  std::string* current = &field();
  while (true) {
    if (options_.skip_initial_space) {
      while (Peek() == ' ') Advance();
    }
    int c = Peek();
    if (c == '"') {
      // Quoted field.
      Advance();
      int64_t start_line = line_;
      while (true) {
        c = Peek();
        if (c == -1) {
          if (error_) return *error_;
          return MakeError(ErrorCode::kInvalidArgument,
                           "unbalanced quote: the quoted field starting on line " +
                               std::to_string(start_line) +
                               " never closes; double quotes inside a field as \"\"",
                           source_->name() + ":" + std::to_string(start_line));
        }
        Advance();
        if (c == '"') {
          if (Peek() == '"') {
            Advance();
            current->push_back('"');
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        current->push_back(static_cast<char>(c));
      }
      // After the closing quote: spaces are tolerated, then a delimiter or end of record.
      while (Peek() == ' ') Advance();
      c = Peek();
      if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string("unexpected character '") + static_cast<char>(c) +
                             "' after a closing quote; quote the whole field",
                         source_->name() + ":" + std::to_string(line_));
      }
    } else {
      while (true) {
        c = Peek();
        if (c == delimiter || c == '\n' || c == '\r' || c == -1) break;
        // Copy a run of ordinary bytes at once.
        size_t start = position_;
        while (position_ < limit_) {
          char b = buffer_[position_];
          if (b == options_.delimiter || b == '\n' || b == '\r') break;
          ++position_;
        }
        current->append(buffer_.data() + start, position_ - start);
      }
    }
    c = Peek();
    ++count;
    if (c == delimiter) {
      Advance();
      current = &field();
      continue;
    }
    if (c == '\r') {
      Advance();
      if (Peek() == '\n') Advance();
      ++line_;
    } else if (c == '\n') {
      Advance();
      ++line_;
    } else if (error_) {
      return *error_;
    }
    break;
  }
  fields->resize(count);
  ++records_read_;
  return true;
}

}  // namespace credo::ingest
