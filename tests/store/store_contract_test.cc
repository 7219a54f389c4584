// The store contract: every repository operation, transactions, migrations, encryption and the
// audit chain, run on SQLite and on PostgreSQL (CREDO_TEST_PG_URL) by the same test code.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

using testing::D;
using testing::MakeOrganization;
using testing::MakePerson;
using testing::MakeTradeline;
using testing::TestBureau;

// The contract holds on PostgreSQL and on SQLite, read with a system call per page or through
// the shared maps of the "credo-mapped" VFS (store/sqlite/mapped_reads.h).
struct ContractBackend {
  StoreBackend backend;
  bool mapped_reads;
};

std::string ContractBackendName(const ::testing::TestParamInfo<ContractBackend>& info) {
  if (info.param.backend == StoreBackend::kPostgres) return "Postgres";
  return info.param.mapped_reads ? "SqliteMappedReads" : "Sqlite";
}

class StoreContractTest : public ::testing::TestWithParam<ContractBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam().backend);
    bureau_ = std::make_unique<TestBureau>(GetParam().backend, GetParam().mapped_reads);
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    bureau_.reset();
  }

  SubjectId AddSubject(const Subject& subject) {
    SubjectId id = 0;
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return id;
  }

  template <typename F>
  void Read(F f) {
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      f(tx);
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  int64_t AuditCount() {
    int64_t count = 0;
    Read([&](Transaction& tx) { count = tx.CountRows().value()["audit_log"]; });
    return count;
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, FreshStoreIsAtCurrentSchemaVersionAndMigratingAgainIsANoOp) {
  EXPECT_EQ(store_->SchemaVersion().value(), StoreSchema().migrations.back().version);
  ASSERT_TRUE(store_->ApplySchema(StoreSchema()).ok());
  store_.reset();
  store_ = bureau_->Open();  // opening migrates again: nothing to do
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->SchemaVersion().value(), StoreSchema().migrations.back().version);
  EXPECT_EQ(store_->SchemaVersion("unknown_component").value(), 0);
}

TEST_P(StoreContractTest, NewerSchemaVersionIsRefusedNamingBothVersions) {
  store_.reset();
  const std::string newer = std::to_string(StoreSchema().migrations.back().version + 1);
  ASSERT_EQ(bureau_->RawSql("UPDATE schema_version SET version = " + newer +
                            " WHERE component = 'store'"),
            "");
  auto opened = OpenStore(bureau_->Options());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kVersionMismatch);
  EXPECT_NE(opened.error().message.find("version " + newer), std::string::npos)
      << opened.error().message;
  const std::string known = "version " + std::to_string(StoreSchema().migrations.back().version);
  EXPECT_NE(opened.error().message.find(known), std::string::npos) << opened.error().message;
}

TEST_P(StoreContractTest, ModulesAddTheirOwnVersionedSchemaAndUseGenericSql) {
  SchemaComponent component{"test_ext",
                            {{1, "notes", "CREATE TABLE ext_notes (id @ID@, subject_id BIGINT NOT "
                                          "NULL, note TEXT NOT NULL, blob_value @BLOB@)", "", ""}}};
  ASSERT_TRUE(store_->ApplySchema(component).ok());
  ASSERT_TRUE(store_->ApplySchema(component).ok());
  EXPECT_EQ(store_->SchemaVersion("test_ext").value(), 1);
  component.migrations.push_back({2, "score", "ALTER TABLE ext_notes ADD COLUMN score @REAL@", "", ""});
  ASSERT_TRUE(store_->ApplySchema(component).ok());
  EXPECT_EQ(store_->SchemaVersion("test_ext").value(), 2);
  Status written = store_->WithTransaction([&](Transaction& tx) -> Status {
    std::vector<SqlValue> params{SqlValue::Int(5), SqlValue::Text("hello"),
                                 SqlValue::Blob(std::string("\0\1\2", 3)), SqlValue::Real(0.25)};
    return tx.Execute("INSERT INTO ext_notes (subject_id, note, blob_value, score) VALUES (?, ?, ?, ?)",
                      params);
  });
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  Read([&](Transaction& tx) {
    std::vector<SqlValue> params{SqlValue::Int(5)};
    auto rows = tx.Query("SELECT subject_id, note, blob_value, score FROM ext_notes WHERE subject_id = ?",
                         params);
    ASSERT_TRUE(rows.ok()) << rows.error().ToString();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0][0].int_value, 5);
    EXPECT_EQ((*rows)[0][1].bytes, "hello");
    EXPECT_EQ((*rows)[0][2].kind, SqlValue::Kind::kBlob);
    EXPECT_EQ((*rows)[0][2].bytes, std::string("\0\1\2", 3));
    EXPECT_DOUBLE_EQ((*rows)[0][3].real_value, 0.25);
  });
  // A component whose recorded version is newer than the code is refused.
  component.migrations.pop_back();
  auto refused = store_->ApplySchema(component);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kVersionMismatch);
}

