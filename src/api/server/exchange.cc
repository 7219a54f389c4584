#include "api/server/exchange.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace credo::api {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string ApiRequest::Header(std::string_view name) const {
  std::string wanted = AsciiLower(name);
  for (const auto& [key, value] : headers) {
    if (AsciiLower(key) == wanted) return value;
  }
  return {};
}

bool ApiRequest::HasHeader(std::string_view name) const {
  std::string wanted = AsciiLower(name);
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return AsciiLower(header.first) == wanted; });
}

std::optional<std::string> ApiRequest::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

void ApiResponse::SetHeader(std::string name, std::string value) {
  std::string wanted = AsciiLower(name);
  for (auto& header : headers) {
    if (AsciiLower(header.first) == wanted) {
      header.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string ApiResponse::Header(std::string_view name) const {
  std::string wanted = AsciiLower(name);
  for (const auto& [key, value] : headers) {
    if (AsciiLower(key) == wanted) return value;
  }
  return {};
}

namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool Covers(std::string_view range, std::string_view media_type) {
  if (range == "*/*") return true;
  if (range.size() > 2 && range.substr(range.size() - 2) == "/*") {
    std::string_view type = range.substr(0, range.size() - 1);  // "text/"
    return media_type.substr(0, type.size()) == type;
  }
  return range == media_type;
}

}  // namespace

std::string NegotiateMediaType(std::string_view accept_header,
                               const std::vector<std::string>& offered) {
  if (offered.empty()) return {};
  std::string header = AsciiLower(Trim(accept_header));
  if (header.empty()) return offered.front();
  struct Choice {
    double q;
    int specificity;
    size_t order;
    std::string type;
  };
  std::optional<Choice> best;
  size_t order = 0;
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item.empty()) continue;
    std::string_view range = Trim(item.substr(0, item.find(';')));
    double q = 1.0;
    size_t q_at = item.find("q=");
    if (q_at != std::string_view::npos) {
      q = std::strtod(std::string(item.substr(q_at + 2)).c_str(), nullptr);
    }
    int specificity = range == "*/*" ? 0 : (range.ends_with("/*") ? 1 : 2);
    for (const std::string& type : offered) {
      if (q <= 0 || !Covers(range, type)) continue;
      // A wildcard picks the first offered type (the server's default).
      Choice choice{q, specificity, order, type};
      bool better = !best || choice.q > best->q ||
                    (choice.q == best->q && choice.specificity > best->specificity);
      if (better) best = choice;
      break;
    }
    ++order;
  }
  return best ? best->type : std::string();
}

}  // namespace credo::api
