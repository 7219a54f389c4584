#include "store/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace credo::store_internal {
namespace {

constexpr Oid kByteaOid = 17;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

std::string FirstLine(const char* text) {
  std::string line = text ? text : "";
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  size_t newline = line.find('\n');
  if (newline != std::string::npos) line = line.substr(0, newline);
  return line;
}

ErrorCode CodeForSqlState(const char* state) {
  if (state == nullptr) return ErrorCode::kUnavailable;
  std::string_view s(state);
  if (s.starts_with("23")) return ErrorCode::kInvalidArgument;  // integrity constraint
  if (s.starts_with("08") || s.starts_with("57") || s.starts_with("53")) {
    return ErrorCode::kUnavailable;
  }
  if (s == "40001" || s == "40P01") return ErrorCode::kUnavailable;  // retry may help
  if (s == "25006") return ErrorCode::kFailedPrecondition;           // read-only transaction
  if (s == "P0001") return ErrorCode::kPermissionDenied;              // raised by a trigger
  return ErrorCode::kInternal;
}

class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PGconn* conn, std::string name, int parameter_count, const std::string* location)
      : conn_(conn), name_(std::move(name)), location_(location) {
    values_.resize(parameter_count);
    is_null_.assign(parameter_count, true);
    lengths_.assign(parameter_count, 0);
    formats_.assign(parameter_count, 0);
  }
  ~PostgresStatement() override { Clear(); }

  void BindNull(int i) override {
    if (!InRange(i)) return;
    is_null_[i] = true;
  }
  void BindInt(int i, int64_t v) override { SetText(i, std::to_string(v)); }
  void BindReal(int i, double v) override {
    char buffer[40];
    snprintf(buffer, sizeof buffer, "%.17g", v);
    SetText(i, buffer);
  }
  void BindText(int i, std::string_view v) override { SetText(i, std::string(v)); }
  void BindBlob(int i, std::string_view v) override {
    if (!InRange(i)) return;
    values_[i].assign(v.data(), v.size());
    is_null_[i] = false;
    lengths_[i] = static_cast<int>(v.size());
    formats_[i] = 1;
  }

  Result<bool> Step() override {
    if (result_ == nullptr) {
      std::vector<const char*> pointers(values_.size());
      for (size_t i = 0; i < values_.size(); ++i) {
        pointers[i] = is_null_[i] ? nullptr : values_[i].data();
      }
      result_ = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(values_.size()),
                               pointers.data(), lengths_.data(), formats_.data(), 0);
      ExecStatusType status = PQresultStatus(result_);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const char* state = PQresultErrorField(result_, PG_DIAG_SQLSTATE);
        Error error = MakeError(CodeForSqlState(state),
                                "PostgreSQL statement failed: " +
                                    FirstLine(PQresultErrorMessage(result_)),
                                *location_);
        Clear();
        return error;
      }
      row_ = -1;
      rows_ = PQntuples(result_);
      const char* affected = PQcmdTuples(result_);
      changes_ = (affected && *affected) ? std::strtoll(affected, nullptr, 10) : 0;
    }
    ++row_;
    decoded_.clear();
    return row_ < rows_;
  }

  int ColumnCount() override { return result_ ? PQnfields(result_) : 0; }
  bool IsNull(int c) override { return PQgetisnull(result_, row_, c) != 0; }
  int64_t GetInt(int c) override {
    if (IsNull(c)) return 0;
    const char* text = PQgetvalue(result_, row_, c);
    if (text[0] == 't' && text[1] == 0) return 1;  // boolean
    if (text[0] == 'f' && text[1] == 0) return 0;
    return std::strtoll(text, nullptr, 10);
  }
  double GetReal(int c) override {
    if (IsNull(c)) return 0;
    return std::strtod(PQgetvalue(result_, row_, c), nullptr);
  }
  std::string_view GetBytes(int c) override {
    if (IsNull(c)) return {};
    const char* text = PQgetvalue(result_, row_, c);
    int length = PQgetlength(result_, row_, c);
    if (PQftype(result_, c) != kByteaOid) return {text, static_cast<size_t>(length)};
    auto found = decoded_.find(c);
    if (found == decoded_.end()) {
      std::string bytes;
      if (length >= 2 && text[0] == '\\' && text[1] == 'x') {
        bytes.reserve((length - 2) / 2);
        for (int i = 2; i + 1 < length; i += 2) {
          bytes.push_back(static_cast<char>(HexValue(text[i]) * 16 + HexValue(text[i + 1])));
        }
      }
      found = decoded_.emplace(c, std::move(bytes)).first;
    }
    return found->second;
  }
  ColumnType TypeOf(int c) override {
    if (IsNull(c)) return ColumnType::kNull;
    switch (PQftype(result_, c)) {
      case kByteaOid: return ColumnType::kBlob;
      case 16: case 20: case 21: case 23: return ColumnType::kInt;   // bool, int8, int2, int4
      case 700: case 701: case 1700: return ColumnType::kReal;        // float4, float8, numeric
      default: return ColumnType::kText;
    }
  }
  int64_t ChangedRows() override { return changes_; }
  void Reset() override {
    Clear();
    is_null_.assign(is_null_.size(), true);
    formats_.assign(formats_.size(), 0);
    lengths_.assign(lengths_.size(), 0);
  }

 private:
  bool InRange(int i) const { return i >= 0 && static_cast<size_t>(i) < values_.size(); }
  void SetText(int i, std::string v) {
    if (!InRange(i)) return;
    values_[i] = std::move(v);
    is_null_[i] = false;
    lengths_[i] = 0;
    formats_[i] = 0;
  }
  void Clear() {
    if (result_ != nullptr) PQclear(result_);
    result_ = nullptr;
    decoded_.clear();
    row_ = -1;
    rows_ = 0;
    changes_ = 0;
  }

  PGconn* conn_;
  std::string name_;
  const std::string* location_;
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  int64_t changes_ = 0;
  std::unordered_map<int, std::string> decoded_;
};

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PGconn* conn, std::string location, bool read_only)
      : conn_(conn), location_(std::move(location)), read_only_(read_only) {}
  ~PostgresConnection() override {
    statements_.clear();
    PQfinish(conn_);
  }
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string DisplayLocation() const override { return location_; }

  Result<Statement*> Prepare(std::string_view sql) override {
    std::string key(sql);
    auto found = statements_.find(key);
    if (found != statements_.end()) {
      found->second->Reset();
      return found->second.get();
    }
    std::string text = NumberPlaceholders(sql);
    int parameters = 0;
    bool in_quote = false;
    for (char c : sql) {
      if (c == '\'') in_quote = !in_quote;
      if (c == '?' && !in_quote) ++parameters;
    }
    std::string name = "credo_" + std::to_string(statements_.size() + 1);
    PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      Error error = MakeError(CodeForSqlState(state),
                              "cannot prepare SQL [" + key.substr(0, 80) +
                                  "]: " + FirstLine(PQresultErrorMessage(result)),
                              location_);
      PQclear(result);
      return error;
    }
    PQclear(result);
    auto statement = std::make_unique<PostgresStatement>(conn_, name, parameters, &location_);
    Statement* raw = statement.get();
    statements_.emplace(std::move(key), std::move(statement));
    return raw;
  }

  Status ExecuteScript(std::string_view sql) override {
    std::string text(sql);
    PGresult* result = PQexec(conn_, text.c_str());
    ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      Error error = MakeError(CodeForSqlState(state),
                              "PostgreSQL failed: " + FirstLine(PQresultErrorMessage(result)),
                              location_);
      PQclear(result);
      if (PQstatus(conn_) != CONNECTION_OK) error.code = ErrorCode::kUnavailable;
      return error;
    }
    PQclear(result);
    return Ok();
  }
  Status Begin(bool write) override {
    if (!write || read_only_) return ExecuteScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return ExecuteScript("BEGIN");
  }
  Status Commit() override { return ExecuteScript("COMMIT"); }
  Status Rollback() override {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Ok();
    return ExecuteScript("ROLLBACK");
  }

 private:
  PGconn* conn_;
  std::string location_;
  bool read_only_;
  std::unordered_map<std::string, std::unique_ptr<PostgresStatement>> statements_;
};

}  // namespace

