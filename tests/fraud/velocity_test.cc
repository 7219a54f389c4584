// Velocity: distinct applicants per contact point, per-subject and per-identifier counters and
// multi-lender borrowing, per window, with the event at hand counted once.
#include "fraud/velocity.h"

#include <gtest/gtest.h>

#include "test_bureau.h"

namespace credo::fraud {
namespace {

using testing::kNow;
using testing::TestBureau;
using W = VelocityWindow;

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;

Result<VelocityCounts> Measure(TestBureau& bureau, SubjectId subject, const ApplicationEvent* event,
                               int64_t now = kNow) {
  std::optional<ApplicationEvent> normalised;
  if (event != nullptr) {
    auto n = NormalizeApplication(*event);
    if (!n.ok()) return n.error();
    normalised = *n;
  }
  VelocityCounts counts;
  Status status = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(counts, MeasureVelocity(tx, subject, normalised ? &*normalised : nullptr, now));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return counts;
}

TEST(FraudVelocity, DistinctApplicantsPerPhoneByWindow) {
  TestBureau bureau("velocity_phone");
  const std::string phone = "+8613812345678";
  const int64_t ages[] = {30 * 60, 2 * kHour, 3 * kDay, 20 * kDay, 40 * kDay};
  std::vector<SubjectId> subjects;
  for (int64_t age : ages) {
    SubjectId subject = bureau.AddPerson("申请人" + std::to_string(age));
    subjects.push_back(subject);
    ApplicationEvent event = TestBureau::Event(subject, "bank_a", kNow - age);
    event.phone = phone;
    bureau.Apply(event);
  }
  // The first subject applies twice: still one applicant.
  ApplicationEvent again = TestBureau::Event(subjects[0], "bank_b", kNow - 10 * 60);
  again.phone = phone;
  bureau.Apply(again);

  SubjectId newcomer = bureau.AddPerson("新人");
  ApplicationEvent event = TestBureau::Event(newcomer, "bank_c", kNow);
  event.phone = phone;
  auto counts = Measure(bureau, newcomer, &event);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->applicants_per_phone.at(W::kHour), 2);
  EXPECT_EQ(counts->applicants_per_phone.at(W::kDay), 3);
  EXPECT_EQ(counts->applicants_per_phone.at(W::kWeek), 4);
  EXPECT_EQ(counts->applicants_per_phone.at(W::kMonth), 5);  // the 40-day one is out
  EXPECT_EQ(counts->applicants_per_email.at(W::kMonth), 0);

  // Measured for an existing applicant without an event: no contact-point counters.
  auto subject_only = Measure(bureau, subjects[0], nullptr);
  ASSERT_TRUE(subject_only.ok());
  EXPECT_EQ(subject_only->applicants_per_phone.at(W::kMonth), 0);
  EXPECT_EQ(subject_only->applications_per_subject.at(W::kHour), 2);
  EXPECT_EQ(subject_only->phones_per_subject.at(W::kMonth), 1);
}

TEST(FraudVelocity, MultiLenderBorrowingCountsDistinctInstitutions) {
  TestBureau bureau("velocity_multi_lender");
  SubjectId subject = bureau.AddPerson("王芳");
  bureau.Apply(TestBureau::Event(subject, "bank_a", kNow - 2 * kHour));
  bureau.Apply(TestBureau::Event(subject, "bank_b", kNow - 5 * kHour));
  bureau.Apply(TestBureau::Event(subject, "Bank_A ", kNow - 6 * kHour));  // distinct spelling
  bureau.Apply(TestBureau::Event(subject, "bank_a", kNow - 8 * kHour));
  bureau.Apply(TestBureau::Event(subject, "lender_c", kNow - 5 * kDay));
  bureau.Apply(TestBureau::Event(subject, "lender_d", kNow - 25 * kDay));
  ApplicationEvent event = TestBureau::Event(subject, "lender_e", kNow);
  auto counts = Measure(bureau, subject, &event);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->institutions_per_subject.at(W::kHour), 1);  // the event
  EXPECT_EQ(counts->institutions_per_subject.at(W::kDay), 4);   // a, b, Bank_A, e
  EXPECT_EQ(counts->institutions_per_subject.at(W::kWeek), 5);
  EXPECT_EQ(counts->institutions_per_subject.at(W::kMonth), 6);
  EXPECT_EQ(counts->applications_per_subject.at(W::kMonth), 7);
}