// EnsureSchema installs what is missing, remembers what it has seen, and still applies a
// migration added later (the remembered version is then below the component's latest).
TEST_P(StoreContractTest, EnsureSchemaInstallsOnceAndFollowsNewMigrations) {
  SchemaComponent component{"test_ensure",
                            {{1, "notes", "CREATE TABLE ensure_notes (id @ID@, note TEXT)", "", ""}}};
  EXPECT_EQ(store_->SchemaVersion("test_ensure").value(), 0);
  ASSERT_TRUE(store_->EnsureSchema(component).ok());
  EXPECT_EQ(store_->SchemaVersion("test_ensure").value(), 1);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store_->EnsureSchema(component).ok());
  component.migrations.push_back(
      {2, "score", "ALTER TABLE ensure_notes ADD COLUMN score @REAL@", "", ""});
  ASSERT_TRUE(store_->EnsureSchema(component).ok());
  EXPECT_EQ(store_->SchemaVersion("test_ensure").value(), 2);
  Status written = store_->WithTransaction([&](Transaction& tx) -> Status {
    return tx.Execute("INSERT INTO ensure_notes (note, score) VALUES ('a', 1.5)");
  });
  EXPECT_TRUE(written.ok()) << written.error().ToString();
}

TEST_P(StoreContractTest, PersonRoundTripsDecrypted) {
  Subject person = MakePerson(1);
  SubjectId id = AddSubject(person);
  ASSERT_GT(id, 0);
  Read([&](Transaction& tx) {
    auto got = tx.GetSubject(id);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->kind, SubjectKind::kPerson);
    EXPECT_EQ(got->person.full_name, person.person.full_name);
    EXPECT_EQ(got->person.given_name, person.person.given_name);
    EXPECT_EQ(got->person.birth_date, person.person.birth_date);
    EXPECT_EQ(got->person.identifiers, person.person.identifiers);
    EXPECT_EQ(got->person.phones, person.person.phones);
    EXPECT_EQ(got->person.emails, person.person.emails);
    EXPECT_EQ(got->person.addresses, person.person.addresses);
    EXPECT_EQ(got->person.employment, person.person.employment);
  });
}

TEST_P(StoreContractTest, OrganizationRoundTripsDecrypted) {
  Subject company = MakeOrganization(3);
  SubjectId id = AddSubject(company);
  Read([&](Transaction& tx) {
    auto got = tx.GetSubject(id);
    ASSERT_TRUE(got.ok()) << got.error().ToString();
    EXPECT_EQ(got->kind, SubjectKind::kOrganization);
    EXPECT_EQ(got->organization.name, company.organization.name);
    EXPECT_EQ(got->organization.identifiers, company.organization.identifiers);
    EXPECT_EQ(got->organization.registered_capital, company.organization.registered_capital);
    EXPECT_EQ(got->organization.status, OrganizationStatus::kActive);
    EXPECT_EQ(got->organization.established_on, company.organization.established_on);
    EXPECT_EQ(got->organization.legal_representative, company.organization.legal_representative);
  });
}

TEST_P(StoreContractTest, SubjectWithoutNameIsRejected) {
  Subject nameless;
  Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
    return tx.InsertSubject(nameless).ok() ? Ok() : Status(tx.InsertSubject(nameless).error());
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreContractTest, GetUnknownSubjectIsNotFound) {
  Read([&](Transaction& tx) {
    auto got = tx.GetSubject(424242);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
  });
}

TEST_P(StoreContractTest, BlindIndexFindsSubjectsByIdentifierPhoneEmailAndName) {
  SubjectId first = AddSubject(MakePerson(10));
  SubjectId second = AddSubject(MakePerson(11));
  SubjectId company = AddSubject(MakeOrganization(12));
  Subject ten = MakePerson(10);
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.FindSubjectsByIdentifier(ten.person.identifiers[0]).value(),
              std::vector<SubjectId>{first});
    // Separators and case do not change the identity.
    std::string ssn = ten.person.identifiers[1].value;
    std::string typed = ssn.substr(0, 3) + "-" + ssn.substr(3, 2) + "-" + ssn.substr(5);
    EXPECT_EQ(tx.FindSubjectsByIdentifier({IdentifierKind::kUsSsn, typed}).value(),
              std::vector<SubjectId>{first});
    EXPECT_EQ(tx.FindSubjectsByIdentifier({IdentifierKind::kPhone, ten.person.phones[0]}).value(),
              std::vector<SubjectId>{first});
    EXPECT_EQ(tx.FindSubjectsByIdentifier({IdentifierKind::kEmail, "QIMING10@Example.CN"}).value(),
              std::vector<SubjectId>{first});
    EXPECT_EQ(tx.FindSubjectsByName("  zhaoxtest   QIMING11 ").value(), std::vector<SubjectId>{second});
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakeOrganization(12).organization.identifiers[0]).value(),
              std::vector<SubjectId>{company});
    // The same value under another kind is not a match.
    EXPECT_TRUE(tx.FindSubjectsByIdentifier({IdentifierKind::kUsEin, ssn}).value().empty());
    EXPECT_TRUE(tx.FindSubjectsByIdentifier({IdentifierKind::kUsSsn, "999999999"}).value().empty());
  });
}

