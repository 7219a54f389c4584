#include "api/server/wal_checkpointer.h"

#include <utility>

namespace credo::api {

WalCheckpointer::WalCheckpointer(std::function<Result<std::unique_ptr<Store>>()> open_store,
                                 std::chrono::milliseconds interval)
    : open_store_(std::move(open_store)), interval_(interval) {}

WalCheckpointer::~WalCheckpointer() { Stop(); }

void WalCheckpointer::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void WalCheckpointer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t WalCheckpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return checkpoints_;
}

int64_t WalCheckpointer::failures() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failures_;
}

int64_t WalCheckpointer::frames_checkpointed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return frames_;
}

void WalCheckpointer::RunOnce(Store& store) {
  auto done = store.Checkpoint();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!done.ok()) {
    ++failures_;
    return;
  }
  ++checkpoints_;
  frames_ += done->checkpointed_frames;
}

void WalCheckpointer::Loop() {
  auto store = open_store_();
  if (!store.ok()) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++failures_;
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    RunOnce(**store);  // also once more after Stop(): what the last requests wrote
    lock.lock();
  }
}

}  // namespace credo::api
