// The real HTTP client for webhook delivery (cpp-httplib). Only this file includes httplib.h.
#include <httplib.h>

#include "core/error.h"
#include "monitor/delivery.h"
#include "monitor/webhooks.h"

namespace credo::monitor {
namespace {

class HttplibClient final : public HttpClient {
 public:
  explicit HttplibClient(const HttpClientOptions& options) : options_(options) {}

  Result<HttpResponse> Post(const std::string& url,
                            const std::map<std::string, std::string>& headers,
                            const std::string& body) override {
    CREDO_ASSIGN_OR_RETURN(WebhookUrl parsed, ParseWebhookUrl(url));
    std::string host = parsed.host.find(':') != std::string::npos ? "[" + parsed.host + "]"
                                                                  : parsed.host;
    std::string base = parsed.scheme + "://" + host + ":" + std::to_string(parsed.port);
    httplib::Client client(base);
    client.set_connection_timeout(options_.connect_timeout_ms / 1000,
                                  (options_.connect_timeout_ms % 1000) * 1000);
    client.set_read_timeout(options_.read_timeout_ms / 1000, (options_.read_timeout_ms % 1000) * 1000);
    client.set_write_timeout(options_.read_timeout_ms / 1000, (options_.read_timeout_ms % 1000) * 1000);
    httplib::Headers request_headers;
    std::string content_type = "application/json";
    for (const auto& [name, value] : headers) {
      if (name == "Content-Type") {
        content_type = value;
      } else {
        request_headers.emplace(name, value);
      }
    }
    auto response = client.Post(parsed.path, request_headers, body, content_type);
    if (!response) {
      return MakeError(ErrorCode::kUnavailable,
                       "POST " + base + parsed.path + " failed: " + httplib::to_string(response.error()));
    }
    return HttpResponse{response->status, response->body};
  }

 private:
  HttpClientOptions options_;
};

}  // namespace

std::unique_ptr<HttpClient> MakeHttpClient(const HttpClientOptions& options) {
  return std::make_unique<HttplibClient>(options);
}

}  // namespace credo::monitor
