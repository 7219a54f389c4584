// Write-ahead-log checkpoints: a store opened with background_checkpoints leaves the WAL to
// Store::Checkpoint (credo serve's checkpointer thread), which copies every frame no reader
// needs; a store opened as usual checkpoints as it commits; PostgreSQL has nothing to do.
#include <gtest/gtest.h>

#include <string>

#include "store_test_support.h"

namespace credo {
namespace {

using testing::IsOk;
using testing::TestBureau;

// About 2,000 pages of writes in 20 transactions of 100 rows of 4,000 bytes.
void WriteTwoThousandPages(Store& store) {
  for (int t = 0; t < 20; ++t) {
    ASSERT_TRUE(IsOk(store.WithTransaction([&](Transaction& tx) -> Status {
      CREDO_TRY(tx.Execute("CREATE TABLE IF NOT EXISTS checkpoint_scratch (payload BLOB)"));
      for (int row = 0; row < 100; ++row) {
        std::vector<SqlValue> params = {SqlValue::Blob(std::string(4000, static_cast<char>('a' + row % 26)))};
        CREDO_TRY(tx.Execute("INSERT INTO checkpoint_scratch (payload) VALUES (?)", params));
      }
      return Ok();
    })));
  }
}

TEST(WalCheckpointTest, BackgroundCheckpointsLeaveTheLogToCheckpoint) {
  TestBureau bureau(StoreBackend::kSqlite);
  ASSERT_NE(bureau.Open(), nullptr);
  StoreOptions options = bureau.Options();
  options.background_checkpoints = true;
  auto store = OpenStore(options);
  ASSERT_TRUE(IsOk(store));
  WriteTwoThousandPages(**store);
  auto checkpoint = (*store)->Checkpoint();
  ASSERT_TRUE(IsOk(checkpoint));
  EXPECT_TRUE(checkpoint->applies);
  // No commit checkpointed, so the log holds every page written since it was opened...
  EXPECT_GT(checkpoint->wal_frames, 1800);
  // ... and with no reader holding an older snapshot, all of them are now in the database.
  EXPECT_EQ(checkpoint->checkpointed_frames, checkpoint->wal_frames);
  // The data reads back through another connection.
  auto reader = OpenStore(bureau.Options());
  ASSERT_TRUE(IsOk(reader));
  ASSERT_TRUE(IsOk((*reader)->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM checkpoint_scratch"));
    EXPECT_EQ(rows.at(0).at(0).int_value, 2000);
    return Ok();
  })));
}

TEST(WalCheckpointTest, AStoreOpenedAsUsualCheckpointsAsItCommits) {
  TestBureau bureau(StoreBackend::kSqlite);
  auto store = bureau.Open();
  ASSERT_NE(store, nullptr);
  WriteTwoThousandPages(*store);
  auto checkpoint = store->Checkpoint();
  ASSERT_TRUE(IsOk(checkpoint));
  // SQLite checkpointed past 1,000 pages and the next commit started the log again.
  EXPECT_LT(checkpoint->wal_frames, 1500);
}

TEST(WalCheckpointTest, PostgresHasNothingToCheckpoint) {
  CREDO_SKIP_IF_NO_PG(StoreBackend::kPostgres);
  TestBureau bureau(StoreBackend::kPostgres);
  StoreOptions options = bureau.Options();
  options.background_checkpoints = true;
  ASSERT_NE(bureau.Open(), nullptr);
  auto store = OpenStore(options);
  ASSERT_TRUE(IsOk(store));
  auto checkpoint = (*store)->Checkpoint();
  ASSERT_TRUE(IsOk(checkpoint));
  EXPECT_FALSE(checkpoint->applies);
  EXPECT_EQ(checkpoint->wal_frames, 0);
}

}  // namespace
}  // namespace credo
