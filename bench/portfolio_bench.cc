// portfolio_bench: the console's dashboard calls on a bureau of 100,000 subjects, against the
// issue's target (every dashboard API call under 200 ms), and the ratio to the naive peer.
//
// Builds a SQLite bureau directly through the store API (faster than generating files): N
// subjects (90% persons, 10% organizations with a GB/T 4754 industry and a province), one to
// three CNY tradelines each with twelve months of history (a share delinquent, some charged
// off), person_score scores on two dates and a few thousand monitoring alerts. Then:
//   * the naive peer: the overview, vintages and one migration matrix computed from scratch
//     from the store, as a dashboard without a snapshot would on every call;
//   * the snapshot refresh (what `credo decision overview --refresh` and the first call after a
//     batch pay);
//   * each dashboard call as its route handler makes it (the freshness check against the data
//     fingerprint, the stored answer, live alert counts): overview, migration, vintages; p50 and
//     p99 over --calls calls each.
// Prints the figures, the ratio naive / p50 of each call, and the ratio of p99 to the target.
// Flags: --subjects N (default 100000) --calls N (default 200) --db PATH (reuse or keep a
// bureau there; built when missing).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "decision/grade_migration.h"
#include "decision/overview_snapshot.h"
#include "decision/portfolio_overview.h"
#include "decision/vintages.h"
#include "model/score_history.h"
#include "model/store_schema.h"
#include "monitor/schema.h"
#include "store/keys.h"
#include "store/store.h"