TEST_P(StoreContractTest, UpdateSubjectReplacesIdentityAndIndex) {
  Subject person = MakePerson(20);
  SubjectId id = AddSubject(person);
  person.id = id;
  person.person.phones = {"+8613900000001"};
  person.person.full_name = "Renamed Person";
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) { return tx.UpdateSubject(person); })));
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.GetSubject(id)->person.full_name, "Renamed Person");
    EXPECT_TRUE(tx.FindSubjectsByIdentifier({IdentifierKind::kPhone, MakePerson(20).person.phones[0]})
                    ->empty());
    EXPECT_EQ(tx.FindSubjectsByIdentifier({IdentifierKind::kPhone, "+8613900000001"}).value(),
              std::vector<SubjectId>{id});
    EXPECT_EQ(tx.FindSubjectsByName("renamed person").value(), std::vector<SubjectId>{id});
  });
}

TEST_P(StoreContractTest, MergeRedirectsIdsAndMovesRows) {
  SubjectId survivor = AddSubject(MakePerson(30));
  SubjectId merged = AddSubject(MakePerson(31));
  SubjectId other = AddSubject(MakePerson(32));
  int64_t merged_account = 0, other_account = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        merged_account,
        tx.UpsertTradeline(MakeTradeline(merged, "ACC-31", D(2024, 3, 31), "000", 5000), 0));
    CREDO_ASSIGN_OR_RETURN(
        other_account,
        tx.UpsertTradeline(MakeTradeline(other, "ACC-32", D(2024, 3, 31), "010", 700), 0));
    CREDO_TRY(tx.InsertInquiry({0, merged, "Bank A", "credit_application", InquiryKind::kHard,
                                D(2024, 2, 1), "C-1"}));
    return tx.MergeSubjects(merged, survivor);
  })));
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ResolveSubjectId(merged).value(), survivor);
    EXPECT_EQ(tx.GetSubject(merged)->id, survivor);
    EXPECT_EQ(tx.ListTradelines(survivor)->size(), 1u);
    EXPECT_EQ(tx.ListTradelines(merged)->size(), 1u);  // the old id redirects
    // The account's months moved with it (found through the account, not by subject); another
    // subject's months stayed.
    auto months = tx.ListTradelineMonths(merged_account).value();
    ASSERT_EQ(months.size(), 3u);
    for (const TradelineMonth& month : months) EXPECT_EQ(month.subject_id, survivor);
    for (const TradelineMonth& month : tx.ListTradelineMonths(other_account).value()) {
      EXPECT_EQ(month.subject_id, other);
    }
    EXPECT_EQ(tx.ListInquiries(survivor)->size(), 1u);
    // The merged subject's identifiers now find the survivor.
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakePerson(31).person.identifiers[0]).value(),
              std::vector<SubjectId>{survivor});
    EXPECT_EQ(tx.GetSubject(survivor)->person.identifiers.size(), 4u);
    EXPECT_EQ(tx.ListSubjectIds(0, 100).value(), (std::vector<SubjectId>{survivor, other}));
  });
  Status again = store_->WithTransaction([&](Transaction& tx) { return tx.MergeSubjects(merged, survivor); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
}

// A read-only transaction answers a repeated read from what it read first (read_memo.h): the
// same rows for the same subject, each subject's own rows when the reads switch between
// subjects, and nothing from it in a write transaction or in the next transaction.
TEST_P(StoreContractTest, RepeatedReadsInOneSnapshotAnswerAlikeAndWritesAreSeenAtOnce) {
  SubjectId first = AddSubject(MakePerson(60));
  SubjectId second = AddSubject(MakePerson(61));
  int64_t account = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        account, tx.UpsertTradeline(MakeTradeline(first, "ACC-60", D(2024, 3, 31), "000", 100), 0));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(second, "ACC-61", D(2024, 3, 31), "0", 200), 0));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(second, "ACC-62", D(2024, 3, 31), "00", 300), 0));
    CREDO_TRY(tx.InsertInquiry({0, first, "Bank A", "credit_application", InquiryKind::kHard,
                                D(2024, 2, 1), "C-60"}));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    for (int round = 0; round < 2; ++round) {
      SCOPED_TRACE(round);
      EXPECT_EQ(tx.ListTradelines(first)->size(), 1u);
      EXPECT_EQ(tx.ListTradelines(second)->size(), 2u);
      EXPECT_EQ(tx.ListTradelines(first)->front().tradeline.key.account_number, "ACC-60");
      EXPECT_EQ(tx.GetSubject(first)->person.full_name, MakePerson(60).person.full_name);
      EXPECT_EQ(tx.GetSubject(second)->person.full_name, MakePerson(61).person.full_name);
      EXPECT_EQ(tx.ListTradelineMonths(account)->size(), 3u);
      EXPECT_EQ(tx.ListTradelineMonths(account, D(2024, 3, 31))->size(), 3u);
      EXPECT_TRUE(tx.ListTradelineMonths(account, D(2024, 3, 30))->empty());  // not known yet
      EXPECT_EQ(tx.ListInquiries(first)->size(), 1u);
      EXPECT_TRUE(tx.ListInquiries(first, D(2024, 1, 31))->empty());
      EXPECT_TRUE(tx.ListInquiries(second)->empty());
    }
  });
  // A write transaction reads what it has just written, between two reads of the same rows.
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto before, tx.ListTradelines(first));
    EXPECT_EQ(before.size(), 1u);
    CREDO_ASSIGN_OR_RETURN(auto inquiries_before, tx.ListInquiries(first));
    EXPECT_EQ(inquiries_before.size(), 1u);
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(first, "ACC-63", D(2024, 4, 30), "0", 50), 0));
    CREDO_TRY(tx.InsertInquiry({0, first, "Bank B", "credit_application", InquiryKind::kHard,
                                D(2024, 4, 2), "C-61"}));
    CREDO_ASSIGN_OR_RETURN(auto after, tx.ListTradelines(first));
    EXPECT_EQ(after.size(), 2u);
    CREDO_ASSIGN_OR_RETURN(auto inquiries_after, tx.ListInquiries(first));
    EXPECT_EQ(inquiries_after.size(), 2u);
    return Ok();
  })));
  // The next read transaction starts from nothing kept.
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ListTradelines(first)->size(), 2u);
    EXPECT_EQ(tx.ListInquiries(first)->size(), 2u);
  });
}

