// The merge journal and UnmergeSubject, on SQLite and PostgreSQL (CREDO_TEST_PG_URL) by the same
// test code: a wrong merge (a mixed file) is undone — rows, identity and blind-index lookups come
// back; what cannot be undone is refused and changes nothing; merges are undone newest first.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store_test_data.h"
#include "store_test_support.h"

namespace credo {
namespace {

using testing::D;
using testing::MakeOrganization;
using testing::MakePerson;
using testing::MakeTradeline;
using testing::TestBureau;

template <typename T>
Status StatusOf(const Result<T>& result) {
  if (!result.ok()) return result.error();
  return Ok();
}

class MergeJournalTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    bureau_.reset();
  }

  SubjectId AddSubject(const Subject& subject) {
    SubjectId id = 0;
    EXPECT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    })));
    return id;
  }
  void Merge(SubjectId from, SubjectId into) {
    ASSERT_TRUE(testing::IsOk(
        store_->WithTransaction([&](Transaction& tx) { return tx.MergeSubjects(from, into); })));
  }
  Result<UnmergeReport> Unmerge(SubjectId merged, std::string reason = "mixed file") {
    Result<UnmergeReport> report = UnmergeReport{};
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      report = tx.UnmergeSubject(merged, reason);
      return StatusOf(report);
    });
    if (!status.ok()) return status.error();
    return report;
  }
  SubjectId Surviving(SubjectId id) {
    SubjectId surviving = 0;
    Read([&](Transaction& tx) { surviving = tx.ResolveSubjectId(id).value(); });
    return surviving;
  }
  template <typename F>
  void Read(F f) {
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      f(tx);
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }
  TableCounts Counts() {
    TableCounts counts;
    Read([&](Transaction& tx) { counts = tx.CountRows().value(); });
    return counts;
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
};

PublicRecord Judgment(SubjectId subject, const std::string& case_number) {
  PublicRecord record;
  record.subject_id = subject;
  record.kind = PublicRecordKind::kCivilJudgment;
  record.authority = "Beijing Chaoyang Court";
  record.case_number = case_number;
  record.filed_on = D(2023, 9, 1);
  record.amount = {1000000, Currency::Cny()};
  record.status = "open";
  return record;
}

Relation RelationOf(SubjectId from, SubjectId to, RelationKind kind) {
  Relation relation;
  relation.from = from;
  relation.to = to;
  relation.kind = kind;
  relation.percent = kind == RelationKind::kShareholding ? 20 : 0;
  return relation;
}

