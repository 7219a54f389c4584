// Associated consumers (Metro 2 J1/J2 segments) on the batch path, end to end on a SQLite bureau:
// each gets a copy of the account in their own credit file (ingest/batch/associated.h), the next
// month updates every copy in place, ECOA Z removes one consumer's copy, DA on the base deletes
// every copy, a J1 the bureau cannot identify is quarantined without losing the record, a file
// loaded again changes nothing, an L1 change of account number carries the copies along, a
// consumer is found again with or without their SSN (and told apart by another SSN), and ECOA Z
// in the base segment removes only the account's own consumer.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "batch_test_bureau.h"
#include "core/identifier.h"
#include "metro2_test_util.h"

namespace credo::ingest {
namespace {

constexpr std::string_view kFurnisher = "CREDOBANK01";
constexpr std::string_view kAccount = "ACCT1";
constexpr std::string_view kBaseSsn = "123456789";      // metro2::testing::ValidRecord's
constexpr std::string_view kCoBorrowerSsn = "223456789";

//! A joint holder at the base consumer's address (J1, ECOA 2), with an SSN.
metro2::J1Segment CoBorrower() {
  metro2::J1Segment j1;
  j1.surname = "DOE";
  j1.first_name = "JOHN";
  j1.social_security_number = 223456789;
  j1.date_of_birth = {2141979};
  j1.ecoa_code = "2";
  return j1;
}

//! An authorised user at their own address (J2, ECOA 3), known by name and date of birth only.
metro2::J2Segment AuthorisedUser() {
  metro2::J2Segment j2;
  j2.surname = "ROE";
  j2.first_name = "RICHARD";
  j2.date_of_birth = {9091999};
  j2.ecoa_code = "3";
  j2.first_line_of_address = "9 OAK AVE";
  j2.city = "PEORIA";
  j2.state = "IL";
  j2.postal_zip_code = "61602";
  return j2;
}

//! The account of metro2::testing::ValidRecord reported as of `year`-`month`-`last_day`.
metro2::DataRecord AccountAsOf(int year, int month, int last_day) {
  metro2::DataRecord record = metro2::testing::ValidRecord();
  const auto mmdd = static_cast<uint32_t>(month * 1000000 + last_day * 10000 + year);
  record.base.date_of_account_information = {mmdd};
  record.base.date_of_last_payment = {static_cast<uint32_t>(month * 1000000 + 15 * 10000 + year)};
  record.base.time_stamp = {static_cast<uint64_t>(mmdd) * 1000000 + 120000};
  return record;
}

//! The account with both associated consumers, as of `year`-`month`-`last_day`.
metro2::DataRecord JointAccountAsOf(int year, int month, int last_day) {
  metro2::DataRecord record = AccountAsOf(year, month, last_day);
  record.j1.push_back(CoBorrower());
  record.j2.push_back(AuthorisedUser());
  return record;
}

//! A whole file whose header's activity date is the records' date of account information.
std::string FileOf(const std::vector<metro2::DataRecord>& records) {
  std::ostringstream out;
  metro2::Writer writer(out);
  metro2::HeaderRecord header = metro2::testing::ValidHeader();
  if (!records.empty()) {
    header.activity_date = records.front().base.date_of_account_information;
    header.date_created = records.front().base.date_of_account_information;
  }
  EXPECT_TRUE(writer.WriteHeader(header).ok());
  for (const metro2::DataRecord& record : records) EXPECT_TRUE(writer.WriteData(record).ok());
  EXPECT_TRUE(writer.Finish().ok());
  return out.str();
}

class AssociatedConsumersTest : public batch_testing::BatchTestBureau {
 protected:
  Result<IngestResult> LoadRecords(const std::string& name,
                                   const std::vector<metro2::DataRecord>& records) {
    return Load(Write(name, FileOf(records)));
  }

