// Velocity check per inquiry on a large bureau: p50 / p99 / max of MeasureVelocity and of the
// whole AssessSubject, against the target of 1 ms at p99 (issue 8).
//
//   fraud_velocity_bench [--persons 1000000] [--applications 1000000] [--checks 20000]
//                        [--db /tmp/credo_fraud_bench.db] [--use-existing 1]
//
// The bureau is built once (persons with a phone each, through InsertSubject; applications over
// the last 40 days through RecordApplication, with phones, addresses, devices and IPs drawn from
// pools so that contact points are shared as they are in life) and reused by later runs with the
// same sizes; --use-existing 1 measures whatever bureau is at --db (a build that was stopped
// part-way: its committed chunks), counting its persons and applications. Each check is one read transaction, as an inquiry has, timed around the call.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "fraud/fraud.h"
#include "store/keys.h"
#include "store/store.h"

namespace {

using credo::fraud::ApplicationEvent;
using Clock = std::chrono::steady_clock;

constexpr int64_t kNow = 1772323200;  // 2026-03-01
constexpr int64_t kDay = 86400;

struct Options {
  int64_t persons = 1000000;
  int64_t applications = 1000000;
  int64_t checks = 20000;
  std::string db = "/tmp/credo_fraud_bench.db";
  bool use_existing = false;
};

std::string Phone(int64_t n) { return "+86139" + std::to_string(10000000 + n % 89999999); }

ApplicationEvent RandomEvent(std::mt19937_64& rng, const Options& options, int64_t at) {
  auto pick = [&](int64_t pool) { return static_cast<int64_t>(rng() % static_cast<uint64_t>(pool)); };
  ApplicationEvent event;
  event.subject_id = 1 + pick(options.persons);
  event.institution = "lender_" + std::to_string(pick(200));
  event.occurred_at = at;
  event.phone = Phone(pick(options.persons));
  event.email = "user" + std::to_string(pick(options.persons)) + "@example.com";
  event.address = "road " + std::to_string(pick(options.persons / 2 + 1)) + " building 3";
  event.device_id = "device-" + std::to_string(pick(options.persons));
  event.ip = "10." + std::to_string(pick(256)) + "." + std::to_string(pick(256)) + "." +
             std::to_string(pick(256));
  return event;
}

// CPU time of this thread: separates the work of a check from waiting for a core on a busy
// machine (the wall-clock tail includes the scheduler's).
double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

int Fail(const credo::Error& error) {
  std::fprintf(stderr, "fraud_velocity_bench: %s\n", error.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--persons") options.persons = std::atoll(argv[i + 1]);
    else if (flag == "--applications") options.applications = std::atoll(argv[i + 1]);
    else if (flag == "--checks") options.checks = std::atoll(argv[i + 1]);
    else if (flag == "--db") options.db = argv[i + 1];
    else if (flag == "--use-existing") options.use_existing = std::string(argv[i + 1]) == "1";
    else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (options.persons < 10 || options.applications < 0 || options.checks < 1) {
    std::fprintf(stderr, "persons >= 10, applications >= 0, checks >= 1\n");
    return 2;
  }
  const std::string tag = options.db + "." + std::to_string(options.persons) + "_" +
                          std::to_string(options.applications) + ".ready";
  const bool reuse = (options.use_existing || std::filesystem::exists(tag)) &&
                     std::filesystem::exists(options.db);
  if (!reuse) {
    std::filesystem::remove(options.db);
    std::filesystem::remove(options.db + "-wal");
    std::filesystem::remove(options.db + "-shm");
    std::filesystem::remove(options.db + ".keys");
    auto keys = credo::InitKeyFile(options.db + ".keys");
    if (!keys.ok()) return Fail(keys.error());
  }
  credo::StoreOptions store_options;
  store_options.location = options.db;
  store_options.create_if_missing = true;
  auto opened = credo::OpenStore(store_options);
  if (!opened.ok()) return Fail(opened.error());
  std::unique_ptr<credo::Store> store = std::move(opened).value();
  if (auto status = credo::fraud::EnsureFraudSchema(*store); !status.ok()) return Fail(status.error());

  std::mt19937_64 rng(42);
  if (!reuse) {
    const auto build_start = Clock::now();
    constexpr int64_t kChunk = 20000;
    for (int64_t first = 0; first < options.persons; first += kChunk) {
      auto status = store->WithTransaction([&](credo::Transaction& tx) -> credo::Status {
        for (int64_t i = first; i < std::min(options.persons, first + kChunk); ++i) {
          credo::Subject subject;
          subject.person.full_name = "Person " + std::to_string(i);
          subject.person.phones.push_back(Phone(i));
          CREDO_ASSIGN_OR_RETURN(credo::SubjectId id, tx.InsertSubject(subject));
          (void)id;
        }
        return credo::Ok();
      });
      if (!status.ok()) return Fail(status.error());
    }
    const double subjects_seconds =
        std::chrono::duration<double>(Clock::now() - build_start).count();
    const auto applications_start = Clock::now();
    for (int64_t first = 0; first < options.applications; first += kChunk) {
      auto status = store->WithTransaction([&](credo::Transaction& tx) -> credo::Status {
        for (int64_t i = first; i < std::min(options.applications, first + kChunk); ++i) {
          const int64_t at = kNow - static_cast<int64_t>(rng() % (40 * kDay)) - 1;
          CREDO_ASSIGN_OR_RETURN(ApplicationEvent event,
                                 credo::fraud::NormalizeApplication(RandomEvent(rng, options, at)));
          CREDO_ASSIGN_OR_RETURN(int64_t id, credo::fraud::RecordApplication(tx, event));
          (void)id;
        }
        return credo::Ok();
      });
      if (!status.ok()) return Fail(status.error());
    }
    const double applications_seconds =
        std::chrono::duration<double>(Clock::now() - applications_start).count();
    std::printf("built: %lld persons in %.1f s, %lld applications in %.1f s (%.1f us each)\n",
                static_cast<long long>(options.persons), subjects_seconds,
                static_cast<long long>(options.applications), applications_seconds,
                options.applications ? 1e6 * applications_seconds / options.applications : 0.0);
    std::FILE* ready = std::fopen(tag.c_str(), "w");
    if (ready != nullptr) std::fclose(ready);
  } else {
    // Count what the bureau holds; checks draw subjects among the persons it has.
    auto status = store->WithReadTransaction([&](credo::Transaction& tx) -> credo::Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<credo::SqlRow> persons,
                             tx.Query("SELECT COUNT(*) FROM subjects"));
      CREDO_ASSIGN_OR_RETURN(std::vector<credo::SqlRow> applications,
                             tx.Query("SELECT COUNT(*) FROM fraud_applications"));
      options.persons = persons[0][0].int_value;
      options.applications = applications[0][0].int_value;
      return credo::Ok();
    });
    if (!status.ok()) return Fail(status.error());
    std::printf("reusing %s: %lld persons, %lld applications\n", options.db.c_str(),
                static_cast<long long>(options.persons),
                static_cast<long long>(options.applications));
  }