TEST_P(StoreContractTest, AnAccountsMonthsCarryItsSubject) {
  // Re-pointed to another subject, an account takes its months along; an older report than the
  // one stored keeps the account (and its subject) as they are, and its months carry that
  // subject, not the older report's.
  SubjectId first = AddSubject(MakePerson(33));
  SubjectId second = AddSubject(MakePerson(34));
  int64_t account = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        account, tx.UpsertTradeline(MakeTradeline(first, "ACC-33", D(2024, 3, 31), "00", 100), 0));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(second, "ACC-33", D(2024, 4, 30), "000", 90), 0));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(first, "ACC-33", D(2023, 12, 31), "1", 120), 0));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    auto months = tx.ListTradelineMonths(account).value();
    ASSERT_FALSE(months.empty());
    for (const TradelineMonth& month : months) {
      EXPECT_EQ(month.subject_id, second) << month.month.ToIso();
    }
    EXPECT_EQ(tx.GetTradeline(account)->tradeline.subject_id, second);
  });
}

TEST_P(StoreContractTest, FailedTransactionRollsBackWhole) {
  int64_t audit_before = AuditCount();
  Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(SubjectId id, tx.InsertSubject(MakePerson(40)));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "ACC-40", D(2024, 1, 31), "0", 100), 0));
    return MakeError(ErrorCode::kInvalidArgument, "record 2 is bad");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "record 2 is bad");
  Read([&](Transaction& tx) {
    auto counts = tx.CountRows().value();
    EXPECT_EQ(counts["subjects"], 0);
    EXPECT_EQ(counts["identifiers"], 0);
    EXPECT_EQ(counts["tradelines"], 0);
    EXPECT_EQ(counts["tradeline_months"], 0);
    EXPECT_TRUE(tx.FindSubjectsByIdentifier(MakePerson(40).person.identifiers[0])->empty());
  });
  EXPECT_EQ(AuditCount(), audit_before);
  // The chain continues cleanly after a rollback.
  AddSubject(MakePerson(41));
  EXPECT_TRUE(store_->VerifyAuditChain()->intact);
}

TEST_P(StoreContractTest, ConstraintFailureInsideATransactionRollsBackEarlierWrites) {
  Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.InsertSubject(MakePerson(42)));
    // A tradeline for a subject that does not exist breaks the foreign key.
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(987654, "ACC-X", D(2024, 1, 31), "0", 1), 0));
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  Read([&](Transaction& tx) { EXPECT_EQ(tx.CountRows().value()["subjects"], 0); });
}

TEST_P(StoreContractTest, TransactionsDoNotNestAndReadTransactionsDoNotWrite) {
  Status nested = store_->WithTransaction([&](Transaction&) -> Status {
    return store_->WithTransaction([](Transaction&) { return Ok(); });
  });
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().code, ErrorCode::kFailedPrecondition);
  Status write_in_read = store_->WithReadTransaction([&](Transaction& tx) -> Status {
    return tx.InsertSubject(MakePerson(43)).ok() ? Ok() : Status(tx.InsertSubject(MakePerson(43)).error());
  });
  ASSERT_FALSE(write_in_read.ok());
  EXPECT_EQ(write_in_read.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(StoreContractTest, BatchesRawRecordsAndQuarantine) {
  BatchId batch = 0;
  std::vector<RawRecord> records;
  for (int i = 0; i < 50; ++i) {
    records.push_back({0, 0, "bank-a", i + 1, i * 100, "", "line " + std::to_string(i) + " Zhaoxtest"});
  }
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(batch, tx.CreateBatch(testing::MakeBatch("bank-a", "2024-03.dat", "abc123")));
    for (RawRecord& record : records) record.batch_id = batch;
    std::vector<int64_t> ids;
    CREDO_TRY(tx.InsertRawRecords(records, &ids));
    EXPECT_EQ(ids.size(), 50u);
    CREDO_TRY(tx.InsertQuarantine({0, batch, "bank-a", 7, 600, "ssn", "ssn.area_not_000",
                                   "*****6789", "SSN area 000 is never issued; fix the record"}));
    return tx.FinishBatch(batch, BatchStatus::kCommitted, 51, 50, 1);
  })));
  Read([&](Transaction& tx) {
    Batch got = tx.GetBatch(batch).value();
    EXPECT_EQ(got.status, BatchStatus::kCommitted);
    EXPECT_EQ(got.records_read, 51);
    EXPECT_EQ(got.records_quarantined, 1);
    EXPECT_GT(got.finished_at, 0);
    EXPECT_EQ(tx.FindBatchByContentHash("abc123")->value().id, batch);
    EXPECT_FALSE(tx.FindBatchByContentHash("other")->has_value());
    EXPECT_EQ(tx.ListBatches(10)->size(), 1u);
    auto page = tx.ListRawRecords(batch, 0, 20).value();
    ASSERT_EQ(page.size(), 20u);
    EXPECT_EQ(page[3].payload, "line 3 Zhaoxtest");
    EXPECT_EQ(page[3].line, 4);
    EXPECT_EQ(page[3].byte_offset, 300);
    EXPECT_EQ(page[3].content_hash.size(), 64u);
    EXPECT_EQ(tx.ListRawRecords(batch, page.back().id, 100)->size(), 30u);
    EXPECT_EQ(tx.GetRawRecord(page[0].id)->payload, "line 0 Zhaoxtest");
    auto quarantine = tx.ListQuarantine(batch).value();
    ASSERT_EQ(quarantine.size(), 1u);
    EXPECT_EQ(quarantine[0].rule, "ssn.area_not_000");
    EXPECT_EQ(quarantine[0].line, 7);
  });
  Status again = store_->WithTransaction([&](Transaction& tx) {
    return tx.FinishBatch(batch, BatchStatus::kFailed, 0, 0, 0);
  });
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(StoreContractTest, RawRecordsAreImmutableInTheDatabase) {
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(BatchId batch, tx.CreateBatch(testing::MakeBatch("bank-a", "f", "h")));
    return tx.InsertRawRecord({0, batch, "bank-a", 1, 0, "", "payload"}).ok() ? Ok()
                                                                              : Status(MakeError(ErrorCode::kInternal, "insert"));
  })));
  store_.reset();
  EXPECT_NE(bureau_->RawSql("UPDATE raw_records SET line = 99"), "");
  EXPECT_NE(bureau_->RawSql("DELETE FROM raw_records"), "");
}

