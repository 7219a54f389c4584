// credo ingest/generate: the mapping files that onboard the generated CSV and JSON-lines feeds
// (format: docs/mapping/format.md, reader: ingest/mapping/mapping.h). Generate writes them to
// <out>/mappings/; tests parse each with the mapping reader.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "ingest/generate/internal/output.h"

namespace credo::ingest::generate {

struct MappingFile {
  std::string_view relative_path;  //!< "mappings/card_issuer.toml"
  std::string_view text;
};

//! Every mapping file a run writes, with its text.
std::span<const MappingFile> GeneratedMappingFiles();
//! Writes them under the run's output directory.
Status WriteMappingFiles(OutputSet& outputs);

}  // namespace credo::ingest::generate