  std::vector<double> velocity_us;
  std::vector<double> assess_us;
  std::vector<double> velocity_cpu_us;
  std::map<std::string, int64_t> fired_by_rule;
  velocity_us.reserve(options.checks);
  assess_us.reserve(options.checks);
  const credo::fraud::FraudRules& rules = credo::fraud::DefaultFraudRules();
  int64_t fired = 0;
  for (int64_t i = 0; i < options.checks; ++i) {
    auto event = credo::fraud::NormalizeApplication(RandomEvent(rng, options, kNow));
    if (!event.ok()) return Fail(event.error());
    auto status = store->WithReadTransaction([&](credo::Transaction& tx) -> credo::Status {
      const double cpu_start = ThreadCpuMicros();
      auto start = Clock::now();
      CREDO_ASSIGN_OR_RETURN(credo::fraud::VelocityCounts counts,
                             credo::fraud::MeasureVelocity(tx, event->subject_id, &*event, kNow));
      auto middle = Clock::now();
      velocity_cpu_us.push_back(ThreadCpuMicros() - cpu_start);
      CREDO_ASSIGN_OR_RETURN(credo::fraud::FraudAssessment assessment,
                             credo::fraud::AssessSubject(tx, event->subject_id, &*event, kNow, rules));
      auto end = Clock::now();
      (void)counts;
      fired += static_cast<int64_t>(assessment.fired.size());
      for (const auto& rule : assessment.fired) ++fired_by_rule[rule.id];
      velocity_us.push_back(std::chrono::duration<double, std::micro>(middle - start).count());
      assess_us.push_back(std::chrono::duration<double, std::micro>(end - middle).count());
      return credo::Ok();
    });
    if (!status.ok()) return Fail(status.error());
  }
  const double velocity_p99 = Percentile(velocity_us, 0.99);
  std::printf("velocity check (MeasureVelocity, 11 counters x 4 windows), %lld checks:\n",
              static_cast<long long>(options.checks));
  std::printf("  p50 %.1f us  p99 %.1f us  max %.1f us  -> p99 is %.2fx the 1 ms target\n",
              Percentile(velocity_us, 0.5), velocity_p99, Percentile(velocity_us, 1.0),
              velocity_p99 / 1000.0);
  std::printf("  thread CPU time per check: p50 %.1f us  p99 %.1f us  max %.1f us\n",
              Percentile(velocity_cpu_us, 0.5), Percentile(velocity_cpu_us, 0.99),
              Percentile(velocity_cpu_us, 1.0));
  std::printf("whole assessment (AssessSubject: velocity, synthetic identity, ring, rules):\n");
  std::printf("  p50 %.1f us  p99 %.1f us  max %.1f us  (rules fired per check %.3f)\n",
              Percentile(assess_us, 0.5), Percentile(assess_us, 0.99), Percentile(assess_us, 1.0),
              static_cast<double>(fired) / static_cast<double>(options.checks));
  for (const auto& [id, count] : fired_by_rule) {
    std::printf("  fired %-26s %lld\n", id.c_str(), static_cast<long long>(count));
  }
  return 0;
}
