#include "resolve/resolver.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <cstdio>
#include <fstream>
#include <thread>

#include "ingest/mapping/mapped_reader.h"
#include "resolve/comparison.h"

namespace credo::resolve {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int ThreadCount(const ResolveOptions& options) {
  if (options.threads > 0) return options.threads;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

// Blocks, compares, learns and scores; fills the summary. Returns the scored candidate pairs.
Result<std::vector<ScoredPair>> ScoreCandidates(const RecordTable& table, bool link,
                                                const ResolveOptions& options,
                                                ResolveSummary* summary) {
  int threads = ThreadCount(options);
  auto start = Clock::now();
  BlockingOptions blocking;
  blocking.link = link;
  blocking.max_block_size = options.max_block_size;
  blocking.window = options.window;
  blocking.threads = threads;
  CandidatePairs candidates = GenerateCandidatePairs(table, blocking);
  summary->candidate_pairs = static_cast<int64_t>(candidates.pairs.size());
  summary->passes = candidates.passes;
  if (table.has_truth()) {
    summary->pairs_completeness = PairsCompleteness(table, candidates.pairs, link);
  }
  summary->times.block = SecondsSince(start);

  start = Clock::now();
  std::vector<ComparisonPattern> patterns = CompareAll(table, candidates.pairs, threads);
  summary->times.compare = SecondsSince(start);

  start = Clock::now();
  LearnOptions learn;
  learn.link = link;
  learn.u_sample_pairs =
      std::min<int64_t>(options.u_sample_pairs, 5 * static_cast<int64_t>(table.size()) + 20000);
  learn.seed = options.seed;
  learn.threads = threads;
  FsModel model = EstimateU(table, learn);
  // Without candidate pairs there is nothing to learn m from, and nothing to score either.
  if (!patterns.empty()) {
    CREDO_TRY(EstimateMByPass(patterns, candidates.pass_masks, BlockingPassFields(table), learn,
                              &model));
  }
  summary->model = model;
  summary->times.learn = SecondsSince(start);

  start = Clock::now();
  std::vector<ScoredPair> scored(candidates.pairs.size());
  auto worker = [&](int t) {
    size_t begin = scored.size() * t / threads, end = scored.size() * (t + 1) / threads;
    for (size_t i = begin; i < end; ++i) {
      uint32_t a = PairFirst(candidates.pairs[i]), b = PairSecond(candidates.pairs[i]);
      scored[i] = {a, b, static_cast<float>(PairWeight(table, model, a, b, patterns[i]))};
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& thread : pool) thread.join();
  summary->times.score = SecondsSince(start);
  return scored;
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

// Reading a file (decompressing, parsing, the mapping's transforms) and standardising each
// record's compared values run on a helper thread while the caller interns what was read: on
// two cores the read phase of a large file was otherwise one core's work. Records come in batches, in file order; the reader's
// error, if any, comes after every record read before it, as it would in a plain loop.
class RecordPipe {
 public:
  struct Batch {
    std::vector<ingest::MappedRecord> records = std::vector<ingest::MappedRecord>(kBatchSize);
    //! RecordTableBuilder::Standardize of each record.
    std::vector<std::optional<Result<std::vector<std::string>>>> standardized =
        std::vector<std::optional<Result<std::vector<std::string>>>>(kBatchSize);
    size_t count = 0;
  };

  RecordPipe(ingest::MappedReader& reader, const RecordTableBuilder& builder)
      : reader_(reader), builder_(builder), producer_([this] { Produce(); }) {}
  ~RecordPipe() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    producer_.join();
  }

  //! The next batch in file order; nullptr at the end of the file; the reader's error.
  Result<Batch*> Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || finished_; });
    if (!full_.empty()) {
      Batch* batch = full_.front();
      full_.pop_front();
      changed_.notify_all();
      return batch;
    }
    if (!error_.ok()) return error_.error();
    return static_cast<Batch*>(nullptr);
  }
  //! Hands a taken batch back for reuse.
  void Give(Batch* batch) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      free_.push_back(batch);
    }
    changed_.notify_all();
  }

 private:
  static constexpr size_t kBatchSize = 256;
  static constexpr size_t kBatches = 8;

  void Produce() {
    while (true) {
      Batch* batch = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || !free_.empty() || owned_.size() < kBatches; });
        if (stopping_) return;
        if (!free_.empty()) {
          batch = free_.front();
          free_.pop_front();
        } else {
          owned_.push_back(std::make_unique<Batch>());
          batch = owned_.back().get();
        }
      }
      batch->count = 0;
      Status status = Ok();
      bool more = true;
      while (batch->count < kBatchSize) {
        auto got = reader_.Next(&batch->records[batch->count]);
        if (!got.ok()) {
          status = std::move(got).error();
          break;
        }
        if (!*got) {
          more = false;
          break;
        }
        batch->standardized[batch->count] = builder_.Standardize(batch->records[batch->count]);
        ++batch->count;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (batch->count > 0) {
        full_.push_back(batch);
      } else {
        free_.push_back(batch);
      }
      if (!status.ok() || !more) {
        error_ = std::move(status);
        finished_ = true;
        changed_.notify_all();
        return;
      }
      changed_.notify_all();
    }
  }

  ingest::MappedReader& reader_;
  const RecordTableBuilder& builder_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Batch>> owned_;
  std::deque<Batch*> full_;
  std::deque<Batch*> free_;
  Status error_ = Ok();
  bool finished_ = false;
  bool stopping_ = false;
  std::thread producer_;  // last: starts after every other member is ready
};

}  // namespace

