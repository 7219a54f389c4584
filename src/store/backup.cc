// Backup, restore and verification of a bureau (SQLite online backup API; pg_dump/pg_restore).
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "store/crypto/primitives.h"
#include "store/internal/audit.h"
#include "store/internal/process.h"
#include "store/internal/rows.h"
#include "store/internal/sql_store.h"
#include "store/postgres/postgres_connection.h"
#include "store/sqlite/sqlite_connection.h"

namespace credo {

namespace internal = store_internal;
using internal::Statement;

namespace {

Status CompareCounts(const TableCounts& expected, const TableCounts& actual, std::string_view where) {
  if (expected == actual) return Ok();
  for (const auto& [table, count] : expected) {
    auto found = actual.find(table);
    int64_t got = found == actual.end() ? -1 : found->second;
    if (got != count) {
      return MakeError(ErrorCode::kDataLoss,
                       "verification failed: table " + table + " has " + std::to_string(got) +
                           " rows in the copy, expected " + std::to_string(count),
                       std::string(where));
    }
  }
  return MakeError(ErrorCode::kDataLoss, "verification failed: row counts differ", std::string(where));
}

//! A conninfo string ("host='..' dbname='..'") from URL keywords with dbname replaced.
std::string ConninfoWithDatabase(const std::vector<std::pair<std::string, std::string>>& keywords,
                                 const std::string& database) {
  std::string conninfo;
  bool has_dbname = false;
  auto quote = [](const std::string& value) {
    std::string quoted = "'";
    for (char c : value) {
      if (c == '\'' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + "'";
  };
  for (const auto& [key, value] : keywords) {
    std::string v = value;
    if (key == "dbname") {
      v = database;
      has_dbname = true;
    }
    conninfo += key + "=" + quote(v) + " ";
  }
  if (!has_dbname) conninfo += "dbname=" + quote(database);
  return conninfo;
}

Result<TableCounts> VerifyOpened(Store& store, std::string_view where) {
  CREDO_ASSIGN_OR_RETURN(AuditChainReport report, store.VerifyAuditChain());
  if (!report.intact) {
    return MakeError(ErrorCode::kDataLoss, "audit chain check failed: " + report.problem,
                     std::string(where));
  }
  auto& sql_store = static_cast<internal::SqlStore&>(store);
  TableCounts counts;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(counts, tx.CountRows());
    // Decrypt a sample of every encrypted column and check raw payloads against their hashes.
    CREDO_ASSIGN_OR_RETURN(auto ids, tx.ListSubjectIds(0, 50));
    for (SubjectId id : ids) CREDO_TRY(tx.GetSubject(id));
    CREDO_ASSIGN_OR_RETURN(
        Statement * s,
        sql_store.context().Prepare("SELECT id FROM raw_records ORDER BY id LIMIT 50"));
    std::vector<int64_t> raw_ids;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      raw_ids.push_back(s->GetInt(0));
    }
    s->Reset();
    for (int64_t raw_id : raw_ids) {
      CREDO_ASSIGN_OR_RETURN(RawRecord record, tx.GetRawRecord(raw_id));
      if (internal::Sha256Hex(record.payload) != record.content_hash) {
        return MakeError(ErrorCode::kDataLoss,
                         "raw record " + std::to_string(raw_id) +
                             " does not match its content hash (altered)",
                         std::string(where));
      }
    }
    return Ok();
  }));
  return counts;
}

}  // namespace

Result<TableCounts> VerifyStore(const StoreOptions& given) {
  StoreOptions options = given;
  options.migrate = false;
  options.create_if_missing = false;
  CREDO_ASSIGN_OR_RETURN(auto store, OpenStore(options));
  return VerifyOpened(*store, store->DisplayLocation());
}

