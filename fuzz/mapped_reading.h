// Shared by the mapped-reader fuzz targets: reads every record a mapping yields from the bytes,
// stopping at the first error (a clean error is an accepted outcome) or after 100,000 records.
#pragma once

#include <memory>

#include "ingest/mapping/byte_source.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/mapping/mapping.h"

inline void ReadAllMapped(const credo::ingest::Mapping& mapping,
                          std::unique_ptr<credo::ingest::ByteSource> source) {
  auto mapped = credo::ingest::MappedReader::Open(mapping, std::move(source));
  if (!mapped.ok()) return;
  credo::ingest::MappedRecord record;
  for (int i = 0; i < 100000; ++i) {
    auto got = (*mapped)->Next(&record);
    if (!got.ok() || !got.value()) break;
  }
}
