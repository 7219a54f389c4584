// The pull connector against a real httplib server on a loopback port, and the PostgreSQL import
// against the server in CREDO_TEST_PG_URL (skipped with a message when unset).
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <libpq-fe.h>

#include <gtest/gtest.h>

#include "ingest/batch/connectors/http_pull.h"
#include "ingest/batch/connectors/postgres_import.h"
#include "ingest/batch/state.h"
#include "store/keys.h"

namespace credo::ingest {
namespace {

namespace fs = std::filesystem;

std::string Account(const std::string& account, const std::string& reported) {
  return R"({"account_number":")" + account +
         R"(","identifier":"11010519491231002X","identifier_kind":"cn_resident_id",)"
         R"("full_name":"张伟","date_opened":"2024-01-15","current_balance":"10.00",)"
         R"("account_status":"11","payment_history":"0","date_of_account_information":")" +
         reported + "\"}";
}

class ConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("credo_batch_connectors_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string db = (dir_ / "bureau.db").string();
    ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
    StoreOptions options;
    options.location = db;
    options.create_if_missing = true;
    store_ = std::move(OpenStore(options)).value();
    profile_ = LoadBuiltinProfile("cn").value();
  }
  void TearDown() override {
    if (server_thread_.joinable()) {
      server_.stop();
      server_thread_.join();
    }
    store_.reset();
    fs::remove_all(dir_);
  }
  void StartServer() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    server_thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int64_t Tradelines() {
    int64_t count = 0;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto counts, txn.CountRows());
      count = counts["tradelines"];
      return Ok();
    }).ok());
    return count;
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
  JurisdictionProfile profile_;
  httplib::Server server_;
  std::thread server_thread_;
  int port_ = 0;
};

TEST_F(ConnectorTest, JsonLinesPullIsIncrementalRetriesAndSendsTheAuthHeader) {
  std::atomic<int> calls{0};
  std::mutex mutex;
  std::vector<std::string> sinces;
  server_.Get("/v1/accounts", [&](const httplib::Request& request, httplib::Response& response) {
    int call = ++calls;
    if (request.get_header_value("Authorization") != "Bearer s3cret") {
      response.status = 401;
      return;
    }
    if (call == 1) {  // a transient failure: the connector must retry
      response.status = 503;
      return;
    }
    std::string since = request.has_param("since") ? request.get_param_value("since") : "";
    {
      std::lock_guard<std::mutex> lock(mutex);
      sinces.push_back(since);
    }
    if (since.empty()) {
      response.set_header("X-Next-Cursor", "2026-05-31");
      response.set_content(Account("H1", "2026-05-31") + "\n" + Account("H2", "2026-05-31") + "\n",
                           "application/x-ndjson");
    } else if (since == "2026-05-31") {
      response.set_header("X-Next-Cursor", "2026-06-30");
      response.set_content(Account("H3", "2026-06-30") + "\n", "application/x-ndjson");
    } else {
      response.set_header("X-Next-Cursor", since);
      response.set_content("", "application/x-ndjson");
    }
  });
  StartServer();
  HttpPullConfig config;
  config.base_url = "http://127.0.0.1:" + std::to_string(port_);
  config.path = "/v1/accounts";
  config.auth_header = "Authorization";
  config.auth_value = "Bearer s3cret";
  config.initial_backoff_ms = 10;

  auto first = PullFromHttp(*store_, config, "partner", nullptr, profile_);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->retries, 1);
  EXPECT_FALSE(first->previous_cursor.has_value());
  EXPECT_EQ(first->cursor, "2026-05-31");
  ASSERT_TRUE(first->ingest.has_value());
  EXPECT_EQ(first->ingest->dq.accepted, 2);
  EXPECT_EQ(Tradelines(), 2);

  auto second = PullFromHttp(*store_, config, "partner", nullptr, profile_);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_EQ(second->previous_cursor, "2026-05-31");
  EXPECT_EQ(second->cursor, "2026-06-30");
  EXPECT_EQ(Tradelines(), 3);

  auto third = PullFromHttp(*store_, config, "partner", nullptr, profile_);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->empty);
  EXPECT_EQ(sinces, (std::vector<std::string>{"", "2026-05-31", "2026-06-30"}));

  config.auth_value = "Bearer wrong";
  auto denied = PullFromHttp(*store_, config, "partner", nullptr, profile_);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ConnectorTest, PagedJsonFollowsPagesIntoOneBatch) {
  server_.Get("/v2/accounts", [&](const httplib::Request& request, httplib::Response& response) {
    std::string page = request.has_param("page") ? request.get_param_value("page") : "";
    if (page.empty()) {
      response.set_content(R"({"items":[)" + Account("P1", "2026-05-31") + "," +
                               Account("P2", "2026-05-31") + R"(],"next_page":"b"})",
                           "application/json");
    } else {
      response.set_content(R"({"items":[)" + Account("P3", "2026-05-31") +
                               R"(],"next_page":null,"cursor":"c-77"})",
                           "application/json");
    }
  });
  StartServer();
  HttpPullConfig config;
  config.base_url = "http://127.0.0.1:" + std::to_string(port_);
  config.path = "/v2/accounts";
  config.paged_json = true;
  auto pulled = PullFromHttp(*store_, config, "paged_partner", nullptr, profile_);
  ASSERT_TRUE(pulled.ok()) << pulled.error().ToString();
  EXPECT_EQ(pulled->requests, 2);
  EXPECT_EQ(pulled->cursor, "c-77");
  ASSERT_TRUE(pulled->ingest.has_value());
  EXPECT_EQ(pulled->ingest->dq.records, 3);
  EXPECT_EQ(Tradelines(), 3);
  std::optional<std::string> saved;
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(saved, LoadCursor(txn, "paged_partner"));
    return Ok();
  }).ok());
  EXPECT_EQ(saved, "c-77");
}