namespace store_internal {

Result<TableCounts> SqlStore::Backup(const std::string& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(out, ec)) {
    return MakeError(ErrorCode::kAlreadyExists, "backup file already exists; choose a new name", out);
  }
  TableCounts counts;
  if (context_->dialect() == Dialect::kSqlite) {
    // Count and copy inside one read transaction: the counts describe exactly the copied snapshot.
    CREDO_TRY(WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(counts, tx.CountRows());
      return SqliteBackupTo(context_->connection(), out);
    }));
    StoreOptions copy;
    copy.location = out;
    copy.key_file = context_->keys().path();
    copy.read_only = true;
    auto verified = VerifyStore(copy);
    if (!verified.ok()) return std::move(verified).error().WithContext("backup " + out);
    CREDO_TRY(CompareCounts(counts, *verified, out));
    return counts;
  }
  // PostgreSQL: pg_dump takes its own consistent snapshot.
  CREDO_TRY(WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(counts, tx.CountRows());
    return Ok();
  }));
  // A bureau in its own schema (search_path in the URL) is dumped alone.
  std::string schema;
  CREDO_TRY(WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT current_schema()"));
    if (!rows.empty() && !rows[0].empty()) schema = rows[0][0].bytes;
    return Ok();
  }));
  std::vector<std::string> dump{PostgresTool("pg_dump"), "--format=custom", "--no-owner",
                                "--file=" + out, "--dbname=" + options_.location};
  if (!schema.empty() && schema != "public") dump.push_back("--schema=" + schema);
  CREDO_ASSIGN_OR_RETURN(auto dumped, RunProcess(dump));
  if (dumped.exit_code != 0) {
    return MakeError(ErrorCode::kUnavailable, "pg_dump failed: " + dumped.error_output, out);
  }
  chmod(out.c_str(), 0600);
  // Verify by restoring into a scratch database, opening it and checking counts and the chain.
  CREDO_ASSIGN_OR_RETURN(auto keywords, ParsePostgresUrl(options_.location));
  std::string scratch = "credo_verify_" + std::to_string(getpid()) + "_" + std::to_string(context_->Now());
  Status created = context_->connection().ExecuteScript("CREATE DATABASE " + scratch);
  if (!created.ok()) {
    // No right to create databases: at least check the archive reads back whole.
    CREDO_ASSIGN_OR_RETURN(auto listed, RunProcess({PostgresTool("pg_restore"), "--list", out}));
    if (listed.exit_code != 0) {
      return MakeError(ErrorCode::kDataLoss, "backup does not read back: " + listed.error_output, out);
    }
    return counts;
  }
  std::string scratch_conninfo = ConninfoWithDatabase(keywords, scratch);
  auto drop = [&] { (void)context_->connection().ExecuteScript("DROP DATABASE IF EXISTS " + scratch); };
  auto restored = RunProcess({PostgresTool("pg_restore"), "--no-owner", "--exit-on-error",
                              "--dbname=" + scratch_conninfo, out});
  if (!restored.ok() || restored->exit_code != 0) {
    drop();
    return MakeError(ErrorCode::kDataLoss,
                     "backup does not restore: " + (restored.ok() ? restored->error_output
                                                                  : restored.error().message),
                     out);
  }
  Result<TableCounts> verified = TableCounts{};
  {
    StoreOptions copy;
    copy.location = "postgresql:///" + scratch;  // only decides the backend; see below
    copy.key_file = context_->keys().path();
    copy.read_only = true;
    copy.migrate = false;
    auto keys = KeyRing::Load(copy.key_file);
    auto connection = OpenPostgresConnection(scratch_conninfo, true);
    if (!keys.ok() || !connection.ok()) {
      drop();
      return keys.ok() ? std::move(connection).error() : std::move(keys).error();
    }
    auto context = std::make_unique<StoreContext>(std::move(connection).value(),
                                                  std::move(keys).value(), &context_->clock(),
                                                  options_.actor);
    SqlStore scratch_store(copy, std::move(context));
    Status keys_match = scratch_store.CheckKeysMatch();
    verified = keys_match.ok() ? VerifyOpened(scratch_store, out) : Result<TableCounts>(keys_match.error());
  }
  drop();
  if (!verified.ok()) return std::move(verified).error();
  CREDO_TRY(CompareCounts(counts, *verified, out));
  return counts;
}

}  // namespace store_internal

