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

// The key table of the current schema; resolve_keys before migration 3.
constexpr const char* kKeyTable = "resolve_block_keys";
constexpr const char* kOldKeyTable = "resolve_keys";

std::set<SubjectId> KeyOwners(Store& store, const std::string& table = kKeyTable) {
  std::set<SubjectId> owners;
  EXPECT_TRUE(IsOk(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT DISTINCT subject_id FROM " + table));
    for (const SqlRow& row : rows) owners.insert(row[0].int_value);
    return Ok();
  })));
  return owners;
}

int64_t KeyCount(Store& store, SubjectId id, const std::string& table = kKeyTable) {
  int64_t count = 0;
  EXPECT_TRUE(IsOk(store.WithReadTransaction([&](Transaction& txn) -> Status {
    std::vector<SqlValue> params = {SqlValue::Int(id)};
    CREDO_ASSIGN_OR_RETURN(auto rows, txn.Query("SELECT COUNT(*) FROM " + table +
                                                    " WHERE subject_id = ?",
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

// The same as a bureau before the resolve schema's migration 3 wrote it: one row per key with
// its pass and the whole blind index.
SubjectId StoreIndexedBeforeMigrationThree(Transaction& txn, const SubjectComparer& comparer,
                                           const PersonSpec& spec) {
  auto id = txn.InsertSubject(MakePerson(spec));
  EXPECT_TRUE(id.ok());
  if (!id.ok()) return 0;
  for (const SubjectBlockingKey& key : comparer.Keys(MakePerson(spec))) {
    std::vector<SqlValue> params = {SqlValue::Int(*id), SqlValue::Text(key.pass),
                                    SqlValue::Blob(txn.BlindIndex("resolve." + key.pass, key.key))};
    EXPECT_TRUE(IsOk(txn.Execute("INSERT INTO resolve_keys (subject_id, pass, blind_index) VALUES "
                                 "(?, ?, ?) ON CONFLICT (subject_id, pass, blind_index) DO NOTHING",
                                 params)));
  }
  return *id;
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
    std::set<std::string> keys;
    std::vector<SqlValue> params = {SqlValue::Int(id)};
    auto rows =
        txn.Query("SELECT block_key FROM resolve_block_keys WHERE subject_id = ?", params);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const SqlRow& row : *rows) keys.insert(row[0].bytes);
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
    std::set<std::string> expected;  // attacher.cc: 8 bytes of the pass's blind index
    for (const SubjectBlockingKey& key : comparer->Keys(moved)) {
      expected.insert(txn.BlindIndex("resolve." + key.pass, key.key).substr(0, 8));
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
    c = StoreIndexedBeforeMigrationThree(txn, *comparer, Alice());
    b = StoreIndexedBeforeMigrationThree(txn, *comparer, Variant("alicia", "9 harbour road", "200120"));
    a = StoreIndexedBeforeMigrationThree(txn, *comparer, Variant("ali", "17 river lane", "200031"));
    PersonSpec stranger = {"zhao", "lei", "1990-05-05", "+8613900001111", "", "3 hill st",
                           "hangzhou", "310000", "zhejiang", ""};
    other = StoreIndexedBeforeMigrationThree(txn, *comparer, stranger);
    CREDO_TRY(txn.MergeSubjects(b, c));
    CREDO_TRY(txn.MergeSubjects(a, b));
    return Ok();
  })));
  const int64_t before_c = KeyCount(*store_, c, kOldKeyTable);
  const int64_t before_other = KeyCount(*store_, other, kOldKeyTable);
  ASSERT_EQ(KeyOwners(*store_, kOldKeyTable), (std::set<SubjectId>{a, b, c, other}));

  ASSERT_TRUE(IsOk(InstallResolveSchema(*store_)));  // migrations 2 and 3
  EXPECT_EQ(KeyOwners(*store_), (std::set<SubjectId>{c, other}));
  EXPECT_GT(KeyCount(*store_, c), before_c) << "a's and b's variants now lead to c";
  EXPECT_EQ(KeyCount(*store_, other), before_other) << "a subject never merged is untouched";
  // Applying the schema again changes nothing.
  ASSERT_TRUE(IsOk(InstallResolveSchema(*store_)));
  EXPECT_EQ(KeyOwners(*store_), (std::set<SubjectId>{c, other}));
}

TEST_P(KeyIndexTest, MigrationThreeKeepsEveryKeyFindable) {
  // A bureau at resolve schema 2: keys as (pass, whole blind index) rows. After migration 3 the
  // same keys are found through the 8-byte block keys, the old table is gone, and keys written
  // now agree with the migrated ones.
  bureau_ = std::make_unique<testing::TestBureau>(GetParam());
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  SchemaComponent second = ResolveSchema();
  second.migrations.resize(2);
  ASSERT_TRUE(IsOk(store_->ApplySchema(second)));
  auto comparer = SubjectComparer::Make(DefaultSubjectModel());
  ASSERT_TRUE(comparer.ok());
  SubjectId alice = 0, stranger = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    alice = StoreIndexedBeforeMigrationThree(txn, *comparer, Alice());
    stranger = StoreIndexedBeforeMigrationThree(
        txn, *comparer,
        {"zhao", "lei", "1990-05-05", "+8613900001111", "", "3 hill st", "hangzhou", "310000",
         "zhejiang", ""});
    return Ok();
  })));
  const int64_t old_alice = KeyCount(*store_, alice, kOldKeyTable);
  ASSERT_GT(old_alice, 0);
  ASSERT_TRUE(IsOk(InstallResolveSchema(*store_)));
  EXPECT_EQ(KeyOwners(*store_), (std::set<SubjectId>{alice, stranger}));
  EXPECT_EQ(KeyCount(*store_, alice), old_alice);
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    // A variant of Alice (another address, no phone or e-mail) finds her by the migrated keys.
    CREDO_ASSIGN_OR_RETURN(
        auto candidates,
        FindCandidateSubjects(txn, *comparer, MakePerson(Variant("alicia", "9 harbour road", "200120")),
                              IncrementalSettings{}));
    EXPECT_EQ(candidates, std::vector<SubjectId>{alice});
    // Indexing her again now writes nothing new: the migrated keys are the current ones.
    Subject same = MakePerson(Alice());
    same.id = alice;
    CREDO_TRY(IndexSubjectKeys(txn, *comparer, same));
    return Ok();
  })));
  EXPECT_EQ(KeyCount(*store_, alice), old_alice);
  // The old table is gone (its own transaction: on PostgreSQL a failed query ends one).
  bool old_table_readable = true;
  (void)store_->WithReadTransaction([&](Transaction& txn) -> Status {
    old_table_readable = txn.Query("SELECT COUNT(*) FROM resolve_keys").ok();
    return Ok();
  });
  EXPECT_FALSE(old_table_readable);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyIndexTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

}  // namespace
}  // namespace credo::resolve