  //! Every tradeline of the bureau, by id.
  std::vector<TradelineRow> AllTradelines() {
    std::vector<TradelineRow> rows;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> ids,
                             txn.Query("SELECT id FROM tradelines ORDER BY id"));
      for (const SqlRow& id : ids) {
        CREDO_ASSIGN_OR_RETURN(TradelineRow row, txn.GetTradeline(id[0].int_value));
        rows.push_back(std::move(row));
      }
      return Ok();
    }).ok());
    return rows;
  }

  //! The tradeline of the bureau with ECOA code `ecoa` (one per consumer in these tests).
  std::optional<TradelineRow> WithEcoa(char ecoa) {
    for (TradelineRow& row : AllTradelines()) {
      if (row.tradeline.ecoa_code == ecoa) return row;
    }
    return std::nullopt;
  }

  SubjectId SubjectWithSsn(std::string_view ssn) {
    SubjectId subject = 0;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> found,
                             txn.FindSubjectsByIdentifier({IdentifierKind::kUsSsn, std::string(ssn)}));
      if (!found.empty()) subject = found.front();
      return Ok();
    }).ok());
    return subject;
  }

  std::optional<Subject> SubjectOf(SubjectId id) {
    std::optional<Subject> subject;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(subject, txn.GetSubject(id));
      return Ok();
    }).ok());
    return subject;
  }

  int64_t AssociatedLinks() {
    int64_t links = -1;
    EXPECT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                             txn.Query("SELECT COUNT(*) FROM ingest_associated_tradelines"));
      if (!rows.empty()) links = rows[0][0].int_value;
      return Ok();
    }).ok());
    return links;
  }
};

// (1) A record with a J1 and a J2: the account is in three credit files.
TEST_F(AssociatedConsumersTest, AJ1AndAJ2GiveTheAccountToThreeSubjects) {
  auto result = LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 0) << result->dq.ToText();
  EXPECT_EQ(result->dq.associated_written, 2);
  EXPECT_EQ(result->dq.associated_rejected, 0);
  EXPECT_NE(result->Summary().find("2 copies written"), std::string::npos) << result->Summary();
  TableCounts counts = Counts();
  EXPECT_EQ(counts["tradelines"], 3);
  EXPECT_EQ(counts["subjects"], 3);
  EXPECT_EQ(AssociatedLinks(), 2);

  const SubjectId base_subject = SubjectWithSsn(kBaseSsn);
  const SubjectId co_borrower = SubjectWithSsn(kCoBorrowerSsn);
  ASSERT_NE(base_subject, 0);
  ASSERT_NE(co_borrower, 0);
  EXPECT_NE(base_subject, co_borrower);

  std::optional<TradelineRow> base = WithEcoa('1');
  std::optional<TradelineRow> joint = WithEcoa('2');
  std::optional<TradelineRow> user = WithEcoa('3');
  ASSERT_TRUE(base && joint && user);
  EXPECT_EQ(base->tradeline.subject_id, base_subject);
  EXPECT_EQ(base->tradeline.key.account_number, kAccount);
  EXPECT_EQ(joint->tradeline.subject_id, co_borrower);
  EXPECT_NE(user->tradeline.subject_id, base_subject);
  EXPECT_NE(user->tradeline.subject_id, co_borrower);
  for (const TradelineRow* copy : {&*joint, &*user}) {
    const Tradeline& t = copy->tradeline;
    EXPECT_EQ(t.key.furnisher, kFurnisher);
    // Its own row, under the number the furnisher sent, told apart by its consumer's party.
    EXPECT_EQ(t.key.account_number, kAccount);
    EXPECT_EQ(t.key.party.size(), 16u) << t.key.party;
    EXPECT_EQ(MaskIdentifier(t.key.account_number), MaskIdentifier(kAccount));
    // The same account as the base consumer's.
    EXPECT_EQ(t.status, base->tradeline.status);
    EXPECT_EQ(t.balance.minor_units, base->tradeline.balance.minor_units);
    EXPECT_EQ(t.credit_limit.minor_units, base->tradeline.credit_limit.minor_units);
    EXPECT_EQ(t.reported_on, base->tradeline.reported_on);
    EXPECT_EQ(t.history.ToCodes(), base->tradeline.history.ToCodes());
  }
  EXPECT_TRUE(base->tradeline.key.party.empty());
  EXPECT_NE(joint->tradeline.key.party, user->tradeline.key.party);

  // A J1 lives at the base consumer's address, a J2 at its own.
  std::optional<Subject> joint_subject = SubjectOf(co_borrower);
  std::optional<Subject> user_subject = SubjectOf(user->tradeline.subject_id);
  ASSERT_TRUE(joint_subject && user_subject);
  ASSERT_FALSE(joint_subject->person.addresses.empty());
  EXPECT_EQ(joint_subject->person.addresses.front().line1, "12 ELM ST");
  ASSERT_FALSE(user_subject->person.addresses.empty());
  EXPECT_EQ(user_subject->person.addresses.front().line1, "9 OAK AVE");
  EXPECT_EQ(user_subject->person.family_name, "ROE");
  EXPECT_EQ(user_subject->person.birth_date, Date::FromYmd(1999, 9, 9).value());
}

