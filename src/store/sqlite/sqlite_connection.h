// credo store: the SQLite driver (libsqlite3). WAL journal, busy timeout, foreign keys on.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/internal/connection.h"

struct sqlite3;

namespace credo::store_internal {

struct SqliteOpenOptions {
  std::string path;
  bool create_if_missing = false;
  bool read_only = false;
  int busy_timeout_ms = 5000;
  bool mapped_reads = false;  //!< through the "credo-mapped" VFS (mapped_reads.h)
};

//! Opens (or creates) the database file. kNotFound when absent and !create_if_missing;
//! kUnavailable when the file or its directory cannot be opened or written.
Result<std::unique_ptr<Connection>> OpenSqliteConnection(const SqliteOpenOptions& options);

//! The raw handle of a connection made by OpenSqliteConnection (for the online backup API).
sqlite3* SqliteHandle(Connection& connection);

//! Copies the whole database `source` into the file `destination_path` with the online backup
//! API (a consistent snapshot, readers and writers of the source keep working).
Status SqliteBackupTo(Connection& source, const std::string& destination_path);

}  // namespace credo::store_internal
