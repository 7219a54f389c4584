// credo api/routes: query-parameter and id-array checks shared by the early-warning routes
// (alert_routes.cc, graph_routes.cc, fraud_routes.cc). Internal to the routes; header-only.
//
// Each check answers kInvalidArgument (422) naming the parameter or field and the rule, so the
// handlers keep the order permission -> input (422) -> existence (404) -> data rules.
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/server/exchange.h"
#include "api/server/json_body.h"
#include "core/date.h"
#include "core/error.h"
#include "core/result.h"

namespace credo::api::earlywarn {

//! The largest id a query parameter or id field takes (18 decimal digits).
inline constexpr int64_t kMaxId = 999'999'999'999'999'999;

//! Refuses a query parameter the route does not know (a typo would otherwise be ignored).
inline Status OnlyKnownQuery(const ApiRequest& request,
                             std::initializer_list<std::string_view> known) {
  for (const auto& [name, unused] : request.query) {
    bool found = false;
    for (std::string_view candidate : known) found = found || candidate == name;
    if (found) continue;
    std::string list;
    for (std::string_view candidate : known) {
      list += (list.empty() ? "" : ", ") + std::string(candidate);
    }
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown query parameter '" + name + "'; this route accepts " +
                         (list.empty() ? std::string("none") : list));
  }
  return Ok();
}

//! A whole decimal number in [min, max], or nullopt when absent.
inline Result<std::optional<int64_t>> IntegerQuery(const ApiRequest& request,
                                                   std::string_view name, int64_t min,
                                                   int64_t max) {
  auto text = request.Query(name);
  if (!text) return std::optional<int64_t>();
  bool digits = !text->empty() && text->size() <= 18;
  for (char c : *text) digits = digits && c >= '0' && c <= '9';
  if (!digits || std::stoll(*text) < min || std::stoll(*text) > max) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter '" + std::string(name) + "' must be a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max) + ", got '" +
                         text->substr(0, 32) + "'");
  }
  return std::optional<int64_t>(std::stoll(*text));
}

//! A decimal number in [min, max], or nullopt when absent.
inline Result<std::optional<double>> NumberQuery(const ApiRequest& request, std::string_view name,
                                                 double min, double max) {
  auto text = request.Query(name);
  if (!text) return std::optional<double>();
  size_t used = 0;
  double value = 0;
  bool ok = !text->empty() && text->size() <= 24;
  for (char c : *text) ok = ok && ((c >= '0' && c <= '9') || c == '.');
  if (ok) {
    try {
      value = std::stod(*text, &used);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok || used != text->size() || value < min || value > max) {
    char range[64];
    std::snprintf(range, sizeof(range), "%g to %g", min, max);
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter '" + std::string(name) + "' must be a number from " +
                         range + ", got '" + text->substr(0, 32) + "'");
  }
  return std::optional<double>(value);
}

//! "true" or "false", or nullopt when absent.
inline Result<std::optional<bool>> BoolQuery(const ApiRequest& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text) return std::optional<bool>();
  if (*text == "true") return std::optional<bool>(true);
  if (*text == "false") return std::optional<bool>(false);
  return MakeError(ErrorCode::kInvalidArgument, "query parameter '" + std::string(name) +
                                                    "' must be true or false, got '" +
                                                    text->substr(0, 32) + "'");
}

//! A moment as unix seconds: a date YYYY-MM-DD (its midnight UTC) or whole unix seconds.
inline Result<std::optional<int64_t>> MomentQuery(const ApiRequest& request,
                                                  std::string_view name) {
  auto text = request.Query(name);
  if (!text) return std::optional<int64_t>();
  if (text->size() == 10 && (*text)[4] == '-') {
    auto date = Date::ParseIso(*text);
    if (date.ok()) {
      return std::optional<int64_t>(static_cast<int64_t>(date->days_since_epoch()) * 86400);
    }
  }
  bool digits = !text->empty() && text->size() <= 12;
  for (char c : *text) digits = digits && c >= '0' && c <= '9';
  if (digits) return std::optional<int64_t>(std::stoll(*text));
  return MakeError(ErrorCode::kInvalidArgument,
                   "query parameter '" + std::string(name) +
                       "' must be a date YYYY-MM-DD or unix seconds, got '" +
                       text->substr(0, 32) + "'");
}

//! ParseJsonBody for a schema whose `id_fields` are lists of subject ids: each is declared a
//! kStringArray and may be sent as JSON numbers or as decimal strings (numbers are turned into
//! strings before the schema check, so both pass the same validation).
inline std::optional<ApiResponse> ParseBodyWithIdArrays(const ApiRequest& request,
                                                        const ObjectSchema& schema,
                                                        std::initializer_list<const char*> id_fields,
                                                        nlohmann::json& out) {
  ApiRequest copy = request;
  nlohmann::json parsed = nlohmann::json::parse(request.body, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object()) {
    bool changed = false;
    for (const char* field : id_fields) {
      if (!parsed.contains(field) || !parsed[field].is_array()) continue;
      for (auto& item : parsed[field]) {
        if (item.is_number_integer()) {
          item = std::to_string(item.get<int64_t>());
          changed = true;
        }
      }
    }
    if (changed) copy.body = parsed.dump();
  }
  return ParseJsonBody(copy, schema, out);
}

//! The positive subject ids of a validated id-array field (422 naming "field[i]" otherwise).
inline Result<std::vector<int64_t>> IdArray(const nlohmann::json& body, const std::string& field,
                                            size_t max_items) {
  std::vector<int64_t> ids;
  if (!body.contains(field) || body[field].is_null()) return ids;
  const auto& items = body[field];
  if (items.size() > max_items) {
    return MakeError(ErrorCode::kInvalidArgument, "field '" + field + "' lists " +
                                                      std::to_string(items.size()) +
                                                      " ids; at most " +
                                                      std::to_string(max_items) + " per call");
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& text = items[i].get_ref<const std::string&>();
    bool digits = !text.empty() && text.size() <= 18;
    for (char c : text) digits = digits && c >= '0' && c <= '9';
    if (!digits || std::stoll(text) <= 0) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "field '" + field + "[" + std::to_string(i) +
                           "]' must be a positive subject id, got '" + text.substr(0, 32) + "'");
    }
    ids.push_back(std::stoll(text));
  }
  return ids;
}

}  // namespace credo::api::earlywarn