// The base consumer reported again in a J1 (same SSN) gets no second row of the account.
TEST_F(AssociatedConsumersTest, TheBaseConsumerRepeatedInAJ1GetsNoCopy) {
  metro2::DataRecord record = AccountAsOf(2023, 12, 31);
  metro2::J1Segment again = CoBorrower();
  again.social_security_number = 123456789;  // kBaseSsn
  record.j1.push_back(again);
  auto result = LoadRecords("december.dat", {record});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.associated_written, 0);
  TableCounts counts = Counts();
  EXPECT_EQ(counts["tradelines"], 1);
  EXPECT_EQ(counts["subjects"], 1);
}

// (2) The next month updates the three rows in place and appends to each one's history.
TEST_F(AssociatedConsumersTest, TheNextMonthUpdatesEveryCopyInPlace) {
  auto december = LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)});
  ASSERT_TRUE(december.ok()) << december.error().ToString();
  std::vector<TradelineRow> before = AllTradelines();
  ASSERT_EQ(before.size(), 3u);

  auto january = LoadRecords("january.dat", {JointAccountAsOf(2024, 1, 31)});
  ASSERT_TRUE(january.ok()) << january.error().ToString();
  EXPECT_EQ(january->dq.rejected, 0) << january->dq.ToText();
  EXPECT_EQ(january->dq.associated_written, 2);
  TableCounts counts = Counts();
  EXPECT_EQ(counts["tradelines"], 3);
  EXPECT_EQ(counts["subjects"], 3);
  EXPECT_EQ(AssociatedLinks(), 2);

  std::vector<TradelineRow> after = AllTradelines();
  ASSERT_EQ(after.size(), 3u);
  const Date january_end = Date::FromYmd(2024, 1, 31).value();
  const Date january_first = Date::FromYmd(2024, 1, 1).value();
  for (size_t i = 0; i < after.size(); ++i) {
    SCOPED_TRACE(std::string(1, after[i].tradeline.ecoa_code));
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].tradeline.subject_id, before[i].tradeline.subject_id);
    EXPECT_EQ(after[i].tradeline.key, before[i].tradeline.key);
    EXPECT_EQ(after[i].tradeline.ecoa_code, before[i].tradeline.ecoa_code);
    EXPECT_EQ(after[i].tradeline.reported_on, january_end);
    ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> terms, txn.ListTradelineTerms(after[i].id));
      EXPECT_EQ(terms.size(), 2u);  // December's report and January's
      CREDO_ASSIGN_OR_RETURN(std::vector<TradelineMonth> months,
                             txn.ListTradelineMonths(after[i].id));
      EXPECT_TRUE(std::any_of(months.begin(), months.end(), [&](const TradelineMonth& month) {
        return month.month == january_first;
      }));
      return Ok();
    }).ok());
  }
}

