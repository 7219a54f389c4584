// The Store over the connection seam: opening, transactions, schema, audit verification and key
// rotation. Backup and restore are in backup.cc.
#include "store/internal/sql_store.h"

#include <exception>

#include "store/crypto/primitives.h"
#include "store/internal/audit.h"
#include "store/internal/rows.h"
#include "store/internal/schema.h"
#include "store/postgres/postgres_connection.h"
#include "store/sqlite/sqlite_connection.h"

namespace credo {

namespace internal = store_internal;
using internal::Statement;

namespace store_internal {
const SchemaComponent& StoreSchemaComponent();
}  // namespace store_internal

namespace {

constexpr std::string_view kKeyCheckColumn = "store_meta.key_check";
constexpr std::string_view kKeyCheckText = "credo key check";

//! Every encrypted column: table, column (also the associated-data name), whether it is hex text.
struct EncryptedColumn {
  const char* table;
  const char* column;
  const char* aad;
};
constexpr EncryptedColumn kEncryptedColumns[] = {
    {"subjects", "identity", "subjects.identity"},
    {"identifiers", "value", "identifiers.value"},
    {"tradelines", "account_number", "tradelines.account_number"},
    {"raw_records", "payload", "raw_records.payload"},
    {"subject_merges", "added_identity", "subject_merges.added_identity"},  // store schema 5
};

Result<std::string> ReadMeta(internal::StoreContext& context, std::string_view name) {
  CREDO_ASSIGN_OR_RETURN(Statement * s, context.Prepare("SELECT value FROM store_meta WHERE name = ?"));
  s->BindText(0, name);
  CREDO_ASSIGN_OR_RETURN(bool row, s->Step());
  std::string value = row ? std::string(s->GetBytes(0)) : std::string();
  s->Reset();
  return value;
}

Status WriteMeta(internal::StoreContext& context, std::string_view name, std::string_view value) {
  CREDO_ASSIGN_OR_RETURN(
      Statement * s,
      context.Prepare("INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO "
                      "UPDATE SET value = excluded.value"));
  s->BindText(0, name);
  s->BindText(1, value);
  Status status = s->Run();
  s->Reset();
  return status;
}

std::string FromHex(std::string_view hex) {
  std::string bytes;
  auto value = [](char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  };
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(value(hex[i]) * 16 + value(hex[i + 1])));
  }
  return bytes;
}

}  // namespace

Status Store::EnsureSchema(const SchemaComponent& component) {
  if (component.migrations.empty()) return ApplySchema(component);
  const int latest = component.migrations.back().version;
  if (auto seen = current_schemas_.find(component.name);
      seen != current_schemas_.end() && seen->second >= latest) {
    return Ok();
  }
  auto version = SchemaVersion(component.name);
  if (!version.ok() || *version < latest) CREDO_TRY(ApplySchema(component));
  current_schemas_[component.name] = latest;
  return Ok();
}

bool IsPostgresLocation(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string DefaultKeyFileFor(std::string_view location) {
  if (IsPostgresLocation(location)) return "credo.keys";
  return std::string(location) + ".keys";
}

const SchemaComponent& StoreSchema() { return internal::StoreSchemaComponent(); }

namespace store_internal {

Status SqlStore::Run(bool write, const std::function<Status(Transaction&)>& work) {
  StoreContext& context = *context_;
  if (context.in_transaction) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "a transaction is already open on this Store (transactions do not nest)");
  }
  if (write && options_.read_only) {
    return MakeError(ErrorCode::kFailedPrecondition, "this store was opened read-only",
                     DisplayLocation());
  }
  CREDO_TRY(context.connection().Begin(write));
  context.in_transaction = true;
  Transaction transaction(context, !write);
  Status status = Ok();
  try {
    status = work(transaction);
  } catch (const std::exception& e) {
    status = MakeError(ErrorCode::kInternal, std::string("unexpected exception in a transaction: ") + e.what());
  }
  if (status.ok() && write) status = FlushAuditHead(context);
  if (status.ok()) status = context.connection().Commit();
  if (!status.ok()) (void)context.connection().Rollback();
  ResetAuditState(context);
  context.read_memo.Clear();
  context.in_transaction = false;
  return status;
}

Status SqlStore::WithTransaction(const std::function<Status(Transaction&)>& work) {
  return Run(true, work);
}

