// The only translation unit that includes cpp-httplib (see exchange.h for why).
#include "api/server/server.h"

#include <httplib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "api/server/group_commit.h"
#include "api/server/metrics.h"
#include "api/server/static_files.h"
#include "api/server/store_pool.h"
#include "compliance/context.h"
#include "store/wal_checkpointer.h"

namespace credo::api {
namespace {

using Clock_ = std::chrono::steady_clock;

bool IsAcceptableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 random([] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device() ^
           std::hash<std::thread::id>()(std::this_thread::get_id());
  }());
  char text[24];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(random()));
  return text;
}

enum class BodyOutcome { kRead, kTooLarge, kBroken };

// Reads the body through httplib's reader into `sink`, stopping past `limit` bytes.
BodyOutcome ReadBody(const httplib::ContentReader& reader, size_t limit, const BodyChunkSink& sink) {
  size_t total = 0;
  bool too_large = false;
  bool refused = false;
  bool ok = reader([&](const char* data, size_t size) {
    total += size;
    if (total > limit) {
      too_large = true;
      return false;
    }
    if (!sink(data, size)) {
      refused = true;
      return false;
    }
    return true;
  });
  if (too_large) return BodyOutcome::kTooLarge;
  if (!ok || refused) return BodyOutcome::kBroken;
  return BodyOutcome::kRead;
}

// glibc's allocator gives freed memory back to the kernel as soon as the free top of an arena
// passes a threshold, which it also raises and lowers as large blocks come and go. A server
// thread frees what a request allocated (SQLite's temporary b-trees for IN subqueries, the
// report's JSON) and allocates it again for the next request, so each report pull paid madvise,
// page faults on fresh zeroed pages and TLB shootdowns across the other threads: about a tenth
// of its CPU in the profile. Fixed thresholds keep freed memory for reuse (bounded by the peak).
void KeepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  static std::once_flag configured;
  std::call_once(configured, [] {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  });
#endif
}

std::string PrincipalLabel(const Caller& caller) {
  if (caller.kind == CallerKind::kAnonymous) return "-";
  return std::string(CallerKindName(caller.kind)) + ":" + caller.id;
}

}  // namespace

class Server::Impl {
 public:
  explicit Impl(Server& owner) : owner_(owner) {}

  Server& owner_;
  std::unique_ptr<httplib::Server> http;
  std::unique_ptr<WalCheckpointer> checkpointer;  // outlives the connections that use it
  std::unique_ptr<StorePool> stores;
  std::unique_ptr<GroupCommitWriter> record_writer;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<StaticFiles> console;
  std::unique_ptr<RetentionJob> retention;
  std::shared_ptr<Authenticator> authenticator;
  std::shared_ptr<spdlog::logger> logger;
  ApiServices services;
  std::thread listener;
  std::atomic<bool> running{false};
  bool tls = false;

  void Serve(const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader* reader);
  ApiResponse Dispatch(ApiRequest& request, const httplib::Request& req,
                       const httplib::ContentReader* reader, Caller& caller,
                       std::string& route_label, bool& body_consumed);
  void Log(const ApiRequest& request, const std::string& route, int status, double seconds,
           const Caller& caller, const std::string& error_code, std::string detail = {});
};