// (3) ECOA Z on the J2 later removes that consumer's copy (audited); it is not created again.
TEST_F(AssociatedConsumersTest, EcoaZRemovesThatConsumersCopyOnly) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  std::optional<TradelineRow> user = WithEcoa('3');
  ASSERT_TRUE(user.has_value());

  metro2::DataRecord january = JointAccountAsOf(2024, 1, 31);
  january.j2.front().ecoa_code = "Z";
  auto removed = LoadRecords("january.dat", {january});
  ASSERT_TRUE(removed.ok()) << removed.error().ToString();
  EXPECT_EQ(removed->dq.rejected, 0) << removed->dq.ToText();
  EXPECT_EQ(removed->dq.associated_removed, 1);
  EXPECT_EQ(removed->dq.associated_written, 1);  // the J1's copy
  EXPECT_EQ(Counts()["tradelines"], 3);

  std::vector<TradelineRow> rows = AllTradelines();
  ASSERT_EQ(rows.size(), 3u);
  for (const TradelineRow& row : rows) {
    if (row.id == user->id) {
      EXPECT_EQ(row.tradeline.status, AccountStatus::kDeleteAccount);
      EXPECT_EQ(row.tradeline.ecoa_code, 'Z');
    } else {
      EXPECT_EQ(row.tradeline.status, AccountStatus::kCurrent);
      EXPECT_EQ(row.tradeline.reported_on, Date::FromYmd(2024, 1, 31).value());
    }
  }
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit,
                           txn.ListAuditForSubject(user->tradeline.subject_id));
    int deletes = 0;
    for (const AuditEntry& entry : audit) {
      if (entry.action != "tradeline.delete") continue;
      ++deletes;
      EXPECT_EQ(entry.entity_id, user->id);
      EXPECT_NE(entry.detail.find("ECOA Z"), std::string::npos) << entry.detail;
      EXPECT_EQ(entry.detail.find(std::string(kAccount)), std::string::npos) << entry.detail;
    }
    EXPECT_EQ(deletes, 1);
    return Ok();
  }).ok());

  // February: the J2 is still reported with Z, and a consumer never seen before too. Neither
  // gets a copy; the removed copy stays removed.
  metro2::DataRecord february = JointAccountAsOf(2024, 2, 29);
  february.j2.front().ecoa_code = "Z";
  metro2::J2Segment stranger = AuthorisedUser();
  stranger.surname = "POE";
  stranger.first_name = "EDGAR";
  stranger.date_of_birth = {1191989};
  stranger.ecoa_code = "Z";
  february.j2.push_back(stranger);
  auto again = LoadRecords("february.dat", {february});
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->dq.rejected, 0) << again->dq.ToText();
  EXPECT_EQ(again->dq.associated_removed, 0);
  EXPECT_EQ(Counts()["tradelines"], 3);
  EXPECT_EQ(AssociatedLinks(), 2);
  std::optional<TradelineRow> still = WithEcoa('Z');
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->id, user->id);
  EXPECT_EQ(still->tradeline.status, AccountStatus::kDeleteAccount);
}

// (4) DA on the base segment deletes the account in every credit file, even when the deleting
// record carries no J segment.
TEST_F(AssociatedConsumersTest, DaOnTheBaseDeletesEveryCopy) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  ASSERT_EQ(AllTradelines().size(), 3u);

  metro2::DataRecord january = AccountAsOf(2024, 1, 31);
  january.base.account_status = "DA";
  auto deleted = LoadRecords("january.dat", {january});
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
  EXPECT_EQ(deleted->dq.rejected, 0) << deleted->dq.ToText();
  EXPECT_EQ(deleted->dq.associated_removed, 2);
  EXPECT_EQ(deleted->dq.associated_written, 0);
  EXPECT_EQ(Counts()["tradelines"], 3);
  std::vector<TradelineRow> rows = AllTradelines();
  ASSERT_EQ(rows.size(), 3u);
  for (const TradelineRow& row : rows) {
    SCOPED_TRACE(std::string(1, row.tradeline.ecoa_code));
    EXPECT_EQ(row.tradeline.status, AccountStatus::kDeleteAccount);
    ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit,
                             txn.ListAuditForSubject(row.tradeline.subject_id));
      EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [&](const AuditEntry& entry) {
        return entry.action == "tradeline.delete" && entry.entity_id == row.id;
      }));
      return Ok();
    }).ok());
  }
  // Each copy keeps its consumer's ECOA code.
  EXPECT_TRUE(WithEcoa('2').has_value());
  EXPECT_TRUE(WithEcoa('3').has_value());
}

