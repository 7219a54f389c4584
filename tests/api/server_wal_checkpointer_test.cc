// The checkpointer thread of credo serve: on a SQLite bureau whose stores leave the WAL to it, it
// copies what writers logged into the database file on its own thread, counts its runs, runs a
// last checkpoint on Stop(), and counts a store it cannot open as a failure instead of dying.
#include "api/server/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/keys.h"

namespace credo::api {
namespace {

StoreOptions BureauIn(const std::string& dir) {
  StoreOptions options;
  options.location = dir + "/bureau.db";
  options.key_file = dir + "/bureau.db.keys";
  options.create_if_missing = true;
  options.background_checkpoints = true;
  return options;
}

TEST(WalCheckpointerTest, CopiesWhatWritersLoggedOnItsOwnThread) {
  char pattern[] = "/tmp/credo_checkpointer_XXXXXX";
  const std::string dir = mkdtemp(pattern);
  ASSERT_TRUE(InitKeyFile(dir + "/bureau.db.keys").ok());
  StoreOptions options = BureauIn(dir);
  auto writer = OpenStore(options);
  ASSERT_TRUE(writer.ok()) << writer.error().ToString();

  WalCheckpointer checkpointer([options] { return OpenStore(options); },
                               std::chrono::milliseconds(10));
  checkpointer.Start();
  for (int t = 0; t < 10; ++t) {
    ASSERT_TRUE((*writer)->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_TRY(tx.Execute("CREATE TABLE IF NOT EXISTS scratch (payload BLOB)"));
      for (int row = 0; row < 50; ++row) {
        std::vector<SqlValue> params = {SqlValue::Blob(std::string(4000, 'x'))};
        CREDO_TRY(tx.Execute("INSERT INTO scratch (payload) VALUES (?)", params));
      }
      return Ok();
    }).ok());
  }
  // It runs on its own schedule: wait (up to 30 s on a loaded machine) until it has copied them.
  for (int i = 0; i < 3000 && checkpointer.frames_checkpointed() < 500; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  checkpointer.Stop();
  EXPECT_GE(checkpointer.frames_checkpointed(), 500);
  EXPECT_GT(checkpointer.checkpoints(), 0);
  EXPECT_EQ(checkpointer.failures(), 0);
  // Nothing is left for anyone else to copy.
  auto left = (*writer)->Checkpoint();
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->checkpointed_frames, left->wal_frames);
  std::filesystem::remove_all(dir);
}

TEST(WalCheckpointerTest, AStoreItCannotOpenIsAFailureNotACrash) {
  StoreOptions missing;
  missing.location = "/nonexistent-credo-dir/bureau.db";
  missing.key_file = "/nonexistent-credo-dir/bureau.db.keys";
  WalCheckpointer checkpointer([missing] { return OpenStore(missing); },
                               std::chrono::milliseconds(10));
  checkpointer.Start();
  for (int i = 0; i < 3000 && checkpointer.failures() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  checkpointer.Stop();
  EXPECT_EQ(checkpointer.failures(), 1);
  EXPECT_EQ(checkpointer.checkpoints(), 0);
}

}  // namespace
}  // namespace credo::api
