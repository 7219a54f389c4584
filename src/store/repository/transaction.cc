// Transaction basics: the write guard, field encryption for modules' own tables, generic SQL,
// row counts.
#include "store/internal/audit.h"
#include "store/internal/rows.h"
#include "store/internal/schema.h"
#include "store/internal/store_context.h"
#include "store/store.h"

namespace credo {

using store_internal::Statement;

Transaction::Transaction(store_internal::StoreContext& context, bool read_only)
    : context_(context), read_only_(read_only) {}

Status Transaction::RequireWritable() const {
  if (read_only_) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "this is a read transaction; write inside Store::WithTransaction");
  }
  return Ok();
}

Result<std::string> Transaction::Encrypt(std::string_view column, std::string_view clear) {
  std::string out;
  CREDO_TRY(context_.Seal(column, clear, out));
  return out;
}

Result<std::string> Transaction::Decrypt(std::string_view column, std::string_view sealed) {
  return context_.Open(column, sealed);
}

std::string Transaction::BlindIndex(std::string_view kind, std::string_view normalised) {
  return context_.keys().BlindIndex(kind, normalised);
}

Result<int64_t> Transaction::AppendAudit(AuditEntry entry) {
  CREDO_TRY(RequireWritable());
  if (entry.action.empty() || entry.entity.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "an audit entry needs an action and an entity");
  }
  return store_internal::AppendAuditEntry(context_, entry);
}

namespace {

void BindValues(Statement& statement, std::span<const SqlValue> params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const SqlValue& value = params[i];
    int index = static_cast<int>(i);
    switch (value.kind) {
      case SqlValue::Kind::kNull: statement.BindNull(index); break;
      case SqlValue::Kind::kInt: statement.BindInt(index, value.int_value); break;
      case SqlValue::Kind::kReal: statement.BindReal(index, value.real_value); break;
      case SqlValue::Kind::kText: statement.BindText(index, value.bytes); break;
      case SqlValue::Kind::kBlob: statement.BindBlob(index, value.bytes); break;
    }
  }
}

}  // namespace

Status Transaction::Execute(std::string_view sql, std::span<const SqlValue> params) {
  CREDO_TRY(RequireWritable());
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(sql));
  BindValues(*statement, params);
  Status status = statement->Run();
  statement->Reset();
  return status;
}

Result<std::vector<SqlRow>> Transaction::Query(std::string_view sql,
                                               std::span<const SqlValue> params) {
  CREDO_ASSIGN_OR_RETURN(Statement * statement, context_.Prepare(sql));
  BindValues(*statement, params);
  std::vector<SqlRow> rows;
  while (true) {
    auto stepped = statement->Step();
    if (!stepped.ok()) {
      statement->Reset();
      return std::move(stepped).error();
    }
    if (!*stepped) break;
    SqlRow row;
    int columns = statement->ColumnCount();
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (statement->TypeOf(c)) {
        case Statement::ColumnType::kNull: row.push_back(SqlValue::Null()); break;
        case Statement::ColumnType::kInt: row.push_back(SqlValue::Int(statement->GetInt(c))); break;
        case Statement::ColumnType::kReal:
          row.push_back(SqlValue::Real(statement->GetReal(c)));
          break;
        case Statement::ColumnType::kBlob:
          row.push_back(SqlValue::Blob(std::string(statement->GetBytes(c))));
          break;
        case Statement::ColumnType::kText:
          row.push_back(SqlValue::Text(std::string(statement->GetBytes(c))));
          break;
      }
    }
    rows.push_back(std::move(row));
  }
  statement->Reset();
  return rows;
}

Result<TableCounts> Transaction::CountRows() {
  TableCounts counts;
  for (const std::string& table : store_internal::CountedTables()) {
    CREDO_ASSIGN_OR_RETURN(Statement * statement,
                           context_.Prepare("SELECT count(*) FROM " + table));
    CREDO_ASSIGN_OR_RETURN(bool row, statement->Step());
    counts[table] = row ? statement->GetInt(0) : 0;
    statement->Reset();
  }
  return counts;
}

TableCounts Transaction::CountRowsOrEmpty() {
  auto counts = CountRows();
  return counts.ok() ? *counts : TableCounts{};
}

}  // namespace credo