// (5) A J1 with neither SSN nor date of birth cannot be told apart from one month to the next:
// its segment is quarantined (record number, offset, field, rule), the base and the J2 load.
TEST_F(AssociatedConsumersTest, AJ1WithoutUsableIdentityIsQuarantinedAndTheBaseStays) {
  metro2::DataRecord record = JointAccountAsOf(2023, 12, 31);
  metro2::J1Segment& j1 = record.j1.front();
  j1.social_security_number = 0;
  j1.date_of_birth = {};
  const std::string bytes = FileOf({record});
  const size_t j1_at = bytes.find("J1 DOE");
  ASSERT_NE(j1_at, std::string::npos);
  auto result = Load(Write("december.dat", bytes));
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 0) << result->dq.ToText();
  EXPECT_EQ(result->dq.accepted_with_warnings, 1);
  EXPECT_EQ(result->dq.associated_rejected, 1);
  EXPECT_EQ(result->dq.associated_written, 1);  // the J2's copy
  EXPECT_EQ(result->dq.by_rule["M2-310"], 1);
  EXPECT_EQ(result->batch.records_quarantined, 0);  // no record was rejected

  TableCounts counts = Counts();
  EXPECT_EQ(counts["tradelines"], 2);
  EXPECT_EQ(counts["subjects"], 2);
  EXPECT_TRUE(WithEcoa('1').has_value());
  EXPECT_TRUE(WithEcoa('3').has_value());
  EXPECT_FALSE(WithEcoa('2').has_value());

  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<QuarantineEntry> entries,
                           txn.ListQuarantine(result->batch.id));
    EXPECT_EQ(entries.size(), 1u);
    for (const QuarantineEntry& entry : entries) {
      EXPECT_EQ(entry.rule, "M2-310");
      EXPECT_EQ(entry.field, "j1.social_security_number");
      EXPECT_EQ(entry.line, 2);  // the first data record, after the header
      EXPECT_GE(entry.byte_offset, static_cast<int64_t>(j1_at));
      EXPECT_LT(entry.byte_offset, static_cast<int64_t>(j1_at + 100));
      EXPECT_NE(entry.message.find("j1 consumer gets no copy of the account"), std::string::npos)
          << entry.message;
    }
    return Ok();
  }).ok());
}

// (6) The same file loaded again is a no-op: no row, copy or link is added.
TEST_F(AssociatedConsumersTest, LoadingTheSameFileAgainChangesNothing) {
  const std::string path = Write("december.dat", FileOf({JointAccountAsOf(2023, 12, 31)}));
  auto first = Load(path);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  TableCounts before = Counts();
  std::vector<TradelineRow> rows_before = AllTradelines();

  auto second = Load(path);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_TRUE(second->already_loaded);
  EXPECT_EQ(second->batch.id, first->batch.id);
  EXPECT_EQ(Counts(), before);
  EXPECT_EQ(AssociatedLinks(), 2);
  std::vector<TradelineRow> rows_after = AllTradelines();
  ASSERT_EQ(rows_after.size(), rows_before.size());
  for (size_t i = 0; i < rows_after.size(); ++i) {
    EXPECT_EQ(rows_after[i].id, rows_before[i].id);
    EXPECT_EQ(rows_after[i].last_batch_id, rows_before[i].last_batch_id);
  }
}

// An L1 segment changing the account number carries every copy along to the new number (their
// rows, subjects and histories stay).
TEST_F(AssociatedConsumersTest, AnL1ChangeOfAccountNumberCarriesTheCopiesAlong) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  std::vector<TradelineRow> before = AllTradelines();
  ASSERT_EQ(before.size(), 3u);

  metro2::DataRecord january = JointAccountAsOf(2024, 1, 31);
  metro2::L1Segment l1;
  l1.change_indicator = 1;  // the consumer account number changes
  l1.new_consumer_account_number = "ACCT9";
  january.l1 = l1;
  auto changed = LoadRecords("january.dat", {january});
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_EQ(changed->dq.rejected, 0) << changed->dq.ToText();
  EXPECT_EQ(changed->dq.associated_written, 2);

  EXPECT_EQ(Counts()["tradelines"], 3);
  std::vector<TradelineRow> after = AllTradelines();
  ASSERT_EQ(after.size(), 3u);
  for (size_t i = 0; i < after.size(); ++i) {
    SCOPED_TRACE(std::string(1, after[i].tradeline.ecoa_code));
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].tradeline.subject_id, before[i].tradeline.subject_id);
    EXPECT_EQ(after[i].tradeline.key.account_number, "ACCT9");
    EXPECT_EQ(after[i].tradeline.key.party, before[i].tradeline.key.party);
    EXPECT_EQ(after[i].tradeline.reported_on, Date::FromYmd(2024, 1, 31).value());
  }
}

