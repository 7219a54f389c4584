// Scoring throughput on Give Me Some Credit (120,000 rows, in memory, one thread):
// scorecard rows per second (target 2,000,000 per core) including bin lookup and reason codes,
// and tree-model rows per second (target 300,000; 300 trees, depth 4) through XGBoost with one
// thread. Rates are per CPU second of the scoring thread (per core), so a loaded machine does
// not distort them; wall time is printed beside.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "model/model.h"

namespace {

using namespace credo::model;

const Dataset& Data() {
  static const Dataset data = [] {
    DatasetOptions options;
    options.target = "SeriousDlqin2yrs";
    options.training = true;
    auto loaded = LoadCsvDataset(
        std::string(CREDO_SHARED_DIR) + "/data/credit/give_me_some_credit/cs-training.csv", options);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.error().ToString().c_str());
      std::abort();
    }
    return *loaded;
  }();
  return data;
}

const ModelArtifact& Trained(ModelKind kind) {
  static ModelArtifact scorecard, trees;
  static bool have_scorecard = false, have_trees = false;
  ModelArtifact& artifact = kind == ModelKind::kScorecard ? scorecard : trees;
  bool& have = kind == ModelKind::kScorecard ? have_scorecard : have_trees;
  if (!have) {
    TrainOptions options;
    options.kind = kind;
    auto trained = TrainModel(Data(), options);
    if (!trained.ok()) std::abort();
    artifact = *trained;
    if (artifact.gbdt) (void)artifact.gbdt->SetThreads(1);
    have = true;
  }
  return artifact;
}

void BM_ScorecardScoring(benchmark::State& state) {
  const ModelArtifact& artifact = Trained(ModelKind::kScorecard);
  const Dataset& data = Data();
  for (auto _ : state) {
    auto rows = ScoreDataset(*artifact.scorecard, data);
    benchmark::DoNotOptimize(rows->data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * data.rows));
  state.counters["target_rows_per_s"] = 2000000;
}
BENCHMARK(BM_ScorecardScoring)->Unit(benchmark::kMillisecond);

void BM_TreeScoring(benchmark::State& state) {
  const ModelArtifact& artifact = Trained(ModelKind::kGbdt);
  const Dataset& data = Data();
  auto matrix = artifact.gbdt->Encode(data);
  for (auto _ : state) {
    auto pd = artifact.gbdt->PredictEncoded(*matrix, data.rows);
    benchmark::DoNotOptimize(pd->data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * data.rows));
  state.counters["target_rows_per_s"] = 300000;
}
BENCHMARK(BM_TreeScoring)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