Result<TableCounts> RestoreStore(const std::string& backup, const StoreOptions& target_given,
                                 bool force) {
  namespace fs = std::filesystem;
  StoreOptions target = target_given;
  if (target.key_file.empty()) target.key_file = DefaultKeyFileFor(target.location);
  std::error_code ec;
  if (!fs::exists(backup, ec)) return MakeError(ErrorCode::kNotFound, "backup file not found", backup);
  if (!IsPostgresLocation(target.location)) {
    // Check the backup before touching the target.
    StoreOptions source_options;
    source_options.location = backup;
    source_options.key_file = target.key_file;
    source_options.read_only = true;
    auto expected = VerifyStore(source_options);
    if (!expected.ok()) return std::move(expected).error().WithContext("backup " + backup);
    bool non_empty = fs::exists(target.location, ec) && fs::file_size(target.location, ec) > 0;
    if (non_empty && !force) {
      return MakeError(ErrorCode::kAlreadyExists,
                       "target database is not empty; restore into a new path or pass --force to "
                       "replace it",
                       target.location);
    }
    CREDO_ASSIGN_OR_RETURN(auto source, internal::OpenSqliteConnection({backup, false, true, 5000}));
    if (!fs::exists(target.location, ec)) {
      fs::path parent = fs::path(target.location).parent_path();
      if (!parent.empty() && !fs::is_directory(parent, ec)) {
        return MakeError(ErrorCode::kUnavailable, "directory " + parent.string() + " does not exist",
                         target.location);
      }
    }
    CREDO_TRY(internal::SqliteBackupTo(*source, target.location));
    source.reset();
    StoreOptions reopened = target;
    reopened.read_only = false;
    auto restored = VerifyStore(reopened);
    if (!restored.ok()) return std::move(restored).error().WithContext("restored " + target.location);
    CREDO_TRY(CompareCounts(*expected, *restored, target.location));
    return restored;
  }
  // PostgreSQL target.
  CREDO_ASSIGN_OR_RETURN(auto listed,
                         internal::RunProcess({internal::PostgresTool("pg_restore"), "--list", backup}));
  if (listed.exit_code != 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "not a pg_dump archive made by `credo backup`: " + listed.error_output, backup);
  }
  {
    CREDO_ASSIGN_OR_RETURN(auto connection, internal::OpenPostgresConnection(target.location, true));
    CREDO_ASSIGN_OR_RETURN(
        Statement * s,
        connection->Prepare("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                            "current_schema()"));
    CREDO_ASSIGN_OR_RETURN(bool row, s->Step());
    int64_t tables = row ? s->GetInt(0) : 0;
    s->Reset();
    if (tables > 0 && !force) {
      return MakeError(ErrorCode::kAlreadyExists,
                       "target database is not empty (" + std::to_string(tables) +
                           " tables); restore into an empty database or pass --force to replace it",
                       internal::RedactPostgresUrl(target.location));
    }
  }
  std::vector<std::string> arguments{internal::PostgresTool("pg_restore"), "--no-owner",
                                     "--exit-on-error", "--single-transaction"};
  if (force) {
    arguments.push_back("--clean");
    arguments.push_back("--if-exists");
  }
  arguments.push_back("--dbname=" + target.location);
  arguments.push_back(backup);
  CREDO_ASSIGN_OR_RETURN(auto restored, internal::RunProcess(arguments));
  if (restored.exit_code != 0) {
    return MakeError(ErrorCode::kUnavailable, "pg_restore failed: " + restored.error_output,
                     internal::RedactPostgresUrl(target.location));
  }
  return VerifyStore(target);
}

}  // namespace credo