void Server::Impl::Log(const ApiRequest& request, const std::string& route, int status,
                       double seconds, const Caller& caller, const std::string& error_code,
                       std::string detail) {
  if (!logger) return;
  auto level = status >= 500 ? spdlog::level::err
                             : (status >= 400 ? spdlog::level::warn : spdlog::level::info);
  // The detail of an internal error, on the same line, quoted: no line breaks or quotes inside.
  for (char& c : detail) {
    if (c == '"') c = '\'';
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  logger->log(level,
              "request_id={} method={} route={} status={} latency_ms={:.3f} principal={}{}{}{}{}{}",
              request.request_id, request.method, route, status, seconds * 1000.0,
              PrincipalLabel(caller), error_code.empty() ? "" : " error=", error_code,
              detail.empty() ? "" : " detail=\"", detail, detail.empty() ? "" : "\"");
}

ApiResponse Server::Impl::Dispatch(ApiRequest& request, const httplib::Request& req,
                                   const httplib::ContentReader* reader, Caller& caller,
                                   std::string& route_label, bool& body_consumed) {
  const ServerOptions& options = owner_.options_;
  std::string method = request.method == "HEAD" ? "GET" : request.method;
  RouteMatch match = owner_.routes_.Match(method, request.path);
  if (match.route == nullptr) {
    if ((method == "GET") && console) {
      auto file = console->Serve(request.path);
      if (file) {
        route_label = "(console)";
        return *file;
      }
    }
    if (!match.allowed_methods.empty()) {
      route_label = "(method not allowed)";
      std::string allow;
      for (const std::string& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      ApiResponse response = ErrorResponse(
          405, "method_not_allowed", request.method + " is not allowed here; allowed: " + allow);
      response.SetHeader("Allow", allow);
      return response;
    }
    route_label = "(unmatched)";
    return ErrorResponse(404, "not_found",
                         "no such route: " + request.method +
                             " on this path; the routes are listed at /v1/openapi.json");
  }
  const Route& route = *match.route;
  route_label = route.path;
  request.path_params = match.path_params;

  // Who is calling, and may they use this route?
  if (route.requires_caller) {
    if (!authenticator) {
      return ErrorResponse(401, "unauthenticated",
                           "this server has no authenticator configured; no guarded route is open");
    }
    auto store = services.stores->ForThisThread();
    if (!store.ok()) return ResponseForError(store.error());
    auto who = authenticator->Authenticate(**store, request);
    if (!who.ok()) {
      ApiResponse response = ResponseForError(who.error());
      if (response.status == 401) response.SetHeader("WWW-Authenticate", "Bearer");
      return response;
    }
    caller = std::move(who).value();
    if (caller.kind == CallerKind::kAnonymous) {
      ApiResponse response = ErrorResponse(
          401, "unauthenticated",
          "this route needs credentials: send 'Authorization: Bearer <API key or session token>'");
      response.SetHeader("WWW-Authenticate", "Bearer");
      return response;
    }
    if (!route.permission.empty() && !authenticator->MayUse(caller, route.permission)) {
      return ErrorResponse(403, "permission_denied",
                           "role '" + caller.role + "' may not use " + route.method + " " +
                               route.path + " (it needs the permission '" + route.permission +
                               "')");
    }
    if (caller.kind == CallerKind::kClient && limiter) {
      RateDecision decision = limiter->Take(caller.rate_limit_key);
      if (!decision.allowed) {
        ApiResponse response = ErrorResponse(
            429, "rate_limited",
            "this API key is over its rate limit (" +
                std::to_string(static_cast<int64_t>(limiter->limit().rate_per_second)) +
                " requests/s, burst " +
                std::to_string(static_cast<int64_t>(limiter->limit().burst)) +
                "); retry after " + std::to_string(decision.retry_after_seconds) + " s");
        response.SetHeader("Retry-After", std::to_string(decision.retry_after_seconds));
        return response;
      }
    }
  }

  // The body: streamed to the handler, or read whole within the JSON limit.
  bool upload_too_large = false;
  if (reader != nullptr) {
    if (route.streams_body) {
      std::string length = req.get_header_value("Content-Length");
      request.stream_body = [reader, length, &body_consumed, &upload_too_large](
                                const BodyChunkSink& sink, size_t max_bytes) -> Status {
        if (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > max_bytes) {
          upload_too_large = true;
          return MakeError(ErrorCode::kResourceExhausted,
                           "the upload is " + length + " bytes; the most accepted is " +
                               std::to_string(max_bytes));
        }
        body_consumed = true;
        switch (ReadBody(*reader, max_bytes, sink)) {
          case BodyOutcome::kRead: return Ok();
          case BodyOutcome::kTooLarge:
            upload_too_large = true;
            return MakeError(ErrorCode::kResourceExhausted,
                             "the upload is larger than " + std::to_string(max_bytes) + " bytes");
          case BodyOutcome::kBroken: break;
        }
        return MakeError(ErrorCode::kUnavailable, "the upload was interrupted");
      };
    } else {
      std::string length = req.get_header_value("Content-Length");
      if (!length.empty() && std::strtoull(length.c_str(), nullptr, 10) > options.max_json_bytes) {
        return ErrorResponse(413, "payload_too_large",
                             "the body is " + length + " bytes; this route accepts at most " +
                                 std::to_string(options.max_json_bytes));
      }
      body_consumed = true;
      BodyOutcome outcome =
          ReadBody(*reader, options.max_json_bytes, [&request](const char* data, size_t size) {
            request.body.append(data, size);
            return true;
          });
      if (outcome == BodyOutcome::kTooLarge) {
        body_consumed = false;
        return ErrorResponse(413, "payload_too_large",
                             "the body is larger than " + std::to_string(options.max_json_bytes) +
                                 " bytes, the most this route accepts");
      }
      if (outcome == BodyOutcome::kBroken) {
        return ErrorResponse(400, "malformed_request", "the request body could not be read");
      }
    }
  } else {
    request.body = req.body;
    body_consumed = true;
  }

  RequestContext context(request, caller, services);
  try {
    Result<ApiResponse> result = route.handler(context);
    if (result.ok()) return std::move(result).value();
    if (upload_too_large) {
      return ErrorResponse(413, "payload_too_large", result.error().message);
    }
    // A 500's cause goes to the request's log line (ResponseForError's detail header).
    ApiResponse response = ResponseForError(result.error());
    response.SetHeader("X-Credo-Error-Code", std::string(ErrorCodeName(result.error().code)));
    return response;
  } catch (const std::exception& e) {
    if (logger) {
      logger->error("request_id={} route={} exception: {}", request.request_id, route.path,
                    e.what());
    }
    return ErrorResponse(500, "internal",
                         "internal error; the server log has the details under this request id");
  }
}

void Server::Impl::Serve(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader* reader) {
  auto start = Clock_::now();
  ApiRequest request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [key, value] : req.params) request.query.emplace(key, value);
  request.headers.assign(req.headers.begin(), req.headers.end());
  request.remote_address = req.remote_addr;
  std::string given_id = req.get_header_value("X-Request-Id");
  request.request_id = IsAcceptableRequestId(given_id) ? given_id : NewRequestId();

  Caller caller;
  std::string route_label;
  bool body_consumed = reader == nullptr;
  ApiResponse response = Dispatch(request, req, reader, caller, route_label, body_consumed);

  StampRequestId(response, request.request_id);
  std::string error_code = response.Header("X-Credo-Error-Code");
  std::string error_detail = response.Header(kErrorDetailHeader);
  std::vector<std::pair<std::string, std::string>> headers;
  for (auto& header : response.headers) {
    if (header.first != "X-Credo-Error-Code" && header.first != kErrorDetailHeader) {
      headers.push_back(std::move(header));
    }
  }
  res.status = response.status;
  for (const auto& [name, value] : headers) res.set_header(name, value);
  res.set_header("X-Request-Id", request.request_id);
  if (request.path.starts_with("/v1/") && !res.has_header("Cache-Control")) {
    res.set_header("Cache-Control", "no-store");
  } else if (request.path.starts_with("/assets/") && response.status == 200 &&
             !res.has_header("Cache-Control")) {
    // The console's build names its assets by content hash: a changed file is a new name.
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
  }
  if (!body_consumed) res.set_header("Connection", "close");
  res.set_content(std::move(response.body), response.content_type);

  double seconds = std::chrono::duration<double>(Clock_::now() - start).count();
  if (services.metrics) services.metrics->RecordRequest(request.method, route_label, res.status, seconds);
  if (error_code.empty() && response.status >= 400) {
    error_code = std::string(ErrorNameForStatus(response.status));
  }
  Log(request, route_label, res.status, seconds, caller, error_code, error_detail);
}

Server::Server(ServerOptions options)
    : options_(std::move(options)), metrics_(std::make_unique<Metrics>()) {
  if (options_.add_routes) {
    options_.add_routes(routes_);
  } else {
    AddApiRoutes(routes_);
  }
}

Server::~Server() { Stop(); }

bool Server::tls() const { return impl_ && impl_->tls; }

Status Server::Start() {
  if (impl_ && impl_->running) {
    return MakeError(ErrorCode::kFailedPrecondition, "the server is already running");
  }
  KeepFreedMemoryForReuse();
  impl_ = std::make_unique<Impl>(*this);
  Impl& impl = *impl_;
  const Clock& clock = options_.clock ? *options_.clock : SystemClock();

  // The bureau must open, and the tables the routes use must exist, before any request.
  {
    StoreOptions check = options_.store;
    CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(check));
    CREDO_TRY(compliance::EnsureComplianceSchema(*store));
    CREDO_TRY(PrepareBureau(*store));
  }

  impl.logger = options_.logger;
  if (!impl.logger) {
    impl.logger = std::make_shared<spdlog::logger>(
        "credo-api", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    impl.logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  }
  impl.authenticator = options_.authenticator ? options_.authenticator : MakeDefaultAuthenticator();
  // Before any connection the server keeps: those hand their WAL checkpoints to its thread, so
  // no request waits for a checkpoint's copying and fsyncs inside the writer's commit.
  CREDO_ASSIGN_OR_RETURN(impl.checkpointer,
                         WalCheckpointer::Start(options_.store, options_.wal_checkpoints));
  impl.stores = std::make_unique<StorePool>(options_.store);
  impl.limiter = std::make_unique<RateLimiter>(options_.rate_limit, options_.rate_time);
  if (!options_.console_dir.empty()) {
    std::error_code error;
    if (!std::filesystem::is_directory(options_.console_dir, error)) {
      return MakeError(ErrorCode::kNotFound,
                       "console folder " + options_.console_dir + " is not a folder");
    }
    impl.console = std::make_unique<StaticFiles>(options_.console_dir);
  }
  {
    StoreOptions writer_store = options_.store;
    CREDO_ASSIGN_OR_RETURN(impl.record_writer, GroupCommitWriter::Start([writer_store] {
                             return OpenStore(writer_store);
                           }));
  }
  impl.services.stores = impl.stores.get();
  impl.services.record_writer = impl.record_writer.get();
  if (impl.checkpointer->active()) impl.services.checkpointer = impl.checkpointer.get();
  impl.services.profile = &options_.profile;
  impl.services.clock = &clock;
  impl.services.authenticator = impl.authenticator.get();
  impl.services.metrics = metrics_.get();
  impl.services.max_json_bytes = options_.max_json_bytes;
  impl.services.max_upload_bytes = options_.max_upload_bytes;
  impl.services.decision_config_dir = options_.decision_config_dir;
  impl.services.upload_dir = options_.upload_dir.empty()
                                 ? std::filesystem::temp_directory_path().string()
                                 : options_.upload_dir;

  if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
    if (options_.tls_cert.empty() || options_.tls_key.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "TLS needs both a certificate (--tls-cert) and its key (--tls-key)");
    }
    auto ssl = std::make_unique<httplib::SSLServer>(options_.tls_cert.c_str(),
                                                     options_.tls_key.c_str());
    if (!ssl->is_valid()) {
      return MakeError(ErrorCode::kUnavailable,
                       "cannot load the TLS certificate " + options_.tls_cert + " and key " +
                           options_.tls_key + " (PEM files, key matching the certificate)");
    }
    impl.http = std::move(ssl);
    impl.tls = true;
  } else {
    impl.http = std::make_unique<httplib::Server>();
  }
  httplib::Server& http = *impl.http;
  size_t threads = static_cast<size_t>(std::max(1, options_.threads));
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_keep_alive_max_count(static_cast<size_t>(std::max(1, options_.keep_alive_max_requests)));
  http.set_keep_alive_timeout(options_.keep_alive_timeout_seconds);
  http.set_read_timeout(options_.read_timeout_seconds, 0);
  http.set_write_timeout(options_.write_timeout_seconds, 0);
  http.set_payload_max_length(std::max(options_.max_upload_bytes, options_.max_json_bytes));
  http.set_tcp_nodelay(true);

  Impl* self = &impl;
  auto plain = [self](const httplib::Request& req, httplib::Response& res) {
    self->Serve(req, res, nullptr);
  };
  auto with_body = [self](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) { self->Serve(req, res, &reader); };
  http.Get(".*", plain);
  http.Delete(".*", plain);
  http.Options(".*", plain);
  http.Post(".*", with_body);
  http.Put(".*", with_body);
  http.Patch(".*", with_body);
  http.Delete(".*", with_body);
  // Errors httplib answers itself (a malformed request line, a body over the hard limit, a
  // method it does not know): the same error shape, a request id, a log line.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [self](const httplib::Request& req, httplib::Response& res) {
    if (res.has_header("X-Request-Id")) return httplib::Server::HandlerResponse::Unhandled;
    ApiRequest request;
    request.method = req.method;
    request.request_id = NewRequestId();
    std::string message = res.status == 413 ? "the body is larger than the server accepts"
                                             : "the request could not be read as HTTP/1.1";
    ApiResponse response =
        ErrorResponse(res.status, ErrorNameForStatus(res.status), message);
    StampRequestId(response, request.request_id);
    res.set_header("X-Request-Id", request.request_id);
    res.set_content(response.body, response.content_type);
    if (self->services.metrics) self->services.metrics->RecordRequest(req.method, "(unrouted)", res.status, 0);
    self->Log(request, "(unrouted)", res.status, 0, Caller{},
              std::string(ErrorNameForStatus(res.status)));
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler(
      [self](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        ApiResponse response = ErrorResponse(500, "internal", "internal error");
        std::string id = NewRequestId();
        StampRequestId(response, id);
        res.status = 500;
        res.set_header("X-Request-Id", id);
        res.set_content(response.body, response.content_type);
        if (self->logger) self->logger->error("request_id={} unhandled exception", id);
      });

  int bound = 0;
  if (options_.port == 0) {
    bound = http.bind_to_any_port(options_.host);
  } else if (http.bind_to_port(options_.host, options_.port)) {
    bound = options_.port;
  }
  if (bound <= 0) {
    return MakeError(ErrorCode::kUnavailable,
                     "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                         " (address in use, or not an address of this machine)");
  }
  port_ = bound;
  impl.running = true;
  impl.listener = std::thread([self] { self->http->listen_after_bind(); });
  // Stop() right after Start() must find the accept loop running, or it would miss it.
  for (int i = 0; i < 5000 && !http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  if (options_.purge_interval.count() > 0) {
    StoreOptions job_store = options_.store;
    job_store.actor = "api:retention-job";
    auto logger = impl.logger;
    impl.retention = std::make_unique<RetentionJob>(
        [job_store] { return OpenStore(job_store); }, options_.profile, clock,
        options_.purge_interval, metrics_.get(), [logger](const RetentionRun& run) {
          if (run.ok) {
            logger->info(
                "retention purge as_of={} subjects_scanned={} items_purged={} reports_purged={} "
                "disputes_closed={}",
                run.as_of.ToIso(), run.subjects_scanned, run.items_purged, run.reports_purged,
                run.disputes_closed);
          } else {
            logger->error("retention purge as_of={} failed error={}", run.as_of.ToIso(),
                          run.error_code);
          }
        });
    impl.retention->Start();
  }
  return Ok();
}

void Server::Stop() {
  if (!impl_) return;
  Impl& impl = *impl_;
  if (impl.running.exchange(false)) {
    impl.http->stop();
    if (impl.listener.joinable()) impl.listener.join();
  }
  if (impl.retention) impl.retention->Stop();
  // After the workers stopped: nothing can queue records any more.
  if (impl.record_writer) impl.record_writer->Stop();
}

}  // namespace credo::api
