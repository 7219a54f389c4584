// The review queue on SQLite and PostgreSQL: filing, listing, the encrypted explanation, accept
// (merge, redirect, audit), reject (distinct for good, audit), and decisions refused twice.
#include "resolve/incremental/review_queue.h"

#include <gtest/gtest.h>

#include "incremental_test_support.h"

namespace credo::resolve {
namespace {

template <typename T>
Status StatusOf(const Result<T>& result) {
  if (!result.ok()) return result.error();
  return Ok();
}

using testing::Alice;
using testing::IsOk;
using testing::MakePerson;

class ReviewQueueTest : public testing::ResolveBureauTest {
 protected:
  //! Two stored subjects and an open item about them.
  int64_t FileItem(SubjectId* left, SubjectId* right) {
    int64_t id = 0;
    EXPECT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(*left, txn.InsertSubject(MakePerson(Alice())));
      testing::PersonSpec other = Alice();
      other.given = "alicia";
      other.phone = "";
      CREDO_ASSIGN_OR_RETURN(*right, txn.InsertSubject(MakePerson(other)));
      CREDO_ASSIGN_OR_RETURN(auto comparer, SubjectComparer::Make(DefaultSubjectModel()));
      Subject stored = MakePerson(Alice());
      stored.id = *left;
      Subject incoming = MakePerson(other);
      auto scored = comparer.Compare(incoming, {stored});
      SubjectComparison pair = scored[0];
      pair.right_subject_id = *right;
      CREDO_ASSIGN_OR_RETURN(id, FileReviewItem(txn, pair, "grey zone", 1700000000));
      return Ok();
    })));
    return id;
  }

  ReviewDecision Decision(std::string note = "checked the file") {
    return ReviewDecision{"operator:ops", std::move(note), 1700000500};
  }
};

TEST_P(ReviewQueueTest, AFiledItemIsListedAndShownWithItsExplanation) {
  SubjectId left = 0, right = 0;
  int64_t id = FileItem(&left, &right);
  ASSERT_GT(id, 0);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto items, ListReviewItems(txn, ReviewFilter{ReviewStatus::kOpen}));
    EXPECT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].left_subject_id, left);
    EXPECT_EQ(items[0].right_subject_id, right);
    EXPECT_EQ(items[0].status, ReviewStatus::kOpen);
    EXPECT_EQ(items[0].created_at, 1700000000);
    EXPECT_TRUE(items[0].comparisons.empty());  // the list leaves explanations out
    CREDO_ASSIGN_OR_RETURN(auto accepted, ListReviewItems(txn, ReviewFilter{ReviewStatus::kAccepted}));
    EXPECT_TRUE(accepted.empty());
    CREDO_ASSIGN_OR_RETURN(int64_t open, CountReviewItems(txn, ReviewStatus::kOpen));
    EXPECT_EQ(open, 1);
    CREDO_ASSIGN_OR_RETURN(ReviewItem item, GetReviewItem(txn, id));
    EXPECT_EQ(item.reason, "grey zone");
    EXPECT_EQ(item.comparisons.size(), 10u);
    double total = item.prior_weight;
    for (const auto& field : item.comparisons) total += field.weight;
    EXPECT_NEAR(total, item.match_weight, 1e-6);
    return Ok();
  })));
  // At rest the explanation is sealed: no name or e-mail in the clear.
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT explanation FROM review_items"));
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].bytes.find("alice"), std::string::npos);
    EXPECT_EQ(rows[0][0].bytes.find("wong"), std::string::npos);
    return Ok();
  })));
  // Filing the same pair again adds nothing.
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    SubjectComparison pair;
    pair.left_subject_id = left;
    pair.right_subject_id = right;
    CREDO_ASSIGN_OR_RETURN(int64_t again, FileReviewItem(txn, pair, "again", 1700000001));
    EXPECT_EQ(again, 0);
    return Ok();
  })));
}

TEST_P(ReviewQueueTest, AcceptMergesTheNewerSubjectIntoTheOlderAndAudits) {
  SubjectId left = 0, right = 0;
  int64_t id = FileItem(&left, &right);
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(ReviewItem item, AcceptReviewItem(txn, id, Decision()));
    EXPECT_EQ(item.status, ReviewStatus::kAccepted);
    EXPECT_EQ(item.surviving_subject_id, left);
    EXPECT_EQ(item.decided_by, "operator:ops");
    EXPECT_EQ(item.decided_at, 1700000500);
    EXPECT_EQ(item.note, "checked the file");
    return Ok();
  })));
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(SubjectId redirected, txn.ResolveSubjectId(right));
    EXPECT_EQ(redirected, left);
    CREDO_ASSIGN_OR_RETURN(Subject merged, txn.GetSubject(right));
    EXPECT_EQ(merged.id, left);
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAuditForSubject(left));
    bool accepted = false;
    for (const AuditEntry& entry : audit) {
      if (entry.action == "review.accept") {
        accepted = true;
        EXPECT_EQ(entry.actor, "operator:ops");
        EXPECT_NE(entry.detail.find("checked the file"), std::string::npos);
      }
    }
    EXPECT_TRUE(accepted);
    return Ok();
  })));
  // A second decision is refused (409 in the API) and changes nothing.
  Status again = store_->WithTransaction([&](Transaction& txn) -> Status {
    return StatusOf(RejectReviewItem(txn, id, Decision("no")));
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message.find("already accepted"), std::string::npos);
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
}

