// credo api/routes: query parameters the operations routes share (subjects, batches, disputes,
// audit, models): the allowed names, after_id / limit paging, flags. Internal to the routes.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/router.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::api::routes_internal {

//! kInvalidArgument naming a query parameter not in `allowed`.
inline Status OnlyQueryParams(const ApiRequest& request,
                              std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, unused] : request.query) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return MakeError(ErrorCode::kInvalidArgument,
                       "unknown query parameter '" + name + "'; this route accepts " +
                           (list.empty() ? std::string("none") : list));
    }
  }
  return Ok();
}

//! A non-negative integer query parameter (`fallback` when absent) no larger than `max`.
inline Result<int64_t> IntegerParam(const ApiRequest& request, const std::string& name,
                                    int64_t fallback, int64_t min, int64_t max) {
  auto text = request.Query(name);
  if (!text) return fallback;
  bool digits = !text->empty() && text->size() <= 18;
  for (char c : *text) digits = digits && c >= '0' && c <= '9';
  int64_t value = digits ? std::stoll(*text) : -1;
  if (!digits || value < min || value > max) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "query parameter '" + name + "' must be an integer from " +
                         std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

//! "true" or "false"; nullopt when absent.
inline Result<std::optional<bool>> BoolParam(const ApiRequest& request, const std::string& name) {
  auto text = request.Query(name);
  if (!text) return std::optional<bool>();
  if (*text == "true") return std::optional<bool>(true);
  if (*text == "false") return std::optional<bool>(false);
  return MakeError(ErrorCode::kInvalidArgument,
                   "query parameter '" + name + "' must be true or false");
}

//! An integer column of a generic query, whatever the backend returned it as.
inline int64_t SqlInt(const SqlValue& value) {
  if (value.kind == SqlValue::Kind::kInt) return value.int_value;
  if (value.kind == SqlValue::Kind::kReal) return static_cast<int64_t>(value.real_value);
  if (value.kind == SqlValue::Kind::kNull) return 0;
  return std::strtoll(value.bytes.c_str(), nullptr, 10);
}

}  // namespace credo::api::routes_internal
