// Backup and restore with verification, on both backends.
#include <gtest/gtest.h>

#include <fstream>

#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

namespace fs = std::filesystem;
using testing::D;
using testing::MakePerson;
using testing::MakeTradeline;
using testing::TestBureau;

class BackupTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(SubjectId id, tx.InsertSubject(MakePerson(i)));
        CREDO_ASSIGN_OR_RETURN(BatchId batch, tx.CreateBatch(testing::MakeBatch("bank", "f" + std::to_string(i), "h")));
        CREDO_TRY(tx.InsertRawRecord({0, batch, "bank", 1, 0, "", "raw " + std::to_string(i)}));
        CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "B-" + std::to_string(i), D(2024, 1, 31), "00", i), batch));
        return Ok();
      })));
    }
  }
  void TearDown() override {
    store_.reset();
    for (const std::string& database : databases_) {
      testing::RunPgSql(testing::TestPgUrl(), "DROP DATABASE IF EXISTS " + database);
    }
    bureau_.reset();
  }
  //! A restore target: a new SQLite path, or a new PostgreSQL database with the same schema name.
  StoreOptions NewTarget() {
    StoreOptions target = bureau_->Options();
    target.create_if_missing = false;
    if (GetParam() == StoreBackend::kSqlite) {
      target.location = (bureau_->directory() / testing::UniqueName("restored_")).string() + ".db";
    } else {
      std::string database = testing::UniqueName("credo_restore_");
      EXPECT_EQ(testing::RunPgSql(testing::TestPgUrl(), "CREATE DATABASE " + database), "");
      databases_.push_back(database);
      std::string url = testing::TestPgUrl();
      url = url.substr(0, url.rfind('/') + 1) + database;
      target.location = testing::WithSearchPath(url, bureau_->schema());
    }
    return target;
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  std::vector<std::string> databases_;
};

TEST_P(BackupTest, BackupIsVerifiedAndRestoresIntoAnEmptyTarget) {
  std::string out = (bureau_->directory() / "bureau.backup").string();
  auto counts = store_->Backup(out);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ((*counts)["subjects"], 20);
  EXPECT_EQ((*counts)["raw_records"], 20);
  EXPECT_EQ((*counts)["audit_log"], 60);
  EXPECT_TRUE(fs::exists(out));
  // A second backup to the same file is refused.
  EXPECT_EQ(store_->Backup(out).error().code, ErrorCode::kAlreadyExists);

  StoreOptions target = NewTarget();
  auto restored = RestoreStore(out, target, /*force=*/false);
  ASSERT_TRUE(restored.ok()) << restored.error().ToString();
  EXPECT_EQ(*restored, *counts);
  auto reopened = OpenStore(target);
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  ASSERT_TRUE(testing::IsOk((*reopened)->WithReadTransaction([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakePerson(7).person.identifiers[0])->size(), 1u);
    CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(1));
    EXPECT_EQ(subject.person.full_name, MakePerson(0).person.full_name);
    return Ok();
  })));
  EXPECT_TRUE((*reopened)->VerifyAuditChain()->intact);
  // The restored bureau keeps working (new writes chain on).
  ASSERT_TRUE(testing::IsOk((*reopened)->WithTransaction([&](Transaction& tx) -> Status {
    return tx.InsertSubject(MakePerson(99)).ok() ? Ok() : Status(MakeError(ErrorCode::kInternal, "x"));
  })));
  EXPECT_TRUE((*reopened)->VerifyAuditChain()->intact);
}

TEST_P(BackupTest, RestoreRefusesANonEmptyTargetUnlessForced) {
  std::string out = (bureau_->directory() / "bureau.backup").string();
  ASSERT_TRUE(store_->Backup(out).ok());
  // Change the live bureau after the backup, then restore over it.
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    return tx.InsertSubject(MakePerson(50)).ok() ? Ok() : Status(MakeError(ErrorCode::kInternal, "x"));
  })));
  store_.reset();
  StoreOptions live = bureau_->Options();
  auto refused = RestoreStore(out, live, /*force=*/false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  {
    auto still = OpenStore(live);
    ASSERT_TRUE(still.ok());
    ASSERT_TRUE(testing::IsOk((*still)->WithReadTransaction([&](Transaction& tx) -> Status {
      EXPECT_EQ(tx.CountRows().value()["subjects"], 21);
      return Ok();
    })));
  }
  auto forced = RestoreStore(out, live, /*force=*/true);
  ASSERT_TRUE(forced.ok()) << forced.error().ToString();
  EXPECT_EQ((*forced)["subjects"], 20);
}

TEST_P(BackupTest, RestoreOfACorruptBackupFailsAndLeavesTheTargetAlone) {
  std::string out = (bureau_->directory() / "bureau.backup").string();
  ASSERT_TRUE(store_->Backup(out).ok());
  {
    std::fstream file(out, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(0);
    file.write("garbage garbage garbage", 23);
  }
  StoreOptions target = NewTarget();
  auto restored = RestoreStore(out, target, false);
  ASSERT_FALSE(restored.ok());
  if (GetParam() == StoreBackend::kSqlite) {
    EXPECT_FALSE(fs::exists(target.location));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
