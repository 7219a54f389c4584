// Write throughput of the store on SQLite, the ingest path's target being 100,000 records/s
// with encryption and audit. Workloads:
//   BM_RawRecordsEncrypted   raw records (~300-byte payloads) through Transaction::InsertRawRecords,
//                            AES-256-GCM per payload, SHA-256 content hash, one transaction
//   BM_PeerPlainSqlite       the same rows inserted with plain sqlite3 prepared statements, clear
//                            payload, no hash: the peer; the ratio is printed at the end
//   BM_TradelineUpserts      tradelines (encrypted account number, blind index, 24-month history,
//                            one audit entry each) in one transaction
//   BM_SubjectInserts        persons with 3 identifiers, phone, e-mail (encrypted identity, 6 blind
//                            index rows, one audit entry each)
// Run: build-*/bench/store_bench  (needs -DCREDO_BUILD_BENCH=ON)
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "store/keys.h"
#include "store/store.h"

namespace credo {
namespace {

namespace fs = std::filesystem;

double g_store_rate = 0;
double g_peer_rate = 0;

struct Bureau {
  fs::path dir;
  std::unique_ptr<Store> store;
  Bureau() {
    dir = fs::temp_directory_path() / ("credo_store_bench_" + std::to_string(getpid()) + "_" +
                                       std::to_string(rand()));
    fs::create_directories(dir);
    StoreOptions options;
    options.location = (dir / "bench.db").string();
    options.key_file = (dir / "bench.keys").string();
    options.create_if_missing = true;
    (void)InitKeyFile(options.key_file);
    store = std::move(OpenStore(options)).value();
  }
  ~Bureau() {
    store.reset();
    fs::remove_all(dir);
  }
};

std::string Payload(int i) {
  char line[400];
  snprintf(line, sizeof line,
           "1%08d BANK0001 ACCT%012d 18 1 20190115 00000100000 00000080000 11 "
           "000000000000000000000000 ZHANG WEI%06d 11010519800101%04d 8613812%06d "
           "1 CHAOYANG ROAD BEIJING 100000 CN padding-to-a-realistic-record-length-000000000000",
           i, i, i, i % 10000, i % 1000000);
  return line;
}

std::vector<RawRecord> MakeRecords(int count, BatchId batch) {
  std::vector<RawRecord> records(count);
  for (int i = 0; i < count; ++i) {
    records[i].batch_id = batch;
    records[i].source = "bank-a";
    records[i].line = i + 1;
    records[i].byte_offset = static_cast<int64_t>(i) * 300;
    records[i].payload = Payload(i);
  }
  return records;
}

void BM_RawRecordsEncrypted(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  Bureau bureau;
  BatchId batch = 0;
  (void)bureau.store->WithTransaction([&](Transaction& tx) -> Status {
    Batch created;
    created.source = "bank-a";
    created.file_name = "bench.dat";
    created.content_hash = "h";
    CREDO_ASSIGN_OR_RETURN(batch, tx.CreateBatch(created));
    return Ok();
  });
  std::vector<RawRecord> records = MakeRecords(count, batch);
  auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    Status status = bureau.store->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_TRY(tx.InsertRawRecords(records));
      return tx.AppendAudit({0, 0, "", "batch.load", "batches", batch, 0, "bench", "", ""}).ok()
                 ? Ok()
                 : Status(MakeError(ErrorCode::kInternal, "audit"));
    });
    if (!status.ok()) state.SkipWithError(status.error().message.c_str());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  g_store_rate = static_cast<double>(state.iterations()) * count / seconds;
  state.SetItemsProcessed(state.iterations() * count);
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * count,
                                                   benchmark::Counter::kIsRate);
}

