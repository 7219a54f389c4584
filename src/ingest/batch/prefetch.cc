#include "ingest/batch/prefetch.h"

#include <utility>

namespace credo::ingest {

RecordPrefetcher::RecordPrefetcher(RecordSource& source, const ValidationContext& context)
    : source_(source), context_(context), helper_([this] { Produce(); }) {}

RecordPrefetcher::~RecordPrefetcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  space_.notify_all();
  helper_.join();
}

void RecordPrefetcher::Produce() {
  std::vector<PrefetchedRecord> chunk;
  chunk.reserve(kChunkRecords);
  auto hand_over = [&](bool last, std::optional<Error> error) {
    std::unique_lock<std::mutex> lock(mutex_);
    space_.wait(lock, [&] { return stopping_ || chunks_.size() < kChunksAhead; });
    if (stopping_) return false;
    if (!chunk.empty()) chunks_.push_back(std::move(chunk));
    chunk = {};
    chunk.reserve(kChunkRecords);
    if (last) {
      finished_ = true;
      error_ = std::move(error);
    }
    ready_.notify_one();
    return true;
  };
  while (true) {
    PrefetchedRecord item;
    Result<bool> more = source_.Next(&item.record);
    if (!more.ok()) {
      hand_over(true, std::move(more).error());
      return;
    }
    if (!*more) {
      hand_over(true, std::nullopt);
      return;
    }
    item.validated = ValidateRecord(item.record, context_);
    item.bytes_read = source_.bytes_read();
    chunk.push_back(std::move(item));
    if (chunk.size() == kChunkRecords && !hand_over(false, std::nullopt)) return;
  }
}

Result<bool> RecordPrefetcher::Next(PrefetchedRecord* out) {
  if (position_ == current_.size()) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !chunks_.empty() || finished_; });
    if (chunks_.empty()) {
      if (error_) return *error_;
      return false;
    }
    current_ = std::move(chunks_.front());
    chunks_.pop_front();
    position_ = 0;
    lock.unlock();
    space_.notify_one();
  }
  *out = std::move(current_[position_++]);
  return true;
}

}  // namespace credo::ingest
