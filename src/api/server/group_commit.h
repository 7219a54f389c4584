// credo api/server: the group-commit writer of read records (compliance/record_writer.h).
//
// Report pulls and score calls each write an inquiry, its query-log row and audit entry, and
// (reports) the kept document. With one write transaction per request, SQLite's single writer
// makes requests queue on its lock (its busy handler sleeps, so the queue is slow and unfair)
// and PostgreSQL pays one commit each. GroupCommitWriter owns one Store and one thread: requests
// hand it their record-writing work and wait; the thread runs every work queued while the
// previous transaction ran in the next transaction, commits once, and wakes each caller with
// its outcome. A caller returns only after the transaction holding its records committed, so a
// read is never answered before its record is durable (条例 Art. 22 via compliance::ReadGrant).
//
// Failure: if a group's transaction fails (a work's error, or the commit), nothing of it is
// kept and each of its works is run again alone in its own transaction, so each caller gets its
// own outcome: one failing work fails only its caller, a failing commit fails each caller whose
// work cannot commit. Works must be safe to run again (record_writer.h).
// Thread safety: Commit from any thread. Stop (or the destructor) finishes queued work first.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "compliance/record_writer.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::api {

class GroupCommitWriter : public compliance::RecordWriter {
 public:
  //! Opens the writer's Store with `open_store` (on the calling thread, so an error is returned
  //! here) and starts the thread. At most `max_group` works go in one transaction.
  static Result<std::unique_ptr<GroupCommitWriter>> Start(
      const std::function<Result<std::unique_ptr<Store>>()>& open_store, size_t max_group = 512);
  ~GroupCommitWriter() override;
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  Status Commit(const Work& work) override;
  //! Runs the queued work, then stops the thread; later Commit calls fail with kUnavailable.
  void Stop();

  //! Transactions committed with at least one work, and works committed (for metrics, tests).
  int64_t groups_committed() const { return groups_committed_.load(); }
  int64_t works_committed() const { return works_committed_.load(); }

 private:
  // A caller's work, on the caller's stack. The writer sets `status` and `done` under `mutex`
  // and notifies `finished`, which wakes that caller alone (a shared condition variable woke
  // every waiting caller at every commit, most of them only to sleep again). Not a
  // std::binary_semaphore: libstdc++'s acquire spins through sched_yield before it sleeps, and
  // with more server threads than cores those yields were 3% of a score call's CPU.
  struct Pending {
    const Work* work = nullptr;
    Status status = Ok();
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
  };
  GroupCommitWriter(std::unique_ptr<Store> store, size_t max_group);
  void Run();
  void CommitGroup(std::deque<Pending*>& group);

  std::unique_ptr<Store> store_;
  size_t max_group_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<int64_t> groups_committed_{0};
  std::atomic<int64_t> works_committed_{0};
};

}  // namespace credo::api