TEST_P(StoreContractTest, TradelineUpsertKeepsAsReportedMonths) {
  SubjectId id = AddSubject(MakePerson(50));
  BatchId march = 0, april = 0;
  int64_t tradeline_id = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(march, tx.CreateBatch(testing::MakeBatch("bank", "march", "h1")));
    CREDO_ASSIGN_OR_RETURN(tradeline_id,
                           tx.UpsertTradeline(MakeTradeline(id, "4111-0001", D(2024, 3, 31), "000", 50000), march));
    return Ok();
  })));
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(april, tx.CreateBatch(testing::MakeBatch("bank", "april", "h2")));
    // April reports March as 30 days late (a correction of what March said) and April late too.
    Tradeline t = MakeTradeline(id, "4111 0001", D(2024, 4, 30), "1100", 65000);
    t.status = AccountStatus::kPastDue30;
    t.past_due = {20000, Currency::Cny()};
    CREDO_ASSIGN_OR_RETURN(int64_t again, tx.UpsertTradeline(t, april));
    EXPECT_EQ(again, tradeline_id);  // same furnisher + account number (normalised)
    return Ok();
  })));
  Read([&](Transaction& tx) {
    TradelineRow row = tx.GetTradeline(tradeline_id).value();
    EXPECT_EQ(row.tradeline.key.account_number, "4111-0001");
    EXPECT_EQ(row.tradeline.status, AccountStatus::kPastDue30);
    EXPECT_EQ(row.tradeline.balance.minor_units, 65000);
    EXPECT_EQ(row.tradeline.balance.currency, Currency::Cny());
    EXPECT_EQ(row.last_batch_id, april);
    EXPECT_EQ(row.tradeline.history.ToCodes(), "1100");
    EXPECT_EQ(row.tradeline.history.as_of, D(2024, 4, 30));
    EXPECT_EQ(row.tradeline.opened_on, D(2019, 1, 15));
    auto now = tx.ListTradelineMonths(tradeline_id).value();
    ASSERT_EQ(now.size(), 4u);  // Jan, Feb, Mar, Apr
    EXPECT_EQ(now[2].month, D(2024, 3, 1));
    EXPECT_EQ(now[2].payment_status, PaymentStatus::kPastDue30);
    EXPECT_EQ(now[2].batch_id, april);
    EXPECT_EQ(now[3].balance, 65000);
    // What the bureau knew at the end of March: March current, balance 50000.
    auto then = tx.ListTradelineMonths(tradeline_id, D(2024, 3, 31)).value();
    ASSERT_EQ(then.size(), 3u);
    EXPECT_EQ(then[2].payment_status, PaymentStatus::kCurrent);
    EXPECT_EQ(then[2].balance, 50000);
    EXPECT_EQ(then[2].batch_id, march);
    EXPECT_EQ(then[2].reported_on, D(2024, 3, 31));
    auto found = tx.FindTradeline({"First Test Bank", "41110001", ""}).value();
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, tradeline_id);
    EXPECT_FALSE(tx.FindTradeline({"Other Bank", "4111-0001", ""})->has_value());
    EXPECT_EQ(tx.ListTradelines(id)->size(), 1u);
  });
}

TEST_P(StoreContractTest, OlderReportDoesNotOverwriteCurrentFields) {
  SubjectId id = AddSubject(MakePerson(51));
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "A-51", D(2024, 5, 31), "00", 700), 0));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "A-51", D(2024, 4, 30), "0", 900), 0));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    auto rows = tx.ListTradelines(id).value();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].tradeline.balance.minor_units, 700);
    EXPECT_EQ(rows[0].tradeline.reported_on, D(2024, 5, 31));
  });
}

