// credo ingest/batch: the pull connector for a partner's HTTP endpoint.
//
// PullFromHttp fetches what the partner has since the cursor remembered in the bureau (none on
// the first pull), either as JSON lines (one response; the next cursor in a response header) or
// as paged JSON ({"items": [...], "next_page": token|null, "cursor": "..."}, following
// next_page), sends an auth header from configuration, retries connection failures, 429 and
// 5xx with exponential backoff, and loads the delivery as one batch through the same mapping
// (a jsonl mapping) or canonical JSON lines and the same validation as a file. The new cursor is
// saved after the batch commits; a pull interrupted in between fetches the same delivery again,
// which is recognised by its content hash, so nothing is loaded twice. Uses cpp-httplib's
// client (this translation unit only: httplib must not meet Eigen).
#pragma once

#include <optional>
#include <string>

#include "core/profile.h"
#include "core/result.h"
#include "ingest/batch/pipeline.h"
#include "ingest/mapping/mapping.h"
#include "store/store.h"

namespace credo::ingest {

struct HttpPullConfig {
  std::string base_url;      //!< "http://127.0.0.1:8080" or https://...
  std::string path;          //!< "/v1/accounts"
  std::string auth_header;   //!< e.g. "Authorization"; empty: none
  std::string auth_value;    //!< e.g. "Bearer <token>" (from configuration, never logged)
  bool paged_json = false;   //!< false: JSON lines
  std::string since_param = "since";
  std::string page_param = "page";
  std::string cursor_header = "X-Next-Cursor";  //!< JSON lines: where the next cursor is
  int max_attempts = 4;
  int initial_backoff_ms = 200;
  int timeout_seconds = 30;
  int max_pages = 10000;
};

struct PullResult {
  std::optional<std::string> previous_cursor;
  std::string cursor;  //!< saved for the next pull
  int64_t requests = 0;
  int64_t retries = 0;
  bool empty = false;  //!< nothing new: no batch was created
  std::optional<IngestResult> ingest;
};

Result<PullResult> PullFromHttp(Store& store, const HttpPullConfig& config,
                                const std::string& source, const Mapping* mapping,
                                const JurisdictionProfile& profile,
                                const IngestOptions& options = {});

}  // namespace credo::ingest
