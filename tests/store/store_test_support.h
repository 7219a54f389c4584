// Shared set-up for the store tests: a fresh bureau on SQLite (temporary directory) or on
// PostgreSQL (a fresh schema in CREDO_TEST_PG_URL, selected with search_path, dropped after).
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/keys.h"
#include "store/store.h"

namespace credo::testing {

//! Passes for an ok Result/Status; otherwise fails with the error's text.
template <typename R>
::testing::AssertionResult IsOk(const R& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << result.error().ToString();
}

inline std::string TestPgUrl() {
  const char* url = std::getenv("CREDO_TEST_PG_URL");
  return url ? url : "";
}

inline std::string UniqueName(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::random_device device;
  return prefix + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(device() % 100000);
}

//! Runs SQL on the test server outside the store (for set-up and tampering).
inline std::string RunPgSql(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  PQfinish(conn);
  return error;
}

inline std::string WithSearchPath(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3D" + schema;
}

//! A bureau location for one test; cleans up in its destructor.
class TestBureau {
 public:
  //! `mapped_reads`: SQLite stores read through the shared-map VFS (StoreOptions::mapped_reads).
  explicit TestBureau(StoreBackend backend, bool mapped_reads = false)
      : backend_(backend), mapped_reads_(mapped_reads) {
    directory_ = std::filesystem::temp_directory_path() / UniqueName("credo_store_test_");
    std::filesystem::create_directories(directory_);
    key_file_ = (directory_ / "bureau.keys").string();
    if (backend == StoreBackend::kSqlite) {
      location_ = (directory_ / "bureau.db").string();
    } else {
      base_url_ = TestPgUrl();
      schema_ = UniqueName("t_");
      std::string error = RunPgSql(base_url_, "CREATE SCHEMA " + schema_);
      if (!error.empty()) ADD_FAILURE() << "cannot create schema: " << error;
      location_ = WithSearchPath(base_url_, schema_);
    }
  }
  ~TestBureau() {
    if (!schema_.empty()) RunPgSql(base_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    std::error_code ec;
    std::filesystem::remove_all(directory_, ec);
  }

  StoreOptions Options() const {
    StoreOptions options;
    options.location = location_;
    options.key_file = key_file_;
    options.create_if_missing = true;
    options.actor = "test";
    options.mapped_reads = mapped_reads_;
    return options;
  }
  //! Creates the key file (once) and opens (creating) the store.
  std::unique_ptr<Store> Open() {
    if (!std::filesystem::exists(key_file_)) {
      auto created = InitKeyFile(key_file_);
      EXPECT_TRUE(created.ok()) << created.error().ToString();
    }
    auto store = OpenStore(Options());
    EXPECT_TRUE(store.ok()) << store.error().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  //! Runs SQL directly against the database, bypassing the store (tampering).
  std::string RawSql(const std::string& sql) const;

  StoreBackend backend() const { return backend_; }
  const std::string& location() const { return location_; }
  const std::string& key_file() const { return key_file_; }
  const std::filesystem::path& directory() const { return directory_; }
  const std::string& schema() const { return schema_; }
  const std::string& base_url() const { return base_url_; }

 private:
  StoreBackend backend_;
  bool mapped_reads_ = false;
  std::filesystem::path directory_;
  std::string key_file_;
  std::string location_;
  std::string base_url_;
  std::string schema_;
};

//! Skips a PostgreSQL case when no test server is configured.
#define CREDO_SKIP_IF_NO_PG(backend)                                                       \
  do {                                                                                     \
    if ((backend) == ::credo::StoreBackend::kPostgres && ::credo::testing::TestPgUrl().empty()) \
      GTEST_SKIP() << "CREDO_TEST_PG_URL is not set: PostgreSQL cases skipped (./run.sh test " \
                      "sets it)";                                                          \
  } while (0)

//! A batch to create: its source, file name and content hash (the store fills in the rest).
inline Batch MakeBatch(std::string source, std::string file_name, std::string content_hash) {
  Batch batch;
  batch.source = std::move(source);
  batch.file_name = std::move(file_name);
  batch.content_hash = std::move(content_hash);
  return batch;
}

inline std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace credo::testing