TEST_P(MergeJournalTest, UnmergeGivesBackRowsIdentityAndLookups) {
  const Subject survivor_person = MakePerson(40);
  Subject merged_person = MakePerson(41);
  // A phone both hold: the survivor had it before the merge, so it stays with the survivor.
  merged_person.person.phones.push_back(survivor_person.person.phones[0]);
  const SubjectId survivor = AddSubject(survivor_person);
  const SubjectId merged = AddSubject(merged_person);
  const SubjectId company = AddSubject(MakeOrganization(42));
  int64_t account = 0, survivor_account = 0, inquiry = 0, consent = 0, record = 0;
  int64_t holding = 0, guarantee = 0, between = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        account,
        tx.UpsertTradeline(MakeTradeline(merged, "ACC-41", D(2024, 3, 31), "000", 5000), 0));
    CREDO_ASSIGN_OR_RETURN(
        survivor_account,
        tx.UpsertTradeline(MakeTradeline(survivor, "ACC-40", D(2024, 3, 31), "00", 700), 0));
    CREDO_ASSIGN_OR_RETURN(inquiry, tx.InsertInquiry({0, merged, "Bank A", "credit_application",
                                                      InquiryKind::kHard, D(2024, 2, 1), "C-1"}));
    CREDO_TRY(tx.InsertInquiry({0, survivor, "Bank B", "credit_application", InquiryKind::kHard,
                                D(2024, 2, 2), "C-2"}));
    CREDO_ASSIGN_OR_RETURN(consent,
                           tx.InsertConsent({0, merged, "Bank A", "credit_application", "C-1",
                                             D(2024, 1, 30), std::nullopt, std::nullopt}));
    CREDO_ASSIGN_OR_RETURN(record, tx.UpsertPublicRecord(Judgment(merged, "(2023) 41")));
    // The same judgment on both files: the merge keeps the survivor's and deletes this one.
    CREDO_TRY(tx.UpsertPublicRecord(Judgment(merged, "(2023) shared")));
    CREDO_TRY(tx.UpsertPublicRecord(Judgment(survivor, "(2023) shared")));
    CREDO_ASSIGN_OR_RETURN(holding, tx.UpsertRelation(
                                        RelationOf(merged, company, RelationKind::kShareholding)));
    CREDO_ASSIGN_OR_RETURN(guarantee, tx.UpsertRelation(
                                          RelationOf(company, merged, RelationKind::kGuarantee)));
    CREDO_ASSIGN_OR_RETURN(between, tx.UpsertRelation(
                                        RelationOf(merged, survivor, RelationKind::kGuarantee)));
    return Ok();
  })));
  Merge(merged, survivor);
  // After the merge a new month of the merged subject's account arrives (under the survivor, as
  // ingestion files it): it must follow its account back.
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    return StatusOf(
        tx.UpsertTradeline(MakeTradeline(survivor, "ACC-41", D(2024, 4, 30), "0001", 5100), 0));
  })));
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ResolveSubjectId(merged).value(), survivor);
    EXPECT_EQ(tx.ListMergedSubjectIds(survivor).value(), std::vector<SubjectId>{merged});
    EXPECT_EQ(tx.GetSubject(survivor)->person.identifiers.size(), 4u);
    EXPECT_EQ(tx.FindSubjectsByIdentifier(merged_person.person.identifiers[0]).value(),
              std::vector<SubjectId>{survivor});
    // The journal's identity elements are sealed: nothing of the merged person in clear.
    auto rows = tx.Query("SELECT added_identity FROM subject_merges");
    ASSERT_TRUE(rows.ok()) << rows.error().ToString();
    ASSERT_EQ(rows->size(), 1u);
    const std::string& sealed = (*rows)[0][0].bytes;
    EXPECT_EQ(sealed.find(merged_person.person.identifiers[0].value), std::string::npos);
    EXPECT_EQ(sealed.find(merged_person.person.emails[0]), std::string::npos);
    EXPECT_EQ(sealed.find("Testlane"), std::string::npos);
  });

  auto report = Unmerge(merged, "two people: different birth dates on the applications");
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->merged_subject_id, merged);
  EXPECT_EQ(report->survivor_subject_id, survivor);
  EXPECT_GT(report->merge_id, 0);
  EXPECT_EQ(report->moved_back.at("tradelines.subject_id"), 1);
  EXPECT_EQ(report->moved_back.at("inquiries.subject_id"), 1);
  EXPECT_EQ(report->moved_back.at("consents.subject_id"), 1);
  EXPECT_EQ(report->moved_back.at("public_records.subject_id"), 1);
  EXPECT_EQ(report->moved_back.at("relations.subject_id"), 2);
  EXPECT_EQ(report->moved_back.at("relations.to_subject_id"), 1);
  EXPECT_EQ(report->moved_back.count("financial_statements.subject_id"), 0u);
  EXPECT_TRUE(report->not_moved_back.empty());
  // Two identifiers, an address, a phone and an e-mail (the shared phone and the birth date were
  // the survivor's already).
  EXPECT_EQ(report->identity_elements_removed, 5);
  EXPECT_EQ(report->duplicates_deleted_at_merge, 1);

  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ResolveSubjectId(merged).value(), merged);
    EXPECT_TRUE(tx.ListMergedSubjectIds(survivor)->empty());
    EXPECT_EQ(tx.ListSubjectIds(0, 100).value(),
              (std::vector<SubjectId>{survivor, merged, company}));
    // The accounts: each subject's own, and every month of the merged subject's account (also
    // the one reported after the merge) carries it again.
    auto accounts = tx.ListTradelines(merged).value();
    ASSERT_EQ(accounts.size(), 1u);
    EXPECT_EQ(accounts[0].id, account);
    auto months = tx.ListTradelineMonths(account).value();
    // Every stored month row moved back (the as-reported history keeps a row per report of a
    // month, so there may be more rows than months).
    const SqlValue account_id[] = {SqlValue::Int(account)};
    auto month_rows =
        tx.Query("SELECT COUNT(*) FROM tradeline_months WHERE tradeline_id = ?", account_id);
    ASSERT_TRUE(month_rows.ok()) << month_rows.error().ToString();
    EXPECT_EQ((*month_rows)[0][0].int_value, report->moved_back.at("tradeline_months.subject_id"));
    EXPECT_GE(months.size(), 4u);
    for (const TradelineMonth& month : months) EXPECT_EQ(month.subject_id, merged);
    ASSERT_EQ(tx.ListTradelines(survivor)->size(), 1u);
    EXPECT_EQ(tx.ListTradelines(survivor)->at(0).id, survivor_account);
    for (const TradelineMonth& month : tx.ListTradelineMonths(survivor_account).value()) {
      EXPECT_EQ(month.subject_id, survivor);
    }
    // Inquiries, consents, public records and relations.
    EXPECT_EQ(tx.GetInquiry(inquiry)->subject_id, merged);
    EXPECT_EQ(tx.ListInquiries(merged)->size(), 1u);
    EXPECT_EQ(tx.ListInquiries(survivor)->size(), 1u);
    EXPECT_EQ(tx.GetConsent(consent)->subject_id, merged);
    EXPECT_TRUE(tx.ListConsents(survivor)->empty());
    EXPECT_EQ(tx.GetPublicRecord(record)->subject_id, merged);
    EXPECT_EQ(tx.ListPublicRecords(merged)->size(), 1u);  // the duplicate is gone for good
    EXPECT_EQ(tx.ListPublicRecords(survivor)->size(), 1u);
    EXPECT_EQ(tx.GetRelation(holding)->relation.from, merged);
    EXPECT_EQ(tx.GetRelation(holding)->relation.to, company);
    EXPECT_EQ(tx.GetRelation(guarantee)->relation.from, company);
    EXPECT_EQ(tx.GetRelation(guarantee)->relation.to, merged);
    EXPECT_EQ(tx.GetRelation(between)->relation.from, merged);
    EXPECT_EQ(tx.GetRelation(between)->relation.to, survivor);
    // Identities: the survivor's as before the merge, the merged subject's untouched.
    Subject back = tx.GetSubject(survivor).value();
    EXPECT_EQ(back.person.identifiers, survivor_person.person.identifiers);
    EXPECT_EQ(back.person.phones, survivor_person.person.phones);
    EXPECT_EQ(back.person.emails, survivor_person.person.emails);
    EXPECT_EQ(back.person.addresses, survivor_person.person.addresses);
    EXPECT_EQ(back.person.birth_date, survivor_person.person.birth_date);
    Subject restored = tx.GetSubject(merged).value();
    EXPECT_EQ(restored.id, merged);
    EXPECT_EQ(restored.person.identifiers, merged_person.person.identifiers);
    EXPECT_EQ(restored.person.phones, merged_person.person.phones);
    // Lookups by blind index: each finds its own subject again; the shared phone both.
    for (const Identifier& identifier : merged_person.person.identifiers) {
      EXPECT_EQ(tx.FindSubjectsByIdentifier(identifier).value(), std::vector<SubjectId>{merged});
    }
    for (const Identifier& identifier : survivor_person.person.identifiers) {
      EXPECT_EQ(tx.FindSubjectsByIdentifier(identifier).value(), std::vector<SubjectId>{survivor});
    }
    EXPECT_EQ(tx.FindSubjectsByIdentifier({IdentifierKind::kEmail, merged_person.person.emails[0]})
                  .value(),
              std::vector<SubjectId>{merged});
    EXPECT_EQ(tx.FindSubjectsByIdentifier({IdentifierKind::kPhone, merged_person.person.phones[0]})
                  .value(),
              std::vector<SubjectId>{merged});
    EXPECT_EQ(
        tx.FindSubjectsByIdentifier({IdentifierKind::kPhone, survivor_person.person.phones[0]})
            .value(),
        (std::vector<SubjectId>{survivor, merged}));
    EXPECT_EQ(tx.FindSubjectsByName(merged_person.person.full_name).value(),
              std::vector<SubjectId>{merged});
    // The journal entry is marked undone.
    auto undone = tx.Query("SELECT undone_at FROM subject_merges");
    ASSERT_TRUE(undone.ok());
    ASSERT_EQ(undone->size(), 1u);
    EXPECT_NE((*undone)[0][0].kind, SqlValue::Kind::kNull);
    // Audited with the reason, the lost duplicate said, no identifier in clear.
    auto audit = tx.ListAuditForSubject(merged).value();
    ASSERT_FALSE(audit.empty());
    const AuditEntry& last = audit.back();
    EXPECT_EQ(last.action, "subject.unmerge");
    EXPECT_EQ(last.entity_id, merged);
    EXPECT_NE(last.detail.find("reason: two people: different birth dates"), std::string::npos)
        << last.detail;
    EXPECT_NE(last.detail.find("cannot be restored"), std::string::npos) << last.detail;
    EXPECT_NE(last.detail.find("into=" + std::to_string(survivor)), std::string::npos);
    for (const AuditEntry& entry : tx.ListAudit(0, 1000).value()) {
      EXPECT_EQ(entry.detail.find("Zhaoxtest"), std::string::npos) << entry.detail;
      EXPECT_EQ(entry.detail.find(merged_person.person.identifiers[0].value), std::string::npos)
          << entry.detail;
    }
  });
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->problem;
}