TEST_P(StoreContractTest, LateOlderReportKeepsTheProfileTheMonthsTableHolds) {
  SubjectId id = AddSubject(MakePerson(52));
  int64_t tradeline_id = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    // June: June 60 days late, May 30 days late. Then May's own report, loaded late: May current.
    Tradeline june = MakeTradeline(id, "A-52", D(2024, 6, 30), "21", 800);
    june.status = AccountStatus::kPastDue60;
    CREDO_ASSIGN_OR_RETURN(tradeline_id, tx.UpsertTradeline(june, 0));
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "A-52", D(2024, 5, 31), "0", 700), 0));
    // An older report still brings the months no later report covers.
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "A-52", D(2024, 4, 30), "00", 600), 0));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    TradelineRow row = tx.GetTradeline(tradeline_id).value();
    EXPECT_EQ(row.tradeline.status, AccountStatus::kPastDue60);
    EXPECT_EQ(row.tradeline.history.as_of, D(2024, 6, 30));
    EXPECT_EQ(row.tradeline.history.ToCodes(), "2100");  // Jun, May (June's word), Apr, Mar
    // history_codes is, month by month, the latest report's row of ListTradelineMonths.
    std::map<int32_t, TradelineMonth> latest;
    for (const TradelineMonth& m : tx.ListTradelineMonths(tradeline_id).value()) {
      latest[m.month.days_since_epoch()] = m;  // ordered by month, then reported_on
    }
    ASSERT_EQ(latest.size(), 4u);
    EXPECT_EQ(latest[D(2024, 5, 1).days_since_epoch()].payment_status, PaymentStatus::kPastDue30);
    EXPECT_EQ(latest[D(2024, 5, 1).days_since_epoch()].reported_on, D(2024, 6, 30));
    Date month = D(2024, 6, 1);
    for (PaymentStatus status : row.tradeline.history.months) {
      ASSERT_TRUE(latest.count(month.days_since_epoch())) << month.ToIso();
      EXPECT_EQ(latest[month.days_since_epoch()].payment_status, status) << month.ToIso();
      month = month.AddMonths(-1);
    }
    // What the bureau knew at the end of May is still May's report.
    auto then = tx.ListTradelineMonths(tradeline_id, D(2024, 5, 31)).value();
    ASSERT_FALSE(then.empty());
    EXPECT_EQ(then.back().month, D(2024, 5, 1));
    EXPECT_EQ(then.back().payment_status, PaymentStatus::kCurrent);
  });
}

TEST_P(StoreContractTest, InquiriesPublicRecordsStatementsRelationsConsents) {
  SubjectId person = AddSubject(MakePerson(60));
  SubjectId company = AddSubject(MakeOrganization(61));
  int64_t inquiry_id = 0, record_id = 0, statement_id = 0, relation_id = 0, consent_id = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(inquiry_id, tx.InsertInquiry({0, person, "Bank A", "credit_application",
                                                         InquiryKind::kHard, D(2024, 6, 1), "CONS-1"}));
    PublicRecord judgment;
    judgment.subject_id = company;
    judgment.kind = PublicRecordKind::kCivilJudgment;
    judgment.authority = "Beijing Chaoyang Court";
    judgment.case_number = "(2023) Jing 0105 Min Chu 123";
    judgment.filed_on = D(2023, 9, 1);
    judgment.amount = {12345600, Currency::Cny()};
    judgment.status = "open";
    CREDO_ASSIGN_OR_RETURN(record_id, tx.UpsertPublicRecord(judgment));
    judgment.status = "satisfied";
    judgment.resolved_on = D(2024, 1, 10);
    CREDO_ASSIGN_OR_RETURN(int64_t same, tx.UpsertPublicRecord(judgment));
    EXPECT_EQ(same, record_id);
    FinancialStatement statement;
    statement.subject_id = company;
    statement.period_end = D(2023, 12, 31);
    statement.currency = Currency::Cny();
    statement.total_assets = 900000000;
    statement.revenue = 450000000;
    statement.debt_repayment = 1234;
    CREDO_ASSIGN_OR_RETURN(statement_id, tx.UpsertFinancialStatement(statement));
    statement.revenue = 460000000;
    CREDO_ASSIGN_OR_RETURN(int64_t same_statement, tx.UpsertFinancialStatement(statement));
    EXPECT_EQ(same_statement, statement_id);
    Relation relation;
    relation.from = person;
    relation.to = company;
    relation.kind = RelationKind::kShareholding;
    relation.percent = 35.5;
    relation.since = D(2015, 1, 1);
    CREDO_ASSIGN_OR_RETURN(relation_id, tx.UpsertRelation(relation));
    Consent consent{0, person, "Bank A", "credit_application", "CONS-1", D(2024, 5, 30),
                    D(2025, 5, 30), std::nullopt};
    CREDO_ASSIGN_OR_RETURN(consent_id, tx.InsertConsent(consent));
    return tx.RevokeConsent(consent_id, D(2024, 7, 1));
  })));
  Read([&](Transaction& tx) {
    Inquiry inquiry = tx.GetInquiry(inquiry_id).value();
    EXPECT_EQ(inquiry.institution, "Bank A");
    EXPECT_EQ(inquiry.kind, InquiryKind::kHard);
    EXPECT_EQ(inquiry.inquired_on, D(2024, 6, 1));
    EXPECT_EQ(tx.ListInquiries(person)->size(), 1u);
    PublicRecord record = tx.GetPublicRecord(record_id).value();
    EXPECT_EQ(record.status, "satisfied");
    EXPECT_EQ(record.resolved_on, D(2024, 1, 10));
    EXPECT_EQ(record.amount.minor_units, 12345600);
    EXPECT_EQ(record.kind, PublicRecordKind::kCivilJudgment);
    EXPECT_EQ(tx.ListPublicRecords(company)->size(), 1u);
    FinancialStatementRow statement = tx.GetFinancialStatement(statement_id).value();
    EXPECT_EQ(statement.statement.revenue, 460000000);
    EXPECT_EQ(statement.statement.debt_repayment, 1234);
    EXPECT_EQ(statement.statement.period_months, 12);
    EXPECT_EQ(statement.statement.currency, Currency::Cny());
    EXPECT_EQ(tx.ListFinancialStatements(company)->size(), 1u);
    RelationRow relation = tx.GetRelation(relation_id).value();
    EXPECT_EQ(relation.relation.from, person);
    EXPECT_EQ(relation.relation.to, company);
    EXPECT_DOUBLE_EQ(relation.relation.percent, 35.5);
    EXPECT_EQ(relation.relation.since, D(2015, 1, 1));
    EXPECT_FALSE(relation.relation.until.has_value());
    EXPECT_EQ(tx.ListRelations(company)->size(), 1u);
    EXPECT_EQ(tx.ListRelations(person)->size(), 1u);
    Consent consent = tx.GetConsent(consent_id).value();
    EXPECT_EQ(consent.revoked_on, D(2024, 7, 1));
    EXPECT_EQ(consent.expires_on, D(2025, 5, 30));
    EXPECT_EQ(tx.ListConsents(person)->size(), 1u);
    EXPECT_EQ(tx.GetInquiry(999999).error().code, ErrorCode::kNotFound);
  });
}