Result<RecordTable> ReadRecordTable(const ingest::Mapping& mapping,
                                    const std::vector<std::string>& paths, BuildStats* stats) {
  CREDO_ASSIGN_OR_RETURN(RecordTableBuilder builder, RecordTableBuilder::ForMapping(mapping));
  for (size_t side = 0; side < paths.size(); ++side) {
    CREDO_ASSIGN_OR_RETURN(auto reader, ingest::MappedReader::Open(mapping, paths[side]));
    int64_t before = builder.stats().records;
    {
      RecordPipe pipe(*reader, builder);
      while (true) {
        CREDO_ASSIGN_OR_RETURN(RecordPipe::Batch * batch, pipe.Take());
        if (batch == nullptr) break;
        for (size_t i = 0; i < batch->count; ++i) {
          CREDO_TRY(builder.AddStandardized(batch->records[i],
                                            std::move(*batch->standardized[i]),
                                            static_cast<uint8_t>(side), reader->source_name()));
        }
        pipe.Give(batch);
      }
    }
    if (builder.stats().records == before) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "file has a header but no records; there is nothing to resolve",
                       paths[side]);
    }
  }
  if (stats != nullptr) *stats = builder.stats();
  return builder.Finish();
}

Result<DedupeResult> Dedupe(RecordTable table, const ResolveOptions& options) {
  DedupeResult result;
  ResolveSummary& summary = result.summary;
  summary.records = static_cast<int64_t>(table.size());
  if (table.size() == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "no records to resolve");
  }
  std::vector<ScoredPair> scored;
  if (table.size() >= 2) {
    auto scored_or = ScoreCandidates(table, false, options, &summary);
    if (!scored_or.ok()) return std::move(scored_or).error();
    scored = std::move(scored_or).value();
  }
  auto start = Clock::now();
  ClusterOptions cluster;
  cluster.threshold_weight = ProbabilityToWeight(options.match_probability);
  cluster.split_weak_links = options.split_weak_links;
  result.clustering = ClusterRecords(table, summary.model, std::move(scored), cluster);
  summary.times.cluster = SecondsSince(start);
  summary.clusters = result.clustering.clusters;
  summary.strong_identifier_joins = result.clustering.strong_identifier_joins;
  summary.constraint_refusals = result.clustering.constraint_refusals;
  summary.constraint_violations = result.clustering.constraint_violations;
  summary.weak_link_splits = result.clustering.weak_link_splits;
  summary.average_linkage_refusals = result.clustering.average_linkage_refusals;
  if (table.has_truth()) summary.metrics = EvaluateClusters(table, result.clustering.cluster_of);
  result.table = std::move(table);
  return result;
}

