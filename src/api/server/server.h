// credo api/server: the HTTP server (`credo serve` runs one; tests start one on port 0).
//
// What it offers
//   Server(options).Start() binds (port 0: any free port; port() says which), starts the worker
//   pool and serves the route table (routes/routes.h: the API under /v1, /healthz, /metrics,
//   /v1/openapi.json) plus, when console_dir is set, the web console's static files at /.
//   Stop() stops accepting, lets requests in flight finish, closes idle keep-alive connections,
//   stops the retention job and returns. TLS when tls_cert and tls_key are given (OpenSSL).
//
// Every request: gets a request id (X-Request-Id: the client's when it is 1-64 characters of
// [A-Za-z0-9._-], else a new random one; echoed on every response), is matched to a route
// template, authenticated and authorised when the route is guarded (401, 403), rate limited per
// API key (429 with Retry-After), has its body checked against the route's size limit (413)
// before the handler runs, and is logged once with spdlog: method, route template, status,
// latency, request id and principal id (never a path, query, body, name, identifier or token).
// Failures are answered in the one error shape (errors.h).
//
// Thread safety: Start/Stop/Wait from one controlling thread; requests are served on the
// pool's threads, each with its own Store (store_pool.h).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "api/server/caller.h"
#include "api/server/rate_limiter.h"
#include "api/server/retention_job.h"
#include "api/server/router.h"
#include "core/date.h"
#include "core/profile.h"
#include "core/result.h"
#include "store/store.h"
#include "store/wal_checkpointer.h"

namespace spdlog {
class logger;
}

namespace credo::api {

class Metrics;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;            //!< 0: any free port
  int threads = 16;           //!< worker threads (each keep-alive connection holds one)
  std::string tls_cert;       //!< PEM certificate chain; with tls_key, serve HTTPS
  std::string tls_key;        //!< PEM private key
  StoreOptions store;         //!< the bureau (one Store per worker thread is opened from it)
  JurisdictionProfile profile;
  const Clock* clock = nullptr;  //!< nullptr: SystemClock()
  size_t max_json_bytes = 1 << 20;
  size_t max_upload_bytes = 512u << 20;
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 30;
  int keep_alive_timeout_seconds = 5;
  int keep_alive_max_requests = 10000;
  RateLimit rate_limit;
  RateLimiter::TimeSource rate_time;  //!< tests: a hand-driven clock; empty: steady_clock
  std::chrono::seconds purge_interval{0};  //!< 0: no scheduled retention purge
  //! SQLite bureaus: when the checkpointer's thread copies the log and how long the log may
  //! grow before it is rewound (`credo serve --wal-limit`); PostgreSQL ignores it.
  WalCheckpointOptions wal_checkpoints;
  std::string console_dir;    //!< static files served at /; empty: none
  std::string upload_dir;     //!< where batch uploads are spooled; empty: the temp folder
  //! The decision rules (tiers_person.toml, tiers_company.toml, actions.toml, decision.toml), read
  //! on each decision request so that an edit takes effect at once; empty: the built-in files.
  std::string decision_config_dir;
  std::shared_ptr<spdlog::logger> logger;  //!< nullptr: a logger writing to stderr
  //! Who callers are; nullptr: MakeDefaultAuthenticator() (routes/routes.h).
  std::shared_ptr<Authenticator> authenticator;
  //! Adds the routes; empty: AddApiRoutes (routes/routes.h). Tests may serve their own table.
  std::function<void(RouteTable&)> add_routes;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Opens the bureau once (schema checks), binds and starts serving on a background thread.
  //! kUnavailable when the address cannot be bound or the TLS files cannot be loaded.
  Status Start();
  //! The bound port (after Start).
  int port() const { return port_; }
  bool tls() const;
  //! Graceful stop (see the header comment). Idempotent.
  void Stop();

  const RouteTable& routes() const { return routes_; }
  Metrics& metrics() { return *metrics_; }
  const ServerOptions& options() const { return options_; }

  class Impl;

 private:
  ServerOptions options_;
  RouteTable routes_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace credo::api
