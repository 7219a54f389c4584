// credo ingest/mapping: where reader bytes come from — a file (plain or gzip, by the .gz suffix)
// or memory. Readers pull blocks, so memory stays bounded whatever the file size.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace credo::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  //! Reads up to `capacity` bytes; 0 means end of input.
  virtual Result<size_t> Read(char* buffer, size_t capacity) = 0;
  //! The name used in error locations (the path, or "<memory>").
  virtual const std::string& name() const = 0;
};

//! Opens `path`; files ending in ".gz" are decompressed with zlib. kNotFound when missing.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path);
//! A source over bytes owned by the caller (tests, fuzzing).
std::unique_ptr<ByteSource> MemoryByteSource(std::string_view bytes, std::string name = "<memory>");

}  // namespace credo::ingest
