// credo store: the key file that protects identifiers at rest.
//
// A key file holds versioned AES-256 data keys (one active, older ones kept as "retired" until no
// value uses them) and one HMAC-SHA256 key for blind indexes. It is a small text file with a
// SHA-256 check line; it is written with permissions 0600 and never overwritten by InitKeyFile.
// Format and rotation: docs/store/encryption.md.
//
// Errors: kNotFound (no key file: run `credo keys init`), kAlreadyExists (InitKeyFile on an
// existing file), kDataLoss (corrupt or edited file: the message names the file and line),
// kUnavailable (cannot write the file).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace credo {

struct KeyFileSummary {
  std::string path;
  uint32_t active_key_id = 0;
  std::vector<uint32_t> data_key_ids;     //!< ascending, including the active one
  std::vector<uint32_t> retired_key_ids;  //!< kept for reading old values
  uint32_t blind_index_key_id = 0;
};

//! Creates a new key file with data key 1 (active) and a blind-index key. Refuses to overwrite.
Result<KeyFileSummary> InitKeyFile(const std::string& path);
//! Reads and checks a key file.
Result<KeyFileSummary> DescribeKeyFile(const std::string& path);
//! Adds a new data key, makes it active and marks the previous active key retired. The file is
//! replaced atomically (write to a temporary file, fsync, rename) with permissions 0600.
Result<KeyFileSummary> AddActiveDataKey(const std::string& path);
//! Removes retired keys listed in `unused_key_ids` (the caller checked no value uses them).
Result<KeyFileSummary> RemoveRetiredKeys(const std::string& path,
                                         const std::vector<uint32_t>& unused_key_ids);

}  // namespace credo