void BM_PeerPlainSqlite(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  fs::path dir = fs::temp_directory_path() / ("credo_peer_bench_" + std::to_string(getpid()));
  fs::create_directories(dir);
  sqlite3* db = nullptr;
  sqlite3_open((dir / "peer.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE raw (id INTEGER "
               "PRIMARY KEY, batch_id INTEGER, source TEXT, line INTEGER, byte_offset INTEGER, "
               "payload BLOB)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO raw (batch_id, source, line, byte_offset, payload) VALUES (?, ?, ?, ?, ?)",
                     -1, &insert, nullptr);
  std::vector<RawRecord> records = MakeRecords(count, 1);
  auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (const RawRecord& r : records) {
      sqlite3_bind_int64(insert, 1, r.batch_id);
      sqlite3_bind_text(insert, 2, r.source.data(), static_cast<int>(r.source.size()), SQLITE_STATIC);
      sqlite3_bind_int64(insert, 3, r.line);
      sqlite3_bind_int64(insert, 4, r.byte_offset);
      sqlite3_bind_blob(insert, 5, r.payload.data(), static_cast<int>(r.payload.size()), SQLITE_STATIC);
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  g_peer_rate = static_cast<double>(state.iterations()) * count / seconds;
  sqlite3_finalize(insert);
  sqlite3_close(db);
  fs::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * count);
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * count,
                                                   benchmark::Counter::kIsRate);
}

void BM_TradelineUpserts(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  Bureau bureau;
  SubjectId subject = 0;
  (void)bureau.store->WithTransaction([&](Transaction& tx) -> Status {
    Subject s;
    s.person.full_name = "Bench Person";
    CREDO_ASSIGN_OR_RETURN(subject, tx.InsertSubject(s));
    return Ok();
  });
  Date reported = Date::FromYmd(2024, 3, 31).value();
  auto history = PaymentHistory::FromCodes(reported, "000000000000000000000000").value();
  int round = 0;
  for (auto _ : state) {
    ++round;
    Status status = bureau.store->WithTransaction([&](Transaction& tx) -> Status {
      Tradeline t;
      t.subject_id = subject;
      t.key.furnisher = "BANK0001";
      t.status = AccountStatus::kCurrent;
      t.reported_on = reported;
      t.history = history;
      for (int i = 0; i < count; ++i) {
        t.key.account_number = "ACCT" + std::to_string(round * 1000000 + i);
        t.balance.minor_units = i;
        CREDO_TRY(tx.UpsertTradeline(t, 0));
      }
      return Ok();
    });
    if (!status.ok()) state.SkipWithError(status.error().message.c_str());
  }
  state.counters["tradelines/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * count,
                                                      benchmark::Counter::kIsRate);
}

void BM_SubjectInserts(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  Bureau bureau;
  int round = 0;
  for (auto _ : state) {
    ++round;
    Status status = bureau.store->WithTransaction([&](Transaction& tx) -> Status {
      for (int i = 0; i < count; ++i) {
        Subject s;
        int n = round * 1000000 + i;
        s.person.full_name = "Person " + std::to_string(n);
        s.person.identifiers = {{IdentifierKind::kCnResidentId, "110105198001" + std::to_string(100000 + n % 900000)},
                                {IdentifierKind::kUsSsn, std::to_string(100000000 + n)}};
        s.person.phones = {"+86138" + std::to_string(10000000 + n % 90000000)};
        s.person.emails = {"p" + std::to_string(n) + "@example.cn"};
        CREDO_TRY(tx.InsertSubject(s));
      }
      return Ok();
    });
    if (!status.ok()) state.SkipWithError(status.error().message.c_str());
  }
  state.counters["subjects/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * count,
                                                    benchmark::Counter::kIsRate);
}

BENCHMARK(BM_RawRecordsEncrypted)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PeerPlainSqlite)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TradelineUpserts)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SubjectInserts)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace credo

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (credo::g_store_rate > 0 && credo::g_peer_rate > 0) {
    std::printf(
        "\nraw records into SQLite: credo store (AES-256-GCM + SHA-256 + audit) %.0f records/s; "
        "plain sqlite3 peer %.0f records/s; ratio credo/peer %.2f; target 100000 records/s: %s\n",
        credo::g_store_rate, credo::g_peer_rate, credo::g_store_rate / credo::g_peer_rate,
        credo::g_store_rate >= 100000 ? "met" : "NOT met");
  }
  return 0;
}
