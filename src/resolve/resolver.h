// credo resolve: entity resolution end to end — the library behind `credo er dedupe|link|explain`.
//
// Read (through an ingest mapping) -> standardise -> block -> compare -> learn weights without
// labels -> score -> cluster (dedupe) or select links (two files) -> write. Every phase is timed
// and the summary counts records, empty records (their own cluster), candidate pairs, clusters
// or links, and — only when the mapping declares [truth] — pairs completeness and pairwise
// precision, recall and F1. Truth is never used to learn.
//
// Errors (Result): unreadable or empty files, a mapping naming a column the file lacks, invalid
// UTF-8 (file, line, column, byte offset), duplicate record ids (both lines), no candidate pairs
// to learn from. Uses `threads` worker threads (default: all cores).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/mapping/mapping.h"
#include "resolve/blocking.h"
#include "resolve/clustering.h"
#include "resolve/evaluation.h"
#include "resolve/explain.h"
#include "resolve/fs_model.h"
#include "resolve/learning.h"
#include "resolve/record_table.h"
#include "resolve/table_builder.h"

namespace credo::resolve {

struct ResolveOptions {
  //! Pairs at or above are matches. 0.95 rather than an even 0.5: a false merge gives one
  //! person another's defaults, and on every benchmark set (FEBRL 1, 2, 4, the febrl-dsgen sets,
  //! Splink's, the 100k and 1M generated sets) 0.95 kept recall and raised precision.
  double match_probability = 0.95;
  int threads = 0;                 //!< 0: std::thread::hardware_concurrency()
  size_t max_block_size = 200;
  size_t window = 5;
  bool split_weak_links = true;
  bool one_to_one = false;         //!< link: each record links at most once
  int64_t u_sample_pairs = 200000;  //!< at most; 5 per record + 20,000 on small inputs
  uint64_t seed = 20240601;
};

struct PhaseTimes {
  double read = 0, block = 0, compare = 0, learn = 0, score = 0, cluster = 0, write = 0;
  double Total() const { return read + block + compare + learn + score + cluster + write; }
};

struct ResolveSummary {
  bool link = false;
  int64_t records = 0;
  int64_t left_records = 0;
  int64_t right_records = 0;
  BuildStats build;
  int64_t candidate_pairs = 0;
  std::vector<BlockingPassStats> passes;
  std::optional<double> pairs_completeness;
  int64_t clusters = 0;
  int64_t links = 0;
  int64_t strong_identifier_joins = 0;
  int64_t constraint_refusals = 0;
  int64_t constraint_violations = 0;
  int64_t weak_link_splits = 0;
  int64_t average_linkage_refusals = 0;
  std::optional<PairMetrics> metrics;
  FsModel model;
  PhaseTimes times;
};

struct DedupeResult {
  RecordTable table;
  Clustering clustering;
  ResolveSummary summary;
};

struct LinkResult {
  RecordTable table;  //!< left records first (side 0), then right (side 1)
  Linking linking;
  ResolveSummary summary;
};

//! Reads one file (dedupe) or two (link, left then right) through `mapping`.
Result<RecordTable> ReadRecordTable(const ingest::Mapping& mapping,
                                    const std::vector<std::string>& paths, BuildStats* stats);

Result<DedupeResult> Dedupe(RecordTable table, const ResolveOptions& options);
Result<LinkResult> LinkTable(RecordTable table, const ResolveOptions& options);
Result<DedupeResult> DedupeFile(const std::string& input, const ingest::Mapping& mapping,
                                const ResolveOptions& options);
Result<LinkResult> LinkFiles(const std::string& left, const std::string& right,
                             const ingest::Mapping& mapping, const ResolveOptions& options);

//! `record_id,cluster_id` for every record, in input order. Adds the time to the summary.
Status WriteClusters(const std::string& path, DedupeResult* result);
//! `left_id,right_id,probability` per link.
Status WriteLinks(const std::string& path, LinkResult* result);

//! Explains the pair of records with these ids (dedupe: both in the file; link: a is left).
Result<PairExplanation> ExplainRecords(const RecordTable& table, const FsModel& model,
                                       const std::string& id_a, const std::string& id_b);

//! The human summary printed by the CLI (records, pairs, clusters, accuracy, time per phase).
std::string FormatSummary(const ResolveSummary& summary);

}  // namespace credo::resolve
