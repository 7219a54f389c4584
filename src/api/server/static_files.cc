#include "api/server/static_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "api/server/router.h"

namespace credo::api {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code error;
  root_ = fs::canonical(root, error);
  if (error) root_ = root;
}

bool StaticFiles::IsSafePath(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  for (const std::string& segment : SplitPath(path)) {
    if (segment == "." || segment == "..") return false;
    if (segment.find(':') != std::string::npos) return false;
  }
  return true;
}

std::string StaticFiles::MediaTypeFor(const fs::path& file) {
  std::string ext = AsciiLower(file.extension().string());
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  // Not text/javascript: cpp-httplib (0.11) compresses every text/* answer on the fly, with
  // brotli when the browser offers it, which cost seconds of CPU per load for the console's
  // 700 kB chart bundle; application/javascript with a parameter is sent as it is.
  if (ext == ".js" || ext == ".mjs") return "application/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

std::optional<ApiResponse> StaticFiles::ReadFile(const fs::path& file) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  ApiResponse response;
  response.status = 200;
  response.content_type = MediaTypeFor(file);
  response.body = bytes.str();
  response.SetHeader("X-Content-Type-Options", "nosniff");
  return response;
}

std::optional<ApiResponse> StaticFiles::Serve(std::string_view path) const {
  if (!IsSafePath(path)) return std::nullopt;
  fs::path relative;
  for (const std::string& segment : SplitPath(path)) relative /= segment;
  std::error_code error;
  if (!relative.empty()) {
    fs::path resolved = fs::weakly_canonical(root_ / relative, error);
    if (!error) {
      // Inside the root: the resolved path starts with every component of the root.
      auto [root_end, unused] = std::mismatch(root_.begin(), root_.end(), resolved.begin(),
                                              resolved.end());
      (void)unused;
      bool inside = root_end == root_.end();
      if (inside && fs::is_regular_file(resolved, error)) return ReadFile(resolved);
      if (inside && fs::is_directory(resolved, error) &&
          fs::is_regular_file(resolved / "index.html", error)) {
        return ReadFile(resolved / "index.html");
      }
      if (!inside) return std::nullopt;
    }
  }
  if (path.starts_with("/v1/") || path == "/v1") return std::nullopt;
  fs::path index = root_ / "index.html";
  if (fs::is_regular_file(index, error)) return ReadFile(index);
  return std::nullopt;
}

}  // namespace credo::api
