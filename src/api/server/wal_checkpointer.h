// credo api/server: the write-ahead-log checkpointer of `credo serve` on SQLite.
//
// SQLite checkpoints its WAL (copies the logged pages into the database file and syncs it) in
// the call that commits, once the log passes 1,000 pages. In the server that call is the
// group-commit writer's, so every request waiting on that group waited for the checkpoint too:
// the slowest pulls and score calls were those. The server's stores are opened with
// background_checkpoints, and this thread runs a passive checkpoint (Store::Checkpoint: never
// waits for readers or writers) on its own Store every `interval`. Stop() wakes it, runs a last
// checkpoint and joins. A failed checkpoint is counted and retried at the next interval.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "store/store.h"

namespace credo::api {

class WalCheckpointer {
 public:
  //! `open_store` opens the Store the checkpointer uses (called on its thread).
  WalCheckpointer(std::function<Result<std::unique_ptr<Store>>()> open_store,
                  std::chrono::milliseconds interval);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  void Start();
  void Stop();

  int64_t checkpoints() const;         //!< checkpoints run
  int64_t failures() const;            //!< checkpoints (or the store's opening) that failed
  int64_t frames_checkpointed() const;  //!< frames copied into the database, summed

 private:
  void Loop();
  void RunOnce(Store& store);

  std::function<Result<std::unique_ptr<Store>>()> open_store_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int64_t checkpoints_ = 0;
  int64_t failures_ = 0;
  int64_t frames_ = 0;
  std::thread thread_;
};

}  // namespace credo::api
