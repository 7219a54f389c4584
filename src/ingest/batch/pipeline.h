// credo ingest/batch: loading a file (or a feed delivery) into the bureau as one batch.
//
// IngestFile reads a Metro 2, mapped CSV / JSON-lines or canonical JSON-lines file, validates
// and standardises each record (validate.h), and in ONE store transaction: creates the batch,
// keeps every record as an immutable raw record, quarantines each rejected record (source, line
// or byte offset, field, rule, masked value, how to fix it), attaches accepted records to
// subjects (attach.h) and writes tradelines (upsert by furnisher + account number: a new month
// appends to the as-reported history, DA/DF deletions and corrections are applied and audited, a
// report naming the key the account had until now (Metro 2 L1) continues that tradeline under
// the new key; each associated consumer of a Metro 2 record (J1/J2) gets a copy of the account
// in their own credit file, removed by ECOA Z and deleted with the account: associated.h; a
// J1/J2 segment that cannot be used is quarantined while the record loads), inquiries (one
// already loaded from a feed is not written again and counts as a duplicate:
// feed_inquiries.h), companies and their shareholder relations, financial statements
// and public records, stores the data-quality report and commits the batch. Any error, or a process killed at any
// point, leaves the store exactly as before (run it again to complete it).
//
// A file whose SHA-256 matches a committed batch is not loaded again: the result says
// already_loaded and names that batch. The file is refused whole, store untouched, when it
// cannot be read or parsed (IN-900..IN-904, IN-906, IN-907) or when more than
// max_reject_ratio of its records are rejected (IN-905). Error messages carry the code.
//
// Thread safety: one call per Store at a time (the Store's own rule).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/profile.h"
#include "core/result.h"
#include "ingest/batch/attach.h"
#include "ingest/batch/dq.h"
#include "ingest/batch/sources.h"
#include "ingest/mapping/mapping.h"
#include "store/store.h"

namespace credo::ingest {

enum class InputFormat { kMetro2, kCsv, kJsonLines };
std::string_view InputFormatName(InputFormat format);
std::optional<InputFormat> ParseInputFormat(std::string_view name);
//! From the file name: .csv -> csv, .jsonl/.json/.ndjson (also .gz) -> jsonl, else metro2.
InputFormat GuessInputFormat(std::string_view path);

struct IngestProgress {
  int64_t records = 0;
  int64_t rejected = 0;
  uint64_t bytes = 0;
  double seconds = 0;
  bool done = false;
};

struct IngestOptions {
  //! What the feed carries; nullopt: from the mapping's fields (public records, companies,
  //! accounts) or, for canonical JSON lines, accounts unless a line says "kind".
  std::optional<FeedKind> kind;
  //! More rejected records than this share refuses the whole file (IN-905).
  double max_reject_ratio = 0.5;
  DriftThresholds drift;
  //! Called every `progress_every` records and once at the end.
  std::function<void(const IngestProgress&)> progress;
  int64_t progress_every = 10000;
  //! Subject attachment; nullptr: MakeDefaultAttacher(store) (attach.h).
  SubjectAttacher* attacher = nullptr;
  //! "Today" for future-date checks; nullptr: SystemClock().
  const Clock* clock = nullptr;
  //! The file name recorded with the batch; empty: the path's last component.
  std::string file_name;
  //! Raw records and quarantine rows are written in chunks of this many.
  size_t chunk_records = 2000;
  //! ISO 4217 code of the amounts of records that name no currency (every Metro 2 record; CSV
  //! and JSON lines without a currency field); empty: the profile's currency. A code that is not
  //! ISO 4217 refuses the file before anything is written (kInvalidArgument, field "currency").
  std::string currency;
};

struct IngestResult {
  Batch batch;
  bool already_loaded = false;  //!< the same bytes were committed before: nothing was done
  DqReport dq;
  double seconds = 0;
  std::string Summary() const;  //!< one line for people
};

//! Loads `path` as a batch from `source`. `mapping` is required for kCsv, optional for
//! kJsonLines (none: canonical JSON lines) and ignored for kMetro2.
Result<IngestResult> IngestFile(Store& store, const std::string& path, const std::string& source,
                                InputFormat format, const Mapping* mapping,
                                const JurisdictionProfile& profile,
                                const IngestOptions& options = {});

//! Loads bytes already in memory (a connector's delivery) the same way; `name` is the batch's
//! file name.
Result<IngestResult> IngestBytes(Store& store, std::string bytes, const std::string& name,
                                 const std::string& source, InputFormat format,
                                 const Mapping* mapping, const JurisdictionProfile& profile,
                                 const IngestOptions& options = {});

//! LoadMapping with its errors marked [IN-901] (a mapping with an unknown field, transform ...).
Result<Mapping> LoadIngestMapping(const std::string& path);

//! SHA-256 (hex) of a file's bytes, streamed.
Result<std::string> Sha256File(const std::string& path);
std::string Sha256Hex(std::string_view bytes);

}  // namespace credo::ingest
