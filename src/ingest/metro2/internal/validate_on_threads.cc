#include "ingest/metro2/internal/validate_on_threads.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "ingest/metro2/internal/counting_sink.h"
#include "ingest/metro2/internal/issue_sinks.h"

namespace credo::metro2::internal {
namespace {

constexpr size_t kChunkBytes = size_t{1} << 20;
constexpr size_t kChunkRecords = 4096;

// The header in force for the data records of a chunk (its activity date dates the records).
struct HeaderSeen {
  HeaderRecord header;
  RecordFraming framing;
  FileFormat format;
};

// Data records framed on the calling thread, decoded and checked by a worker.
struct Chunk {
  struct Item {
    size_t begin = 0;        // of the record's raw bytes in `bytes`
    size_t size = 0;
    size_t issues_end = 0;   // the record's framing issues end here in `framing_issues`
    RecordFraming framing;
  };
  // Input.
  std::string bytes;
  std::vector<Item> items;
  std::vector<Issue> framing_issues;
  FileFormat format;
  std::shared_ptr<const HeaderSeen> header;
  // Output.
  std::vector<Issue> issues;
  TotalsCounter totals;
  uint64_t rejected = 0;
  bool done = false;

  void Clear() {
    bytes.clear();
    items.clear();
    framing_issues.clear();
    header.reset();
    issues.clear();
    totals = TotalsCounter();
    rejected = 0;
    done = false;
  }
};

void CheckChunk(Chunk& chunk, const ValidatorOptions& options) {
  CollectingSink collect(&chunk.issues);
  DiscardingSink discard;
  SwitchingSink sink;
  Validator validator(sink, options);
  if (chunk.header) {
    sink.target = &discard;
    validator.CheckHeader(chunk.header->header, chunk.header->framing, chunk.header->format);
  }
  sink.target = &collect;
  std::unique_ptr<Reader> decoder = Reader::ForFramedRecords(chunk.format);
  size_t framing_at = 0;
  for (const Chunk::Item& item : chunk.items) {
    size_t first = chunk.issues.size();
    for (; framing_at < item.issues_end; ++framing_at) {
      chunk.issues.push_back(std::move(chunk.framing_issues[framing_at]));
    }
    decoder->DecodeFramedData(std::string_view(chunk.bytes).substr(item.begin, item.size),
                              item.framing, collect);
    if (decoder->decoded()) validator.CheckData(decoder->data(), decoder->framing(), chunk.format);
    if (AnyFatal(chunk.issues, first)) ++chunk.rejected;
  }
  chunk.totals = validator.totals();
}

// Workers that check chunks in the order they are queued and mark each done.
class Workers {
 public:
  Workers(unsigned count, ValidatorOptions options) : options_(options) {
    for (unsigned i = 0; i < count; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    queued_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  void Queue(Chunk* chunk) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(chunk);
    }
    queued_.notify_one();
  }
  void WaitFor(const Chunk& chunk) {
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&chunk] { return chunk.done; });
  }

 private:
  void Run() {
    for (;;) {
      Chunk* chunk = nullptr;
      {
        std::unique_lock lock(mutex_);
        queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        chunk = queue_.front();
        queue_.pop_front();
      }
      CheckChunk(*chunk, options_);
      {
        std::lock_guard lock(mutex_);
        chunk->done = true;
      }
      finished_.notify_all();
    }
  }

  ValidatorOptions options_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::condition_variable finished_;
  std::deque<Chunk*> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

ValidationSummary ValidateOnThreads(Reader& reader, IssueSink& sink, ValidatorOptions options) {
  ValidationSummary summary;
  // Every issue reaches the caller through here, in file order.
  CountingSink counting(sink);
  // Header and trailer are checked here; the trailer against the totals of every chunk.
  std::vector<Issue> own_issues;
  CollectingSink collect_own(&own_issues);
  Validator validator(collect_own, options);
  auto emit_own = [&own_issues, &counting] {
    for (Issue& issue : own_issues) counting.Report(std::move(issue));
    own_issues.clear();
  };

  Workers workers(options.threads, options);
  const size_t max_in_flight = size_t{2} * options.threads;
  std::deque<std::unique_ptr<Chunk>> in_flight;
  std::vector<std::unique_ptr<Chunk>> spare;
  std::unique_ptr<Chunk> current = std::make_unique<Chunk>();
  std::shared_ptr<const HeaderSeen> header;

  auto finish_oldest = [&] {
    std::unique_ptr<Chunk> chunk = std::move(in_flight.front());
    in_flight.pop_front();
    workers.WaitFor(*chunk);
    for (Issue& issue : chunk->issues) counting.Report(std::move(issue));
    summary.rejected_records += chunk->rejected;
    validator.AddTotals(chunk->totals);
    chunk->Clear();
    spare.push_back(std::move(chunk));
  };
  auto submit = [&] {
    if (current->items.empty()) return;
    current->format = reader.format();
    current->header = header;
    workers.Queue(current.get());
    in_flight.push_back(std::move(current));
    if (spare.empty()) {
      current = std::make_unique<Chunk>();
    } else {
      current = std::move(spare.back());
      spare.pop_back();
    }
    while (in_flight.size() > max_in_flight) finish_oldest();
  };
  auto finish_all = [&] {
    submit();
    while (!in_flight.empty()) finish_oldest();
  };

  while (reader.Next(collect_own)) {
    ++summary.records;
    if (reader.kind() == RecordKind::kData) {
      ++summary.data_records;
      std::string_view raw = reader.raw();
      Chunk::Item item;
      item.begin = current->bytes.size();
      item.size = raw.size();
      item.framing = reader.framing();
      current->bytes.append(raw);
      for (Issue& issue : own_issues) current->framing_issues.push_back(std::move(issue));
      own_issues.clear();
      item.issues_end = current->framing_issues.size();
      current->items.push_back(std::move(item));
      if (current->bytes.size() >= kChunkBytes || current->items.size() >= kChunkRecords) {
        submit();
      }
      continue;
    }
    // A header or trailer: everything before it is reported first.
    finish_all();
    if (reader.kind() == RecordKind::kHeader) {
      if (reader.decoded()) {
        validator.CheckHeader(reader.header(), reader.framing(), reader.format());
        header = std::make_shared<const HeaderSeen>(
            HeaderSeen{reader.header(), reader.framing(), reader.format()});
      }
    } else if (reader.decoded()) {
      validator.CheckTrailer(reader.trailer(), reader.framing(), reader.format());
    }
    emit_own();
  }
  finish_all();
  emit_own();
  summary.fatal = counting.fatal;
  summary.warnings = counting.warnings;
  summary.format = reader.format();
  summary.bytes = reader.offset();
  return summary;
}

}  // namespace credo::metro2::internal