Status SqlStore::WithReadTransaction(const std::function<Status(Transaction&)>& work) {
  return Run(false, work);
}

Result<int> SqlStore::SchemaVersion(std::string_view component) {
  return ReadSchemaVersion(context_->connection(), component);
}

Status SqlStore::ApplySchema(const SchemaComponent& component) {
  if (context_->in_transaction) {
    return MakeError(ErrorCode::kFailedPrecondition, "apply schema outside a transaction");
  }
  return ApplySchemaComponent(context_->connection(), component, context_->Now());
}

Result<AuditChainReport> SqlStore::VerifyAuditChain() {
  Result<AuditChainReport> report = AuditChainReport{};
  CREDO_TRY(Run(false, [&](Transaction&) -> Status {
    report = VerifyAuditChainIn(*context_);
    return report.ok() ? Ok() : Status(report.error());
  }));
  return report;
}

Status SqlStore::CheckKeysMatch() {
  StoreContext& context = *context_;
  std::string where = context.keys().path();
  return Run(!options_.read_only, [&](Transaction&) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::string fingerprint, ReadMeta(context, "blind_index_fingerprint"));
    CREDO_ASSIGN_OR_RETURN(std::string check, ReadMeta(context, "key_check"));
    if (fingerprint.empty()) {
      if (options_.read_only) return Ok();
      // A fresh database adopts this key file.
      CREDO_TRY(WriteMeta(context, "blind_index_fingerprint", context.keys().BlindIndexFingerprint()));
      std::string sealed;
      CREDO_TRY(context.Seal(kKeyCheckColumn, kKeyCheckText, sealed));
      CREDO_TRY(WriteMeta(context, "key_check", ToHex(sealed)));
      return Ok();
    }
    if (fingerprint != context.keys().BlindIndexFingerprint()) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "this key file does not belong to the database " + DisplayLocation() +
                           " (its blind-index key differs); use the key file created with it",
                       where);
    }
    auto opened = context.Open(kKeyCheckColumn, FromHex(check));
    if (!opened.ok() || *opened != kKeyCheckText) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "this key file cannot decrypt the database " + DisplayLocation() +
                           " (a data key is missing or different); use the bureau's current key "
                           "file",
                       where);
    }
    return Ok();
  });
}

Result<std::vector<KeyUsage>> SqlStore::DescribeKeyUsage() {
  std::map<uint32_t, KeyUsage> usage;
  for (const DataKey& key : context_->keys().contents().data_keys) {
    usage[key.id] = KeyUsage{key.id, key.active, !key.active, 0};
  }
  CREDO_TRY(Run(false, [&](Transaction&) -> Status {
    for (const EncryptedColumn& column : kEncryptedColumns) {
      CREDO_ASSIGN_OR_RETURN(Statement * s,
                             context_->Prepare(std::string("SELECT key_id, count(*) FROM ") +
                                               column.table + " GROUP BY key_id"));
      while (true) {
        CREDO_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        uint32_t id = static_cast<uint32_t>(s->GetInt(0));
        auto& entry = usage[id];
        entry.key_id = id;
        entry.values += s->GetInt(1);
      }
      s->Reset();
    }
    CREDO_ASSIGN_OR_RETURN(std::string check, ReadMeta(*context_, "key_check"));
    if (!check.empty()) {
      auto id = KeyRing::KeyIdOf(FromHex(check));
      if (id.ok()) {
        usage[*id].key_id = *id;
        usage[*id].values += 1;
      }
    }
    return Ok();
  }));
  std::vector<KeyUsage> result;
  for (auto& [id, entry] : usage) result.push_back(entry);
  return result;
}