TEST(FraudVelocity, TheBureausHardInquiriesCountAsLenders) {
  // Three lenders pulled the file this week (one of them also posted a fraud check), one 40
  // days ago; a soft inquiry does not count. 多头借贷 sees four lenders in 30 days.
  TestBureau bureau("velocity_inquiries");
  SubjectId subject = bureau.AddPerson("李雷");
  const Date today = Date::FromDays(static_cast<int32_t>(kNow / kDay));
  bureau.AddInquiry(subject, today.AddDays(-1), "bank_a");
  bureau.AddInquiry(subject, today.AddDays(-3), "bank_b");
  bureau.AddInquiry(subject, today.AddDays(-5), "lender_c");
  bureau.AddInquiry(subject, today.AddDays(-40), "lender_old");
  bureau.AddInquiry(subject, today.AddDays(-2), "bank_z", InquiryKind::kSoft);
  bureau.Apply(TestBureau::Event(subject, "bank_a", kNow - 2 * kHour));
  ApplicationEvent event = TestBureau::Event(subject, "lender_e", kNow);
  auto counts = Measure(bureau, subject, &event);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->institutions_per_subject.at(W::kWeek), 4);   // a, b, c, e
  EXPECT_EQ(counts->institutions_per_subject.at(W::kMonth), 4);  // the 40-day one is out
  EXPECT_EQ(counts->applications_per_subject.at(W::kMonth), 2);  // inquiries are not applications
}

TEST(FraudVelocity, RecordedEventIsNotCountedTwiceAndFutureIsIgnored) {
  TestBureau bureau("velocity_recorded");
  SubjectId subject = bureau.AddPerson("赵敏");
  bureau.Apply(TestBureau::Event(subject, "bank_a", kNow + kHour));  // after `now`
  ApplicationEvent event = TestBureau::Event(subject, "bank_b", kNow);
  event.device_id = "dev-1";
  auto normalised = NormalizeApplication(event).value();
  Status status = bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(normalised.id, RecordApplication(tx, normalised));
    CREDO_ASSIGN_OR_RETURN(VelocityCounts counts, MeasureVelocity(tx, subject, &normalised, kNow));
    EXPECT_EQ(counts.applications_per_subject.at(W::kMonth), 1);
    EXPECT_EQ(counts.applicants_per_device.at(W::kHour), 1);
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
}

TEST(FraudVelocity, PhonesAndAddressesPerSubjectAndPerClaimedIdentifier) {
  TestBureau bureau("velocity_identifier");
  const Identifier claimed{IdentifierKind::kCnResidentId, testing::CnId("11010519900101123")};
  SubjectId first = bureau.AddPerson("甲");
  SubjectId second = bureau.AddPerson("乙");
  const char* phones[] = {"+8613800000001", "+8613800000002", "+8613800000003"};
  for (int i = 0; i < 3; ++i) {
    ApplicationEvent event = TestBureau::Event(i < 2 ? first : second, "bank", kNow - (i + 1) * kDay);
    event.phone = phones[i];
    event.address = "地址" + std::to_string(i);
    event.identifier = claimed;
    bureau.Apply(event);
  }
  ApplicationEvent event = TestBureau::Event(first, "bank", kNow);
  event.phone = phones[0];
  event.identifier = claimed;
  auto counts = Measure(bureau, first, &event);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->phones_per_subject.at(W::kMonth), 2);
  EXPECT_EQ(counts->addresses_per_subject.at(W::kMonth), 2);
  EXPECT_EQ(counts->phones_per_identifier.at(W::kMonth), 3);
  EXPECT_EQ(counts->addresses_per_identifier.at(W::kMonth), 3);
  EXPECT_EQ(counts->phones_per_identifier.at(W::kDay), 1);  // the event's own phone only
}

