// monitor_bench: alerts ready after a batch that touches N subjects.
//
// Builds a SQLite bureau of N persons (encrypted identities, blind indexes, audit) with three
// revolving tradelines each reported in January (batch 1), subscribes every person for one
// institution with every trigger, then loads a February batch that reports every tradeline again
// (a share of them worse: 30, 60 days past due, charged off; some with a utilisation spike) and
// times EvaluateTouched({batch_id}) — reading the touched subjects from the batch, loading each
// file as known before and after, running the triggers, and committing the alerts with their
// deliveries. Prints the figure and its ratio to the target (100,000 subjects in 30 s).
// Flags: --subjects N (default 20000) --worse-share F (default 0.05) --keep (keep the bureau).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "compliance/context.h"
#include "core/profile.h"
#include "monitor/monitor.h"
#include "store/keys.h"
#include "store/store.h"

namespace {

using namespace credo;
using WallClock = std::chrono::steady_clock;

Date D(const char* iso) { return Date::ParseIso(iso).value(); }
Money Cny(int64_t v) { return Money{v, Currency::Cny()}; }

double Seconds(WallClock::time_point since) {
  return std::chrono::duration<double>(WallClock::now() - since).count();
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

Tradeline Card(SubjectId subject, int index, const char* reported, const std::string& codes,
               int64_t balance) {
  Tradeline t;
  t.key.furnisher = "bank_" + std::to_string(index);
  t.key.account_number = "C" + std::to_string(subject) + "-" + std::to_string(index);
  t.subject_id = subject;
  t.kind = AccountKind::kRevolving;
  t.metro2_account_type = "18";
  t.status = AccountStatus::kCurrent;
  t.opened_on = D("2022-03-15");
  t.reported_on = D(reported);
  t.credit_limit = Cny(2000000);
  t.high_credit = Cny(2000000);
  t.balance = Cny(balance);
  t.past_due = Cny(0);
  t.scheduled_payment = Cny(0);
  t.actual_payment = Cny(0);
  t.history = PaymentHistory::FromCodes(t.reported_on, codes).value();
  return t;
}

int Fail(const Error& error) {
  std::fprintf(stderr, "monitor_bench: %s\n", error.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t subjects = 20000;
  double worse_share = 0.05;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--subjects") == 0 && i + 1 < argc) {
      subjects = std::atoll(argv[++i]);
    } else if (std::strcmp(argv[i], "--worse-share") == 0 && i + 1 < argc) {
      worse_share = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--keep") == 0) {
      keep = true;
    } else {
      std::fprintf(stderr, "usage: monitor_bench [--subjects N] [--worse-share F] [--keep]\n");
      return 2;
    }
  }
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("credo_monitor_bench_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "bureau.db").string();
  if (auto keys = InitKeyFile(db + ".keys"); !keys.ok()) return Fail(keys.error());
  StoreOptions options;
  options.location = db;
  options.create_if_missing = true;
  auto opened = OpenStore(options);
  if (!opened.ok()) return Fail(opened.error());
  std::unique_ptr<Store> store = std::move(opened).value();
  if (auto installed = monitor::InstallMonitorSchema(*store); !installed.ok()) {
    return Fail(installed.error());
  }

  // January: N persons, three cards each, all current.
  auto setup_start = WallClock::now();
  std::vector<SubjectId> ids;
  ids.reserve(subjects);
  constexpr int64_t kChunk = 5000;
  for (int64_t start = 0; start < subjects; start += kChunk) {
    Status status = store->WithTransaction([&](Transaction& transaction) -> Status {
      Batch batch;
      batch.source = "bench";
      batch.file_name = "january_" + std::to_string(start);
      batch.content_hash = batch.file_name;
      CREDO_ASSIGN_OR_RETURN(BatchId january, transaction.CreateBatch(batch));
      for (int64_t i = start; i < std::min(subjects, start + kChunk); ++i) {
        Subject subject;
        subject.kind = SubjectKind::kPerson;
        subject.person.full_name = "Person " + std::to_string(i);
        subject.person.phones.push_back("+86138" + std::to_string(10000000 + i));
        CREDO_ASSIGN_OR_RETURN(SubjectId id, transaction.InsertSubject(subject));
        ids.push_back(id);
        for (int card = 0; card < 3; ++card) {
          CREDO_TRY(transaction.UpsertTradeline(
              Card(id, card, "2026-01-31", "000000000000", 300000 + 1000 * card), january));
        }
      }
      return transaction.FinishBatch(january, BatchStatus::kCommitted, 0, 0, 0);
    });
    if (!status.ok()) return Fail(status.error());
  }
  // Each subject's account-review consent for BANK1 (the CN profile requires one to monitor),
  // written in bulk as a store row, then the portfolio subscribed through the monitoring gate.
  if (auto installed = compliance::EnsureComplianceSchema(*store); !installed.ok()) {
    return Fail(installed.error());
  }
  Status consented = store->WithTransaction([&](Transaction& transaction) -> Status {
    for (SubjectId id : ids) {
      Consent consent;
      consent.subject_id = id;
      consent.institution = "BANK1";
      consent.purpose = "account_review";
      consent.reference = "MON-" + std::to_string(id);
      consent.granted_on = D("2026-01-01");
      CREDO_TRY(transaction.InsertConsent(consent));
    }
    return Ok();
  });
  if (!consented.ok()) return Fail(consented.error());
  auto profile = LoadBuiltinProfile("cn");
  if (!profile.ok()) return Fail(profile.error());
  const compliance::ComplianceContext gate(*profile, SystemClock(), "bench");
  monitor::SubscribeRequest subscription;
  subscription.institution = "BANK1";
  subscription.triggers = monitor::ParseTriggers("all").value();
  subscription.baseline_on = D("2026-01-31");
  auto subscribed = monitor::Subscribe(*store, gate, subscription, ids);
  if (!subscribed.ok()) return Fail(subscribed.error());
  Status webhook = store->WithTransaction([&](Transaction& transaction) -> Status {
    return monitor::SetWebhook(transaction, "BANK1", "https://bank1.example/credo/alerts",
                               "bench-secret-0123456789", 0);
  });
  if (!webhook.ok()) return Fail(webhook.error());

  // February: one batch reporting every tradeline again; a share of subjects worse.
  std::mt19937 rng(7);
  int64_t worse = 0;
  BatchId february = 0;
  Status loaded = store->WithTransaction([&](Transaction& transaction) -> Status {
    Batch batch;
    batch.source = "bench";
    batch.file_name = "february";
    batch.content_hash = "february";
    CREDO_ASSIGN_OR_RETURN(february, transaction.CreateBatch(batch));
    std::uniform_real_distribution<double> uniform(0, 1);
    for (SubjectId id : ids) {
      const bool gets_worse = uniform(rng) < worse_share;
      worse += gets_worse;
      for (int card = 0; card < 3; ++card) {
        std::string codes = "0000000000000";
        int64_t balance = 300000 + 1000 * card;
        if (gets_worse && card == 0) {
          const unsigned kind = rng() % 4;
          codes = kind == 0 ? "1000000000000" : kind == 1 ? "2100000000000" : "L000000000000";
          if (kind == 3) {
            codes = "0000000000000";
            balance = 1990000;  // utilisation spike
          }
        }
        CREDO_TRY(transaction.UpsertTradeline(Card(id, card, "2026-02-28", codes, balance),
                                              february));
      }
    }
    return transaction.FinishBatch(february, BatchStatus::kCommitted, 0, 0, 0);
  });
  if (!loaded.ok()) return Fail(loaded.error());
  const double setup_seconds = Seconds(setup_start);

  const double cpu_before = CpuSeconds();
  auto start = WallClock::now();
  auto summary = monitor::EvaluateTouched(*store, {.batch_id = february, .compliance = &gate});
  const double seconds = Seconds(start);
  const double cpu = CpuSeconds() - cpu_before;
  if (!summary.ok()) return Fail(summary.error());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  const double per_second = summary->touched_subjects / seconds;
  const double projected = 100000.0 / per_second;
  std::printf("bureau: %lld persons, 3 cards each (setup %.1f s); subjects made worse: %lld\n",
              static_cast<long long>(subjects), setup_seconds, static_cast<long long>(worse));
  std::printf("batch %lld touched %lld subjects: %lld subscriptions evaluated, %lld alerts "
              "ready in %.2f s wall (%.2f s CPU)\n",
              static_cast<long long>(february), static_cast<long long>(summary->touched_subjects),
              static_cast<long long>(summary->evaluated_subscriptions),
              static_cast<long long>(summary->alerts_raised), seconds, cpu);
  for (const auto& [trigger, count] : summary->by_trigger) {
    std::printf("  %s: %lld\n", trigger.c_str(), static_cast<long long>(count));
  }
  std::printf("rate: %.0f touched subjects/s wall; 100,000 touched subjects: %.1f s projected "
              "(target 30 s: %.2fx the target)\n",
              per_second, projected, projected / 30.0);
  std::printf("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);
  store.reset();
  if (!keep) std::filesystem::remove_all(dir);
  return 0;
}
