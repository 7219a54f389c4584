// kill -9 at random moments during a load: the store is always either exactly as before the
// batch or exactly as after it, and loading the file again completes it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "core/check_characters.h"
#include "ingest/batch/pipeline.h"
#include "ingest/batch/state.h"
#include "store/keys.h"

namespace credo::ingest {
namespace {

namespace fs = std::filesystem;

//! A valid CN resident ID for person `i` (region 110105, birth 1970-01-01 + i days).
std::string ResidentId(int i) {
  Date birth = Date::FromYmd(1970, 1, 1).value().AddDays(i % 15000);
  char body[18];
  std::snprintf(body, sizeof(body), "110105%04d%02d%02d%03d", birth.year(), birth.month(),
                birth.day(), i % 1000);
  std::string id(body, 17);
  return id + Gb11643CheckCharacter(id);
}

std::string WriteAccounts(const fs::path& path, int records) {
  std::ofstream out(path);
  for (int i = 0; i < records; ++i) {
    out << R"({"account_number":"K)" << i << R"(","identifier":")" << ResidentId(i)
        << R"(","identifier_kind":"cn_resident_id","full_name":"张伟)" << i
        << R"(","account_type":"18","date_opened":"2024-01-15","credit_limit":"5000.00",)"
        << R"("current_balance":"1200.50","amount_past_due":"0","account_status":")"
        << (i % 7 == 0 ? "71" : "11") << R"(","payment_history":")" << (i % 7 == 0 ? "10" : "00")
        << R"(","date_of_account_information":"2026-05-31"})" << "\n";
  }
  return path.string();
}

struct Counts {
  int64_t committed_batches = 0;
  int64_t tradelines = 0;
  int64_t raw_records = 0;
  int64_t subjects = 0;
  int64_t dq_reports = 0;
  bool audit_intact = false;
};

Counts Read(const std::string& db) {
  StoreOptions options;
  options.location = db;
  auto store = OpenStore(options);
  EXPECT_TRUE(store.ok()) << store.error().ToString();
  Counts counts;
  if (!store.ok()) return counts;
  EXPECT_TRUE((*store)->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(TableCounts rows, txn.CountRows());
    counts.tradelines = rows["tradelines"];
    counts.raw_records = rows["raw_records"];
    counts.subjects = rows["subjects"];
    CREDO_ASSIGN_OR_RETURN(auto batches, txn.ListBatches(100));
    for (const Batch& batch : batches) {
      if (batch.status == BatchStatus::kCommitted) ++counts.committed_batches;
    }
    auto reports = txn.Query("SELECT COUNT(*) FROM ingest_dq_reports");
    if (reports.ok()) counts.dq_reports = (*reports)[0][0].int_value;
    return Ok();
  }).ok());
  auto chain = (*store)->VerifyAuditChain();
  counts.audit_intact = chain.ok() && chain->intact;
  return counts;
}

//! The loader: opens its own store and loads the file (run in a forked child).
[[noreturn]] void LoadAndExit(const std::string& db, const std::string& file) {
  StoreOptions options;
  options.location = db;
  auto store = OpenStore(options);
  if (!store.ok()) _exit(3);
  auto profile = LoadBuiltinProfile("cn");
  auto result = IngestFile(**store, file, "bank_k", InputFormat::kJsonLines, nullptr, *profile);
  _exit(result.ok() ? 0 : 4);
}

TEST(BatchKillTest, KilledLoadsLeaveTheStoreAsBeforeAndARerunCompletes) {
  fs::path dir = fs::temp_directory_path() / ("credo_batch_kill_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string db = (dir / "bureau.db").string();
  ASSERT_TRUE(InitKeyFile(db + ".keys").ok());
  {
    StoreOptions options;
    options.location = db;
    options.create_if_missing = true;
    auto store = OpenStore(options);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(EnsureIngestSchema(**store).ok());
  }
  constexpr int kRecords = 6000;
  std::string file = WriteAccounts(dir / "june.jsonl", kRecords);
  Counts empty = Read(db);
  ASSERT_EQ(empty.tradelines, 0);

  // How long a whole load takes here, measured on a scratch copy of the empty bureau.
  fs::copy_file(db, dir / "pristine.db");
  fs::copy_file(db, dir / "scratch.db");
  fs::copy_file(db + ".keys", dir / "scratch.db.keys");
  auto started = std::chrono::steady_clock::now();
  pid_t timing = fork();
  if (timing == 0) LoadAndExit((dir / "scratch.db").string(), file);
  int status = 0;
  waitpid(timing, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - started).count();

  // Twenty kills that land mid-load. On a busy machine a load may finish before its kill; then
  // the moments are drawn from a shorter span (the timing above was one sample) and it goes on.
  std::mt19937 random(20261122);
  int64_t span = full * 9 / 10;
  int killed_mid_load = 0;
  for (int attempt = 0; killed_mid_load < 20 && attempt < 80; ++attempt) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) LoadAndExit(db, file);
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int64_t>(0, span)(random)));
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    if (WIFSIGNALED(status)) ++killed_mid_load;
    Counts after = Read(db);
    EXPECT_TRUE(after.audit_intact) << "attempt " << attempt;
    if (after.committed_batches == 0) {
      EXPECT_EQ(after.tradelines, 0) << "attempt " << attempt;
      EXPECT_EQ(after.raw_records, 0) << "attempt " << attempt;
      EXPECT_EQ(after.subjects, 0) << "attempt " << attempt;
      EXPECT_EQ(after.dq_reports, 0) << "attempt " << attempt;
    } else {
      // The kill came after the commit: then the batch is complete.
      EXPECT_EQ(after.tradelines, kRecords) << "attempt " << attempt;
      EXPECT_EQ(after.raw_records, kRecords) << "attempt " << attempt;
      span = span * 3 / 4;
      // Start the next attempt from the empty bureau again; otherwise every later load is a
      // quick "already loaded" and no kill could land mid-load.
      fs::remove(db + "-wal");
      fs::remove(db + "-shm");
      fs::copy_file(dir / "pristine.db", db, fs::copy_options::overwrite_existing);
    }
  }
  EXPECT_EQ(killed_mid_load, 20);

  pid_t finisher = fork();
  if (finisher == 0) LoadAndExit(db, file);
  waitpid(finisher, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  Counts done = Read(db);
  EXPECT_EQ(done.committed_batches, 1);
  EXPECT_EQ(done.tradelines, kRecords);
  EXPECT_EQ(done.raw_records, kRecords);
  EXPECT_EQ(done.subjects, kRecords);
  EXPECT_EQ(done.dq_reports, 1);
  EXPECT_TRUE(done.audit_intact);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace credo::ingest
