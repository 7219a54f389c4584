// When the store first recorded a relation (relations.first_recorded_at, store schema 7): kept
// when the relation is written again, the earlier of the two when a merge drops a duplicate, and
// taken from the relation's earliest audit entry when a bureau of schema 6 is upgraded. Runs on
// SQLite and on PostgreSQL (CREDO_TEST_PG_URL) with the same code.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

using testing::IsOk;
using testing::MakeOrganization;
using testing::TestBureau;

constexpr int64_t kMonth = 30 * 86400;

Relation GuaranteeOf(SubjectId from, SubjectId to) {
  Relation guarantee;
  guarantee.from = from;
  guarantee.to = to;
  guarantee.kind = RelationKind::kGuarantee;
  guarantee.amount = {100000, Currency::Cny()};
  return guarantee;
}

class StoreRelationFirstRecordTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(guarantor_, tx.InsertSubject(MakeOrganization(1)));
      CREDO_ASSIGN_OR_RETURN(duplicate_, tx.InsertSubject(MakeOrganization(2)));
      CREDO_ASSIGN_OR_RETURN(borrower_, tx.InsertSubject(MakeOrganization(3)));
      return Ok();
    })));
  }
  void TearDown() override {
    store_.reset();
    bureau_.reset();
  }

  int64_t Upsert(const Relation& relation) {
    int64_t id = 0;
    EXPECT_TRUE(IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.UpsertRelation(relation));
      return Ok();
    })));
    return id;
  }

  //! (first_recorded_at, updated_at) of relation `id`; (-1, -1) when there is none.
  std::pair<int64_t, int64_t> Recorded(int64_t id) {
    std::pair<int64_t, int64_t> times = {-1, -1};
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      SqlValue params[] = {SqlValue::Int(id)};
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SqlRow> rows,
          tx.Query("SELECT first_recorded_at, updated_at FROM relations WHERE id = ?", params));
      if (!rows.empty()) times = {rows[0][0].int_value, rows[0][1].int_value};
      return Ok();
    })));
    return times;
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
  SubjectId guarantor_ = 0;
  SubjectId duplicate_ = 0;
  SubjectId borrower_ = 0;
};

TEST_P(StoreRelationFirstRecordTest, AWriteAgainKeepsTheFirstRecord) {
  const int64_t id = Upsert(GuaranteeOf(guarantor_, borrower_));
  auto [first, updated] = Recorded(id);
  EXPECT_GT(first, 0);
  EXPECT_EQ(first, updated);
  // As if it had been first recorded a month ago.
  ASSERT_EQ(bureau_->RawSql("UPDATE relations SET first_recorded_at = first_recorded_at - " +
                            std::to_string(kMonth) + ", updated_at = updated_at - " +
                            std::to_string(kMonth) + " WHERE id = " + std::to_string(id)),
            "");
  Relation again = GuaranteeOf(guarantor_, borrower_);
  again.amount = {250000, Currency::Cny()};
  EXPECT_EQ(Upsert(again), id);
  auto [first_after, updated_after] = Recorded(id);
  EXPECT_EQ(first_after, first - kMonth);
  EXPECT_GE(updated_after, updated);
}

TEST_P(StoreRelationFirstRecordTest, ReadRowsCarryWhenTheRelationWasRecorded) {
  const int64_t id = Upsert(GuaranteeOf(guarantor_, borrower_));
  ASSERT_EQ(bureau_->RawSql("UPDATE relations SET first_recorded_at = first_recorded_at - " +
                            std::to_string(kMonth) + " WHERE id = " + std::to_string(id)),
            "");
  const auto [first, updated] = Recorded(id);
  ASSERT_LT(first, updated);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    for (SubjectId end : {guarantor_, borrower_}) {  // either end lists it
      CREDO_ASSIGN_OR_RETURN(std::vector<RelationRow> rows, tx.ListRelations(end));
      EXPECT_EQ(rows.size(), 1u);
      for (const RelationRow& row : rows) {
        EXPECT_EQ(row.first_recorded_at, first);
        EXPECT_EQ(row.updated_at, updated);
      }
    }
    CREDO_ASSIGN_OR_RETURN(RelationRow one, tx.GetRelation(id));
    EXPECT_EQ(one.first_recorded_at, first);
    EXPECT_EQ(one.updated_at, updated);
    return Ok();
  })));
}

