// Tampering with the audit log directly in the database is caught and the first bad entry named,
// on both backends.
#include <gtest/gtest.h>

#include "store/internal/audit.h"
#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

using testing::MakePerson;
using testing::TestBureau;

class AuditChainTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    auto store = bureau_->Open();
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 6; ++i) {
      ASSERT_TRUE(testing::IsOk(store->WithTransaction([&](Transaction& tx) -> Status {
        return tx.InsertSubject(MakePerson(i)).ok() ? Ok() : Status(MakeError(ErrorCode::kInternal, "x"));
      })));
    }
    auto report = store->VerifyAuditChain();
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->intact) << report->problem;
    ASSERT_EQ(report->entries_checked, 6);
  }

  std::string DropTriggers() {
    if (GetParam() == StoreBackend::kSqlite) {
      return bureau_->RawSql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    }
    return bureau_->RawSql("DROP TRIGGER audit_log_no_update ON audit_log");
  }

  AuditChainReport Verify() {
    auto store = bureau_->Open();
    EXPECT_NE(store, nullptr);
    auto report = store->VerifyAuditChain();
    EXPECT_TRUE(report.ok()) << report.error().ToString();
    return report.ok() ? *report : AuditChainReport{};
  }

  std::unique_ptr<TestBureau> bureau_;
};

TEST_P(AuditChainTest, TriggersRefuseUpdateAndDelete) {
  EXPECT_NE(bureau_->RawSql("UPDATE audit_log SET detail = 'x' WHERE sequence = 2"), "");
  EXPECT_NE(bureau_->RawSql("DELETE FROM audit_log WHERE sequence = 2"), "");
  if (GetParam() == StoreBackend::kPostgres) {
    EXPECT_NE(bureau_->RawSql("TRUNCATE audit_log"), "");
  }
  EXPECT_TRUE(Verify().intact);
}

TEST_P(AuditChainTest, DroppingTheTriggerIsReported) {
  ASSERT_EQ(DropTriggers(), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_NE(report.problem.find("triggers"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, AlteredEntryIsNamed) {
  ASSERT_EQ(DropTriggers(), "");
  ASSERT_EQ(bureau_->RawSql("UPDATE audit_log SET detail = 'kind=person identifiers=0' WHERE sequence = 3"), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_sequence, 3);
  EXPECT_NE(report.problem.find("entry 3 was altered"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, AlteredEntryWithRecomputedHashBreaksTheNextLink) {
  // An attacker who recomputes the edited entry's hash still breaks entry 4's link.
  auto store = bureau_->Open();
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(testing::IsOk(store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(entries, tx.ListAudit(0, 100));
    return Ok();
  })));
  store.reset();
  AuditEntry forged = entries[2];
  forged.detail = "forged";
  forged.hash = store_internal::ComputeAuditHash(forged);
  ASSERT_EQ(DropTriggers(), "");
  ASSERT_EQ(bureau_->RawSql("UPDATE audit_log SET detail = 'forged', hash = '" + forged.hash +
                            "' WHERE sequence = 3"), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_sequence, 4);
}

TEST_P(AuditChainTest, DeletedEntryIsNamed) {
  ASSERT_EQ(DropTriggers(), "");
  ASSERT_EQ(bureau_->RawSql("DELETE FROM audit_log WHERE sequence = 4"), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_sequence, 4);
  EXPECT_NE(report.problem.find("entry 4 was deleted"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, DeletedLastEntryIsCaughtByTheHead) {
  ASSERT_EQ(DropTriggers(), "");
  ASSERT_EQ(bureau_->RawSql("DELETE FROM audit_log WHERE sequence = 6"), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_sequence, 6);
  EXPECT_NE(report.problem.find("deleted"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, InsertedEntryIsNamedEvenWithAValidHash) {
  auto store = bureau_->Open();
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(testing::IsOk(store->WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(entries, tx.ListAudit(0, 100));
    return Ok();
  })));
  store.reset();
  AuditEntry extra;
  extra.sequence = 7;
  extra.recorded_at = entries.back().recorded_at;
  extra.actor = "intruder";
  extra.action = "subject.insert";
  extra.entity = "subjects";
  extra.detail = "kind=person";
  extra.previous_hash = entries.back().hash;
  extra.hash = store_internal::ComputeAuditHash(extra);
  ASSERT_EQ(bureau_->RawSql("INSERT INTO audit_log (sequence, recorded_at, actor, action, entity, "
                            "entity_id, subject_id, detail, previous_hash, hash) VALUES (7, " +
                            std::to_string(extra.recorded_at) + ", 'intruder', 'subject.insert', "
                            "'subjects', 0, 0, 'kind=person', '" + extra.previous_hash + "', '" +
                            extra.hash + "')"), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_sequence, 7);
  EXPECT_NE(report.problem.find("inserted"), std::string::npos) << report.problem;
}

TEST_P(AuditChainTest, InsertedEntryInTheMiddleIsNamed) {
  ASSERT_EQ(DropTriggers(), "");
  // Renumber to make room is impossible without UPDATE; delete entry 3 and put a forgery there.
  ASSERT_EQ(bureau_->RawSql("DELETE FROM audit_log WHERE sequence = 3"), "");
  ASSERT_EQ(bureau_->RawSql("INSERT INTO audit_log (sequence, recorded_at, actor, action, entity, "
                            "entity_id, subject_id, detail, previous_hash, hash) VALUES (3, 0, "
                            "'intruder', 'x', 'y', 0, 0, 'z', 'bad', 'bad')"), "");
  AuditChainReport report = Verify();
  EXPECT_FALSE(report.intact);
  EXPECT_EQ(report.first_bad_sequence, 3);
}

TEST(AuditCanonicalTest, HashCoversEveryFieldAndLengthPrefixesPreventShifting) {
  AuditEntry a;
  a.sequence = 1;
  a.action = "ab";
  a.entity = "c";
  AuditEntry b = a;
  b.action = "a";
  b.entity = "bc";
  EXPECT_NE(store_internal::ComputeAuditHash(a), store_internal::ComputeAuditHash(b));
  AuditEntry c = a;
  c.subject_id = 2;
  EXPECT_NE(store_internal::ComputeAuditHash(a), store_internal::ComputeAuditHash(c));
  EXPECT_EQ(store_internal::ComputeAuditHash(a).size(), 64u);
  EXPECT_EQ(store_internal::CanonicalAuditBytes(a),
            "credo-audit-v1;1:1;1:0;0:;2:ab;1:c;1:0;1:0;0:;0:;");
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
