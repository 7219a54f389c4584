// End-to-end entity resolution benchmarks against the recordlinkage toolkit's figures measured
// on this kind of machine (issue 4): FEBRL 4 link in about 4 s (F1 0.9964); the 1,000,000-record
// Febrl-generated dedup set in about 120 s at F1 0.945 with 4.2 GiB. Each iteration runs the
// whole pipeline through the library: read (mapping), standardise, block, compare, learn u and m
// (EM, no labels), score, link or cluster, and write the output CSV.
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cstdio>
#include <string>

#include "ingest/mapping/mapping.h"
#include "resolve/resolver.h"

namespace {

const std::string kData = std::string(CREDO_SHARED_DIR) + "/data/er/";
const std::string kMappings = std::string(CREDO_SOURCE_DIR) + "/mappings/";
constexpr double kPeerFebrl4Seconds = 4.0;     // recordlinkage: block 0.6 + compare 2.9 + classify 0.5
constexpr double kPeerMillionSeconds = 120.0;  // recordlinkage compound-key blocking, F1 0.945
constexpr double kPeerMillionGiB = 4.2;

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

void Report(benchmark::State& state, const credo::resolve::ResolveSummary& summary, double peer) {
  double total = summary.times.Total();
  state.counters["records"] = static_cast<double>(summary.records);
  state.counters["candidate_pairs"] = static_cast<double>(summary.candidate_pairs);
  state.counters["seconds"] = total;
  state.counters["F1"] = summary.metrics ? summary.metrics->f1 : 0;
  state.counters["precision"] = summary.metrics ? summary.metrics->precision : 0;
  state.counters["recall"] = summary.metrics ? summary.metrics->recall : 0;
  state.counters["pairs_completeness"] = summary.pairs_completeness.value_or(0);
  state.counters["speedup_vs_recordlinkage"] = peer / total;
  state.counters["peak_rss_MiB"] = PeakRssMiB();
  std::fprintf(stderr, "%s", credo::resolve::FormatSummary(summary).c_str());
}

void BM_Febrl4LinkEndToEnd(benchmark::State& state) {
  auto mapping = credo::ingest::LoadMapping(kMappings + "febrl.toml");
  if (!mapping.ok()) {
    state.SkipWithError(mapping.error().ToString().c_str());
    return;
  }
  credo::resolve::ResolveSummary last;
  for (auto _ : state) {
    auto result = credo::resolve::LinkFiles(kData + "febrl/dataset4a.csv",
                                            kData + "febrl/dataset4b.csv", *mapping, {});
    if (!result.ok()) {
      state.SkipWithError(result.error().ToString().c_str());
      return;
    }
    auto written = credo::resolve::WriteLinks("/tmp/credo_bench_febrl4_pairs.csv", &result.value());
    if (!written.ok()) {
      state.SkipWithError(written.error().ToString().c_str());
      return;
    }
    last = result->summary;
  }
  Report(state, last, kPeerFebrl4Seconds);
}
BENCHMARK(BM_Febrl4LinkEndToEnd)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_Million3LikeDedupeEndToEnd(benchmark::State& state) {
  auto mapping = credo::ingest::LoadMapping(kMappings + "febrl_gen.toml");
  if (!mapping.ok()) {
    state.SkipWithError(mapping.error().ToString().c_str());
    return;
  }
  credo::resolve::ResolveSummary last;
  for (auto _ : state) {
    auto result = credo::resolve::DedupeFile(kData + "febrl-gen/febrl3like_1m.csv.gz", *mapping, {});
    if (!result.ok()) {
      state.SkipWithError(result.error().ToString().c_str());
      return;
    }
    auto written =
        credo::resolve::WriteClusters("/tmp/credo_bench_1m_clusters.csv", &result.value());
    if (!written.ok()) {
      state.SkipWithError(written.error().ToString().c_str());
      return;
    }
    last = result->summary;
  }
  Report(state, last, kPeerMillionSeconds);
  state.counters["memory_ratio_vs_recordlinkage"] = kPeerMillionGiB * 1024.0 / PeakRssMiB();
}
BENCHMARK(BM_Million3LikeDedupeEndToEnd)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
