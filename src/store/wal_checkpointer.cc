#include "store/wal_checkpointer.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <unordered_map>
#include <utility>

#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/wal_hook.h"

namespace credo {
namespace store_internal {
namespace {

// SQLite's own threshold (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT): what a connection whose
// checkpointer stopped goes back to.
constexpr int kSqliteAutoCheckpointPages = 1000;

std::mutex& RegistryMutex() {
  static std::mutex mutex;
  return mutex;
}
std::unordered_map<std::string, std::weak_ptr<CheckpointTarget>>& Registry() {
  static std::unordered_map<std::string, std::weak_ptr<CheckpointTarget>> registry;
  return registry;
}

// The key a database file is registered under (its absolute, normalised path).
std::string CheckpointFileKey(const std::string& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::weakly_canonical(path, error);
  return error ? std::filesystem::absolute(path).lexically_normal().string() : absolute.string();
}

void UnregisterCheckpointTarget(const CheckpointTarget& target) {
  std::lock_guard<std::mutex> lock(RegistryMutex());
  auto found = Registry().find(target.file());
  if (found != Registry().end() && found->second.lock().get() == &target) Registry().erase(found);
}

int OnWalCommit(void* context, sqlite3* db, const char* schema, int log_pages) {
  auto* target = static_cast<CheckpointTarget*>(context);
  if (target->OnCommit(log_pages)) return SQLITE_OK;
  // The checkpointer stopped: what SQLite's default hook does.
  if (log_pages >= kSqliteAutoCheckpointPages) sqlite3_wal_checkpoint(db, schema);
  return SQLITE_OK;
}

// A restart checkpoint makes writers wait while it waits for the lock and for readers; past
// `limit_ms` it gives up (SQLITE_BUSY) and is tried again at a later wake.
int WaitBriefly(void* limit_ms, int attempts) {
  constexpr int kPauseMicroseconds = 200;
  if (attempts * kPauseMicroseconds >= *static_cast<int*>(limit_ms) * 1000) return 0;
  usleep(kPauseMicroseconds);
  return 1;
}

}  // namespace

bool CheckpointTarget::OnCommit(int log_pages) {
  if (stopped_.load()) return false;
  int checkpointed = checkpointed_pages_.load();
  if (log_pages < checkpointed) {  // the log was rewound since the last checkpoint
    checkpointed = 0;
    checkpointed_pages_.store(0);
  }
  if (log_pages >= checkpointed + step_pages_) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      due_ = true;
    }
    wake_.notify_one();
  }
  return true;
}

bool CheckpointTarget::WaitUntilDue() {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return due_ || stopping_; });
  if (stopping_) return false;
  due_ = false;
  return true;
}

void CheckpointTarget::RequestStop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
}

std::shared_ptr<CheckpointTarget> AttachWalHook(sqlite3* db, const std::string& path) {
  std::shared_ptr<CheckpointTarget> target;
  {
    std::lock_guard<std::mutex> lock(RegistryMutex());
    if (Registry().empty()) return nullptr;  // the common case: no canonical path computed
    auto found = Registry().find(CheckpointFileKey(path));
    if (found == Registry().end()) return nullptr;
    target = found->second.lock();
  }
  if (target) sqlite3_wal_hook(db, OnWalCommit, target.get());  // replaces the auto-checkpoint
  return target;
}

namespace {

void RunCheckpoints(std::unique_ptr<Connection> connection, CheckpointTarget& target,
                    WalCheckpointOptions options) {
  sqlite3* db = SqliteHandle(*connection);
  int limit_ms = options.restart_wait_ms;
  sqlite3_busy_handler(db, WaitBriefly, &limit_ms);
  auto checkpoint = [&](int mode) {
    int log_pages = 0;
    int copied_pages = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, nullptr, mode, &log_pages, &copied_pages);
    if (rc == SQLITE_BUSY) {
      target.busy.fetch_add(1);
    } else if (rc != SQLITE_OK) {
      target.failures.fetch_add(1);
    } else {
      (mode == SQLITE_CHECKPOINT_RESTART ? target.restarts : target.passive).fetch_add(1);
    }
    return rc == SQLITE_OK || rc == SQLITE_BUSY ? log_pages : -1;
  };
  // A restarted log keeps its length until the next commit rewinds it; a wake before that
  // commit must not count (and run) a second restart of the same log.
  int restarted_at = -1;
  while (target.WaitUntilDue()) {
    int log_pages = checkpoint(SQLITE_CHECKPOINT_PASSIVE);
    if (log_pages >= options.restart_pages && log_pages != restarted_at) {
      const int64_t restarts = target.restarts.load();
      log_pages = checkpoint(SQLITE_CHECKPOINT_RESTART);
      if (target.restarts.load() > restarts) restarted_at = log_pages;  // not when it gave up
    }
    if (log_pages >= 0) target.Checkpointed(log_pages);
  }
  checkpoint(SQLITE_CHECKPOINT_PASSIVE);  // what the last commits left, before the thread ends
}

}  // namespace
}  // namespace store_internal

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const StoreOptions& store,
                                                                WalCheckpointOptions options) {
  std::unique_ptr<WalCheckpointer> checkpointer(new WalCheckpointer());
  if (IsPostgresLocation(store.location) || store.read_only) return checkpointer;
  if (options.step_pages < 1 || options.restart_pages < options.step_pages ||
      options.restart_wait_ms < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "WAL checkpoints need step_pages >= 1, restart_pages >= step_pages and "
                     "restart_wait_ms >= 0");
  }
  std::string file = store_internal::CheckpointFileKey(store.location);
  CREDO_ASSIGN_OR_RETURN(
      std::unique_ptr<store_internal::Connection> connection,
      store_internal::OpenSqliteConnection(
          {store.location, false, false, store.busy_timeout_ms, store.mapped_reads}));
  auto target = std::make_shared<store_internal::CheckpointTarget>(file, options.step_pages);
  {
    std::lock_guard<std::mutex> lock(store_internal::RegistryMutex());
    std::weak_ptr<store_internal::CheckpointTarget>& slot = store_internal::Registry()[file];
    // One checkpointer per file is enough; a second one (two servers on one bureau in one
    // process, as tests do) leaves the checkpoints to the first.
    if (!slot.expired()) return checkpointer;
    slot = target;
  }
  checkpointer->target_ = target;
  checkpointer->thread_ = std::thread(
      [connection = std::move(connection), target, options]() mutable {
        store_internal::RunCheckpoints(std::move(connection), *target, options);
      });
  return checkpointer;
}

WalCheckpointer::~WalCheckpointer() { Stop(); }

void WalCheckpointer::Stop() {
  if (!target_) return;
  target_->MarkStopped();  // connections checkpoint on their own from their next commit
  store_internal::UnregisterCheckpointTarget(*target_);
  target_->RequestStop();
  if (thread_.joinable()) thread_.join();
}

WalCheckpointer::Counts WalCheckpointer::counts() const {
  Counts counts;
  if (!target_) return counts;
  counts.passive = target_->passive.load();
  counts.restarts = target_->restarts.load();
  counts.busy = target_->busy.load();
  counts.failures = target_->failures.load();
  return counts;
}

}  // namespace credo
