// credo api/server: one HTTP exchange as the routes see it, independent of the HTTP library.
//
// ApiRequest is what a handler reads (method, path, path parameters from the route template,
// query parameters, headers looked up case-insensitively, the body or a reader that streams it);
// ApiResponse is what it returns (status, content type, body, extra headers). Keeping
// cpp-httplib out of these types keeps it in one translation unit (server.cc): it must never
// share one with Eigen (DESIGN.md), and handlers stay testable without a socket.
// Plain values; not thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace credo::api {

//! Receives the body in pieces; return false to stop reading.
using BodyChunkSink = std::function<bool(const char* data, size_t size)>;
//! Streams the request body into `sink`; fails when the body is larger than `max_bytes`
//! (kResourceExhausted) or the connection breaks (kUnavailable).
using BodyStreamer = std::function<Status(const BodyChunkSink& sink, size_t max_bytes)>;

struct ApiRequest {
  std::string method;  //!< "GET", "POST", "DELETE" ...
  std::string path;    //!< the decoded path, without the query string
  std::map<std::string, std::string> path_params;       //!< from the route template's {name}
  std::multimap<std::string, std::string> query;        //!< decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;            //!< the whole body, unless the route streams it
  BodyStreamer stream_body;    //!< set for streaming routes (batch upload) instead of body
  std::string remote_address;
  std::string request_id;

  //! The first header of that name (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  //! The first query parameter of that name, if present.
  std::optional<std::string> Query(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void SetHeader(std::string name, std::string value);
  std::string Header(std::string_view name) const;
};

//! Accept negotiation: the offered media type the header prefers (highest q, then the order the
//! header lists them; "*/*" and "type/*" match), the first offered one when the header is empty,
//! or empty when the header accepts none of them.
std::string NegotiateMediaType(std::string_view accept_header,
                               const std::vector<std::string>& offered);

//! Lower-cases ASCII.
std::string AsciiLower(std::string_view text);

}  // namespace credo::api
