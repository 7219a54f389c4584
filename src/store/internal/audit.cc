#include "store/internal/audit.h"

#include "store/crypto/primitives.h"

namespace credo::store_internal {
namespace {

void AppendField(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

Status LoadHead(StoreContext& context) {
  if (context.audit_head_loaded) return Ok();
  // FOR UPDATE serialises appenders on PostgreSQL; SQLite's BEGIN IMMEDIATE already does.
  const char* sql = context.dialect() == Dialect::kPostgres
                        ? "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1 FOR UPDATE"
                        : "SELECT last_sequence, last_hash FROM audit_head WHERE id = 1";
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context.Prepare(sql));
  CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
  if (!row) {
    return MakeError(ErrorCode::kDataLoss, "the audit chain head row is missing",
                     context.connection().DisplayLocation());
  }
  context.audit_last_sequence = statement->GetInt(0);
  context.audit_last_hash = std::string(statement->GetBytes(1));
  statement->Reset();
  context.audit_head_loaded = true;
  return Ok();
}

AuditEntry ReadEntry(Statement& statement) {
  AuditEntry entry;
  entry.sequence = statement.GetInt(0);
  entry.recorded_at = statement.GetInt(1);
  entry.actor = std::string(statement.GetBytes(2));
  entry.action = std::string(statement.GetBytes(3));
  entry.entity = std::string(statement.GetBytes(4));
  entry.entity_id = statement.GetInt(5);
  entry.subject_id = statement.GetInt(6);
  entry.detail = std::string(statement.GetBytes(7));
  entry.previous_hash = std::string(statement.GetBytes(8));
  entry.hash = std::string(statement.GetBytes(9));
  return entry;
}

Result<bool> TriggersPresent(StoreContext& context) {
  const char* sql =
      context.dialect() == Dialect::kSqlite
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
            "('audit_log_no_update', 'audit_log_no_delete')"
          : "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = 'audit_log' AND c.relnamespace = current_schema()::regnamespace "
            "AND t.tgname IN ('audit_log_no_update', 'audit_log_no_truncate') AND t.tgenabled <> 'D'";
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context.Prepare(sql));
  CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
  int64_t count = row ? statement->GetInt(0) : 0;
  statement->Reset();
  return count == 2;
}

}  // namespace

std::string CanonicalAuditBytes(const AuditEntry& entry) {
  std::string out = "credo-audit-v1;";
  out.reserve(128 + entry.detail.size() + entry.action.size());
  AppendField(out, std::to_string(entry.sequence));
  AppendField(out, std::to_string(entry.recorded_at));
  AppendField(out, entry.actor);
  AppendField(out, entry.action);
  AppendField(out, entry.entity);
  AppendField(out, std::to_string(entry.entity_id));
  AppendField(out, std::to_string(entry.subject_id));
  AppendField(out, entry.detail);
  AppendField(out, entry.previous_hash);
  return out;
}

std::string ComputeAuditHash(const AuditEntry& entry) {
  return Sha256Hex(CanonicalAuditBytes(entry));
}