std::string RedactPostgresUrl(const std::string& url) {
  // postgresql://user:password@host -> postgresql://user:***@host
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<std::vector<std::pair<std::string, std::string>>> ParsePostgresUrl(const std::string& url) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
  if (options == nullptr) {
    std::string what = message ? FirstLine(message) : "cannot parse";
    PQfreemem(message);
    return MakeError(ErrorCode::kInvalidArgument, "bad PostgreSQL URL: " + what,
                     RedactPostgresUrl(url));
  }
  std::vector<std::pair<std::string, std::string>> keywords;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr) keywords.emplace_back(option->keyword, option->val);
  }
  PQconninfoFree(options);
  return keywords;
}

Result<std::unique_ptr<Connection>> OpenPostgresConnection(const std::string& url, bool read_only) {
  std::string location = RedactPostgresUrl(url);
  CREDO_ASSIGN_OR_RETURN(auto keywords, ParsePostgresUrl(url));
  std::vector<const char*> keys;
  std::vector<const char*> values;
  bool has_timeout = false;
  for (const auto& [key, value] : keywords) {
    keys.push_back(key.c_str());
    values.push_back(value.c_str());
    if (key == "connect_timeout") has_timeout = true;
  }
  if (!has_timeout) {
    keys.push_back("connect_timeout");
    values.push_back("5");
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), 0);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string what = conn ? FirstLine(PQerrorMessage(conn)) : "out of memory";
    if (conn) PQfinish(conn);
    return MakeError(ErrorCode::kUnavailable,
                     "PostgreSQL server does not answer or refused the connection: " + what +
                         " (check that the server runs and the URL is right)",
                     location);
  }
  auto connection = std::make_unique<PostgresConnection>(conn, location, read_only);
  CREDO_TRY(connection->ExecuteScript("SET client_min_messages = warning"));
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace credo::store_internal
