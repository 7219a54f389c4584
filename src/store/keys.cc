// Key file management (keys.h) over store/crypto/key_ring.
#include "store/keys.h"

#include <algorithm>

#include "store/crypto/key_ring.h"
#include "store/crypto/primitives.h"

namespace credo {

namespace internal = store_internal;

namespace {

KeyFileSummary Summarise(const std::string& path, const internal::KeyFileContents& contents) {
  KeyFileSummary summary;
  summary.path = path;
  summary.blind_index_key_id = contents.blind_index_key_id;
  for (const internal::DataKey& key : contents.data_keys) {
    summary.data_key_ids.push_back(key.id);
    if (key.active) {
      summary.active_key_id = key.id;
    } else {
      summary.retired_key_ids.push_back(key.id);
    }
  }
  return summary;
}

}  // namespace

Result<KeyFileSummary> InitKeyFile(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(internal::KeyFileContents contents, internal::NewKeyFileContents());
  CREDO_TRY(internal::WriteKeyFile(path, contents, /*exclusive=*/true));
  return Summarise(path, contents);
}

Result<KeyFileSummary> DescribeKeyFile(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(internal::KeyFileContents contents, internal::ReadKeyFile(path));
  return Summarise(path, contents);
}

Result<KeyFileSummary> AddActiveDataKey(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(internal::KeyFileContents contents, internal::ReadKeyFile(path));
  uint32_t next = 1;
  for (internal::DataKey& key : contents.data_keys) {
    next = std::max(next, key.id + 1);
    key.active = false;
  }
  CREDO_ASSIGN_OR_RETURN(std::string fresh, internal::RandomBytes(internal::kAesKeyBytes));
  contents.data_keys.push_back({next, true, std::move(fresh)});
  CREDO_TRY(internal::WriteKeyFile(path, contents, /*exclusive=*/false));
  return Summarise(path, contents);
}

Result<KeyFileSummary> RemoveRetiredKeys(const std::string& path,
                                         const std::vector<uint32_t>& unused_key_ids) {
  CREDO_ASSIGN_OR_RETURN(internal::KeyFileContents contents, internal::ReadKeyFile(path));
  std::erase_if(contents.data_keys, [&](const internal::DataKey& key) {
    return !key.active && std::find(unused_key_ids.begin(), unused_key_ids.end(), key.id) !=
                              unused_key_ids.end();
  });
  CREDO_TRY(internal::WriteKeyFile(path, contents, /*exclusive=*/false));
  return Summarise(path, contents);
}

}  // namespace credo
