// report_bench: how many credit reports a second the library issues on a generated bureau.
//   * IssueReport (read gate: purpose, consent, inquiry and query-log rows; the compliance view;
//     assembly of every section; the kept, encrypted copy) + RenderJson, round robin over the
//     bureau's persons, each with a consent on file;
//   * RenderJson, RenderHtml and RenderPdf of one issued report alone.
// The peer figures are the issue's: 2,000 report pulls a second (JSON, through the HTTP server,
// on the 2 cores) and the seeds' own target of a 1 second response.
// Flags: --persons N (default 2000), --months K (default 3), then Google Benchmark's flags.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "compliance/compliance.h"
#include "ingest/batch/pipeline.h"
#include "ingest/generate/generate.h"
#include "report/report.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::report {
namespace {

int g_persons = 2000;
int g_months = 3;

struct Bench {
  std::string dir;
  JurisdictionProfile profile;
  FixedClock clock{Date::FromYmd(2026, 6, 15).value(), 1781524800};
  std::unique_ptr<Store> store;
  compliance::ComplianceContext context;
  std::vector<SubjectId> subjects;
  IssuedReport sample;
};

Bench* g_bench = nullptr;

void Die(const std::string& what, const Error& error) {
  std::fprintf(stderr, "report_bench: %s: %s\n", what.c_str(), error.ToString().c_str());
  std::exit(1);
}

void Setup() {
  auto* b = new Bench();
  char pattern[] = "/tmp/credo_report_bench_XXXXXX";
  b->dir = mkdtemp(pattern);
  b->profile = LoadBuiltinProfile("cn").value();
  ingest::generate::GeneratorOptions generator;
  generator.persons = g_persons;
  generator.companies = g_persons / 10;
  generator.months = g_months;
  generator.seed = 7;
  generator.out_dir = b->dir + "/in";
  auto generated = ingest::generate::Generate(generator);
  if (!generated.ok()) Die("generate", generated.error());
  const std::string db = b->dir + "/bureau.db";
  if (auto s = InitKeyFile(db + ".keys"); !s.ok()) Die("keys", s.error());
  StoreOptions options;
  options.location = db;
  options.key_file = db + ".keys";
  options.create_if_missing = true;
  options.clock = &b->clock;
  auto store = OpenStore(options);
  if (!store.ok()) Die("open", store.error());
  b->store = std::move(store).value();
  if (auto s = compliance::EnsureComplianceSchema(*b->store); !s.ok()) Die("schema", s.error());
  if (auto s = EnsureReportSchema(*b->store); !s.ok()) Die("schema", s.error());
  b->context = compliance::ComplianceContext(b->profile, b->clock, "bench");
  for (const std::string& file : generated->files) {
    if (file.find("metro2_") == std::string::npos) continue;
    ingest::IngestOptions ingest_options;
    ingest_options.clock = &b->clock;
    const std::string source = file.substr(0, file.find('/'));
    auto loaded = ingest::IngestFile(*b->store, b->dir + "/in/" + file, source,
                                     ingest::InputFormat::kMetro2, nullptr, b->profile,
                                     ingest_options);
    if (!loaded.ok()) Die("ingest " + file, loaded.error());
  }
  auto listed = b->store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(b->subjects, tx.ListSubjectIds(0, 1000000));
    return Ok();
  });
  if (!listed.ok()) Die("list", listed.error());
  for (SubjectId subject : b->subjects) {
    compliance::ConsentGrant grant;
    grant.subject_id = subject;
    grant.institution = "Bank A";
    grant.purpose = "credit_application";
    grant.reference = "REF-" + std::to_string(subject);
    grant.valid_from = Date::FromYmd(2026, 1, 1).value();
    grant.artefact_reference = "vault://consents/" + grant.reference;
    grant.notice_version = "notice-2024-01";
    auto added = compliance::AddConsent(*b->store, b->context, grant);
    if (!added.ok()) Die("consent", added.error());
  }
  std::fprintf(stderr, "report_bench: %zu subjects (%d persons generated, %d months) in %s\n",
               b->subjects.size(), g_persons, g_months, b->dir.c_str());
  g_bench = b;
}

ReportRequest RequestFor(SubjectId subject) {
  ReportRequest request;
  request.read.subject_id = subject;
  request.read.institution = "Bank A";
  request.read.staff_user = "officer.1";
  request.read.purpose = "credit_application";
  request.lang = "en";
  return request;
}

void BM_IssueReportAndRenderJson(benchmark::State& state) {
  Bench& b = *g_bench;
  size_t next = 0;
  size_t bytes = 0;
  int64_t accounts = 0;
  for (auto _ : state) {
    auto report = IssueReport(*b.store, b.context, RequestFor(b.subjects[next]));
    if (!report.ok()) {
      state.SkipWithError(report.error().ToString().c_str());
      return;
    }
    const std::string json = RenderJson(*report);
    bytes += json.size();
    if (report->document["tradelines"].contains("accounts")) {
      accounts += static_cast<int64_t>(report->document["tradelines"]["accounts"].size());
    }
    benchmark::DoNotOptimize(json.data());
    next = (next + 1) % b.subjects.size();
    if (next == 1 && b.sample.report_id == 0) b.sample = std::move(report).value();
  }
  state.counters["reports_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["json_bytes_avg"] = static_cast<double>(bytes) / state.iterations();
  state.counters["accounts_avg"] = static_cast<double>(accounts) / state.iterations();
}

void BM_RenderJson(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(RenderJson(g_bench->sample));
  state.counters["per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}

void BM_RenderHtml(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(RenderHtml(g_bench->sample));
  state.counters["per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}

void BM_RenderPdf(benchmark::State& state) {
  for (auto _ : state) {
    auto pdf = RenderPdf(g_bench->sample, "zh");
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["per_s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                               benchmark::Counter::kIsRate);
}

BENCHMARK(BM_IssueReportAndRenderJson)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();
BENCHMARK(BM_RenderJson)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderHtml)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RenderPdf)->Unit(benchmark::kMillisecond);

class PeerReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.benchmark_name().find("IssueReport") == std::string::npos) continue;
      const double cpu_us = run.GetAdjustedCPUTime();
      const double per_cpu_second = cpu_us > 0 ? 1e6 / cpu_us : 0;
      std::printf(
          "report assembly + JSON: %.0f reports per CPU-second on one core (%.0f on 2 cores); "
          "the issue's target is 2,000 pulls/s through the server on 2 cores: %.2fx; the seeds' "
          "1 s response target: %.1f ms per report (%.0fx under it)\n",
          per_cpu_second, 2 * per_cpu_second, 2 * per_cpu_second / 2000.0, cpu_us / 1000.0,
          cpu_us > 0 ? 1e6 / cpu_us : 0);
    }
  }
};

}  // namespace
}  // namespace credo::report

int main(int argc, char** argv) {
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--persons") == 0 && i + 1 < argc) {
      credo::report::g_persons = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--months") == 0 && i + 1 < argc) {
      credo::report::g_months = std::atoi(argv[++i]);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  credo::report::Setup();
  credo::report::PeerReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::filesystem::remove_all(credo::report::g_bench->dir);
  return 0;
}