Result<int64_t> SqlStore::ReencryptStep(int64_t max_rows) {
  int64_t done = 0;
  StoreContext& context = *context_;
  CREDO_TRY(Run(true, [&](Transaction&) -> Status {
    uint32_t active = context.keys().active_key_id();
    for (const EncryptedColumn& column : kEncryptedColumns) {
      if (done >= max_rows) break;
      CREDO_ASSIGN_OR_RETURN(
          Statement * select,
          context.Prepare(std::string("SELECT id, ") + column.column + " FROM " + column.table +
                          " WHERE key_id <> ? ORDER BY id LIMIT ?"));
      select->BindInt(0, active);
      select->BindInt(1, max_rows - done);
      std::vector<std::pair<int64_t, std::string>> rows;
      while (true) {
        CREDO_ASSIGN_OR_RETURN(bool row, select->Step());
        if (!row) break;
        rows.emplace_back(select->GetInt(0), std::string(select->GetBytes(1)));
      }
      select->Reset();
      CREDO_ASSIGN_OR_RETURN(
          Statement * update,
          context.Prepare(std::string("UPDATE ") + column.table + " SET " + column.column +
                          " = ?, key_id = ? WHERE id = ?"));
      for (auto& [id, sealed] : rows) {
        auto clear = context.Open(column.aad, sealed);
        if (!clear.ok()) {
          return std::move(clear).error().WithContext(std::string(column.table) + " row " +
                                                      std::to_string(id));
        }
        std::string resealed;
        CREDO_TRY(context.Seal(column.aad, *clear, resealed));
        update->Reset();
        update->BindBlob(0, resealed);
        update->BindInt(1, active);
        update->BindInt(2, id);
        CREDO_TRY(update->Run());
        ++done;
      }
      update->Reset();
    }
    CREDO_ASSIGN_OR_RETURN(std::string check, ReadMeta(context, "key_check"));
    auto check_id = KeyRing::KeyIdOf(FromHex(check));
    if (check_id.ok() && *check_id != active) {
      std::string sealed;
      CREDO_TRY(context.Seal(kKeyCheckColumn, kKeyCheckText, sealed));
      CREDO_TRY(WriteMeta(context, "key_check", ToHex(sealed)));
      ++done;
    }
    if (done > 0) {
      AuditEntry entry;
      entry.action = "keys.reencrypt";
      entry.entity = "store";
      entry.detail = "values=" + std::to_string(done) + " key=" + std::to_string(active);
      CREDO_TRY(AppendAuditEntry(context, entry));
    }
    return Ok();
  }));
  return done;
}

}  // namespace store_internal

Result<std::unique_ptr<Store>> OpenStore(const StoreOptions& given) {
  StoreOptions options = given;
  if (options.location.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no database given (--db PATH or a postgresql:// URL)");
  }
  if (options.key_file.empty()) options.key_file = DefaultKeyFileFor(options.location);
  const Clock* clock = options.clock ? options.clock : &SystemClock();
  bool postgres = IsPostgresLocation(options.location);

  CREDO_ASSIGN_OR_RETURN(internal::KeyRing keys, internal::KeyRing::Load(options.key_file));
  std::unique_ptr<internal::Connection> connection;
  if (postgres) {
    CREDO_ASSIGN_OR_RETURN(connection,
                           internal::OpenPostgresConnection(options.location, options.read_only));
  } else {
    internal::SqliteOpenOptions sqlite_options{options.location, options.create_if_missing,
                                               options.read_only, options.busy_timeout_ms,
                                               options.mapped_reads};
    CREDO_ASSIGN_OR_RETURN(connection, internal::OpenSqliteConnection(sqlite_options));
  }
  std::string location = connection->DisplayLocation();
  const SchemaComponent& schema = StoreSchema();
  CREDO_ASSIGN_OR_RETURN(int version, internal::ReadSchemaVersion(*connection, schema.name));
  int known = schema.migrations.back().version;
  if (version > known) {
    return MakeError(ErrorCode::kVersionMismatch,
                     "database schema 'store' is at version " + std::to_string(version) +
                         ", newer than this credo understands (version " + std::to_string(known) +
                         "); upgrade credo",
                     location);
  }
  if (version == 0 && !options.create_if_missing) {
    return MakeError(ErrorCode::kNotFound,
                     "not a credo bureau (no credo schema); create it with `credo init`", location);
  }
  if (version < known) {
    if (options.read_only || !options.migrate) {
      return MakeError(ErrorCode::kFailedPrecondition,
                       "database schema is at version " + std::to_string(version) +
                           ", this credo needs " + std::to_string(known) +
                           "; open it read-write to migrate",
                       location);
    }
    CREDO_TRY(internal::ApplySchemaComponent(*connection, schema, clock->NowUnixSeconds()));
  }
  auto context = std::make_unique<internal::StoreContext>(std::move(connection), std::move(keys),
                                                          clock, options.actor);
  auto store = std::make_unique<internal::SqlStore>(options, std::move(context));
  CREDO_TRY(store->CheckKeysMatch());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace credo