TEST_P(MergeJournalTest, WhatCannotBeUnmergedIsRefusedAndChangesNothing) {
  const SubjectId survivor = AddSubject(MakePerson(50));
  const SubjectId other = AddSubject(MakePerson(51));
  const TableCounts before = Counts();

  auto never = Unmerge(other);
  ASSERT_FALSE(never.ok());
  EXPECT_EQ(never.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(never.error().message.find("not merged"), std::string::npos) << never.error().message;
  auto unknown = Unmerge(424242);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Counts(), before);  // no row, no audit entry

  Merge(other, survivor);
  const TableCounts merged = Counts();
  auto no_reason = Unmerge(other, "  ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);
  Status read_only = store_->WithReadTransaction(
      [&](Transaction& tx) { return StatusOf(tx.UnmergeSubject(other, "reason")); });
  ASSERT_FALSE(read_only.ok());
  EXPECT_EQ(read_only.error().code, ErrorCode::kFailedPrecondition);
  // The survivor was never merged itself: nothing to undo from its side.
  auto survivor_side = Unmerge(survivor);
  ASSERT_FALSE(survivor_side.ok());
  EXPECT_EQ(survivor_side.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Counts(), merged);
  EXPECT_EQ(Surviving(other), survivor);

  ASSERT_TRUE(Unmerge(other).ok());
  auto twice = Unmerge(other);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Surviving(other), other);
}

