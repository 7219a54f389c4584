// credo ingest/batch: record sources, every input format turned into CanonicalRecords.
//
//   Metro 2 (ingest/metro2 reader and validator): base segment -> person + tradeline (amounts
//     without a currency: IngestOptions::currency, else the profile's, applies), each J1/J2
//     segment -> an associated consumer (CanonicalRecord::associated; a J1 at the base address);
//     the Metro 2 rules' issues travel with the record as findings (codes M2-xxx), those of a
//     J1/J2 segment with that consumer; a file that cannot be framed, or whose header or trailer
//     is wrong, fails the whole read (IN-904).
//   CSV / JSON lines through a mapping file (ingest/mapping): mapped canonical fields by name;
//     transform failures become IN-080 findings; a CSV column the profile prohibits refuses the
//     file (IN-906) before any record is read.
//   Canonical JSON lines (no mapping): one object per line keyed by RecordField names, with
//     "shareholders": [{"name", "identifier", "identifier_kind", "percent", "company"}]; other
//     keys are kept as other_fields so that the profile checks see them. The HTTP pull connector
//     and the PostgreSQL import produce this form too.
// Next() returns false at the end; an error means the input cannot be read any further (the
// batch is then refused whole). Not thread-safe; one source per input.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/profile.h"
#include "core/result.h"
#include "ingest/batch/record.h"
#include "ingest/mapping/byte_source.h"
#include "ingest/mapping/mapping.h"

namespace credo::ingest {

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual Result<bool> Next(CanonicalRecord* record) = 0;
  //! Bytes read so far (for progress); 0 when unknown.
  virtual uint64_t bytes_read() const { return 0; }
};

//! A Metro 2 file (any physical form the metro2 reader frames).
Result<std::unique_ptr<RecordSource>> OpenMetro2Source(const std::string& path);
//! A Metro 2 file in memory; `bytes` must outlive the source.
std::unique_ptr<RecordSource> OpenMetro2SourceFromMemory(std::string_view bytes);

//! A CSV or JSON-lines file read through `mapping` (which must outlive the source).
Result<std::unique_ptr<RecordSource>> OpenMappedSource(const Mapping& mapping,
                                                       std::unique_ptr<ByteSource> bytes,
                                                       FeedKind kind,
                                                       const JurisdictionProfile& profile);

//! Canonical JSON lines.
std::unique_ptr<RecordSource> OpenCanonicalJsonSource(std::unique_ptr<ByteSource> bytes,
                                                      FeedKind kind);

//! Fills `record` from one canonical JSON object (used by the JSON-lines source and the
//! connectors). Keys that are not RecordField names go to other_fields.
void CanonicalRecordFromJson(const nlohmann::json& object, FeedKind kind,
                             CanonicalRecord* record);

}  // namespace credo::ingest
