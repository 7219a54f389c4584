#include "api/server/store_pool.h"

namespace credo::api {

StorePool::StorePool(StoreOptions options) : options_(std::move(options)) {}

Result<Store*> StorePool::ForThisThread() {
  std::thread::id me = std::this_thread::get_id();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = stores_.find(me);
    if (it != stores_.end()) return it->second.get();
  }
  // Opened outside the lock: opening may wait on the database, and only this thread uses the
  // entry it adds.
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(options_));
  Store* raw = store.get();
  std::lock_guard<std::mutex> lock(mutex_);
  stores_[me] = std::move(store);
  return raw;
}

size_t StorePool::open_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stores_.size();
}

}  // namespace credo::api