TEST_P(ReviewQueueTest, RejectKeepsThePairApartForGood) {
  SubjectId left = 0, right = 0;
  int64_t id = FileItem(&left, &right);
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(ReviewItem item, RejectReviewItem(txn, id, Decision("twins")));
    EXPECT_EQ(item.status, ReviewStatus::kRejected);
    EXPECT_EQ(item.surviving_subject_id, 0);
    return Ok();
  })));
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool rejected, IsPairRejected(txn, right, left));
    EXPECT_TRUE(rejected);
    CREDO_ASSIGN_OR_RETURN(SubjectId still, txn.ResolveSubjectId(right));
    EXPECT_EQ(still, right);
    SubjectComparison pair;
    pair.left_subject_id = left;
    pair.right_subject_id = right;
    CREDO_ASSIGN_OR_RETURN(int64_t refiled, FileReviewItem(txn, pair, "again", 1700000600));
    EXPECT_EQ(refiled, 0);  // never proposed again
    CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAudit(0, 10000));
    bool audited = false;
    for (const AuditEntry& entry : audit) audited = audited || entry.action == "review.reject";
    EXPECT_TRUE(audited);
    return Ok();
  })));
  Status again = store_->WithTransaction([&](Transaction& txn) -> Status {
    return StatusOf(AcceptReviewItem(txn, id, Decision()));
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(ReviewQueueTest, AcceptIsRefusedWhenTheSidesNowHoldDifferentStrongIdentifiers) {
  SubjectId left = 0, right = 0;
  int64_t id = FileItem(&left, &right);
  // After filing, each side learns a different resident id (e.g. from later records).
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject a, txn.GetSubject(left));
    a.person.identifiers.push_back(Identifier{IdentifierKind::kCnResidentId, testing::CnResidentId("11010519840307123")});
    CREDO_TRY(txn.UpdateSubject(a));
    CREDO_ASSIGN_OR_RETURN(Subject b, txn.GetSubject(right));
    b.person.identifiers.push_back(Identifier{IdentifierKind::kCnResidentId, testing::CnResidentId("11010519840307456")});
    return txn.UpdateSubject(b);
  })));
  Status accepted = store_->WithTransaction([&](Transaction& txn) -> Status {
    return StatusOf(AcceptReviewItem(txn, id, Decision()));
  });
  ASSERT_FALSE(accepted.ok());
  EXPECT_EQ(accepted.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(accepted.error().message.find("different identifiers"), std::string::npos)
      << accepted.error().message;
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(SubjectId still, txn.ResolveSubjectId(right));
    EXPECT_EQ(still, right);  // not merged
    return Ok();
  })));
}

TEST_P(ReviewQueueTest, ARejectionFollowsItsSubjectsIntoLaterMerges) {
  // Rejected (left, right); then a third subject is merged into left, and right is compared
  // with that third subject's id and with the survivor: both are still rejected.
  SubjectId left = 0, right = 0;
  int64_t id = FileItem(&left, &right);
  SubjectId third = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(StatusOf(RejectReviewItem(txn, id, Decision("twins"))));
    testing::PersonSpec spec = Alice();
    spec.given = "ally";
    CREDO_ASSIGN_OR_RETURN(third, txn.InsertSubject(MakePerson(spec)));
    CREDO_TRY(txn.MergeSubjects(right, third));  // right now lives on as `third`
    CREDO_ASSIGN_OR_RETURN(bool through_survivor, IsPairRejected(txn, third, left));
    EXPECT_TRUE(through_survivor);
    CREDO_ASSIGN_OR_RETURN(bool unrelated, IsPairRejected(txn, third, third));
    EXPECT_FALSE(unrelated);
    return Ok();
  })));
}

TEST_P(ReviewQueueTest, UnknownItemsAreNotFoundAndStatusesParse) {
  Status missing = store_->WithTransaction([&](Transaction& txn) -> Status {
    return StatusOf(AcceptReviewItem(txn, 999, Decision()));
  });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*ParseReviewStatus("rejected"), ReviewStatus::kRejected);
  EXPECT_FALSE(ParseReviewStatus("maybe").ok());
  // Installing the schema again is harmless.
  EXPECT_TRUE(IsOk(InstallResolveSchema(*store_)));
  auto installed = ResolveSchemaInstalled(*store_);
  ASSERT_TRUE(installed.ok());
  EXPECT_TRUE(*installed);
}

TEST_P(ReviewQueueTest, ListingPagesByIdAfter) {
  SubjectId left = 0, right = 0;
  int64_t first = FileItem(&left, &right);
  int64_t second = FileItem(&left, &right);
  ASSERT_GT(second, first);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    ReviewFilter filter;
    filter.limit = 1;
    CREDO_ASSIGN_OR_RETURN(auto page, ListReviewItems(txn, filter));
    EXPECT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].id, first);
    filter.after_id = first;
    CREDO_ASSIGN_OR_RETURN(auto next, ListReviewItems(txn, filter));
    EXPECT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].id, second);
    return Ok();
  })));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewQueueTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::resolve
