#include "monitor/internal/touched.h"

#include <gtest/gtest.h>

#include "../monitor_test_support.h"

namespace credo::monitor::internal {
namespace {

using testing::D;

TEST(TouchedTest, BatchSubjectsLatestDateAndRelatedLinks) {
  testing::TempBureau bureau;
  const SubjectId person = testing::AddPerson(bureau.store(), 1);
  const SubjectId company = testing::AddCompany(bureau.store(), "Co");
  const SubjectId holder = testing::AddCompany(bureau.store(), "Holder");
  BatchId batch = 0;
  testing::Write(bureau.store(), [&](Transaction& transaction) -> Status {
    Batch row;
    row.source = "s";
    row.file_name = "f";
    row.content_hash = "h";
    CREDO_ASSIGN_OR_RETURN(batch, transaction.CreateBatch(row));
    CREDO_TRY(transaction.UpsertTradeline(
        testing::MakeTradeline(person, "bank", "A", "2026-02-28", "0", 1, 10), batch));
    PublicRecord record;
    record.subject_id = company;
    record.kind = PublicRecordKind::kTaxArrears;
    record.authority = "Tax";
    record.case_number = "1";
    record.filed_on = D("2026-03-10");
    CREDO_TRY(transaction.UpsertPublicRecord(record, batch));
    Relation guarantee;
    guarantee.from = person;
    guarantee.to = company;
    guarantee.kind = RelationKind::kGuarantee;
    guarantee.amount = testing::Cny(500);
    CREDO_TRY(transaction.UpsertRelation(guarantee));
    Relation holding;
    holding.from = holder;
    holding.to = company;
    holding.kind = RelationKind::kShareholding;
    holding.percent = 60;
    CREDO_TRY(transaction.UpsertRelation(holding));
    Relation officer;
    officer.from = person;
    officer.to = holder;
    officer.kind = RelationKind::kOfficer;
    CREDO_TRY(transaction.UpsertRelation(officer));
    return Ok();
  });
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto subjects, SubjectsOfBatch(transaction, batch));
    EXPECT_EQ(subjects, (std::vector<SubjectId>{person, company}));
    CREDO_ASSIGN_OR_RETURN(auto latest, LatestDateOfBatch(transaction, batch));
    EXPECT_EQ(latest, D("2026-03-10"));
    CREDO_ASSIGN_OR_RETURN(auto none, LatestDateOfBatch(transaction, batch + 1));
    EXPECT_FALSE(none.has_value());
    CREDO_ASSIGN_OR_RETURN(auto links, RelatedLinks(transaction, {company}));
    EXPECT_EQ(links.size(), 2u);  // the guarantee and the shareholding, not the officer role
    for (const auto& link : links) {
      if (link.kind == "shareholding") {
        EXPECT_EQ(link.from, holder);
        EXPECT_DOUBLE_EQ(link.percent, 60);
      } else {
        EXPECT_EQ(link.kind, "guarantee");
        EXPECT_EQ(link.amount, 500);
      }
    }
    CREDO_ASSIGN_OR_RETURN(auto chunked, QueryInChunks(transaction,
                                                       "SELECT id FROM subjects WHERE id IN ",
                                                       " ORDER BY id", {person, company, holder},
                                                       2));
    EXPECT_EQ(chunked.size(), 3u);
    return Ok();
  }).ok());
}

}  // namespace
}  // namespace credo::monitor::internal
