// credo store: write-ahead-log checkpoints on a thread of their own, for a long-running server.
//
// SQLite copies its write-ahead log back into the database file (a checkpoint) inside the
// commit that takes the log past 1,000 pages: that commit copies the pages and waits for two
// fsyncs. In `credo serve` the committing connection is the group-commit writer, so every
// request waiting for its record to commit waited for the checkpoint as well.
//
// While a WalCheckpointer runs for a SQLite bureau, connections to that file opened in this
// process no longer checkpoint in their commits; a commit that grew the log by `step_pages`
// wakes the checkpointer's thread, which copies the log with a passive checkpoint on its own
// connection (it neither waits for nor blocks readers and writers). A passive checkpoint cannot
// rewind the log while commits keep coming, so once the log file passes `restart_pages` the
// thread runs one restart checkpoint: writers wait for it (its last copy and fsyncs, then for
// readers at most `restart_wait_ms`, after which it gives up and tries again later; 4-30 ms
// under the API benchmark's load) and the next commit writes the log from its start again. The
// default of 262,144 pages (1 GiB) makes that stall rare: under a serving load of ~50 MB of log
// per second it comes about every 20 s (at 256 MiB, every 5 s, and the pull p99 was 0.7-1.7 ms
// higher). Connections opened before Start, or in other processes, keep
// SQLite's own checkpoints. After Stop they go back to SQLite's own behaviour too.
// PostgreSQL bureaus: Start returns a checkpointer that does nothing.
// Thread safety: Start and Stop from one thread; counts() from any.
#pragma once

#include <cstdint>
#include <memory>
#include <thread>

#include "core/result.h"
#include "store/store.h"

namespace credo {
namespace store_internal {
class CheckpointTarget;
}

struct WalCheckpointOptions {
  int step_pages = 1000;           //!< log growth that wakes the thread (SQLite's own default)
  int64_t restart_pages = 262144;  //!< log length (pages) past which the log is rewound
  int restart_wait_ms = 20;        //!< how long a restart waits for the lock, then for readers
};

class WalCheckpointer {
 public:
  //! Opens the checkpointer's own connection to `store` (errors are returned here) and starts
  //! its thread. Connections to the same file opened from now on hand it their checkpoints.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const StoreOptions& store,
                                                        WalCheckpointOptions options = {});
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  //! False for the one that does nothing (PostgreSQL, read-only, a second one for a file).
  bool active() const { return target_ != nullptr; }
  //! Copies what is left of the log, stops the thread; connections checkpoint on their own again.
  void Stop();

  struct Counts {
    int64_t passive = 0;    //!< passive checkpoints run
    int64_t restarts = 0;   //!< restart checkpoints that rewound the log
    int64_t busy = 0;       //!< restart checkpoints given up (readers or the writer too long)
    int64_t failures = 0;   //!< checkpoints that failed otherwise (I/O); retried at the next wake
  };
  Counts counts() const;

 private:
  WalCheckpointer() = default;

  std::shared_ptr<store_internal::CheckpointTarget> target_;  // shared with the connections
  std::thread thread_;
};

}  // namespace credo