namespace {

using namespace credo;
using WallClock = std::chrono::steady_clock;

Date D(const char* iso) { return Date::ParseIso(iso).value(); }
Money Cny(int64_t v) { return Money{v, Currency::Cny()}; }

double Millis(WallClock::time_point since) {
  return std::chrono::duration<double, std::milli>(WallClock::now() - since).count();
}

template <typename T>
void Check(const Result<T>& result, const char* what) {
  if (!result.ok()) {
    std::fprintf(stderr, "portfolio_bench: %s: %s\n", what, result.error().ToString().c_str());
    std::exit(1);
  }
}

const char* kProvinces[] = {"北京市", "上海市", "广东省", "浙江省", "江苏省",
                            "四川省", "湖北省", "山东省", "河南省", "福建省"};
const char* kIndustries[] = {"I65", "F51", "E48", "C34", "G54", "H62", "K70", "C39", "A01", "L72"};

void Build(Store& store, int64_t subjects) {
  Check(model::EnsureModelSchema(store), "model schema");
  Check(monitor::InstallMonitorSchema(store), "monitor schema");
  std::mt19937_64 rng(20260228);
  std::uniform_real_distribution<double> unit(0, 1);
  const Date as_of = D("2026-02-28");
  const int64_t page = 2000;
  int64_t account = 0;
  for (int64_t first = 0; first < subjects; first += page) {
    Check(store.WithTransaction([&](Transaction& tx) -> Status {
      for (int64_t i = first; i < std::min(subjects, first + page); ++i) {
        Subject subject;
        Address address;
        address.region = kProvinces[rng() % 10];
        address.country = "cn";
        if (i % 10 == 9) {
          subject.kind = SubjectKind::kOrganization;
          subject.organization.name = "Company " + std::to_string(i);
          subject.organization.industry_code = kIndustries[rng() % 10];
          subject.organization.addresses.push_back(address);
        } else {
          subject.kind = SubjectKind::kPerson;
          subject.person.full_name = "Person " + std::to_string(i);
          subject.person.addresses.push_back(address);
        }
        CREDO_ASSIGN_OR_RETURN(SubjectId id, tx.InsertSubject(subject));
        const int tradelines = 1 + static_cast<int>(rng() % 3);
        for (int t = 0; t < tradelines; ++t) {
          Tradeline line;
          line.key = {"bank-" + std::to_string(t), "ACC" + std::to_string(++account), ""};
          line.subject_id = id;
          line.kind = t == 0 ? AccountKind::kRevolving : AccountKind::kInstallment;
          line.opened_on = as_of.AddMonths(-static_cast<int>(1 + rng() % 30)).AddDays(-10);
          line.reported_on = as_of;
          const int64_t balance = 10000 + static_cast<int64_t>(rng() % 5000000);
          line.balance = Cny(balance);
          line.credit_limit = Cny(balance * 2);
          line.high_credit = line.credit_limit;
          line.past_due = Cny(0);
          line.scheduled_payment = Cny(0);
          line.actual_payment = Cny(0);
          std::string codes(12, '0');
          const double roll = unit(rng);
          line.status = AccountStatus::kCurrent;
          if (roll < 0.02) {
            codes = "L65432100000";
            line.status = AccountStatus::kChargeOff;
          } else if (roll < 0.05) {
            codes = "432100000000";
            line.status = AccountStatus::kPastDue120;
          } else if (roll < 0.10) {
            codes = "321000000000";
            line.status = AccountStatus::kPastDue90;
          } else if (roll < 0.18) {
            codes = "100000000000";
            line.status = AccountStatus::kPastDue30;
          }
          const int months_on_book = std::max(1, as_of.MonthsSince(line.opened_on) + 1);
          codes.resize(std::min<size_t>(codes.size(), static_cast<size_t>(months_on_book)));
          line.history = PaymentHistory::FromCodes(as_of, codes).value();
          CREDO_TRY(tx.UpsertTradeline(line, 0));
        }
        if (subject.kind == SubjectKind::kPerson) {
          for (const char* date : {"2026-01-31", "2026-02-28"}) {
            model::SubjectScore score;
            score.subject_id = id;
            score.product = "person_score";
            score.model_id = "bench";
            score.as_of = D(date);
            score.probability_of_default = std::min(0.9, 0.0004 * std::exp(unit(rng) * 7));
            score.score = static_cast<int>(850 - 80 * std::log(score.probability_of_default /
                                                              0.0004));
            score.score = std::clamp(score.score, 300, 850);
            score.score_min = 300;
            score.score_max = 850;
            CREDO_TRY(model::RecordScore(tx, score, 1772323200));
          }
        }
        if (i % 20 == 0) {
          const SqlValue alert[] = {
              SqlValue::Text("Bank A"), SqlValue::Int(id), SqlValue::Text("delinquency"),
              SqlValue::Int(2), SqlValue::Text("k" + std::to_string(i)), SqlValue::Text("{}"),
              SqlValue::Text("bench"),
              SqlValue::Int(as_of.AddDays(-static_cast<int>(rng() % 30)).days_since_epoch()),
              SqlValue::Int(1772323200)};
          CREDO_TRY(tx.Execute(
              "INSERT INTO monitor_alerts (institution, subject_id, trigger_kind, severity, "
              "evidence_key, evidence, summary, as_of, created_at, acknowledged_by) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
              alert));
        }
      }
      return Ok();
    }), "build");
    std::fprintf(stderr, "\r  built %lld / %lld subjects", static_cast<long long>(
                     std::min(subjects, first + page)), static_cast<long long>(subjects));
  }
  std::fprintf(stderr, "\n");
}

struct Figures {
  double p50 = 0;
  double p99 = 0;
  double max = 0;
};

template <typename Call>
Figures Time(int calls, Call call) {
  std::vector<double> times;
  for (int i = 0; i < calls; ++i) {
    auto start = WallClock::now();
    call();
    times.push_back(Millis(start));
  }
  std::sort(times.begin(), times.end());
  auto at = [&](double q) {
    return times[std::min(times.size() - 1, static_cast<size_t>(q * (times.size() - 1) + 0.5))];
  };
  return {at(0.5), at(0.99), times.back()};
}

}  // namespace

