#include "api/server/group_commit.h"

#include <utility>

namespace credo::api {

Result<std::unique_ptr<GroupCommitWriter>> GroupCommitWriter::Start(
    const std::function<Result<std::unique_ptr<Store>>()>& open_store, size_t max_group) {
  CREDO_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, open_store());
  return std::unique_ptr<GroupCommitWriter>(
      new GroupCommitWriter(std::move(store), max_group == 0 ? 1 : max_group));
}

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Store> store, size_t max_group)
    : store_(std::move(store)), max_group_(max_group) {
  thread_ = std::thread([this] { Run(); });
}

GroupCommitWriter::~GroupCommitWriter() { Stop(); }

void GroupCommitWriter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status GroupCommitWriter::Commit(const Work& work) {
  Pending pending;
  pending.work = &work;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      return MakeError(ErrorCode::kUnavailable, "the record writer is stopping; retry later");
    }
    queue_.push_back(&pending);
  }
  work_ready_.notify_one();
  // `done` is set after the writer set pending.status.
  std::unique_lock<std::mutex> lock(pending.mutex);
  pending.finished.wait(lock, [&pending] { return pending.done; });
  return pending.status;
}

void GroupCommitWriter::Run() {
  std::deque<Pending*> group;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      while (!queue_.empty() && group.size() < max_group_) {
        group.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    CommitGroup(group);
    // Each caller returns (and its Pending goes) once it sees `done`, which it can only read
    // after this unlock; the notify comes before the unlock, so nothing here touches a Pending
    // after its caller may have returned.
    for (Pending* pending : group) {
      std::lock_guard<std::mutex> lock(pending->mutex);
      pending->done = true;
      pending->finished.notify_one();
    }
    group.clear();
  }
}

void GroupCommitWriter::CommitGroup(std::deque<Pending*>& group) {
  Status together = store_->WithTransaction([&group](Transaction& tx) -> Status {
    for (Pending* pending : group) CREDO_TRY((*pending->work)(tx));
    return Ok();
  });
  if (together.ok()) {
    for (Pending* pending : group) pending->status = Ok();
    groups_committed_.fetch_add(1);
    works_committed_.fetch_add(static_cast<int64_t>(group.size()));
    return;
  }
  if (group.size() == 1) {
    group.front()->status = std::move(together);
    return;
  }
  // Nothing of the group was kept: each work alone, for its own outcome.
  for (Pending* pending : group) {
    pending->status = store_->WithTransaction(*pending->work);
    if (pending->status.ok()) {
      groups_committed_.fetch_add(1);
      works_committed_.fetch_add(1);
    }
  }
}

}  // namespace credo::api
