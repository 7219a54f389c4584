// credo store internal: the SQL connection seam. Repositories and schema logic are written once
// over Connection/Statement; src/store/sqlite and src/store/postgres implement them.
//
// SQL is written with `?` placeholders; the PostgreSQL driver rewrites them to $1..$n.
// Prepared statements are cached per connection and owned by it: a Statement& stays valid until
// the connection closes, and Prepare() of the same text resets and returns the same object, so a
// caller must finish with a statement before preparing the same SQL again.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::store_internal {

enum class Dialect { kSqlite, kPostgres };

class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are 0-based.
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindReal(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindBlob(int index, std::string_view value) = 0;
  //! Runs the statement (first call) or advances; true while a row is available.
  virtual Result<bool> Step() = 0;
  //! Runs a statement that returns no rows (or ignores them).
  Status Run() {
    auto stepped = Step();
    if (!stepped.ok()) return std::move(stepped).error();
    return Ok();
  }
  // Columns of the current row, 0-based.
  virtual int ColumnCount() = 0;
  virtual bool IsNull(int column) = 0;
  virtual int64_t GetInt(int column) = 0;
  virtual double GetReal(int column) = 0;
  //! Text or blob bytes; valid until the next Step() or Reset().
  virtual std::string_view GetBytes(int column) = 0;
  enum class ColumnType { kNull, kInt, kReal, kText, kBlob };
  //! The type of a column's value in the current row.
  virtual ColumnType TypeOf(int column) = 0;
  //! Rows changed by the last INSERT/UPDATE/DELETE run.
  virtual int64_t ChangedRows() = 0;
  //! Clears bindings and results so the statement can run again.
  virtual void Reset() = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  //! A cached prepared statement, reset and ready for binding.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;
  //! Runs statements without parameters (DDL, scripts).
  virtual Status ExecuteScript(std::string_view sql) = 0;
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  //! A human-readable location for messages (no passwords).
  virtual std::string DisplayLocation() const = 0;
};

//! Rewrites `?` placeholders outside quotes to $1, $2, ... (PostgreSQL).
std::string NumberPlaceholders(std::string_view sql);
//! Replaces the schema macros (@ID@, @BLOB@, @REAL@) for the dialect.
std::string ExpandSchemaMacros(std::string_view sql, Dialect dialect);

}  // namespace credo::store_internal