TEST(FraudVelocity, WithoutFraudTablesOnlyTheEventCounts) {
  TestBureau bureau("velocity_no_schema", /*install_schema=*/false);
  SubjectId subject = bureau.AddPerson("钱七");
  ApplicationEvent event = TestBureau::Event(subject, "bank", kNow);
  event.phone = "+8613812345678";
  auto counts = Measure(bureau, subject, &event);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->applicants_per_phone.at(W::kMonth), 1);
  EXPECT_EQ(counts->institutions_per_subject.at(W::kHour), 1);
}

TEST(FraudVelocity, UnknownSubjectIsNotFound) {
  TestBureau bureau("velocity_unknown");
  auto counts = Measure(bureau, 4242, nullptr);
  ASSERT_FALSE(counts.ok());
  EXPECT_EQ(counts.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::fraud

namespace credo::fraud {
namespace {

void Merge(testing::TestBureau& bureau, SubjectId from, SubjectId into) {
  ASSERT_TRUE(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    return tx.MergeSubjects(from, into);
  }).ok());
}

TEST(FraudVelocity, ApplicationsUnderAMergedSubjectCountForTheSurvivor) {
  testing::TestBureau bureau("velocity_merge");
  const int64_t hour = 3600;
  SubjectId survivor = bureau.AddPerson("王芳");
  SubjectId duplicate = bureau.AddPerson("王 芳");
  SubjectId older_duplicate = bureau.AddPerson("Wang Fang");
  const std::string phone = "+8613812345678";
  ApplicationEvent first = testing::TestBureau::Event(survivor, "bank_a", testing::kNow - hour);
  first.phone = phone;
  bureau.Apply(first);
  ApplicationEvent second =
      testing::TestBureau::Event(duplicate, "bank_b", testing::kNow - 2 * hour);
  second.phone = phone;
  bureau.Apply(second);
  bureau.Apply(testing::TestBureau::Event(older_duplicate, "lender_c", testing::kNow - 3 * hour));

  auto before = Measure(bureau, survivor, nullptr);
  ASSERT_TRUE(before.ok()) << before.error().ToString();
  EXPECT_EQ(before->applications_per_subject.at(VelocityWindow::kDay), 1);
  EXPECT_EQ(before->institutions_per_subject.at(VelocityWindow::kDay), 1);

  // A chain of merges: the oldest duplicate into the other, that one into the survivor.
  Merge(bureau, older_duplicate, duplicate);
  Merge(bureau, duplicate, survivor);
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto merged, tx.ListMergedSubjectIds(survivor));
    EXPECT_EQ(merged, (std::vector<SubjectId>{duplicate, older_duplicate}));
    CREDO_ASSIGN_OR_RETURN(auto none, tx.ListMergedSubjectIds(older_duplicate));
    EXPECT_TRUE(none.empty());
    return Ok();
  }).ok());

  auto after = Measure(bureau, survivor, nullptr);
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  EXPECT_EQ(after->applications_per_subject.at(VelocityWindow::kDay), 3);
  EXPECT_EQ(after->institutions_per_subject.at(VelocityWindow::kDay), 3);
  EXPECT_EQ(after->phones_per_subject.at(VelocityWindow::kDay), 1);
  // Measured through a merged id, the same counters (the survivor's).
  auto through_old_id = Measure(bureau, older_duplicate, nullptr);
  ASSERT_TRUE(through_old_id.ok());
  EXPECT_EQ(through_old_id->applications_per_subject.at(VelocityWindow::kDay), 3);

  // The phone was used by two records of one person: one applicant now, plus a newcomer.
  SubjectId newcomer = bureau.AddPerson("李强");
  ApplicationEvent event = testing::TestBureau::Event(newcomer, "bank_c", testing::kNow);
  event.phone = phone;
  auto counts = Measure(bureau, newcomer, &event);
  ASSERT_TRUE(counts.ok()) << counts.error().ToString();
  EXPECT_EQ(counts->applicants_per_phone.at(VelocityWindow::kDay), 2);
}

}  // namespace
}  // namespace credo::fraud
