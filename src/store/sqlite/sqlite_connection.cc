#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <mutex>
#include <unordered_map>

#include "store/sqlite/mapped_reads.h"
#include "store/sqlite/wal_hook.h"

namespace credo::store_internal {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view what, std::string_view location) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  ErrorCode code = ErrorCode::kInternal;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_FULL: code = ErrorCode::kUnavailable; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = ErrorCode::kDataLoss; break;
    case SQLITE_CONSTRAINT: code = ErrorCode::kInvalidArgument; break;
    default: break;
  }
  return MakeError(code, std::move(message), std::string(location));
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, const std::string* location)
      : db_(db), stmt_(stmt), location_(location) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindNull(int i) override { sqlite3_bind_null(stmt_, i + 1); }
  void BindInt(int i, int64_t v) override { sqlite3_bind_int64(stmt_, i + 1, v); }
  void BindReal(int i, double v) override { sqlite3_bind_double(stmt_, i + 1, v); }
  void BindText(int i, std::string_view v) override {
    // A null data pointer would bind SQL NULL; an empty string_view is the empty text.
    sqlite3_bind_text64(stmt_, i + 1, v.data() ? v.data() : "", v.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
  }
  void BindBlob(int i, std::string_view v) override {
    sqlite3_bind_blob64(stmt_, i + 1, v.empty() ? "" : v.data(), v.size(), SQLITE_TRANSIENT);
  }
  Result<bool> Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    Error error = SqliteError(db_, rc, "SQLite statement failed", *location_);
    sqlite3_reset(stmt_);
    return error;
  }
  int ColumnCount() override { return sqlite3_column_count(stmt_); }
  bool IsNull(int c) override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int64_t GetInt(int c) override { return sqlite3_column_int64(stmt_, c); }
  double GetReal(int c) override { return sqlite3_column_double(stmt_, c); }
  std::string_view GetBytes(int c) override {
    const void* data = sqlite3_column_blob(stmt_, c);
    int size = sqlite3_column_bytes(stmt_, c);
    if (data == nullptr) return {};
    return {static_cast<const char*>(data), static_cast<size_t>(size)};
  }
  ColumnType TypeOf(int c) override {
    switch (sqlite3_column_type(stmt_, c)) {
      case SQLITE_NULL: return ColumnType::kNull;
      case SQLITE_INTEGER: return ColumnType::kInt;
      case SQLITE_FLOAT: return ColumnType::kReal;
      case SQLITE_BLOB: return ColumnType::kBlob;
      default: return ColumnType::kText;
    }
  }
  int64_t ChangedRows() override { return changes_; }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    changes_ = 0;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  const std::string* location_;
  int64_t changes_ = 0;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteConnection() override {
    statements_.clear();
    for (sqlite3_stmt* control : control_) sqlite3_finalize(control);
    sqlite3_close_v2(db_);
  }
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string DisplayLocation() const override { return path_; }
  sqlite3* handle() { return db_; }
  //! Kept until the handle is closed: its WAL hook may fire until then.
  void KeepCheckpointTarget(std::shared_ptr<CheckpointTarget> target) {
    checkpoint_target_ = std::move(target);
  }

  Result<Statement*> Prepare(std::string_view sql) override {
    auto found = statements_.find(sql);  // no string built per lookup (transparent hash)
    if (found != statements_.end()) {
      found->second->Reset();
      return found->second.get();
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      return SqliteError(db_, rc, "cannot prepare SQL [" + std::string(sql.substr(0, 80)) + "]",
                         path_);
    }
    auto statement = std::make_unique<SqliteStatement>(db_, stmt, &path_);
    Statement* raw = statement.get();
    statements_.emplace(std::string(sql), std::move(statement));
    return raw;
  }

  Status ExecuteScript(std::string_view sql) override {
    char* message = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string what = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      Error error = SqliteError(nullptr, rc, "SQLite failed", path_);
      error.message = "SQLite failed: " + what;
      return error;
    }
    return Ok();
  }
  // Transaction control runs through statements prepared once per connection: sqlite3_exec
  // would parse "BEGIN" and "COMMIT" again for every transaction (the server runs several per
  // request).
  Status Begin(bool write) override {
    return RunControl(write ? kBeginImmediate : kBegin, write ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  Status Commit() override { return RunControl(kCommit, "COMMIT"); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Ok();
    return RunControl(kRollback, "ROLLBACK");
  }

 private:
  enum Control { kBegin, kBeginImmediate, kCommit, kRollback, kControlCount };

  Status RunControl(Control which, const char* sql) {
    sqlite3_stmt*& statement = control_[which];
    if (statement == nullptr) {
      int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
      if (rc != SQLITE_OK) {
        statement = nullptr;
        return ExecuteScript(sql);  // reports the failure as a script would
      }
    }
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) {
      sqlite3_reset(statement);
      return Ok();
    }
    std::string what = sqlite3_errmsg(db_);
    sqlite3_reset(statement);
    Error error = SqliteError(nullptr, rc, "SQLite failed", path_);
    error.message = "SQLite failed: " + what;
    return error;
  }

  sqlite3* db_;
  std::string path_;
  std::shared_ptr<CheckpointTarget> checkpoint_target_;  // a WalCheckpointer's, when one runs
  sqlite3_stmt* control_[kControlCount] = {};
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, SqlHash, std::equal_to<>>
      statements_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqliteConnection(const SqliteOpenOptions& options) {
  namespace fs = std::filesystem;
  // SQLite counts every allocation under one process-wide mutex unless told not to; with a
  // connection per server thread that mutex was where the threads queued. Must precede the
  // library's initialisation (the first open); a later call is refused and changes nothing.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  std::error_code ec;
  bool exists = fs::exists(options.path, ec);
  if (!exists && !options.create_if_missing) {
    return MakeError(ErrorCode::kNotFound,
                     "no bureau database here; create it with `credo init --db " + options.path +
                         "`",
                     options.path);
  }
  if (!exists) {
    fs::path parent = fs::path(options.path).parent_path();
    if (parent.empty()) parent = ".";
    if (!fs::is_directory(parent, ec)) {
      return MakeError(ErrorCode::kUnavailable,
                       "directory " + parent.string() + " does not exist", options.path);
    }
    if (access(parent.c_str(), W_OK) != 0) {
      return MakeError(ErrorCode::kUnavailable,
                       "directory " + parent.string() + " is not writable", options.path);
    }
  } else if (!options.read_only && access(options.path.c_str(), W_OK) != 0) {
    return MakeError(ErrorCode::kUnavailable, "database file is not writable", options.path);
  }
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create_if_missing && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  const char* vfs = nullptr;
  if (options.mapped_reads) {
    CREDO_ASSIGN_OR_RETURN(vfs, MappedReadVfsName());
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    Error error = SqliteError(db, rc, "cannot open SQLite database", options.path);
    sqlite3_close_v2(db);
    return error;
  }
  auto connection = std::make_unique<SqliteConnection>(db, options.path);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  // Reading the schema makes a file that is not a database fail here, with a clear message.
  Status check = connection->ExecuteScript("SELECT count(*) FROM sqlite_master");
  if (!check.ok()) {
    Error error = std::move(check).error();
    error.message = "not a SQLite database or unreadable (" + error.message + ")";
    return error;
  }
  std::string pragmas = "PRAGMA foreign_keys = ON;";
  if (!options.read_only) pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
  pragmas += "PRAGMA cache_size = -65536;";
  CREDO_TRY(connection->ExecuteScript(pragmas));
  // A WalCheckpointer running for this file takes the checkpoints off this connection's commits.
  if (!options.read_only) connection->KeepCheckpointTarget(AttachWalHook(db, options.path));
  if (!exists) chmod(options.path.c_str(), 0600);
  return std::unique_ptr<Connection>(std::move(connection));
}

sqlite3* SqliteHandle(Connection& connection) {
  return static_cast<SqliteConnection&>(connection).handle();
}

Status SqliteBackupTo(Connection& source, const std::string& destination_path) {
  sqlite3* destination = nullptr;
  int rc = sqlite3_open_v2(destination_path.c_str(), &destination,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    Error error = SqliteError(destination, rc, "cannot create backup file", destination_path);
    sqlite3_close_v2(destination);
    return error;
  }
  sqlite3_backup* backup = sqlite3_backup_init(destination, "main", SqliteHandle(source), "main");
  if (backup == nullptr) {
    Error error = SqliteError(destination, sqlite3_errcode(destination), "backup failed",
                              destination_path);
    sqlite3_close_v2(destination);
    return error;
  }
  // One step copies every page under one read lock: a consistent snapshot.
  rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    Error error = SqliteError(destination, rc, "backup failed", destination_path);
    sqlite3_close_v2(destination);
    return error;
  }
  // A backup is a self-contained file: leave it in rollback-journal mode, no -wal beside it.
  sqlite3_exec(destination, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  sqlite3_close_v2(destination);
  chmod(destination_path.c_str(), 0600);
  return Ok();
}

}  // namespace credo::store_internal