int main(int argc, char** argv) {
  int64_t subjects = 100000;
  int calls = 200;
  std::string db;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--subjects") && i + 1 < argc) subjects = std::atoll(argv[++i]);
    else if (!std::strcmp(argv[i], "--calls") && i + 1 < argc) calls = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
  }
  const bool keep = !db.empty();
  if (db.empty()) {
    db = (std::filesystem::temp_directory_path() /
          ("credo_portfolio_bench_" + std::to_string(subjects) + ".db"))
             .string();
    std::filesystem::remove(db);
    std::filesystem::remove(db + ".keys");
  }
  const bool exists = std::filesystem::exists(db);
  if (!exists) Check(InitKeyFile(db + ".keys"), "key file");
  StoreOptions options;
  options.location = db;
  options.key_file = db + ".keys";
  options.create_if_missing = true;
  auto opened = OpenStore(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "portfolio_bench: %s\n", opened.error().ToString().c_str());
    return 1;
  }
  Store& store = **opened;
  if (!exists) {
    auto start = WallClock::now();
    Build(store, subjects);
    std::printf("built a bureau of %lld subjects in %.1f s (%s)\n",
                static_cast<long long>(subjects), Millis(start) / 1000, db.c_str());
  }
  const Date as_of = D("2026-02-28");
  decision::SnapshotOptions snapshot_options;
  snapshot_options.currency = "CNY";
  auto scale = model::LoadMasterScale(model::DefaultMasterScalePath()).value();
  snapshot_options.scale = &scale;

  // The peer: everything from scratch, as a call without a snapshot would.
  auto naive_start = WallClock::now();
  decision::OverviewOptions overview_options;
  overview_options.currency = "CNY";
  overview_options.scale = &scale;
  auto overview = decision::ComputeOverviewFromStore(store, as_of, overview_options);
  Check(overview, "naive overview");
  const double naive_overview = Millis(naive_start);
  auto vintage_start = WallClock::now();
  auto book = decision::LoadPortfolioBook(store, as_of);
  Check(book, "naive book");
  const std::string vintages = decision::VintagesToJson(decision::ComputeVintages(*book));
  const double naive_vintages = Millis(vintage_start);
  auto migration_start = WallClock::now();
  auto timelines = decision::LoadGradeTimelines(store, "person_score", as_of, scale);
  Check(timelines, "naive timelines");
  Check(decision::ComputeMigration(*timelines, D("2026-01-31"), as_of), "migration");
  const double naive_migration = Millis(migration_start);

  auto refresh_start = WallClock::now();
  auto snapshot = decision::RefreshSnapshot(store, as_of, snapshot_options);
  Check(snapshot, "refresh");
  const double refresh = Millis(refresh_start);

  Figures overview_call = Time(calls, [&] {
    auto current = decision::CurrentSnapshot(store, as_of, snapshot_options);
    Check(current, "overview call");
    Check(decision::OverviewAnswerJson(store, *current), "overview answer");
  });
  Figures migration_call = Time(calls, [&] {
    auto current = decision::CurrentSnapshot(store, as_of, snapshot_options);
    Check(current, "migration call");
    Check(decision::MigrationAnswerJson(store, *current, D("2026-02-01"), as_of, snapshot_options)
              ,
          "migration answer");
  });
  Figures vintages_call = Time(calls, [&] {
    auto current = decision::CurrentSnapshot(store, as_of, snapshot_options);
    Check(current, "vintages call");
    (void)decision::VintagesAnswerJson(*current);
  });

  std::printf("portfolio dashboards on %lld subjects (%lld persons, %lld organizations, %lld "
              "accounts), as of %s\n",
              static_cast<long long>(subjects), static_cast<long long>(overview->persons),
              static_cast<long long>(overview->organizations),
              static_cast<long long>(overview->accounts), as_of.ToIso().c_str());
  std::printf("  naive from scratch: overview %.0f ms, vintages %.0f ms, migration %.0f ms\n",
              naive_overview, naive_vintages, naive_migration);
  std::printf("  snapshot refresh:   %.0f ms (overview, vintages, %zu migration pairs)\n",
              refresh, snapshot->score_dates.size() * (snapshot->score_dates.size() + 3) / 2);
  auto line = [&](const char* name, const Figures& f, double naive) {
    std::printf("  %-10s call: p50 %.2f ms  p99 %.2f ms  max %.2f ms   naive/p50 = %.0fx   "
                "p99/target(200 ms) = %.3f\n",
                name, f.p50, f.p99, f.max, naive / f.p50, f.p99 / 200.0);
  };
  line("overview", overview_call, naive_overview);
  line("migration", migration_call, naive_migration);
  line("vintages", vintages_call, naive_vintages);
  const bool met = std::max({overview_call.p99, migration_call.p99, vintages_call.p99}) < 200;
  std::printf("  target: every dashboard call under 200 ms at this size: %s\n",
              met ? "met" : "NOT met");
  (void)vintages;
  if (!keep) {
    opened->reset();
    std::filesystem::remove(db);
    std::filesystem::remove(db + ".keys");
    std::filesystem::remove(db + "-wal");
    std::filesystem::remove(db + "-shm");
  }
  return 0;
}
