// The blocking-key index names surviving subjects only, on SQLite and PostgreSQL: accepting a
// review item moves the merged subject's keys to the survivor (so a record spelled like the
// merged one still finds the survivor), and the resolve schema's migration 2 moves the keys that
// bureaus indexed before it under subjects merged since, to the end of each redirect chain.
#include <gtest/gtest.h>

#include <set>

#include "incremental_test_support.h"
#include "resolve/incremental/attacher.h"
#include "resolve/incremental/review_queue.h"

namespace credo::resolve {
namespace {

using testing::Alice;
using testing::IsOk;
using testing::MakePerson;
using testing::PersonSpec;

std::set<SubjectId> KeyOwners(Store& store) {
  std::set<SubjectId> owners;
  EXPECT_TRUE(IsOk(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT DISTINCT subject_id FROM resolve_keys"));
    for (const SqlRow& row : rows) owners.insert(row[0].int_value);
    return Ok();
  })));
  return owners;
}

int64_t KeyCount(Store& store, SubjectId id) {
  int64_t count = 0;
  EXPECT_TRUE(IsOk(store.WithReadTransaction([&](Transaction& txn) -> Status {
    std::vector<SqlValue> params = {SqlValue::Int(id)};
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT COUNT(*) FROM resolve_keys WHERE "
                                                "subject_id = ?",
                                                params));
    count = rows[0][0].int_value;
    return Ok();
  })));
  return count;
}

// Stores `spec` as a subject with its blocking keys, as the attacher does for a new subject.
SubjectId StoreIndexed(Transaction& txn, const SubjectComparer& comparer, const PersonSpec& spec) {
  Subject subject = MakePerson(spec);
  auto id = txn.InsertSubject(subject);
  EXPECT_TRUE(id.ok());
  subject.id = id.ok() ? *id : 0;
  EXPECT_TRUE(IsOk(IndexSubjectKeys(txn, comparer, subject)));
  return subject.id;
}

PersonSpec Variant(std::string given, std::string line1, std::string postcode) {
  PersonSpec spec = Alice();
  spec.given = std::move(given);
  spec.line1 = std::move(line1);
  spec.postcode = std::move(postcode);
  spec.phone.clear();
  spec.email.clear();
  return spec;
}

class KeyIndexTest : public testing::ResolveBureauTest {};

TEST_P(KeyIndexTest, AcceptingAReviewItemMovesTheMergedSubjectsKeysToTheSurvivor) {
  auto comparer = SubjectComparer::Make(DefaultSubjectModel());
  ASSERT_TRUE(comparer.ok());
  SubjectId older = 0, newer = 0;
  int64_t item = 0;
  const PersonSpec moved = Variant("alicia", "9 harbour road", "200120");
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    older = StoreIndexed(txn, *comparer, Alice());
    newer = StoreIndexed(txn, *comparer, moved);
    Subject left = MakePerson(Alice());
    left.id = older;
    SubjectComparison pair = comparer->Compare(MakePerson(moved), {left})[0];
    pair.right_subject_id = newer;
    CREDO_ASSIGN_OR_RETURN(item, FileReviewItem(txn, pair, "grey zone", 1700000000));
    return Ok();
  })));
  int64_t older_keys = KeyCount(*store_, older);
  int64_t newer_keys = KeyCount(*store_, newer);
  ASSERT_GT(newer_keys, 0);
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    auto accepted = AcceptReviewItem(txn, item, ReviewDecision{"operator:ops", "same person",
                                                               1700000500});
    if (!accepted.ok()) return accepted.error();
    return Ok();
  })));
  EXPECT_EQ(KeyOwners(*store_), std::set<SubjectId>{older}) << "no key names the merged subject";
  EXPECT_GT(KeyCount(*store_, older), older_keys) << "the merged subject's variants were kept";
  // A later record spelled like the merged subject finds the survivor among its candidates.
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto candidates,
                           FindCandidateSubjects(txn, *comparer, MakePerson(moved),
                                                 IncrementalSettings{}));
    EXPECT_EQ(candidates, std::vector<SubjectId>{older});
    return Ok();
  })));
}