TEST_P(MergeJournalTest, MergesIntoASubjectAreUndoneNewestFirst) {
  const SubjectId survivor = AddSubject(MakePerson(60));
  const SubjectId first = AddSubject(MakePerson(61));
  const SubjectId second = AddSubject(MakePerson(62));
  Merge(first, survivor);
  Merge(second, survivor);
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ListMergedSubjectIds(survivor).value(), (std::vector<SubjectId>{first, second}));
  });
  auto early = Unmerge(first);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(early.error().message.find("unmerge subject " + std::to_string(second) + " first"),
            std::string::npos)
      << early.error().message;
  EXPECT_EQ(Surviving(first), survivor);

  ASSERT_TRUE(Unmerge(second).ok());
  ASSERT_TRUE(Unmerge(first).ok());
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.GetSubject(survivor)->person.identifiers, MakePerson(60).person.identifiers);
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakePerson(61).person.identifiers[1]).value(),
              std::vector<SubjectId>{first});
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakePerson(62).person.identifiers[1]).value(),
              std::vector<SubjectId>{second});
  });
}

TEST_P(MergeJournalTest, AChainIsUndoneFromTheLastSurvivorsSideFirst) {
  const SubjectId top = AddSubject(MakePerson(70));
  const SubjectId middle = AddSubject(MakePerson(71));
  const SubjectId bottom = AddSubject(MakePerson(72));
  int64_t account = 0;
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(
        account, tx.UpsertTradeline(MakeTradeline(bottom, "ACC-72", D(2024, 3, 31), "00", 10), 0));
    return Ok();
  })));
  Merge(bottom, middle);
  Merge(middle, top);
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.ListMergedSubjectIds(top).value(), (std::vector<SubjectId>{middle, bottom}));
    EXPECT_EQ(tx.ListMergedSubjectIds(middle).value(), std::vector<SubjectId>{bottom});
    EXPECT_EQ(tx.GetTradeline(account)->tradeline.subject_id, top);
  });
  // `bottom` went into `middle`, which then went into `top`: undo that later merge first.
  auto early = Unmerge(bottom);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(early.error().message.find("unmerge subject " + std::to_string(middle) + " first"),
            std::string::npos)
      << early.error().message;

  ASSERT_TRUE(Unmerge(middle).ok());
  EXPECT_EQ(Surviving(bottom), middle);  // still merged into middle
  Read([&](Transaction& tx) {
    EXPECT_TRUE(tx.ListMergedSubjectIds(top)->empty());
    EXPECT_EQ(tx.ListMergedSubjectIds(middle).value(), std::vector<SubjectId>{bottom});
    EXPECT_EQ(tx.GetTradeline(account)->tradeline.subject_id, middle);
    EXPECT_EQ(tx.GetSubject(top)->person.identifiers, MakePerson(70).person.identifiers);
  });
  ASSERT_TRUE(Unmerge(bottom).ok());
  Read([&](Transaction& tx) {
    EXPECT_EQ(tx.GetTradeline(account)->tradeline.subject_id, bottom);
    for (const TradelineMonth& month : tx.ListTradelineMonths(account).value()) {
      EXPECT_EQ(month.subject_id, bottom);
    }
    EXPECT_EQ(tx.GetSubject(middle)->person.identifiers, MakePerson(71).person.identifiers);
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakePerson(72).person.identifiers[0]).value(),
              std::vector<SubjectId>{bottom});
  });
}

