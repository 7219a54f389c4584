// credo graph: loading a canonical relations file into the store's relations table.
//
// The file is CSV with a header naming at least: kind, from_identifier_kind, from_identifier,
// to_identifier_kind, to_identifier; optional: record_id, from_name, to_name, percent, amount
// (decimal, major units), currency, role, since, until (ISO dates). kind is one of shareholding,
// legal_representative, officer, guarantee, supply, shared_contact. Each end is found by its
// identifier (blind index); an end the bureau does not know is created from its name and
// identifier when `create_missing` (a registry is authoritative), else the row is quarantined.
// The whole file is one batch: committed whole or not at all; a file already loaded (same
// SHA-256) is recognised and not loaded twice. Rejected rows go to quarantine with line, field,
// rule (GR-2xx), the masked value and how to fix it.
//
// Errors: kNotFound (no such file), kInvalidArgument (no header / missing columns; nothing is
// written), store errors.
#pragma once

#include <string>

#include "core/result.h"
#include "store/store.h"

namespace credo::graph {

struct RelationsFeedOptions {
  std::string source = "relations";
  bool create_missing = true;
  double max_reject_ratio = 0.5;  //!< more rejects than this share fails the batch
};

struct RelationsFeedResult {
  BatchId batch_id = 0;
  bool already_loaded = false;
  int64_t rows = 0;
  int64_t accepted = 0;
  int64_t quarantined = 0;
  int64_t subjects_created = 0;
};

Result<RelationsFeedResult> LoadRelationsFile(Store& store, const std::string& path,
                                              const RelationsFeedOptions& options = {});

}  // namespace credo::graph
