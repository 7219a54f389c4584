#include "ingest/batch/connectors/http_pull.h"

#include <chrono>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "ingest/batch/state.h"

namespace credo::ingest {
namespace {

std::string Query(const HttpPullConfig& config, const std::optional<std::string>& cursor,
                  const std::optional<std::string>& page) {
  std::string path = config.path;
  char separator = path.find('?') == std::string::npos ? '?' : '&';
  if (cursor) {
    path += separator + config.since_param + "=" + httplib::detail::encode_query_param(*cursor);
    separator = '&';
  }
  if (page) path += separator + config.page_param + "=" + httplib::detail::encode_query_param(*page);
  return path;
}

//! GET with retries; returns the response body and headers of a 200.
Result<httplib::Response> Get(httplib::Client& client, const HttpPullConfig& config,
                              const std::string& path, PullResult& result) {
  httplib::Headers headers;
  if (!config.auth_header.empty()) headers.emplace(config.auth_header, config.auth_value);
  int backoff = config.initial_backoff_ms;
  std::string last_problem;
  for (int attempt = 1; attempt <= config.max_attempts; ++attempt) {
    ++result.requests;
    auto response = client.Get(path, headers);
    if (response && response->status == 200) return *response;
    if (response && response->status != 429 && response->status < 500) {
      ErrorCode code = response->status == 401 || response->status == 403
                           ? ErrorCode::kPermissionDenied
                           : ErrorCode::kInvalidArgument;
      return MakeError(code, "the partner answered HTTP " + std::to_string(response->status) +
                                 " to GET " + config.path +
                                 (code == ErrorCode::kPermissionDenied
                                      ? "; check the auth header in the connector configuration"
                                      : "; check the endpoint path"));
    }
    last_problem = response ? "HTTP " + std::to_string(response->status)
                            : httplib::to_string(response.error());
    if (attempt < config.max_attempts) {
      ++result.retries;
      std::this_thread::sleep_for(std::chrono::milliseconds(backoff));
      backoff *= 2;
    }
  }
  return MakeError(ErrorCode::kUnavailable,
                   "GET " + config.base_url + config.path + " failed " +
                       std::to_string(config.max_attempts) + " times (last: " + last_problem +
                       "); the partner is unavailable, try again later");
}

}  // namespace

Result<PullResult> PullFromHttp(Store& store, const HttpPullConfig& config,
                                const std::string& source, const Mapping* mapping,
                                const JurisdictionProfile& profile,
                                const IngestOptions& options) {
  PullResult result;
  CREDO_TRY(EnsureIngestSchema(store));
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(result.previous_cursor, LoadCursor(txn, source));
    return Ok();
  }));
  httplib::Client client(config.base_url);
  client.set_connection_timeout(config.timeout_seconds, 0);
  client.set_read_timeout(config.timeout_seconds, 0);

  std::string delivery;
  std::string cursor = result.previous_cursor.value_or("");
  if (!config.paged_json) {
    CREDO_ASSIGN_OR_RETURN(httplib::Response response,
                           Get(client, config, Query(config, result.previous_cursor, {}), result));
    delivery = std::move(response.body);
    if (response.has_header(config.cursor_header)) {
      cursor = response.get_header_value(config.cursor_header);
    }
  } else {
    std::optional<std::string> page;
    for (int pages = 0;; ++pages) {
      if (pages >= config.max_pages) {
        return MakeError(ErrorCode::kResourceExhausted,
                         "more than " + std::to_string(config.max_pages) + " pages from " +
                             config.path + "; raise max_pages or pull more often");
      }
      CREDO_ASSIGN_OR_RETURN(httplib::Response response,
                             Get(client, config, Query(config, result.previous_cursor, page),
                                 result));
      nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
      if (body.is_discarded() || !body.is_object() || !body.contains("items") ||
          !body["items"].is_array()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "[IN-902] page " + std::to_string(pages + 1) + " of " + config.path +
                             " is not {\"items\": [...]}: the partner's paged JSON is malformed");
      }
      for (const nlohmann::json& item : body["items"]) delivery += item.dump() + "\n";
      if (body.contains("cursor") && body["cursor"].is_string()) {
        cursor = body["cursor"].get<std::string>();
      }
      if (!body.contains("next_page") || body["next_page"].is_null()) break;
      page = body["next_page"].is_string() ? body["next_page"].get<std::string>()
                                           : body["next_page"].dump();
    }
  }
  result.cursor = cursor;
  bool blank = delivery.find_first_not_of(" \r\n\t") == std::string::npos;
  if (blank) {
    result.empty = true;
  } else {
    std::string name = source + "@" + (result.previous_cursor ? *result.previous_cursor : "start");
    CREDO_ASSIGN_OR_RETURN(IngestResult loaded,
                           IngestBytes(store, std::move(delivery), name, source,
                                       InputFormat::kJsonLines, mapping, profile, options));
    result.ingest = std::move(loaded);
  }
  if (!cursor.empty() && cursor != result.previous_cursor.value_or("")) {
    const Clock& clock = options.clock ? *options.clock : SystemClock();
    CREDO_TRY(store.WithTransaction([&](Transaction& txn) -> Status {
      return SaveCursor(txn, source, cursor, clock.NowUnixSeconds());
    }));
  }
  return result;
}

}  // namespace credo::ingest
