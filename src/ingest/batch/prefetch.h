// credo ingest/batch internal: reading and validating a batch's records on a second thread.
//
// RecordPrefetcher runs RecordSource::Next and ValidateRecord on a helper thread, a bounded
// number of chunks ahead, while the caller writes the records before them into the store (the
// store is single-threaded; reading, parsing and the field rules are not). Records come back in
// file order; a source error comes back after every record read before it, exactly where the
// plain loop would have met it. Destroying the prefetcher stops and joins the helper.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/result.h"
#include "ingest/batch/sources.h"
#include "ingest/batch/validate.h"

namespace credo::ingest {

struct PrefetchedRecord {
  CanonicalRecord record;
  ValidatedRecord validated;
  uint64_t bytes_read = 0;  //!< the source's position after this record
};

class RecordPrefetcher {
 public:
  //! `source` and `context` must outlive the prefetcher; the helper starts at once.
  RecordPrefetcher(RecordSource& source, const ValidationContext& context);
  ~RecordPrefetcher();
  RecordPrefetcher(const RecordPrefetcher&) = delete;
  RecordPrefetcher& operator=(const RecordPrefetcher&) = delete;

  //! The next record in file order: true with it, false at the end, or the source's error.
  Result<bool> Next(PrefetchedRecord* out);

 private:
  static constexpr size_t kChunkRecords = 256;
  static constexpr size_t kChunksAhead = 8;

  void Produce();

  RecordSource& source_;
  const ValidationContext& context_;
  std::mutex mutex_;
  std::condition_variable ready_;   // a chunk, the end or an error is there for the caller
  std::condition_variable space_;   // the caller took a chunk (or stops)
  std::deque<std::vector<PrefetchedRecord>> chunks_;
  bool finished_ = false;           // the helper read its last record (or failed)
  bool stopping_ = false;           // the caller is done, whatever is left
  std::optional<Error> error_;
  std::vector<PrefetchedRecord> current_;  // the caller's chunk
  size_t position_ = 0;
  std::thread helper_;
};

}  // namespace credo::ingest