Result<int64_t> AppendAuditEntry(StoreContext& context, AuditEntry& entry) {
  if (!context.in_transaction) {
    return MakeError(ErrorCode::kFailedPrecondition, "audit entries are written inside a transaction");
  }
  CREDO_TRY(LoadHead(context));
  entry.sequence = context.audit_last_sequence + 1;
  entry.recorded_at = context.Now();
  if (entry.actor.empty()) entry.actor = context.actor();
  entry.previous_hash = context.audit_last_hash;
  entry.hash = ComputeAuditHash(entry);
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("INSERT INTO audit_log (sequence, recorded_at, actor, action, entity, "
                      "entity_id, subject_id, detail, previous_hash, hash) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  statement->BindInt(0, entry.sequence);
  statement->BindInt(1, entry.recorded_at);
  statement->BindText(2, entry.actor);
  statement->BindText(3, entry.action);
  statement->BindText(4, entry.entity);
  statement->BindInt(5, entry.entity_id);
  statement->BindInt(6, entry.subject_id);
  statement->BindText(7, entry.detail);
  statement->BindText(8, entry.previous_hash);
  statement->BindText(9, entry.hash);
  CREDO_TRY(statement->Run());
  context.audit_last_sequence = entry.sequence;
  context.audit_last_hash = entry.hash;
  context.audit_head_dirty = true;
  return entry.sequence;
}

Status FlushAuditHead(StoreContext& context) {
  if (!context.audit_head_dirty) return Ok();
  CREDO_ASSIGN_OR_RETURN(
      Statement * statement,
      context.Prepare("UPDATE audit_head SET last_sequence = ?, last_hash = ? WHERE id = 1"));
  statement->BindInt(0, context.audit_last_sequence);
  statement->BindText(1, context.audit_last_hash);
  CREDO_TRY(statement->Run());
  context.audit_head_dirty = false;
  return Ok();
}

void ResetAuditState(StoreContext& context) {
  context.audit_head_loaded = false;
  context.audit_head_dirty = false;
  context.audit_last_sequence = 0;
  context.audit_last_hash.clear();
}

Result<AuditChainReport> VerifyAuditChainIn(StoreContext& context) {
  AuditChainReport report;
  auto fail = [&](int64_t sequence, std::string problem) {
    report.intact = false;
    report.first_bad_sequence = sequence;
    report.problem = std::move(problem);
    return report;
  };
  CREDO_ASSIGN_OR_RETURN(bool triggers, TriggersPresent(context));
  std::string expected_previous(kGenesisHash);
  int64_t expected_sequence = 1;
  const int64_t kPage = 5000;
  int64_t after = 0;
  std::string trigger_problem =
      triggers ? "" : "the append-only triggers on audit_log are missing or disabled";
  while (true) {
    CREDO_ASSIGN_OR_RETURN(
        Statement * statement,
        context.Prepare("SELECT sequence, recorded_at, actor, action, entity, entity_id, "
                        "subject_id, detail, previous_hash, hash FROM audit_log "
                        "WHERE sequence > ? ORDER BY sequence LIMIT ?"));
    statement->BindInt(0, after);
    statement->BindInt(1, kPage);
    int64_t read = 0;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
      if (!row) break;
      ++read;
      AuditEntry entry = ReadEntry(*statement);
      after = entry.sequence;
      ++report.entries_checked;
      if (entry.sequence != expected_sequence) {
        statement->Reset();
        if (entry.sequence > expected_sequence) {
          return fail(expected_sequence,
                      "entry " + std::to_string(expected_sequence) +
                          (entry.sequence - expected_sequence > 1
                               ? " to " + std::to_string(entry.sequence - 1) + " were deleted"
                               : " was deleted") +
                          " (the chain jumps to entry " + std::to_string(entry.sequence) + ")");
        }
        return fail(entry.sequence, "entry " + std::to_string(entry.sequence) +
                                        " is out of order (inserted)");
      }
      if (entry.previous_hash != expected_previous) {
        statement->Reset();
        return fail(entry.sequence,
                    "entry " + std::to_string(entry.sequence) +
                        " does not link to the entry before it: an entry was inserted, or the "
                        "one before it was altered or deleted");
      }
      if (ComputeAuditHash(entry) != entry.hash) {
        statement->Reset();
        return fail(entry.sequence, "entry " + std::to_string(entry.sequence) +
                                        " was altered: its contents do not match its hash");
      }
      expected_previous = entry.hash;
      ++expected_sequence;
    }
    statement->Reset();
    if (read < kPage) break;
  }
  int64_t last = expected_sequence - 1;
  CREDO_ASSIGN_OR_RETURN(Statement * head,
                         context.Prepare("SELECT last_sequence, last_hash FROM audit_head WHERE id = 1"));
  CREDO_ASSIGN_OR_RETURN(bool row, head->Step());
  if (!row) {
    head->Reset();
    return fail(last + 1, "the audit chain head is missing");
  }
  int64_t head_sequence = head->GetInt(0);
  std::string head_hash(head->GetBytes(1));
  head->Reset();
  if (head_sequence > last) {
    return fail(last + 1, "entry " + std::to_string(last + 1) +
                              (head_sequence > last + 1
                                   ? " to " + std::to_string(head_sequence) + " were deleted"
                                   : " was deleted") +
                              " (the chain head records " + std::to_string(head_sequence) +
                              " entries)");
  }
  if (head_sequence < last) {
    return fail(head_sequence + 1, "entry " + std::to_string(head_sequence + 1) +
                                       " was inserted after the last recorded entry " +
                                       std::to_string(head_sequence));
  }
  if (head_hash != expected_previous) {
    return fail(last, "entry " + std::to_string(last) +
                          " does not match the chain head's hash (altered or replaced)");
  }
  if (!trigger_problem.empty()) {
    report.problem = trigger_problem;  // chain intact, but the guard is gone
    report.intact = false;
    report.first_bad_sequence = 0;
  }
  return report;
}

}  // namespace credo::store_internal