Result<LinkResult> LinkTable(RecordTable table, const ResolveOptions& options) {
  LinkResult result;
  ResolveSummary& summary = result.summary;
  summary.link = true;
  summary.records = static_cast<int64_t>(table.size());
  summary.left_records = static_cast<int64_t>(table.side_size(0));
  summary.right_records = static_cast<int64_t>(table.side_size(1));
  if (summary.left_records == 0 || summary.right_records == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "linking needs records on both sides");
  }
  CREDO_ASSIGN_OR_RETURN(std::vector<ScoredPair> scored,
                         ScoreCandidates(table, true, options, &summary));
  auto start = Clock::now();
  LinkOptions link;
  link.threshold_weight = ProbabilityToWeight(options.match_probability);
  link.one_to_one = options.one_to_one;
  result.linking = SelectLinks(table, std::move(scored), link);
  summary.times.cluster = SecondsSince(start);
  summary.links = static_cast<int64_t>(result.linking.links.size());
  summary.strong_identifier_joins = result.linking.strong_identifier_links;
  summary.constraint_refusals = result.linking.constraint_refusals;
  if (table.has_truth()) summary.metrics = EvaluateLinks(table, result.linking.links);
  result.table = std::move(table);
  return result;
}

Result<DedupeResult> DedupeFile(const std::string& input, const ingest::Mapping& mapping,
                                const ResolveOptions& options) {
  auto start = Clock::now();
  BuildStats stats;
  CREDO_ASSIGN_OR_RETURN(RecordTable table, ReadRecordTable(mapping, {input}, &stats));
  double read = SecondsSince(start);
  CREDO_ASSIGN_OR_RETURN(DedupeResult result, Dedupe(std::move(table), options));
  result.summary.build = stats;
  result.summary.times.read = read;
  return result;
}

Result<LinkResult> LinkFiles(const std::string& left, const std::string& right,
                             const ingest::Mapping& mapping, const ResolveOptions& options) {
  auto start = Clock::now();
  BuildStats stats;
  CREDO_ASSIGN_OR_RETURN(RecordTable table, ReadRecordTable(mapping, {left, right}, &stats));
  double read = SecondsSince(start);
  CREDO_ASSIGN_OR_RETURN(LinkResult result, LinkTable(std::move(table), options));
  result.summary.build = stats;
  result.summary.times.read = read;
  return result;
}