// A co-borrower reported with an SSN one month and without it the next (name and date of birth
// only) is the same consumer: their copy is updated, no second one is made.
TEST_F(AssociatedConsumersTest, AConsumerReportedWithoutTheirSsnKeepsTheirCopy) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  std::optional<TradelineRow> joint = WithEcoa('2');
  ASSERT_TRUE(joint.has_value());

  metro2::DataRecord january = JointAccountAsOf(2024, 1, 31);
  january.j1.front().social_security_number = 0;
  auto result = LoadRecords("january.dat", {january});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 0) << result->dq.ToText();
  EXPECT_EQ(result->dq.associated_written, 2);
  EXPECT_EQ(Counts()["tradelines"], 3);
  EXPECT_EQ(Counts()["subjects"], 3);
  std::optional<TradelineRow> after = WithEcoa('2');
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->id, joint->id);
  EXPECT_EQ(after->tradeline.key, joint->tradeline.key);
  EXPECT_EQ(after->tradeline.reported_on, Date::FromYmd(2024, 1, 31).value());
}

// An authorised user known by name and date of birth, reported later with an SSN, keeps their
// copy; once their SSN is known, a consumer with the same name and birth date but another SSN is
// somebody else and gets a copy of their own.
TEST_F(AssociatedConsumersTest, AnSsnLearntLaterNamesTheCopyAndTellsAnotherPersonApart) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  std::optional<TradelineRow> user = WithEcoa('3');
  ASSERT_TRUE(user.has_value());

  metro2::DataRecord january = JointAccountAsOf(2024, 1, 31);
  january.j2.front().social_security_number = 323456789;
  auto with_ssn = LoadRecords("january.dat", {january});
  ASSERT_TRUE(with_ssn.ok()) << with_ssn.error().ToString();
  EXPECT_EQ(with_ssn->dq.rejected, 0) << with_ssn->dq.ToText();
  EXPECT_EQ(Counts()["tradelines"], 3);
  std::optional<TradelineRow> same = WithEcoa('3');
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->id, user->id);
  EXPECT_EQ(same->tradeline.reported_on, Date::FromYmd(2024, 1, 31).value());

  // February: the same name and birth date with another SSN.
  metro2::DataRecord february = JointAccountAsOf(2024, 2, 29);
  february.j2.front().social_security_number = 423456789;
  auto other = LoadRecords("february.dat", {february});
  ASSERT_TRUE(other.ok()) << other.error().ToString();
  EXPECT_EQ(other->dq.rejected, 0) << other->dq.ToText();
  EXPECT_EQ(Counts()["tradelines"], 4);
  EXPECT_EQ(AssociatedLinks(), 3);
  // The first authorised user's copy was not updated by the other person's report.
  bool first_kept = false;
  for (const TradelineRow& row : AllTradelines()) {
    if (row.id == user->id) {
      first_kept = true;
      EXPECT_EQ(row.tradeline.reported_on, Date::FromYmd(2024, 1, 31).value());
    }
  }
  EXPECT_TRUE(first_kept);
}

// A bureau whose copies were made before ingest schema 4 knows each copy by the one party it was
// created under. The migration takes that party over; the next report naming the consumer by it
// adds their other parties, so a report without the SSN after that still finds the copy.
TEST_F(AssociatedConsumersTest, CopiesMadeBeforeThePartiesTableAreFoundAndLearnTheirParties) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  std::optional<TradelineRow> joint = WithEcoa('2');
  ASSERT_TRUE(joint.has_value());
  ASSERT_TRUE(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_TRY(txn.Execute("DROP TABLE ingest_associated_parties"));
    return txn.Execute("UPDATE schema_version SET version = 3 WHERE component = 'ingest'");
  }).ok());

  auto january = LoadRecords("january.dat", {JointAccountAsOf(2024, 1, 31)});
  ASSERT_TRUE(january.ok()) << january.error().ToString();
  EXPECT_EQ(january->dq.associated_written, 2);
  EXPECT_EQ(Counts()["tradelines"], 3);

  metro2::DataRecord february = JointAccountAsOf(2024, 2, 29);
  february.j1.front().social_security_number = 0;
  auto without_ssn = LoadRecords("february.dat", {february});
  ASSERT_TRUE(without_ssn.ok()) << without_ssn.error().ToString();
  EXPECT_EQ(Counts()["tradelines"], 3);
  std::optional<TradelineRow> after = WithEcoa('2');
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->id, joint->id);
  EXPECT_EQ(after->tradeline.reported_on, Date::FromYmd(2024, 2, 29).value());
}