TEST_P(StoreContractTest, EveryReportChangingWriteIsAuditedInAnIntactChain) {
  SubjectId id = AddSubject(MakePerson(70));
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(id, "A-70", D(2024, 2, 29), "0", 1), 0));
    CREDO_TRY(tx.InsertInquiry({0, id, "Bank", "account_review", InquiryKind::kSoft, D(2024, 3, 1), ""}));
    AuditEntry custom;
    custom.action = "report.served";
    custom.entity = "reports";
    custom.subject_id = id;
    custom.detail = "purpose=credit_application";
    CREDO_TRY(tx.AppendAudit(custom));
    return Ok();
  })));
  Read([&](Transaction& tx) {
    auto entries = tx.ListAuditForSubject(id).value();
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].action, "subject.insert");
    EXPECT_EQ(entries[1].action, "tradeline.insert");
    EXPECT_EQ(entries[2].action, "inquiry.insert");
    EXPECT_EQ(entries[3].action, "report.served");
    EXPECT_EQ(entries[3].actor, "test");
    EXPECT_EQ(entries[1].previous_hash, entries[0].hash);
    // No clear-text identifier in an audit entry.
    for (const AuditEntry& e : tx.ListAudit(0, 100).value()) {
      EXPECT_EQ(e.detail.find("Zhaoxtest"), std::string::npos) << e.detail;
      EXPECT_EQ(e.detail.find("A-70"), std::string::npos) << e.detail;
    }
  });
  auto report = store_->VerifyAuditChain().value();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries_checked, 4);
}

TEST_P(StoreContractTest, EncryptionRoundTripIsBoundToItsColumn) {
  Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::string sealed, tx.Encrypt("alerts.payload", "secret value"));
    EXPECT_EQ(sealed.find("secret"), std::string::npos);
    EXPECT_EQ(tx.Decrypt("alerts.payload", sealed).value(), "secret value");
    auto other_column = tx.Decrypt("alerts.other", sealed);
    EXPECT_FALSE(other_column.ok());
    EXPECT_EQ(other_column.error().code, ErrorCode::kDataLoss);
    std::string flipped = sealed;
    flipped[flipped.size() - 1] ^= 1;
    EXPECT_EQ(tx.Decrypt("alerts.payload", flipped).error().code, ErrorCode::kDataLoss);
    // Two encryptions of one value differ (random nonce).
    EXPECT_NE(tx.Encrypt("alerts.payload", "secret value").value(), sealed);
    EXPECT_EQ(tx.BlindIndex("k", "v"), tx.BlindIndex("k", "v"));
    EXPECT_EQ(tx.BlindIndex("k", "v").size(), 32u);
    EXPECT_NE(tx.BlindIndex("k", "v"), tx.BlindIndex("j", "v"));
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

