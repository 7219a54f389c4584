#include "ingest/mapping/jsonl_reader.h"

#include <charconv>
#include <cstring>

namespace credo::ingest {

Result<JsonPath> JsonPath::Parse(std::string_view text) {
  JsonPath path;
  path.text_ = std::string(text);
  size_t i = 0;
  auto bad = [&](const std::string& why) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "JSON path \"" + std::string(text) + "\": " + why +
                         " (write members as a.b.c and array items as a[0])");
  };
  if (text.empty()) return bad("is empty");
  while (i < text.size()) {
    if (text[i] == '[') {
      size_t close = text.find(']', i);
      if (close == std::string_view::npos) return bad("'[' without ']'");
      size_t index = 0;
      auto digits = text.substr(i + 1, close - i - 1);
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size()) {
        return bad("array index must be a number");
      }
      path.segments_.emplace_back(index);
      i = close + 1;
      if (i < text.size() && text[i] == '.') ++i;
      continue;
    }
    size_t end = text.find_first_of(".[", i);
    if (end == std::string_view::npos) end = text.size();
    if (end == i) return bad("has an empty member name");
    path.segments_.emplace_back(std::string(text.substr(i, end - i)));
    i = end;
    if (i < text.size() && text[i] == '.') {
      ++i;
      if (i == text.size()) return bad("ends with '.'");
    }
  }
  return path;
}

std::optional<std::string> JsonPath::Lookup(const nlohmann::json& object) const {
  const nlohmann::json* node = &object;
  for (const auto& segment : segments_) {
    if (const auto* key = std::get_if<std::string>(&segment)) {
      if (!node->is_object()) return std::nullopt;
      auto it = node->find(*key);
      if (it == node->end()) return std::nullopt;
      node = &*it;
    } else {
      size_t index = std::get<size_t>(segment);
      if (!node->is_array() || index >= node->size()) return std::nullopt;
      node = &(*node)[index];
    }
  }
  if (node->is_null()) return std::nullopt;
  if (node->is_string()) return node->get<std::string>();
  return node->dump();
}

JsonLinesReader::JsonLinesReader(std::unique_ptr<ByteSource> source)
    : source_(std::move(source)), buffer_(1 << 20) {}

Result<bool> JsonLinesReader::ReadLine(std::string* line) {
  line->clear();
  bool any = false;
  while (true) {
    if (position_ >= limit_) {
      if (eof_) return any;
      CREDO_ASSIGN_OR_RETURN(size_t n, source_->Read(buffer_.data(), buffer_.size()));
      position_ = 0;
      limit_ = n;
      if (n == 0) {
        eof_ = true;
        return any;
      }
    }
    any = true;
    const char* start = buffer_.data() + position_;
    const char* end = buffer_.data() + limit_;
    const char* newline = static_cast<const char*>(std::memchr(start, '\n', end - start));
    if (newline == nullptr) {
      line->append(start, end);
      position_ = limit_;
      continue;
    }
    line->append(start, newline);
    position_ += (newline - start) + 1;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }
}

Result<bool> JsonLinesReader::Next() {
  while (true) {
    CREDO_ASSIGN_OR_RETURN(bool got, ReadLine(&line_text_));
    if (!got) return false;
    ++line_;
    bool blank = line_text_.find_first_not_of(" \t") == std::string::npos;
    if (blank) continue;
    record_line_ = line_;
    current_ = nlohmann::json::parse(line_text_, nullptr, /*allow_exceptions=*/false);
    if (current_.is_discarded() || !current_.is_object()) {
      std::string why = current_.is_discarded() ? "is not valid JSON" : "is not a JSON object";
      // Find the parser's message for the user.
      try {
        nlohmann::json thrown = nlohmann::json::parse(line_text_);
        (void)thrown;  // not reached: the same text failed above
      } catch (const nlohmann::json::exception& e) {
        why += std::string(" (") + e.what() + ")";
      }
      return MakeError(ErrorCode::kInvalidArgument,
                       "line " + why + "; each line must hold one JSON object",
                       source_->name() + ":" + std::to_string(line_));
    }
    return true;
  }
}

}  // namespace credo::ingest
