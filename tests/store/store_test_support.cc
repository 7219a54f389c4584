#include "store_test_support.h"

#include <sqlite3.h>

namespace credo::testing {

std::string TestBureau::RawSql(const std::string& sql) const {
  if (backend_ == StoreBackend::kPostgres) {
    return RunPgSql(location_, sql);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(location_.c_str(), &db) != SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    return error;
  }
  char* message = nullptr;
  std::string error;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error = message ? message : "sqlite error";
    sqlite3_free(message);
  }
  sqlite3_close(db);
  return error;
}

}  // namespace credo::testing