Status WriteClusters(const std::string& path, DedupeResult* result) {
  auto start = Clock::now();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write the output file", path);
  std::string buffer = "record_id,cluster_id\n";
  const RecordTable& table = result->table;
  for (size_t i = 0; i < table.size(); ++i) {
    buffer += CsvField(table.record_id(i));
    buffer.push_back(',');
    buffer += std::to_string(result->clustering.cluster_of[i]);
    buffer.push_back('\n');
    if (buffer.size() > (1 << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.close();
  if (!out) return MakeError(ErrorCode::kUnavailable, "writing the output file failed", path);
  result->summary.times.write = SecondsSince(start);
  return Ok();
}

Status WriteLinks(const std::string& path, LinkResult* result) {
  auto start = Clock::now();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write the output file", path);
  std::string buffer = "left_id,right_id,probability\n";
  char number[32];
  const RecordTable& table = result->table;
  for (const auto& link : result->linking.links) {
    buffer += CsvField(table.record_id(link.left));
    buffer.push_back(',');
    buffer += CsvField(table.record_id(link.right));
    std::snprintf(number, sizeof number, ",%.6f\n", link.probability);
    buffer += number;
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.close();
  if (!out) return MakeError(ErrorCode::kUnavailable, "writing the output file failed", path);
  result->summary.times.write = SecondsSince(start);
  return Ok();
}

Result<PairExplanation> ExplainRecords(const RecordTable& table, const FsModel& model,
                                       const std::string& id_a, const std::string& id_b) {
  std::optional<uint32_t> a, b;
  bool two_sides = table.side_size(1) > 0;
  for (size_t i = 0; i < table.size(); ++i) {
    if (!a && table.record_id(i) == id_a && table.side(i) == 0) a = static_cast<uint32_t>(i);
    if (!b && table.record_id(i) == id_b && (!two_sides || table.side(i) == 1)) {
      b = static_cast<uint32_t>(i);
    }
  }
  if (!a) return MakeError(ErrorCode::kNotFound, "no record with id \"" + id_a + "\"");
  if (!b) return MakeError(ErrorCode::kNotFound, "no record with id \"" + id_b + "\"");
  return ExplainPair(table, model, *a, *b);
}

std::string FormatSummary(const ResolveSummary& s) {
  std::string out;
  char line[256];
  if (s.link) {
    std::snprintf(line, sizeof line, "records          %lld (left %lld, right %lld)\n",
                  static_cast<long long>(s.records), static_cast<long long>(s.left_records),
                  static_cast<long long>(s.right_records));
  } else {
    std::snprintf(line, sizeof line, "records          %lld\n", static_cast<long long>(s.records));
  }
  out += line;
  if (s.build.empty_records > 0) {
    std::snprintf(line, sizeof line,
                  "empty records    %lld (no compared field: each is its own cluster)\n",
                  static_cast<long long>(s.build.empty_records));
    out += line;
  }
  if (s.build.transform_issues > 0) {
    std::snprintf(line, sizeof line, "field issues     %lld (values left empty; first below)\n",
                  static_cast<long long>(s.build.transform_issues));
    out += line;
    for (const auto& issue : s.build.first_issues) out += "                 " + issue + "\n";
  }
  if (s.build.invalid_strong_identifiers > 0) {
    std::snprintf(line, sizeof line,
                  "invalid ids      %lld (failed validation: compared as plain identifiers)\n",
                  static_cast<long long>(s.build.invalid_strong_identifiers));
    out += line;
  }
  std::snprintf(line, sizeof line, "candidate pairs  %lld (%.2f per record)\n",
                static_cast<long long>(s.candidate_pairs),
                s.records ? static_cast<double>(s.candidate_pairs) / s.records : 0.0);
  out += line;
  for (const auto& pass : s.passes) {
    if (pass.skipped_blocks > 0) {
      std::snprintf(line, sizeof line,
                    "                 pass %s skipped %lld oversized blocks (%lld records)\n",
                    pass.name.c_str(), static_cast<long long>(pass.skipped_blocks),
                    static_cast<long long>(pass.skipped_records));
      out += line;
    }
  }
  if (s.pairs_completeness) {
    std::snprintf(line, sizeof line, "pairs complete   %.4f (true pairs among candidates)\n",
                  *s.pairs_completeness);
    out += line;
  }
  std::snprintf(line, sizeof line, "model            lambda %.6g, EM %d iterations%s\n",
                s.model.lambda, s.model.em_iterations, s.model.converged ? "" : " (not converged)");
  out += line;
  if (s.link) {
    std::snprintf(line, sizeof line, "links            %lld\n", static_cast<long long>(s.links));
  } else {
    std::snprintf(line, sizeof line,
                  "clusters         %lld (joins refused by average linkage: %lld, weak links "
                  "split: %lld)\n",
                  static_cast<long long>(s.clusters),
                  static_cast<long long>(s.average_linkage_refusals),
                  static_cast<long long>(s.weak_link_splits));
  }
  out += line;
  std::snprintf(line, sizeof line,
                "strong ids       %lld deterministic links, %lld joins refused, %lld violations\n",
                static_cast<long long>(s.strong_identifier_joins),
                static_cast<long long>(s.constraint_refusals),
                static_cast<long long>(s.constraint_violations));
  out += line;
  if (s.metrics) {
    std::snprintf(line, sizeof line,
                  "accuracy         precision %.4f recall %.4f F1 %.4f (%lld true pairs, %lld "
                  "predicted)\n",
                  s.metrics->precision, s.metrics->recall, s.metrics->f1,
                  static_cast<long long>(s.metrics->true_pairs),
                  static_cast<long long>(s.metrics->predicted_pairs));
    out += line;
  }
  const PhaseTimes& t = s.times;
  std::snprintf(line, sizeof line,
                "time             read %.3fs block %.3fs compare %.3fs learn %.3fs score %.3fs "
                "%s %.3fs write %.3fs total %.3fs\n",
                t.read, t.block, t.compare, t.learn, t.score, s.link ? "select" : "cluster",
                t.cluster, t.write, t.Total());
  out += line;
  return out;
}

}  // namespace credo::resolve
