// credo api/server: the web console's static files, served at /.
//
// Serves files under one folder. A request path is refused (404, never read) when a segment is
// "." or "..", holds a backslash or NUL, or when the resolved file (symbolic links followed) is
// not inside the folder. A path that names no file gets index.html (the console routes in the
// browser), except under /v1/, which is the API's. Only GET and HEAD. Thread-safe (read-only).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/exchange.h"

namespace credo::api {

class StaticFiles {
 public:
  //! `root` must be an existing folder; it is resolved once here.
  explicit StaticFiles(const std::filesystem::path& root);

  //! The response for `path` (already percent-decoded), or nullopt when it is refused or absent
  //! and there is no index.html.
  std::optional<ApiResponse> Serve(std::string_view path) const;
  const std::filesystem::path& root() const { return root_; }

  //! The media type for a file name's extension (application/octet-stream when unknown).
  static std::string MediaTypeFor(const std::filesystem::path& file);
  //! False when the path has a segment that could leave the folder (see the header comment).
  static bool IsSafePath(std::string_view path);

 private:
  std::optional<ApiResponse> ReadFile(const std::filesystem::path& file) const;
  std::filesystem::path root_;
};

}  // namespace credo::api
