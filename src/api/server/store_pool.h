// credo api/server: one Store per worker thread.
//
// A Store is not thread-safe (store.h), so each thread that serves requests opens its own, the
// first time it needs one, and keeps it for every later request it serves. All of them share the
// database (SQLite WAL: many readers, one writer; PostgreSQL: separate connections).
// ForThisThread is safe to call from any thread; the Store it returns must be used only by the
// calling thread. The pool closes every Store when it is destroyed (after the workers stopped).
#pragma once

#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/result.h"
#include "store/store.h"

namespace credo::api {

class StorePool {
 public:
  explicit StorePool(StoreOptions options);
  StorePool(const StorePool&) = delete;
  StorePool& operator=(const StorePool&) = delete;

  //! The calling thread's Store, opened on first use (open errors are returned, and retried on
  //! the next call).
  Result<Store*> ForThisThread();
  //! How many Stores are open.
  size_t open_count() const;
  const StoreOptions& options() const { return options_; }

 private:
  StoreOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::thread::id, std::unique_ptr<Store>> stores_;
};

}  // namespace credo::api
