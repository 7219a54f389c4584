// WalCheckpointer: connections opened while it runs hand it their WAL checkpoints, the log is
// rewound once it passes the restart length, and after Stop connections checkpoint on their own.
#include "store/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store_test_support.h"

namespace credo {
namespace {

using testing::TestBureau;

constexpr int64_t kPageBytes = 4096;  // SQLite's default page size, which the bureau keeps

int64_t LogBytes(const TestBureau& bureau) {
  std::error_code error;
  auto size = std::filesystem::file_size(bureau.location() + "-wal", error);
  return error ? 0 : static_cast<int64_t>(size);
}

// `commits` transactions of one row with a 6,000-byte payload: two pages of log each, or more.
void WriteRows(Store& store, int commits) {
  ASSERT_TRUE(store.WithTransaction([](Transaction& tx) -> Status {
    return tx.Execute("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, payload BLOB)");
  }).ok());
  for (int i = 0; i < commits; ++i) {
    Status written = store.WithTransaction([](Transaction& tx) -> Status {
      return tx.Execute("INSERT INTO filler (payload) VALUES (randomblob(6000))");
    });
    ASSERT_TRUE(written.ok()) << written.error().ToString();
  }
}

int64_t CountRows(Store& store) {
  int64_t rows = -1;
  Status read = store.WithTransaction([&rows](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto result, tx.Query("SELECT count(*) FROM filler"));
    rows = result.at(0).at(0).int_value;
    return Ok();
  });
  EXPECT_TRUE(read.ok()) << read.error().ToString();
  return rows;
}

template <typename Done>
bool WaitFor(Done done) {
  for (int i = 0; i < 1000 && !done(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST(WalCheckpointerTest, CommitsAreCheckpointedByItsThreadAndTheLogIsRewound) {
  TestBureau bureau(StoreBackend::kSqlite);
  ASSERT_NE(bureau.Open(), nullptr);  // creates the bureau before the checkpointer opens it
  WalCheckpointOptions options;
  options.step_pages = 20;
  options.restart_pages = 200;
  auto checkpointer = WalCheckpointer::Start(bureau.Options(), options);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().ToString();
  auto store = bureau.Open();
  ASSERT_NE(store, nullptr);

  // About 3,000 pages of log: never rewound, the log file would hold them all. Written 100
  // rows (200-odd pages) at a time; between two, the writer waits until the thread has run
  // again, so a slow or busy machine cannot starve it and make the test depend on timing.
  WalCheckpointer& running = *checkpointer.value();
  for (int chunk = 0; chunk < 15; ++chunk) {
    const int64_t runs = running.counts().passive + running.counts().busy;
    WriteRows(*store, 100);
    ASSERT_TRUE(WaitFor([&] { return running.counts().passive + running.counts().busy > runs; }))
        << "the checkpointer did not run after chunk " << chunk;
  }
  EXPECT_TRUE(WaitFor([&] { return running.counts().restarts >= 1; }))
      << "passive " << running.counts().passive << ", busy " << running.counts().busy;
  EXPECT_GE(running.counts().passive, 15);
  // One restart per time the log passed 200 pages at most: 15 chunks of 200-odd pages allow
  // up to about 17. A wake before the next commit rewinds a restarted log does not restart (and
  // count) it again, which would come near twice that.
  EXPECT_LE(running.counts().restarts, 20);
  EXPECT_EQ(running.counts().failures, 0);
  // Never rewound, the log would hold every page written: at least 3,000. A restart that finds
  // the writer busy gives up and the log grows until the next one succeeds, so on a loaded
  // machine it has reached 1,700 pages; 2,400 leaves room for that and still says it was rewound.
  EXPECT_LT(LogBytes(bureau), 2400 * kPageBytes);

  running.Stop();
  EXPECT_EQ(CountRows(*store), 1500);
  store.reset();
  auto reopened = bureau.Open();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(CountRows(*reopened), 1500);
}

TEST(WalCheckpointerTest, AfterStopConnectionsCheckpointOnTheirOwn) {
  TestBureau bureau(StoreBackend::kSqlite);
  ASSERT_NE(bureau.Open(), nullptr);
  auto checkpointer = WalCheckpointer::Start(bureau.Options());
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().ToString();
  auto store = bureau.Open();  // hooked to the checkpointer
  ASSERT_NE(store, nullptr);
  checkpointer.value()->Stop();  // copies what is left, once
  const int64_t at_stop = checkpointer.value()->counts().passive;

  // About 5,000 pages: SQLite's own checkpoint at 1,000 pages rewinds the log again and again.
  WriteRows(*store, 2500);
  EXPECT_EQ(checkpointer.value()->counts().passive, at_stop);
  EXPECT_LT(LogBytes(bureau), 2500 * kPageBytes);
  EXPECT_EQ(CountRows(*store), 2500);
}

TEST(WalCheckpointerTest, ASecondOneForTheSameFileLeavesTheCheckpointsToTheFirst) {
  TestBureau bureau(StoreBackend::kSqlite);
  ASSERT_NE(bureau.Open(), nullptr);
  WalCheckpointOptions options;
  options.step_pages = 20;
  auto first = WalCheckpointer::Start(bureau.Options(), options);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  // The same file by another spelling of its path.
  StoreOptions other = bureau.Options();
  other.location = (bureau.directory() / "." / "bureau.db").string();
  auto second = WalCheckpointer::Start(other, options);
  ASSERT_TRUE(second.ok()) << second.error().ToString();

  auto store = bureau.Open();
  ASSERT_NE(store, nullptr);
  WriteRows(*store, 100);
  EXPECT_TRUE(WaitFor([&] { return first.value()->counts().passive >= 1; }));
  EXPECT_EQ(second.value()->counts().passive, 0);
  EXPECT_TRUE(first.value()->active());
  EXPECT_FALSE(second.value()->active());
}

TEST(WalCheckpointerTest, PostgresAndReadOnlyBureausGetOneThatDoesNothing) {
  StoreOptions postgres;
  postgres.location = "postgresql://nobody@127.0.0.1:1/none";
  auto checkpointer = WalCheckpointer::Start(postgres);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().ToString();
  EXPECT_FALSE(checkpointer.value()->active());

  TestBureau bureau(StoreBackend::kSqlite);
  ASSERT_NE(bureau.Open(), nullptr);
  StoreOptions read_only = bureau.Options();
  read_only.read_only = true;
  auto reading = WalCheckpointer::Start(read_only);
  ASSERT_TRUE(reading.ok()) << reading.error().ToString();
  EXPECT_FALSE(reading.value()->active());
}

TEST(WalCheckpointerTest, RefusesOptionsThatCannotWork) {
  TestBureau bureau(StoreBackend::kSqlite);
  ASSERT_NE(bureau.Open(), nullptr);
  WalCheckpointOptions options;
  options.step_pages = 0;
  auto refused = WalCheckpointer::Start(bureau.Options(), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);

  options.step_pages = 100;
  options.restart_pages = 10;
  EXPECT_FALSE(WalCheckpointer::Start(bureau.Options(), options).ok());

  StoreOptions missing = bureau.Options();
  missing.location = (bureau.directory() / "no-such.db").string();
  auto absent = WalCheckpointer::Start(missing);
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo
