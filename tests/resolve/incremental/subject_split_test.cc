// Splitting a wrong merge (a mixed file) on SQLite and PostgreSQL: stored resolution merges two
// near-identical persons; the split undoes it, records the pair as distinct, gives the split
// subject its blocking keys back, and stored resolution, the review queue and a second split
// leave the pair apart.
#include "resolve/incremental/subject_split.h"

#include <gtest/gtest.h>

#include "incremental_test_support.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/stored_resolution.h"

namespace credo::resolve {
namespace {

using testing::Alice;
using testing::IsOk;
using testing::MakePerson;
using testing::PersonSpec;

class SubjectSplitTest : public testing::ResolveBureauTest {
 protected:
  SubjectId Insert(const PersonSpec& spec) {
    SubjectId id = 0;
    EXPECT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, txn.InsertSubject(MakePerson(spec)));
      return Ok();
    })));
    return id;
  }
  SubjectId Surviving(SubjectId id) {
    SubjectId out = 0;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(out, txn.ResolveSubjectId(id));
      return Ok();
    })));
    return out;
  }
  int64_t KeyCount(SubjectId id) {
    int64_t count = 0;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      std::vector<SqlValue> params = {SqlValue::Int(id)};
      CREDO_ASSIGN_OR_RETURN(
          auto rows,
          txn.Query("SELECT block_key FROM resolve_block_keys WHERE subject_id = ?", params));
      count = static_cast<int64_t>(rows.size());
      return Ok();
    })));
    return count;
  }
  FixedClock clock_{Date::FromYmd(2026, 6, 1).value(), 1780000000};
};

TEST_P(SubjectSplitTest, ASplitPairIsNeverLinkedAgain) {
  // The bureau of StoredResolutionTest: a typo duplicate (merged), a namesake (a review item)
  // and two persons with different resident ids (the hard constraint).
  const SubjectId alice = Insert(Alice());
  PersonSpec typo = Alice();
  typo.given = "alcie";
  const SubjectId alice_again = Insert(typo);
  Insert({"alice", "wong", "1991-12-30", "", "", "", "", "", "", ""});
  PersonSpec with_id = {"chen", "jie", "1979-01-01", "+8613500000001", "", "", "", "", "",
                        testing::CnResidentId("11010519790101123")};
  Insert(with_id);
  with_id.resident_id = testing::CnResidentId("11010519790101456");
  Insert(with_id);
  StoredResolutionOptions options;
  options.clock = &clock_;
  auto first = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  ASSERT_EQ(first->merges, 1);
  ASSERT_EQ(Surviving(alice_again), alice);
  EXPECT_EQ(KeyCount(alice_again), 0);  // a merge moves the keys to the survivor

  // An operator finds the file mixed: two people, one typed like the other.
  auto split = SplitSubject(*store_, alice_again, "consumer dispute: two different people",
                            "operator:ops", &clock_);
  ASSERT_TRUE(split.ok()) << split.error().ToString();
  EXPECT_EQ(split->merged_subject_id, alice_again);
  EXPECT_EQ(split->survivor_subject_id, alice);
  EXPECT_EQ(Surviving(alice_again), alice_again);
  EXPECT_GT(KeyCount(alice_again), 0);  // found by its own blocking keys again
  EXPECT_GT(KeyCount(alice), 0);
  const std::string summary = FormatSplitReport(*split);
  EXPECT_NE(summary.find("subject " + std::to_string(alice_again) + " split from subject " +
                         std::to_string(alice)),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("will not be merged again"), std::string::npos) << summary;

  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool rejected, IsPairRejected(txn, alice, alice_again));
    EXPECT_TRUE(rejected);
    CREDO_ASSIGN_OR_RETURN(bool reversed, IsPairRejected(txn, alice_again, alice));
    EXPECT_TRUE(reversed);
    // The review queue does not propose the pair again.
    SubjectComparison pair;
    pair.left_subject_id = alice;
    pair.right_subject_id = alice_again;
    CREDO_ASSIGN_OR_RETURN(int64_t item, FileReviewItem(txn, pair, "again", 1780000100));
    EXPECT_EQ(item, 0);
    // Audited: the store's unmerge with the reason, and the split naming the operator.
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAuditForSubject(alice_again));
    bool unmerged = false, split_by_operator = false;
    for (const AuditEntry& entry : audit) {
      if (entry.action == "subject.unmerge") {
        unmerged = true;
        EXPECT_NE(entry.detail.find("consumer dispute"), std::string::npos) << entry.detail;
      }
      if (entry.action == "resolve.split") {
        split_by_operator = entry.actor == "operator:ops";
      }
    }
    EXPECT_TRUE(unmerged);
    EXPECT_TRUE(split_by_operator);
    return Ok();
  })));

  // Stored resolution sees the same pair again and keeps it apart; the split subject already
  // has its keys.
  auto second = ResolveStoredSubjects(*store_, options);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_EQ(second->merges, 0);
  EXPECT_EQ(second->review_items, 0);
  EXPECT_EQ(second->rejected_pairs_skipped, 1);
  EXPECT_EQ(second->keys_indexed, 0);
  EXPECT_EQ(Surviving(alice_again), alice_again);
  EXPECT_EQ(Surviving(alice), alice);

  // A second split of the same subject is refused: it is not merged any more.
  auto again = SplitSubject(*store_, alice_again, "again", "operator:ops", &clock_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
}

TEST_P(SubjectSplitTest, RefusalsChangeNothing) {
  const SubjectId alice = Insert(Alice());
  auto never = SplitSubject(*store_, alice, "not merged", "operator:ops", &clock_);
  ASSERT_FALSE(never.ok());
  EXPECT_EQ(never.error().code, ErrorCode::kFailedPrecondition);
  auto unknown = SplitSubject(*store_, 987654, "unknown", "operator:ops", &clock_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  PersonSpec other = Alice();
  other.given = "alicia";
  const SubjectId alicia = Insert(other);
  ASSERT_TRUE(IsOk(store_->WithTransaction(
      [&](Transaction& txn) { return txn.MergeSubjects(alicia, alice); })));
  auto nobody = SplitSubject(*store_, alicia, "no actor", " ", &clock_);
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Surviving(alicia), alice);  // still merged
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool rejected, IsPairRejected(txn, alice, alicia));
    EXPECT_FALSE(rejected);
    return Ok();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, SubjectSplitTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::resolve