TEST_F(ConnectorTest, UnreachablePartnerIsUnavailableAfterRetries) {
  HttpPullConfig config;
  config.base_url = "http://127.0.0.1:1";  // nothing listens on port 1
  config.path = "/v1/accounts";
  config.max_attempts = 3;
  config.initial_backoff_ms = 5;
  config.timeout_seconds = 2;
  auto pulled = PullFromHttp(*store_, config, "gone", nullptr, profile_);
  ASSERT_FALSE(pulled.ok());
  EXPECT_EQ(pulled.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(pulled.error().message.find("failed 3 times"), std::string::npos);
}

TEST_F(ConnectorTest, PostgresQueryImport) {
  const char* url = std::getenv("CREDO_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    GTEST_SKIP() << "CREDO_TEST_PG_URL is not set: no PostgreSQL to import from "
                    "(./run.sh test starts one)";
  }
  PGconn* connection = PQconnectdb(url);
  ASSERT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
  std::string table = "credo_import_test_" + std::to_string(::getpid());
  auto exec = [&](const std::string& sql) {
    PGresult* result = PQexec(connection, sql.c_str());
    EXPECT_TRUE(PQresultStatus(result) == PGRES_COMMAND_OK ||
                PQresultStatus(result) == PGRES_TUPLES_OK)
        << PQresultErrorMessage(result);
    PQclear(result);
  };
  exec("CREATE TABLE " + table + " (account_number text, identifier text, full_name text, "
       "date_opened date, current_balance numeric(12,2), account_status text, "
       "date_of_account_information date, date_closed date)");
  exec("INSERT INTO " + table + " VALUES "
       "('G1','11010519491231002X','张伟','2024-01-15',10.50,'11','2026-05-31',NULL),"
       "('G2','110105198001010016','李娜','2023-02-01',0,'13','2026-05-31','2026-05-20')");
  PostgresImportConfig config;
  config.url = url;
  config.query = "SELECT * FROM " + table + " ORDER BY account_number";
  auto imported = ImportFromPostgres(*store_, config, "core_banking", nullptr, profile_);
  exec("DROP TABLE " + table);
  PQfinish(connection);
  ASSERT_TRUE(imported.ok()) << imported.error().ToString();
  EXPECT_EQ(imported->dq.accepted, 2);
  EXPECT_EQ(Tradelines(), 2);

  config.query = "SELECT * FROM no_such_table_credo";
  auto failed = ImportFromPostgres(*store_, config, "core_banking", nullptr, profile_);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("no_such_table_credo"), std::string::npos);
}

}  // namespace
}  // namespace credo::ingest
