// credo ingest/mapping: a streaming JSON-lines reader with dotted paths.
//
// One JSON object per line (blank lines skipped). A JsonPath such as "applicant.name.given" or
// "phones[0]" selects a value; strings come back as they are, numbers and booleans as their JSON
// text, null or a missing member as nullopt. A line that is not a JSON object is an error naming
// the source, line and the parser's message. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "ingest/mapping/byte_source.h"

namespace credo::ingest {

class JsonPath {
 public:
  //! "a.b[2].c"; an empty segment or a bad index is an error.
  static Result<JsonPath> Parse(std::string_view text);
  const std::string& text() const { return text_; }
  //! The value at this path in `object`, or nullopt when absent or null.
  std::optional<std::string> Lookup(const nlohmann::json& object) const;

 private:
  std::string text_;
  std::vector<std::variant<std::string, size_t>> segments_;
};

class JsonLinesReader {
 public:
  explicit JsonLinesReader(std::unique_ptr<ByteSource> source);
  //! Parses the next non-blank line; false at the end of input.
  Result<bool> Next();
  const nlohmann::json& current() const { return current_; }
  int64_t record_line() const { return record_line_; }
  const std::string& source_name() const { return source_->name(); }

 private:
  Result<bool> ReadLine(std::string* line);

  std::unique_ptr<ByteSource> source_;
  std::vector<char> buffer_;
  size_t position_ = 0;
  size_t limit_ = 0;
  bool eof_ = false;
  int64_t line_ = 0;
  int64_t record_line_ = 0;
  std::string line_text_;
  nlohmann::json current_;
};

}  // namespace credo::ingest