TEST_P(MergeJournalTest, AMergeWithoutAJournalCannotBeUndone) {
  const SubjectId survivor = AddSubject(MakePerson(80));
  const SubjectId merged = AddSubject(MakePerson(81));
  Merge(merged, survivor);
  // As if merged before store schema 5.
  ASSERT_EQ(bureau_->RawSql("DELETE FROM subject_merge_rows; DELETE FROM subject_merges;"), "");
  auto refused = Unmerge(merged);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message.find("journalled"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(Surviving(merged), survivor);
}

TEST_P(MergeJournalTest, CompaniesGetTheirStatementsBackAndRotationCoversTheJournal) {
  const SubjectId survivor = AddSubject(MakeOrganization(90));
  const SubjectId merged = AddSubject(MakeOrganization(91));
  ASSERT_TRUE(testing::IsOk(store_->WithTransaction([&](Transaction& tx) -> Status {
    for (SubjectId subject : {survivor, merged}) {
      FinancialStatement statement;
      statement.subject_id = subject;
      statement.period_end = D(2023, 12, 31);
      statement.currency = Currency::Cny();
      statement.revenue = 100 + subject;
      CREDO_TRY(StatusOf(tx.UpsertFinancialStatement(statement)));
    }
    FinancialStatement earlier;
    earlier.subject_id = merged;
    earlier.period_end = D(2022, 12, 31);
    earlier.currency = Currency::Cny();
    earlier.revenue = 42;
    return StatusOf(tx.UpsertFinancialStatement(earlier));
  })));
  Merge(merged, survivor);
  // Rotate the data key: the journal's sealed identity elements are re-encrypted with the rest.
  store_.reset();
  ASSERT_TRUE(AddActiveDataKey(bureau_->key_file()).ok());
  store_ = bureau_->Open();
  ASSERT_NE(store_, nullptr);
  while (true) {
    auto done = store_->ReencryptStep(100);
    ASSERT_TRUE(done.ok()) << done.error().ToString();
    if (*done == 0) break;
  }
  auto usage = store_->DescribeKeyUsage().value();
  ASSERT_EQ(usage.size(), 2u);
  EXPECT_EQ(usage[0].values, 0);

  auto report = Unmerge(merged, "two companies with similar names");
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_EQ(report->moved_back.at("financial_statements.subject_id"), 1);
  EXPECT_EQ(report->duplicates_deleted_at_merge, 1);
  EXPECT_EQ(report->identity_elements_removed, 1);  // the USCC; the phone is shared
  Read([&](Transaction& tx) {
    auto statements = tx.ListFinancialStatements(merged).value();
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].statement.period_end, D(2022, 12, 31));
    EXPECT_EQ(tx.ListFinancialStatements(survivor)->size(), 1u);
    EXPECT_EQ(tx.GetSubject(survivor)->organization.identifiers,
              MakeOrganization(90).organization.identifiers);
    EXPECT_EQ(tx.FindSubjectsByIdentifier(MakeOrganization(91).organization.identifiers[0]).value(),
              std::vector<SubjectId>{merged});
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, MergeJournalTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         testing::BackendName);

}  // namespace
}  // namespace credo