TEST_P(StoreRelationFirstRecordTest, AMergeKeepsTheEarlierFirstRecordOfADuplicate) {
  const int64_t kept = Upsert(GuaranteeOf(guarantor_, borrower_));
  const int64_t dropped = Upsert(GuaranteeOf(duplicate_, borrower_));
  ASSERT_EQ(bureau_->RawSql("UPDATE relations SET first_recorded_at = first_recorded_at - " +
                            std::to_string(kMonth) + " WHERE id = " + std::to_string(dropped)),
            "");
  const int64_t earlier = Recorded(dropped).first;
  ASSERT_TRUE(IsOk(store_->WithTransaction(
      [&](Transaction& tx) -> Status { return tx.MergeSubjects(duplicate_, guarantor_); })));
  EXPECT_EQ(Recorded(dropped).first, -1);  // the duplicate is gone
  EXPECT_EQ(Recorded(kept).first, earlier);
}

TEST_P(StoreRelationFirstRecordTest, AMergeKeepsTheSurvivorsFirstRecordWhenItIsEarlier) {
  const int64_t kept = Upsert(GuaranteeOf(guarantor_, borrower_));
  const int64_t dropped = Upsert(GuaranteeOf(duplicate_, borrower_));
  ASSERT_EQ(bureau_->RawSql("UPDATE relations SET first_recorded_at = first_recorded_at - " +
                            std::to_string(kMonth) + " WHERE id = " + std::to_string(kept)),
            "");
  const int64_t survivor_first = Recorded(kept).first;
  ASSERT_TRUE(IsOk(store_->WithTransaction(
      [&](Transaction& tx) -> Status { return tx.MergeSubjects(duplicate_, guarantor_); })));
  EXPECT_EQ(Recorded(dropped).first, -1);
  EXPECT_EQ(Recorded(kept).first, survivor_first);
}

TEST_P(StoreRelationFirstRecordTest, AnUpgradeTakesTheEarliestAuditEntryOfTheRelation) {
  const int64_t id = Upsert(GuaranteeOf(guarantor_, borrower_));
  int64_t audited = 0;
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& tx) -> Status {
    SqlValue params[] = {SqlValue::Int(id)};
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           tx.Query("SELECT MIN(recorded_at) FROM audit_log WHERE entity = "
                                    "'relations' AND entity_id = ?",
                                    params));
    if (!rows.empty()) audited = rows[0][0].int_value;
    return Ok();
  })));
  ASSERT_GT(audited, 0);
  // A later write the audit log does not show, and a relation with no audit entry of its text
  // (as after its `to` end was merged): that one keeps its latest write.
  const int64_t unaudited = Upsert(GuaranteeOf(duplicate_, borrower_));
  store_.reset();
  for (const std::string& sql :
       {"UPDATE relations SET updated_at = updated_at + " + std::to_string(kMonth),
        "UPDATE relations SET role = 'co-guarantor' WHERE id = " + std::to_string(unaudited),
        std::string("ALTER TABLE relations DROP COLUMN first_recorded_at"),
        std::string("UPDATE schema_version SET version = 6 WHERE component = 'store'")}) {
    ASSERT_EQ(bureau_->RawSql(sql), "") << sql;
  }
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->SchemaVersion().value(), 7);
  auto [first, updated] = Recorded(id);
  EXPECT_EQ(first, audited);
  EXPECT_EQ(updated, audited + kMonth);
  auto [other_first, other_updated] = Recorded(unaudited);
  EXPECT_EQ(other_first, other_updated);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreRelationFirstRecordTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
