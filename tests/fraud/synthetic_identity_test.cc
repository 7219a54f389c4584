// Synthetic-identity indicators: names / birth dates / subjects per identifier, CN ID birth date
// and region against the record, authorised-user-only thin files.
#include "fraud/synthetic_identity.h"

#include <gtest/gtest.h>

#include "test_bureau.h"

namespace credo::fraud {
namespace {

using testing::CnId;
using testing::kNow;
using testing::TestBureau;

Result<SyntheticIdentitySignals> Measure(TestBureau& bureau, SubjectId subject,
                                         const ApplicationEvent* event = nullptr) {
  SyntheticIdentitySignals signals;
  Status status = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(signals, MeasureSyntheticIdentity(tx, subject, event));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return signals;
}

Date Ymd(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

TEST(FraudSyntheticIdentity, OneIdentifierWithSeveralNamesAndBirthDates) {
  TestBureau bureau("synthetic_names");
  const std::string id = CnId("11010519900101123");
  SubjectId first = bureau.AddPerson("张伟", id, Ymd(1990, 1, 1));
  SubjectId second = bureau.AddPerson("张卫", id, Ymd(1990, 1, 2));
  auto signals = Measure(bureau, first);
  ASSERT_TRUE(signals.ok()) << signals.error().ToString();
  EXPECT_EQ(signals->names_per_identifier, 2);
  EXPECT_EQ(signals->birth_dates_per_identifier, 2);
  EXPECT_EQ(signals->subjects_per_identifier, 2);

  // An application that claims the same number with a third name, recorded by another subject.
  SubjectId third = bureau.AddPerson("某人");
  ApplicationEvent claim = TestBureau::Event(third, "bank", kNow);
  claim.identifier = Identifier{IdentifierKind::kCnResidentId, id};
  claim.name = "王五";
  bureau.Apply(claim);
  signals = Measure(bureau, second);
  ASSERT_TRUE(signals.ok());
  EXPECT_EQ(signals->names_per_identifier, 3);
  EXPECT_EQ(signals->subjects_per_identifier, 3);
}

TEST(FraudSyntheticIdentity, ConsistentIdentityHasOneNameAndNoMismatch) {
  TestBureau bureau("synthetic_clean");
  SubjectId subject = bureau.AddPerson("李娜", CnId("11010519900101123"), Ymd(1990, 1, 1), {},
                                       "北京市");
  ApplicationEvent event = TestBureau::Event(subject, "bank", kNow);
  event.name = "李娜";
  event.birth_date = Ymd(1990, 1, 1);
  auto normalised = NormalizeApplication(event).value();
  auto signals = Measure(bureau, subject, &normalised);
  ASSERT_TRUE(signals.ok()) << signals.error().ToString();
  EXPECT_EQ(signals->names_per_identifier, 1);
  EXPECT_EQ(signals->birth_dates_per_identifier, 1);
  EXPECT_FALSE(signals->id_birth_date_mismatch);
  EXPECT_FALSE(signals->id_region_mismatch);
}

TEST(FraudSyntheticIdentity, IdBirthDateDisagreesWithRecordOrApplication) {
  TestBureau bureau("synthetic_birth");
  const std::string id = CnId("11010519900101123");
  SubjectId subject = bureau.AddPerson("周杰", id, Ymd(1991, 1, 1));
  auto signals = Measure(bureau, subject);
  ASSERT_TRUE(signals.ok());
  EXPECT_TRUE(signals->id_birth_date_mismatch);
  EXPECT_NE(signals->id_birth_date_evidence.find("1990-01-01"), std::string::npos);
  EXPECT_NE(signals->id_birth_date_evidence.find("1991-01-01"), std::string::npos);
  EXPECT_EQ(signals->id_birth_date_evidence.find(id), std::string::npos) << "ID must be masked";

  SubjectId honest = bureau.AddPerson("周杰伦", CnId("11010519850505123"), std::nullopt);
  ApplicationEvent event = TestBureau::Event(honest, "bank", kNow);
  event.birth_date = Ymd(1985, 5, 6);
  auto normalised = NormalizeApplication(event).value();
  signals = Measure(bureau, honest, &normalised);
  ASSERT_TRUE(signals.ok());
  EXPECT_TRUE(signals->id_birth_date_mismatch);
  EXPECT_NE(signals->id_birth_date_evidence.find("application"), std::string::npos);
}

TEST(FraudSyntheticIdentity, IdRegionAgainstAddressProvince) {
  TestBureau bureau("synthetic_region");
  const std::string beijing_id = CnId("11010519900101123");
  SubjectId far = bureau.AddPerson("甲", beijing_id, Ymd(1990, 1, 1), {}, "四川省");
  auto signals = Measure(bureau, far);
  ASSERT_TRUE(signals.ok());
  EXPECT_TRUE(signals->id_region_mismatch);
  EXPECT_NE(signals->id_region_evidence.find("北京市"), std::string::npos)
      << signals->id_region_evidence;

  for (const char* region : {"北京市", "北京", "Beijing"}) {
    SubjectId near = bureau.AddPerson(std::string("乙") + region,
                                      CnId(std::string("1101051990010") + "2" + "123"),
                                      Ymd(1990, 1, 2), {}, region);
    signals = Measure(bureau, near);
    ASSERT_TRUE(signals.ok());
    EXPECT_FALSE(signals->id_region_mismatch) << region << ": " << signals->id_region_evidence;
  }
  // No address: nothing to compare.
  SubjectId unknown = bureau.AddPerson("丙", CnId("11010519900103123"), Ymd(1990, 1, 3));
  signals = Measure(bureau, unknown);
  ASSERT_TRUE(signals.ok());
  EXPECT_FALSE(signals->id_region_mismatch);
}

TEST(FraudSyntheticIdentity, CountsAuthorisedUserTradelines) {
  TestBureau bureau("synthetic_piggyback");
  SubjectId piggyback = bureau.AddPerson("新户");
  bureau.AddTradeline(piggyback, "A1", '3');
  bureau.AddTradeline(piggyback, "A2", '3');
  auto signals = Measure(bureau, piggyback);
  ASSERT_TRUE(signals.ok());
  EXPECT_EQ(signals->tradelines, 2);
  EXPECT_EQ(signals->authorised_user_tradelines, 2);

  SubjectId owner = bureau.AddPerson("老户");
  bureau.AddTradeline(owner, "B1", '1');
  bureau.AddTradeline(owner, "B2", '3');
  signals = Measure(bureau, owner);
  ASSERT_TRUE(signals.ok());
  EXPECT_EQ(signals->tradelines, 2);
  EXPECT_EQ(signals->authorised_user_tradelines, 1);
}

TEST(FraudSyntheticIdentity, UnknownSubjectIsNotFound) {
  TestBureau bureau("synthetic_unknown");
  auto signals = Measure(bureau, 777);
  ASSERT_FALSE(signals.ok());
  EXPECT_EQ(signals.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::fraud