// ECOA Z in the base segment: the furnisher removes the account's own consumer. Their row is
// marked deleted (audited) and the associated consumers' copies go on being updated.
TEST_F(AssociatedConsumersTest, EcoaZInTheBaseRemovesTheOwnConsumerOnly) {
  ASSERT_TRUE(LoadRecords("december.dat", {JointAccountAsOf(2023, 12, 31)}).ok());
  std::optional<TradelineRow> own = WithEcoa('1');
  ASSERT_TRUE(own.has_value());

  metro2::DataRecord january = JointAccountAsOf(2024, 1, 31);
  january.base.ecoa_code = "Z";
  auto result = LoadRecords("january.dat", {january});
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->dq.rejected, 0) << result->dq.ToText();
  EXPECT_EQ(result->dq.associated_written, 2);
  EXPECT_EQ(Counts()["tradelines"], 3);
  for (const TradelineRow& row : AllTradelines()) {
    SCOPED_TRACE(std::string(1, row.tradeline.ecoa_code));
    if (row.id == own->id) {
      EXPECT_EQ(row.tradeline.status, AccountStatus::kDeleteAccount);
      EXPECT_EQ(row.tradeline.ecoa_code, 'Z');
    } else {
      EXPECT_EQ(row.tradeline.status, AccountStatus::kCurrent);
      EXPECT_EQ(row.tradeline.reported_on, Date::FromYmd(2024, 1, 31).value());
    }
  }
  ASSERT_TRUE(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit,
                           txn.ListAuditForSubject(own->tradeline.subject_id));
    EXPECT_TRUE(std::any_of(audit.begin(), audit.end(), [&](const AuditEntry& entry) {
      return entry.action == "tradeline.delete" && entry.entity_id == own->id &&
             entry.detail.find("ECOA Z in the base segment") != std::string::npos;
    }));
    return Ok();
  }).ok());

  // February: still Z in the base; nothing more is deleted, the copies still follow.
  metro2::DataRecord february = JointAccountAsOf(2024, 2, 29);
  february.base.ecoa_code = "Z";
  auto again = LoadRecords("february.dat", {february});
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->dq.associated_written, 2);
  EXPECT_EQ(Counts()["tradelines"], 3);
  std::optional<TradelineRow> joint = WithEcoa('2');
  ASSERT_TRUE(joint.has_value());
  EXPECT_EQ(joint->tradeline.reported_on, Date::FromYmd(2024, 2, 29).value());
}

// ECOA Z in the base segment of an account the bureau has never seen: the removed consumer gets
// no account of their own; their J1/J2 consumers get their copies (the account's own row is kept,
// deleted, for them to hang on). Without J1/J2 nothing is written.
TEST_F(AssociatedConsumersTest, EcoaZInTheBaseOfANewAccountGivesOnlyTheCopies) {
  metro2::DataRecord alone = AccountAsOf(2023, 12, 31);
  alone.base.ecoa_code = "Z";
  auto nothing = LoadRecords("alone.dat", {alone});
  ASSERT_TRUE(nothing.ok()) << nothing.error().ToString();
  EXPECT_EQ(nothing->dq.rejected, 0) << nothing->dq.ToText();
  EXPECT_EQ(Counts()["tradelines"], 0);
  EXPECT_EQ(Counts()["subjects"], 0);

  metro2::DataRecord joint = JointAccountAsOf(2024, 1, 31);
  joint.base.ecoa_code = "Z";
  auto copies = LoadRecords("joint.dat", {joint});
  ASSERT_TRUE(copies.ok()) << copies.error().ToString();
  EXPECT_EQ(copies->dq.associated_written, 2);
  EXPECT_EQ(Counts()["tradelines"], 3);
  std::optional<TradelineRow> own = WithEcoa('Z');
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->tradeline.status, AccountStatus::kDeleteAccount);
  std::optional<TradelineRow> co_borrower = WithEcoa('2');
  ASSERT_TRUE(co_borrower.has_value());
  EXPECT_EQ(co_borrower->tradeline.status, AccountStatus::kCurrent);
  EXPECT_EQ(co_borrower->tradeline.subject_id, SubjectWithSsn(kCoBorrowerSsn));
}

}  // namespace
}  // namespace credo::ingest
