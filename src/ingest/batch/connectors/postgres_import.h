// credo ingest/batch: importing the rows of a PostgreSQL query as one batch.
//
// ImportFromPostgres runs `query` on the database at `url` (libpq), turns each row into a JSON
// object keyed by column name (NULL columns left out), and loads them like a JSON-lines file:
// through a jsonl mapping (paths = column names) or, without one, as canonical JSON lines
// (columns named after canonical fields). The delivery's content hash makes a repeated import of
// unchanged rows a no-op. Errors: kUnavailable (cannot connect), kInvalidArgument (the query
// fails; the message is PostgreSQL's).
#pragma once

#include <string>

#include "core/profile.h"
#include "core/result.h"
#include "ingest/batch/pipeline.h"
#include "ingest/mapping/mapping.h"
#include "store/store.h"

namespace credo::ingest {

struct PostgresImportConfig {
  std::string url;    //!< postgresql://user@host/db
  std::string query;  //!< SELECT ... (read-only)
};

Result<IngestResult> ImportFromPostgres(Store& store, const PostgresImportConfig& config,
                                        const std::string& source, const Mapping* mapping,
                                        const JurisdictionProfile& profile,
                                        const IngestOptions& options = {});

}  // namespace credo::ingest
