#include "ingest/batch/connectors/postgres_import.h"

#include <libpq-fe.h>

#include <memory>

#include <nlohmann/json.hpp>

namespace credo::ingest {
namespace {

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};

std::string Redacted(const std::string& url) {
  size_t at = url.find('@');
  size_t scheme = url.find("://");
  if (at == std::string::npos || scheme == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

}  // namespace

Result<IngestResult> ImportFromPostgres(Store& store, const PostgresImportConfig& config,
                                        const std::string& source, const Mapping* mapping,
                                        const JurisdictionProfile& profile,
                                        const IngestOptions& options) {
  std::unique_ptr<PGconn, ConnectionCloser> connection(PQconnectdb(config.url.c_str()));
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return MakeError(ErrorCode::kUnavailable, "cannot connect to " + Redacted(config.url) + ": " +
                                                  PQerrorMessage(connection.get()));
  }
  if (PQsendQuery(connection.get(), config.query.c_str()) != 1 ||
      PQsetSingleRowMode(connection.get()) != 1) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("the import query failed: ") + PQerrorMessage(connection.get()));
  }
  std::string delivery;
  std::string failure;
  while (PGresult* raw = PQgetResult(connection.get())) {
    std::unique_ptr<PGresult, ResultClearer> rows(raw);
    ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
      int columns = PQnfields(raw);
      for (int row = 0; row < PQntuples(raw); ++row) {
        nlohmann::json object = nlohmann::json::object();
        for (int column = 0; column < columns; ++column) {
          if (PQgetisnull(raw, row, column)) continue;
          object[PQfname(raw, column)] = std::string(PQgetvalue(raw, row, column),
                                                     PQgetlength(raw, row, column));
        }
        delivery += object.dump() + "\n";
      }
    } else if (failure.empty()) {
      failure = PQresultErrorMessage(raw);
    }
  }
  if (!failure.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "the import query failed: " + failure);
  }
  std::string name = "postgres:" + Sha256Hex(config.query).substr(0, 12);
  return IngestBytes(store, std::move(delivery), name, source, InputFormat::kJsonLines, mapping,
                     profile, options);
}

}  // namespace credo::ingest