TEST_P(KeyIndexTest, ReindexingAChangedSubjectLeavesExactlyItsNewKeys) {
  // Only the difference is written; the result must be the same as indexing from scratch.
  auto comparer = SubjectComparer::Make(DefaultSubjectModel());
  ASSERT_TRUE(comparer.ok());
  auto keys_of = [&](Transaction& txn, SubjectId id) {
    std::set<std::pair<std::string, std::string>> keys;
    std::vector<SqlValue> params = {SqlValue::Int(id)};
    auto rows = txn.Query("SELECT pass, blind_index FROM resolve_keys WHERE subject_id = ?", params);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const SqlRow& row : *rows) keys.emplace(row[0].bytes, row[1].bytes);
    }
    return keys;
  };
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    SubjectId id = StoreIndexed(txn, *comparer, Alice());
    const auto before = keys_of(txn, id);
    Subject moved = MakePerson(Variant("alice", "9 harbour road", "200120"));
    moved.id = id;
    moved.person.phones.push_back("+8613700002222");
    CREDO_TRY(IndexSubjectKeys(txn, *comparer, moved));
    const auto after = keys_of(txn, id);
    std::set<std::pair<std::string, std::string>> expected;
    for (const SubjectBlockingKey& key : comparer->Keys(moved)) {
      expected.emplace(key.pass, txn.BlindIndex("resolve." + key.pass, key.key));  // attacher.cc
    }
    EXPECT_EQ(after, expected);
    EXPECT_NE(after, before);
    size_t kept = 0;
    for (const auto& key : before) kept += after.count(key);
    EXPECT_GT(kept, 0u) << "the name keys were unchanged";
    return Ok();
  })));
}

TEST_P(KeyIndexTest, MigrationTwoMovesOldKeysOfMergedSubjectsToTheEndOfTheirChain) {
  // A bureau at resolve schema 1, whose keys were written before merges moved them: three
  // subjects, c <- b <- a merged at the store level with their keys left where they were.
  bureau_ = std::make_unique<testing::TestBureau>(GetParam());
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  SchemaComponent first = ResolveSchema();
  first.migrations.resize(1);
  ASSERT_TRUE(IsOk(store_->ApplySchema(first)));
  auto comparer = SubjectComparer::Make(DefaultSubjectModel());
  ASSERT_TRUE(comparer.ok());
  SubjectId a = 0, b = 0, c = 0, other = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    c = StoreIndexed(txn, *comparer, Alice());
    b = StoreIndexed(txn, *comparer, Variant("alicia", "9 harbour road", "200120"));
    a = StoreIndexed(txn, *comparer, Variant("ali", "17 river lane", "200031"));
    PersonSpec stranger = {"zhao", "lei", "1990-05-05", "+8613900001111", "", "3 hill st",
                           "hangzhou", "310000", "zhejiang", ""};
    other = StoreIndexed(txn, *comparer, stranger);
    CREDO_TRY(txn.MergeSubjects(b, c));
    CREDO_TRY(txn.MergeSubjects(a, b));
    return Ok();
  })));
  const int64_t before_c = KeyCount(*store_, c);
  const int64_t before_other = KeyCount(*store_, other);
  ASSERT_EQ(KeyOwners(*store_), (std::set<SubjectId>{a, b, c, other}));

  ASSERT_TRUE(IsOk(InstallResolveSchema(*store_)));
  EXPECT_EQ(KeyOwners(*store_), (std::set<SubjectId>{c, other}));
  EXPECT_GT(KeyCount(*store_, c), before_c) << "a's and b's variants now lead to c";
  EXPECT_EQ(KeyCount(*store_, other), before_other) << "a subject never merged is untouched";
  // Applying the schema again changes nothing.
  ASSERT_TRUE(IsOk(InstallResolveSchema(*store_)));
  EXPECT_EQ(KeyOwners(*store_), (std::set<SubjectId>{c, other}));
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyIndexTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::resolve