TEST_P(StoreContractTest, AlteredCiphertextInTheDatabaseIsDataLossNeverGarbage) {
  SubjectId id = AddSubject(MakePerson(80));
  store_.reset();
  std::string sql = GetParam().backend == StoreBackend::kSqlite
      ? "UPDATE subjects SET identity = substr(identity, 1, 30) || X'00' || substr(identity, 32) WHERE id = " + std::to_string(id)
      : "UPDATE subjects SET identity = overlay(identity placing '\\x00'::bytea from 31 for 1) WHERE id = " + std::to_string(id);
  ASSERT_EQ(bureau_->RawSql(sql), "");
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  Read([&](Transaction& tx) {
    auto got = tx.GetSubject(id);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().code, ErrorCode::kDataLoss);
    EXPECT_NE(got.error().ToString().find("subject " + std::to_string(id)), std::string::npos);
  });
}

TEST_P(StoreContractTest, WrongMissingOrCorruptKeyFileIsAClearError) {
  AddSubject(MakePerson(90));
  store_.reset();
  StoreOptions options = bureau_->Options();
  // Missing.
  options.key_file = (bureau_->directory() / "absent.keys").string();
  auto missing = OpenStore(options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().ToString().find("absent.keys"), std::string::npos);
  // Another bureau's key file.
  options.key_file = (bureau_->directory() / "other.keys").string();
  ASSERT_TRUE(InitKeyFile(options.key_file).ok());
  auto wrong = OpenStore(options);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(wrong.error().message.find("does not belong"), std::string::npos) << wrong.error().message;
  // Corrupted: one character of a key changed.
  std::string text;
  {
    std::ifstream in(bureau_->key_file());
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  size_t data = text.find("\ndata 1 active ");
  ASSERT_NE(data, std::string::npos);
  text[data + 20] = text[data + 20] == 'A' ? 'B' : 'A';
  options.key_file = (bureau_->directory() / "corrupt.keys").string();
  {
    std::ofstream out(options.key_file);
    out << text;
  }
  std::filesystem::permissions(options.key_file, std::filesystem::perms::owner_read |
                                                     std::filesystem::perms::owner_write);
  auto corrupt = OpenStore(options);
  ASSERT_FALSE(corrupt.ok());
  EXPECT_EQ(corrupt.error().code, ErrorCode::kDataLoss);
  EXPECT_NE(corrupt.error().ToString().find("corrupt.keys line"), std::string::npos)
      << corrupt.error().ToString();
}

TEST_P(StoreContractTest, KeyRotationReencryptsWhileReadersKeepWorking) {
  std::vector<SubjectId> ids;
  for (int i = 0; i < 30; ++i) ids.push_back(AddSubject(MakePerson(100 + i)));
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_TRY(tx.UpsertTradeline(MakeTradeline(ids[0], "R-1", D(2024, 1, 31), "0", 5), 0));
    CREDO_ASSIGN_OR_RETURN(BatchId batch, tx.CreateBatch(testing::MakeBatch("s", "f", "h")));
    CREDO_TRY(tx.InsertRawRecord({0, batch, "s", 1, 0, "", "raw Zhaoxtest"}));
    return Ok();
  })));
  // Another process keeps the store open with the old key file loaded.
  auto reader = bureau_->Open();
  auto rotated = AddActiveDataKey(bureau_->key_file());
  ASSERT_TRUE(rotated.ok()) << rotated.error().ToString();
  EXPECT_EQ(rotated->active_key_id, 2u);
  auto rotator = bureau_->Open();
  int64_t steps = 0, total = 0;
  while (true) {
    auto done = rotator->ReencryptStep(7);
    ASSERT_TRUE(done.ok()) << done.error().ToString();
    if (*done == 0) break;
    total += *done;
    ++steps;
    // Between steps, the old process still reads everything (it reloads the key file when it
    // meets key 2).
    ASSERT_TRUE(testing::IsOk(reader->WithReadTransaction([&](Transaction& tx) -> Status {
      for (SubjectId id : ids) CREDO_TRY(tx.GetSubject(id));
      return Ok();
    })));
  }
  EXPECT_GT(steps, 5);
  EXPECT_GT(total, 60);
  auto usage = rotator->DescribeKeyUsage().value();
  ASSERT_EQ(usage.size(), 2u);
  EXPECT_EQ(usage[0].key_id, 1u);
  EXPECT_EQ(usage[0].values, 0);
  EXPECT_TRUE(usage[1].active);
  EXPECT_GT(usage[1].values, 60);
  // Blind indexes are unchanged by rotation: lookups keep working.
  ASSERT_TRUE(rotator->WithReadTransaction([&](Transaction& tx) -> Status {
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakePerson(105).person.identifiers[0]).value(),
              std::vector<SubjectId>{ids[5]});
    EXPECT_EQ(tx.ListTradelines(ids[0])->at(0).tradeline.key.account_number, "R-1");
    return Ok();
  }).ok());
  // The retired key can go once nothing uses it; the store still opens and reads.
  ASSERT_TRUE(RemoveRetiredKeys(bureau_->key_file(), {1}).ok());
  reader.reset();
  rotator.reset();
  store_.reset();
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  Read([&](Transaction& tx) {
    for (SubjectId id : ids) EXPECT_TRUE(tx.GetSubject(id).ok());
  });
  EXPECT_TRUE(store_->VerifyAuditChain()->intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(ContractBackend{StoreBackend::kSqlite, false},
                                           ContractBackend{StoreBackend::kSqlite, true},
                                           ContractBackend{StoreBackend::kPostgres, false}),
                         ContractBackendName);

}  // namespace
}  // namespace credo
