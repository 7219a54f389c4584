// The "credo-mapped" VFS: readers served from the shared maps see exactly what the writer
// committed, through many commits, log rewinds and truncations made by connections that do not
// use the VFS, and after every connection closed and the log was made again.
#include "store/sqlite/mapped_reads.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "store_test_support.h"

namespace credo {
namespace {

using store_internal::MappedReadCountsNow;
using testing::TestBureau;

// Rows whose 3,000-byte payloads span pages: a stale or torn page read shows in the digest.
Status WriteRows(Store& store, int first, int count) {
  return store.WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.Execute(
        "CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, value INTEGER, payload BLOB)"));
    for (int i = first; i < first + count; ++i) {
      const SqlValue params[] = {SqlValue::Int(i), SqlValue::Int(int64_t{i} * 7)};
      CREDO_TRY(tx.Execute(
          "INSERT INTO filler (id, value, payload) VALUES (?, ?, randomblob(3000))", params));
    }
    return Ok();
  });
}

// Count, sum and the first bytes of every payload, as one string.
std::string Digest(Store& store) {
  std::string digest;
  Status read = store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT count(*), sum(value), group_concat(hex(substr(payload, 1, 8))) "
                            "FROM (SELECT * FROM filler ORDER BY id)"));
    const SqlRow& row = rows.at(0);
    digest = std::to_string(row[0].int_value) + "/" + std::to_string(row[1].int_value) + "/" +
             row[2].bytes;
    return Ok();
  });
  EXPECT_TRUE(read.ok()) << read.error().ToString();
  return digest;
}

// Whether /proc/locks shows a POSIX lock of this process on the file at `path`.
bool ProcessHoldsLockOn(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return false;
  char device[64];
  std::snprintf(device, sizeof device, "%02x:%02x:%llu", major(status.st_dev),
                minor(status.st_dev), static_cast<unsigned long long>(status.st_ino));
  std::ifstream locks("/proc/locks");
  std::string line;
  const std::string pid = std::to_string(::getpid());
  while (std::getline(locks, line)) {
    std::istringstream fields(line);
    std::string number, kind, advisory, mode, owner, where;
    fields >> number >> kind >> advisory >> mode >> owner >> where;
    // A waiter's line reads "N: -> POSIX ...": it does not hold the lock, and fails the test.
    if (kind == "POSIX" && owner == pid && where == device) return true;
  }
  return false;
}

TEST(MappedReadsTest, MakingAMapLeavesTheProcessesLocksOnTheFileAlone) {
  // POSIX record locks belong to the process: closing any descriptor of the database file would
  // drop SQLite's locks with it, and another program would take the bureau for unused.
  TestBureau bureau(StoreBackend::kSqlite, /*mapped_reads=*/true);
  auto store = bureau.Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(WriteRows(*store, 0, 10).ok());
  bool held = false;
  Status read = store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.Query("SELECT count(*) FROM filler"));
    held = ProcessHoldsLockOn(bureau.location());
    return Ok();
  });
  ASSERT_TRUE(read.ok()) << read.error().ToString();
  EXPECT_TRUE(held) << "no lock of this process on the database file during a read";
  // A second connection maps nothing anew (the first one's map serves it) and drops nothing.
  auto second = OpenStore(bureau.Options());
  ASSERT_TRUE(second.ok());
  held = false;
  read = (*second)->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.Query("SELECT count(*) FROM filler"));
    held = ProcessHoldsLockOn(bureau.location());
    return Ok();
  });
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(held);
}

TEST(MappedReadsTest, ReadersSeeEveryCommitThroughTheMaps) {
  TestBureau bureau(StoreBackend::kSqlite, /*mapped_reads=*/true);
  auto writer = bureau.Open();
  ASSERT_NE(writer, nullptr);
  auto reader = OpenStore(bureau.Options());
  ASSERT_TRUE(reader.ok()) << reader.error().ToString();
  const uint64_t mapped_before = MappedReadCountsNow().mapped;
  for (int round = 0; round < 40; ++round) {
    ASSERT_TRUE(WriteRows(*writer, round * 5, 5).ok());
    // Each round the reader's page cache was emptied by the commit: it reads everything again.
    EXPECT_EQ(Digest(**reader), Digest(*writer)) << "round " << round;
  }
  EXPECT_EQ(Digest(**reader).substr(0, 8), "200/1393");  // 200 rows, 7 * (0 + ... + 199)
  EXPECT_GT(MappedReadCountsNow().mapped, mapped_before + 1000);
}

TEST(MappedReadsTest, AWriterOutsideTheVfsAndItsRewindsAndTruncationsAreSeen) {
  TestBureau bureau(StoreBackend::kSqlite);  // the writer reads and writes with a call per page
  auto writer = bureau.Open();
  ASSERT_NE(writer, nullptr);
  StoreOptions mapped = bureau.Options();
  mapped.mapped_reads = true;
  auto reader = OpenStore(mapped);
  ASSERT_TRUE(reader.ok()) << reader.error().ToString();
  for (int round = 0; round < 30; ++round) {
    ASSERT_TRUE(WriteRows(*writer, round * 4, 4).ok());
    // The log is rewound (written again from its start) or cut to nothing now and then, by a
    // connection that is not the VFS's: the map's idea of the log's size is then too large.
    if (round % 7 == 3) {
      EXPECT_EQ(bureau.RawSql("PRAGMA wal_checkpoint(RESTART)"), "");
    }
    if (round % 11 == 5) {
      EXPECT_EQ(bureau.RawSql("PRAGMA wal_checkpoint(TRUNCATE)"), "");
      EXPECT_EQ(std::filesystem::file_size(bureau.location() + "-wal"), 0u) << "not cut";
    }
    EXPECT_EQ(Digest(**reader), Digest(*writer)) << "round " << round;
  }
}

TEST(MappedReadsTest, ALogMadeAgainAfterEveryConnectionClosedIsMappedAfresh) {
  TestBureau bureau(StoreBackend::kSqlite, /*mapped_reads=*/true);
  std::string expected;
  {
    auto writer = bureau.Open();
    ASSERT_NE(writer, nullptr);
    ASSERT_TRUE(WriteRows(*writer, 0, 20).ok());
    expected = Digest(*writer);
  }  // the last connection checkpoints and deletes the log
  for (int reopen = 0; reopen < 3; ++reopen) {
    auto writer = bureau.Open();
    ASSERT_NE(writer, nullptr);
    auto reader = OpenStore(bureau.Options());
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(Digest(**reader), expected);
    ASSERT_TRUE(WriteRows(*writer, 100 + reopen * 10, 10).ok());
    expected = Digest(*writer);
    EXPECT_EQ(Digest(**reader), expected);
  }
}

TEST(MappedReadsTest, AMissingBureauIsStillRefusedAndANewOneCreated) {
  TestBureau bureau(StoreBackend::kSqlite, /*mapped_reads=*/true);
  StoreOptions options = bureau.Options();
  options.create_if_missing = false;
  auto missing = OpenStore(options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto created = bureau.Open();
  ASSERT_NE(created, nullptr);
  ASSERT_TRUE(WriteRows(*created, 0, 3).ok());
  EXPECT_EQ(Digest(*created).substr(0, 4), "3/21");
}

}  // namespace
}  // namespace credo
