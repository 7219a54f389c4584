// The server over a real socket, with a test route table and a test authenticator: request ids,
// the error shape for every failure, 401/403/404/405/413/415/429/500, limits, logs, metrics,
// static files and graceful shutdown.
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/routes/routes.h"
#include "api/server/errors.h"
#include "api/server/metrics.h"
#include "api/server/server.h"
#include "store/keys.h"

namespace credo::api {
namespace {

namespace fs = std::filesystem;

class TestAuthenticator : public Authenticator {
 public:
  Result<Caller> Authenticate(Store&, const ApiRequest& request) override {
    std::string header = request.Header("Authorization");
    if (header.empty()) return Caller{};
    if (header == "Bearer key-bank-a" || header == "Bearer key-bank-b") {
      Caller caller;
      caller.kind = CallerKind::kClient;
      caller.id = header == "Bearer key-bank-a" ? "client-a" : "client-b";
      caller.institution = header == "Bearer key-bank-a" ? "bank-a" : "bank-b";
      caller.role = "institution";
      caller.rate_limit_key = header == "Bearer key-bank-a" ? 1 : 2;
      return caller;
    }
    if (header == "Bearer session-ops") {
      Caller caller;
      caller.kind = CallerKind::kOperator;
      caller.id = "ops-user";
      caller.role = "data_operations";
      return caller;
    }
    return MakeError(ErrorCode::kUnauthenticated, "unknown or revoked key");
  }
  bool MayUse(const Caller& caller, std::string_view permission) const override {
    return caller.role == "institution" && permission == "test.read";
  }
  Result<SessionGrant> Login(Store&, std::string_view, std::string_view, std::string_view,
                             std::string_view) override {
    return MakeError(ErrorCode::kUnauthenticated, "no");
  }
  Status Logout(Store&, const ApiRequest&) override { return Ok(); }
};

void AddTestRoutes(RouteTable& table) {
  AddSystemRoutes(table);
  static const auto schema = std::make_shared<const ObjectSchema>(
      ObjectSchema{"Echo", {{"text", FieldType::kString, true, "", 64}}});
  Route get;
  get.method = "GET";
  get.path = "/v1/echo/{id}";
  get.permission = "test.read";
  get.summary = "echo";
  get.handler = [](RequestContext& context) -> Result<ApiResponse> {
    return JsonResponse({{"id", context.request().path_params.at("id")},
                         {"caller", context.caller().id}});
  };
  table.Add(std::move(get));
  Route post;
  post.method = "POST";
  post.path = "/v1/echo";
  post.permission = "test.read";
  post.summary = "echo a body";
  post.request_schema = schema;
  post.handler = [](RequestContext& context) -> Result<ApiResponse> {
    nlohmann::json body;
    if (auto failure = ParseJsonBody(context.request(), *schema, body)) return *failure;
    return JsonResponse(body);
  };
  table.Add(std::move(post));
  Route slow;
  slow.method = "GET";
  slow.path = "/v1/slow";
  slow.requires_caller = false;
  slow.summary = "slow";
  slow.handler = [](RequestContext&) -> Result<ApiResponse> {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    return JsonResponse({{"done", true}});
  };
  table.Add(std::move(slow));
  Route boom;
  boom.method = "GET";
  boom.path = "/v1/boom";
  boom.requires_caller = false;
  boom.summary = "fails";
  boom.handler = [](RequestContext&) -> Result<ApiResponse> {
    return MakeError(ErrorCode::kInternal, "sqlite said: table secret_table is corrupt");
  };
  table.Add(std::move(boom));
  Route upload;
  upload.method = "POST";
  upload.path = "/v1/upload";
  upload.requires_caller = false;
  upload.summary = "counts bytes";
  upload.streams_body = true;
  upload.handler = [](RequestContext& context) -> Result<ApiResponse> {
    size_t bytes = 0;
    CREDO_TRY(context.request().stream_body(
        [&bytes](const char*, size_t size) {
          bytes += size;
          return true;
        },
        context.services().max_upload_bytes));
    return JsonResponse({{"bytes", bytes}});
  };
  table.Add(std::move(upload));
}

// A new SQLite bureau (and its key file) in `dir`; `store` opens it.
void CreateBureau(const fs::path& dir, StoreOptions& store) {
  std::string db = (dir / "bureau.db").string();
  ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
  store.location = db;
  store.key_file = db + ".keys";
  store.create_if_missing = true;
  { ASSERT_TRUE(OpenStore(store).ok()); }
  store.create_if_missing = false;
}

class ServerHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/credo_server_http_XXXXXX";
    dir_ = mkdtemp(pattern);
    StoreOptions store;
    ASSERT_NO_FATAL_FAILURE(CreateBureau(dir_, store));
    fs::create_directories(dir_ / "console");
    std::ofstream(dir_ / "console" / "index.html") << "<html>console</html>";
    std::ofstream(dir_ / "secret.txt") << "outside the console";

    ServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.store = store;
    options.profile = LoadBuiltinProfile("cn").value();
    options.max_json_bytes = 1024;
    options.max_upload_bytes = 64 * 1024;
    options.rate_limit = {1, 3};
    options.rate_time = [this] { return rate_now_.load(); };
    options.console_dir = (dir_ / "console").string();
    options.authenticator = std::make_shared<TestAuthenticator>();
    options.add_routes = AddTestRoutes;
    log_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    options.logger = std::make_shared<spdlog::logger>("test", log_sink_);
    server_ = std::make_unique<Server>(std::move(options));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    ASSERT_GT(server_->port(), 0);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10, 0);
    return client;
  }
  static nlohmann::json Json(const httplib::Result& result) {
    return nlohmann::json::parse(result->body, nullptr, false);
  }
  static void ExpectError(const httplib::Result& result, int status, const std::string& code) {
    ASSERT_TRUE(result) << "no response";
    EXPECT_EQ(result->status, status) << result->body;
    auto body = Json(result);
    ASSERT_TRUE(body.contains("error")) << result->body;
    EXPECT_EQ(body["error"]["code"], code) << result->body;
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    EXPECT_EQ(body["error"]["request_id"], result->get_header_value("X-Request-Id"));
    EXPECT_FALSE(result->get_header_value("X-Request-Id").empty());
  }

  fs::path dir_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink_;
  std::atomic<double> rate_now_{100.0};
  std::unique_ptr<Server> server_;
};

TEST_F(ServerHttpTest, GuardedRouteAnswersTheCaller) {
  auto client = Client();
  auto result = client.Get("/v1/echo/42", {{"Authorization", "Bearer key-bank-a"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(Json(result)["id"], "42");
  EXPECT_EQ(Json(result)["caller"], "client-a");
  EXPECT_EQ(result->get_header_value("X-Request-Id").size(), 16u);
  EXPECT_EQ(result->get_header_value("Cache-Control"), "no-store");
}

TEST_F(ServerHttpTest, RequestIdIsEchoedWhenSafeAndReplacedOtherwise) {
  auto client = Client();
  auto given = client.Get("/healthz", {{"X-Request-Id", "trace-123.a_b"}});
  EXPECT_EQ(given->get_header_value("X-Request-Id"), "trace-123.a_b");
  auto hostile = client.Get("/healthz", {{"X-Request-Id", "x\" injected=1 <script>"}});
  EXPECT_NE(hostile->get_header_value("X-Request-Id"), "x\" injected=1 <script>");
  EXPECT_EQ(hostile->get_header_value("X-Request-Id").size(), 16u);
}

TEST_F(ServerHttpTest, AuthenticationAndPermissionFailures) {
  auto client = Client();
  auto none = client.Get("/v1/echo/1");
  ExpectError(none, 401, "unauthenticated");
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  ExpectError(client.Get("/v1/echo/1", {{"Authorization", "Bearer revoked"}}), 401,
              "unauthenticated");
  ExpectError(client.Get("/v1/echo/1", {{"Authorization", "Bearer session-ops"}}), 403,
              "permission_denied");
}

TEST_F(ServerHttpTest, UnknownRoutesAndMethods) {
  auto client = Client();
  ExpectError(client.Get("/v1/nothing/here"), 404, "not_found");
  auto wrong = client.Delete("/v1/echo");
  ExpectError(wrong, 405, "method_not_allowed");
  EXPECT_EQ(wrong->get_header_value("Allow"), "POST");
}

TEST_F(ServerHttpTest, BodiesAreCheckedBeforeTheHandler) {
  auto client = Client();
  httplib::Headers auth = {{"Authorization", "Bearer key-bank-b"}};
  auto ok = client.Post("/v1/echo", auth, R"({"text":"hi"})", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  rate_now_ = rate_now_ + 10;
  ExpectError(client.Post("/v1/echo", auth, R"({"text":)", "application/json"), 400,
              "malformed_json");
  rate_now_ = rate_now_ + 10;
  ExpectError(client.Post("/v1/echo", auth, R"({"text":"hi","admin":true})", "application/json"),
              422, "validation_failed");
  rate_now_ = rate_now_ + 10;
  ExpectError(client.Post("/v1/echo", auth, "text=hi", "application/x-www-form-urlencoded"), 415,
              "unsupported_media_type");
  rate_now_ = rate_now_ + 10;
  std::string big = R"({"text":")" + std::string(5000, 'a') + "\"}";
  ExpectError(Client().Post("/v1/echo", auth, big, "application/json"), 413,
              "payload_too_large");
}

TEST_F(ServerHttpTest, UploadsAboveTheLimitAre413) {
  auto ok = Client().Post("/v1/upload", std::string(1000, 'x'), "application/octet-stream");
  ASSERT_TRUE(ok);
  EXPECT_EQ(Json(ok)["bytes"], 1000);
  auto big = Client().Post("/v1/upload", std::string(200 * 1024, 'x'), "application/octet-stream");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(Json(big)["error"]["code"], "payload_too_large");
}

TEST_F(ServerHttpTest, RateLimitPerKeyWithRetryAfter) {
  auto client = Client();
  httplib::Headers a = {{"Authorization", "Bearer key-bank-a"}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(client.Get("/v1/echo/1", a)->status, 200);
  auto limited = client.Get("/v1/echo/1", a);
  ExpectError(limited, 429, "rate_limited");
  EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
  // Another key is not affected; the first is again after its refill.
  EXPECT_EQ(client.Get("/v1/echo/1", {{"Authorization", "Bearer key-bank-b"}})->status, 200);
  rate_now_ = rate_now_ + 1.0;
  EXPECT_EQ(client.Get("/v1/echo/1", a)->status, 200);
}

TEST_F(ServerHttpTest, InternalErrorsHideTheirCauseAndTheLogTellsIt) {
  auto result = Client().Get("/v1/boom");
  ExpectError(result, 500, "internal");
  EXPECT_EQ(result->body.find("secret_table"), std::string::npos);
  EXPECT_EQ(result->get_header_value("X-Credo-Error-Code"), "");
  EXPECT_EQ(result->get_header_value("X-Credo-Error-Detail"), "");
  // The body sends the reader to the log, which has the cause under the request id.
  log_sink_->flush();
  const std::string log = log_.str();
  const std::string request_id = result->get_header_value("X-Request-Id");
  const size_t line = log.find("request_id=" + request_id);
  ASSERT_NE(line, std::string::npos) << log;
  const std::string text = log.substr(line, log.find('\n', line) - line);
  EXPECT_NE(text.find("status=500"), std::string::npos) << text;
  EXPECT_NE(text.find("detail=\""), std::string::npos) << text;
  EXPECT_NE(text.find("secret_table"), std::string::npos) << text;
}

TEST_F(ServerHttpTest, HealthMetricsAndOpenApi) {
  auto client = Client();
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json(health)["status"], "ok");
  client.Get("/v1/echo/77", {{"Authorization", "Bearer key-bank-a"}});
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  EXPECT_NE(metrics->body.find("route=\"/v1/echo/{id}\",status=\"200\""), std::string::npos);
  EXPECT_EQ(metrics->body.find("/v1/echo/77"), std::string::npos);
  EXPECT_NE(metrics->body.find("credo_store_rows{table="), std::string::npos);
  // A SQLite bureau's checkpoints run on the server's own thread, and are counted.
  EXPECT_NE(metrics->body.find("credo_sqlite_wal_checkpoints{outcome=\"passive\"}"),
            std::string::npos);
  auto openapi = client.Get("/v1/openapi.json");
  ASSERT_TRUE(openapi);
  auto document = Json(openapi);
  EXPECT_TRUE(document["paths"].contains("/v1/echo/{id}"));
  EXPECT_TRUE(document["paths"].contains("/healthz"));
}

// ServerOptions::wal_checkpoints reaches the server's checkpointer (`credo serve --wal-limit`):
// with a log limit of 20 pages a few writes make it rewind the log, and /metrics counts that; a
// limit below the wake step is refused at start.
TEST(ServerWalOptionsTest, TheLogLimitIsTheCheckpointersAndBadLimitsAreRefused) {
  char pattern[] = "/tmp/credo_server_wal_XXXXXX";
  fs::path dir = mkdtemp(pattern);
  StoreOptions store;
  ASSERT_NO_FATAL_FAILURE(CreateBureau(dir, store));
  auto options_with = [&](int step_pages, int64_t restart_pages) {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.store = store;
    options.profile = LoadBuiltinProfile("cn").value();
    options.authenticator = std::make_shared<TestAuthenticator>();
    options.logger = std::make_shared<spdlog::logger>(
        "wal-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cerr));
    options.wal_checkpoints.step_pages = step_pages;
    options.wal_checkpoints.restart_pages = restart_pages;
    options.add_routes = [](RouteTable& table) {
      AddSystemRoutes(table);
      Route fill;
      fill.method = "POST";
      fill.path = "/v1/fill";
      fill.requires_caller = false;
      fill.summary = "writes about 60 pages";
      fill.handler = [](RequestContext& context) -> Result<ApiResponse> {
        CREDO_ASSIGN_OR_RETURN(Store * bureau, context.store());
        CREDO_TRY(bureau->WithTransaction([](Transaction& tx) -> Status {
          CREDO_TRY(tx.Execute("CREATE TABLE IF NOT EXISTS wal_fill (bytes BLOB)"));
          const SqlValue row[] = {SqlValue::Blob(std::string(4000, 'x'))};
          for (int i = 0; i < 60; ++i) {
            CREDO_TRY(tx.Execute("INSERT INTO wal_fill (bytes) VALUES (?)", row));
          }
          return Ok();
        }));
        return JsonResponse({{"written", 60}});
      };
      table.Add(std::move(fill));
    };
    return options;
  };

  Server refused(options_with(10, 5));
  Status bad = refused.Start();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.error().message.find("restart_pages"), std::string::npos) << bad.error().ToString();

  auto restarts = [](const std::string& metrics) -> int64_t {
    const std::string family = "credo_sqlite_wal_checkpoints{outcome=\"restart\"} ";
    size_t at = metrics.find(family);
    return at == std::string::npos ? -1 : std::stoll(metrics.substr(at + family.size()));
  };
  {
    Server server(options_with(10, 20));
    Status started = server.Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(10, 0);
    int64_t counted = 0;
    for (int i = 0; i < 100 && counted < 1; ++i) {
      auto written = client.Post("/v1/fill", "", "application/json");
      ASSERT_TRUE(written);
      ASSERT_EQ(written->status, 200) << written->body;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      auto metrics = client.Get("/metrics");
      ASSERT_TRUE(metrics);
      counted = restarts(metrics->body);
    }
    EXPECT_GE(counted, 1) << "the 20-page limit should have made the thread rewind the log";
  }
  fs::remove_all(dir);
}

TEST_F(ServerHttpTest, LogsNameTheRouteTemplateAndPrincipalNotThePath) {
  auto client = Client();
  client.Get("/v1/echo/SECRET-ID-991", {{"Authorization", "Bearer key-bank-a"}});
  log_sink_->flush();
  std::string log = log_.str();
  EXPECT_NE(log.find("route=/v1/echo/{id} status=200"), std::string::npos) << log;
  EXPECT_NE(log.find("principal=client:client-a"), std::string::npos) << log;
  EXPECT_EQ(log.find("SECRET-ID-991"), std::string::npos) << log;
  EXPECT_EQ(log.find("key-bank-a"), std::string::npos) << log;
}

TEST_F(ServerHttpTest, ConsoleFilesWithoutTraversal) {
  auto client = Client();
  auto index = client.Get("/some/console/page");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<html>console</html>");
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                           "/x/%2e%2e/%2e%2e/secret.txt"}) {
    auto result = client.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->body.find("outside the console"), std::string::npos) << path;
  }
}

TEST_F(ServerHttpTest, StopFinishesRequestsInFlight) {
  std::atomic<int> status{0};
  std::thread slow([&] {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10, 0);
    auto result = client.Get("/v1/slow");
    status = result ? result->status : -1;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server_->Stop();
  slow.join();
  EXPECT_EQ(status.load(), 200);
  // And nothing is accepted afterwards.
  httplib::Client after("127.0.0.1", server_->port());
  after.set_connection_timeout(1, 0);
  EXPECT_FALSE(after.Get("/healthz"));
}

TEST_F(ServerHttpTest, KeepAliveServesManyRequestsOnOneConnection) {
  httplib::Client client("127.0.0.1", server_->port());
  client.set_keep_alive(true);
  for (int i = 0; i < 50; ++i) {
    auto result = client.Get("/healthz");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
  }
}

}  // namespace
}  // namespace credo::api
