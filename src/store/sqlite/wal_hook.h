// credo store internals: what links SQLite connections to a running WalCheckpointer
// (store/wal_checkpointer.h). A CheckpointTarget is registered under its database file while
// the checkpointer runs (the registry is wal_checkpointer.cc's); a connection opened to that file installs a WAL hook that tells the
// target about each commit instead of checkpointing itself, and keeps the target alive until the
// connection is closed (the hook can fire until then).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

struct sqlite3;

namespace credo::store_internal {

class CheckpointTarget {
 public:
  CheckpointTarget(std::string file, int step_pages) : file_(std::move(file)), step_pages_(step_pages) {}

  //! A connection committed and the log now holds `log_pages`. True while the checkpointer
  //! takes the checkpoints (it is woken when the log grew by step_pages since its last one);
  //! false once it stopped (the connection then checkpoints as SQLite would).
  bool OnCommit(int log_pages);

  //! The thread's side: waits until a checkpoint is due (true) or Stop was asked (false).
  bool WaitUntilDue();
  //! The log held `log_pages` when the last checkpoint ended.
  void Checkpointed(int log_pages) { checkpointed_pages_.store(log_pages); }
  void RequestStop();
  void MarkStopped() { stopped_.store(true); }

  const std::string& file() const { return file_; }

  std::atomic<int64_t> passive{0};
  std::atomic<int64_t> restarts{0};
  std::atomic<int64_t> busy{0};
  std::atomic<int64_t> failures{0};

 private:
  const std::string file_;
  const int step_pages_;
  std::atomic<int> checkpointed_pages_{0};
  std::atomic<bool> stopped_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stopping_ = false;
};

//! If a checkpointer runs for `path`, hooks `db`'s commits to it and returns the target the
//! connection must keep until it is closed; else nullptr (SQLite checkpoints as usual).
std::shared_ptr<CheckpointTarget> AttachWalHook(sqlite3* db, const std::string& path);

}  // namespace credo::store_internal
