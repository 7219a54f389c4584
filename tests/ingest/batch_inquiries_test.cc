// Inquiry feeds (canonical JSON lines) on a SQLite bureau: an inquiry loaded from a feed is not
// loaded twice when the furnisher delivers it again in a file with other bytes (CRLF line ends,
// hence another content hash), while two inquiries the furnisher tells apart by its own reference
// stay two, and an inquiry the bureau recorded for a report pull is never taken for a feed's.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "batch_test_bureau.h"

namespace credo::ingest {
namespace {

constexpr const char* kPerson = "11010519491231002X";  // a valid GB 11643 number

//! One canonical JSON inquiry of kPerson; `reference` "" leaves inquiry_reference out.
std::string InquiryLine(const std::string& institution, const std::string& purpose,
                        const std::string& date, const std::string& reference = "") {
  std::string line = std::string(R"({"kind":"inquiries","identifier":")") + kPerson +
                     R"(","identifier_kind":"cn_resident_id","full_name":"张伟","institution":")" +
                     institution + R"(","purpose":")" + purpose + R"(","inquiry_date":")" + date +
                     "\"";
  if (!reference.empty()) line += R"(,"inquiry_reference":")" + reference + "\"";
  return line + "}";
}

//! The lines, each ended by `end` ("\n" or "\r\n").
std::string Lines(const std::vector<std::string>& lines, const std::string& end) {
  std::string text;
  for (const std::string& line : lines) text += line + end;
  return text;
}

class InquiryFeedTest : public batch_testing::BatchTestBureau {
 protected:
  SubjectId Person() {
    SubjectId id = 0;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> found,
                             txn.FindSubjectsByIdentifier({IdentifierKind::kCnResidentId, kPerson}));
      if (!found.empty()) id = found.front();
      return Ok();
    }).ok());
    return id;
  }

  std::vector<InquiryRow> Inquiries() {
    std::vector<InquiryRow> rows;
    SubjectId person = Person();
    EXPECT_GT(person, 0);
    if (person <= 0) return rows;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(rows, txn.ListInquiryRows(person));
      return Ok();
    }).ok());
    return rows;
  }
};

TEST_F(InquiryFeedTest, TheSameInquiriesDeliveredAgainWithCrlfLineEndsAreNotCountedTwice) {
  const std::vector<std::string> lines = {
      InquiryLine("Bank A", "credit_application", "2026-05-02", "Q-1"),
      InquiryLine("Bank A", "credit_application", "2026-05-02", "Q-2"),  // a second pull that day
      InquiryLine("Bank B", "account_review", "2026-05-03"),
  };
  auto lf = Load(Write("inquiries.jsonl", Lines(lines, "\n")));
  ASSERT_TRUE(lf.ok()) << lf.error().ToString();
  EXPECT_EQ(lf->dq.feed, "inquiries");
  EXPECT_EQ(lf->dq.records, 3);
  EXPECT_EQ(lf->dq.accepted, 3);
  EXPECT_EQ(lf->dq.duplicates, 0);
  EXPECT_EQ(Counts()["inquiries"], 3);

  auto crlf = Load(Write("inquiries-crlf.jsonl", Lines(lines, "\r\n")));
  ASSERT_TRUE(crlf.ok()) << crlf.error().ToString();
  EXPECT_FALSE(crlf->already_loaded);  // other bytes: another content hash, another batch
  EXPECT_NE(crlf->batch.id, lf->batch.id);
  EXPECT_EQ(crlf->batch.status, BatchStatus::kCommitted);
  EXPECT_EQ(crlf->dq.records, 3);
  EXPECT_EQ(crlf->dq.accepted, 3);  // a duplicate is a good record, not an error
  EXPECT_EQ(crlf->dq.rejected, 0);
  EXPECT_EQ(crlf->dq.duplicates, 3);
  EXPECT_NE(crlf->Summary().find("3 already in the bureau"), std::string::npos)
      << crlf->Summary();
  EXPECT_EQ(Counts()["inquiries"], 3);
  std::vector<InquiryRow> rows = Inquiries();
  ASSERT_EQ(rows.size(), 3u);
  for (const InquiryRow& row : rows) EXPECT_EQ(row.batch_id, lf->batch.id);

  // The stored data-quality report of the batch says so too.
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(DqReport report, LoadDqReport(txn, crlf->batch.id));
    EXPECT_EQ(report.duplicates, 3);
    return Ok();
  }).ok());
}

// The bureau's own record of a report pull (batch 0) is a real inquiry apart from any feed's; a
// line repeated within one file is one inquiry.
TEST_F(InquiryFeedTest, AReportPullIsNotAFeedInquiryAndARepeatedLineIsOne) {
  auto first = Load(Write("first.jsonl", Lines({InquiryLine("Bank C", "credit_application",
                                                            "2026-05-04")},
                                               "\n")));
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  SubjectId person = Person();
  ASSERT_GT(person, 0);
  const Date pulled_on = Date::FromYmd(2026, 5, 5).value();
  ASSERT_TRUE(store_->WithTransaction([&](Transaction& txn) -> Status {
    Inquiry pull{0, person, "Bank D", "credit_application", InquiryKind::kHard, pulled_on, ""};
    CREDO_TRY(txn.InsertInquiry(pull));
    return Ok();
  }).ok());
  EXPECT_EQ(Counts()["inquiries"], 2);

  const std::string same_day = InquiryLine("Bank D", "credit_application", "2026-05-05");
  auto second = Load(Write("second.jsonl", Lines({same_day, same_day}, "\n")));
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_EQ(second->dq.records, 2);
  EXPECT_EQ(second->dq.duplicates, 1);
  EXPECT_EQ(Counts()["inquiries"], 3);  // Bank C, Bank D's pull, Bank D's feed inquiry
  int pulls = 0;
  int loaded = 0;
  for (const InquiryRow& row : Inquiries()) {
    if (row.inquiry.institution != "Bank D") continue;
    if (row.batch_id == 0) ++pulls;
    if (row.batch_id == second->batch.id) ++loaded;
  }
  EXPECT_EQ(pulls, 1);
  EXPECT_EQ(loaded, 1);
}

}  // namespace
}  // namespace credo::ingest
