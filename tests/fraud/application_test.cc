// Application events: normalisation and bad values, blind-index rows only, audit entry.
#include "fraud/application.h"

#include <functional>

#include <gtest/gtest.h>

#include "test_bureau.h"

namespace credo::fraud {
namespace {

using testing::kNow;
using testing::TestBureau;

TEST(FraudApplication, NormalisesContactPoints) {
  ApplicationEvent event = TestBureau::Event(7, "  Bank A ", kNow);
  event.phone = "138 1234 5678";
  event.email = "Li.Wei@Example.COM";
  event.address = "1234  Main St., Apt 5";
  event.ip = "010.001.002.003";
  event.device_id = " dev-1 ";
  event.name = "  Li   Wei ";
  auto normalised = NormalizeApplication(event, "cn");
  ASSERT_TRUE(normalised.ok()) << normalised.error().ToString();
  EXPECT_EQ(normalised->institution, "Bank A");
  EXPECT_EQ(normalised->phone, "+8613812345678");
  EXPECT_EQ(normalised->email, "li.wei@example.com");
  EXPECT_EQ(normalised->address, "1234 main st apt 5");
  EXPECT_EQ(normalised->ip, "10.1.2.3");
  EXPECT_EQ(normalised->device_id, "dev-1");
  EXPECT_EQ(normalised->name, NormalizeNameForIndex("Li Wei"));
  EXPECT_EQ(NormalizeAddressLine("1234 MAIN ST apt-5"), NormalizeAddressLine("1234 Main St. Apt 5"));
}

TEST(FraudApplication, RefusesBadValuesNamingTheField) {
  struct Case {
    std::function<void(ApplicationEvent&)> spoil;
    std::string field;
  };
  const Case cases[] = {
      {[](ApplicationEvent& e) { e.subject_id = 0; }, "application.subject_id"},
      {[](ApplicationEvent& e) { e.institution = " "; }, "application.institution"},
      {[](ApplicationEvent& e) { e.occurred_at = 0; }, "application.occurred_at"},
      {[](ApplicationEvent& e) { e.phone = "12345"; }, "application.phone"},
      {[](ApplicationEvent& e) { e.email = "not-an-email"; }, "application.email"},
      {[](ApplicationEvent& e) { e.ip = "300.1.1.1"; }, "application.ip"},
      {[](ApplicationEvent& e) { e.ip = "1.2.3"; }, "application.ip"},
      {[](ApplicationEvent& e) {
         e.identifier = Identifier{IdentifierKind::kCnResidentId, "110105199001011234"};
       },
       "application.identifier"},
  };
  for (const Case& c : cases) {
    ApplicationEvent event = TestBureau::Event(7, "bank", kNow);
    c.spoil(event);
    auto normalised = NormalizeApplication(event, "cn");
    ASSERT_FALSE(normalised.ok()) << c.field;
    EXPECT_EQ(normalised.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(normalised.error().location, c.field) << normalised.error().ToString();
  }
}

TEST(FraudApplication, BadPhoneMessageMasksTheValue) {
  ApplicationEvent event = TestBureau::Event(7, "bank", kNow);
  event.phone = "99912345";
  auto normalised = NormalizeApplication(event, "cn");
  ASSERT_FALSE(normalised.ok());
  EXPECT_EQ(normalised.error().message.find("99912345"), std::string::npos)
      << normalised.error().message;
  EXPECT_NE(normalised.error().message.find("2345"), std::string::npos);
}

TEST(FraudApplication, PointsSkipEmptyFields) {
  ApplicationEvent event = TestBureau::Event(7, "bank", kNow);
  event.phone = "+8613812345678";
  event.birth_date = Date::FromYmd(1990, 1, 2).value();
  std::vector<ApplicationPoint> points = PointsOf(event);
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].kind, PointKind::kPhone);
  EXPECT_EQ(points[1].kind, PointKind::kInstitution);
  EXPECT_EQ(points[2].kind, PointKind::kBirthDate);
  EXPECT_EQ(points[2].normalised, "1990-01-02");
}

TEST(FraudApplication, RecordsBlindIndexesNeverClearValues) {
  TestBureau bureau("application_record");
  SubjectId subject = bureau.AddPerson("李伟");
  ApplicationEvent event = TestBureau::Event(subject, "bank_a", kNow);
  event.phone = "+8613812345678";
  event.email = "li.wei@example.com";
  event.device_id = "device-42";
  int64_t id = bureau.Apply(event);
  EXPECT_GT(id, 0);
  Status status = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           tx.Query("SELECT kind, blind_index, link_index FROM fraud_points"));
    EXPECT_EQ(rows.size(), 4u);  // phone, email, device, institution
    for (const SqlRow& row : rows) {
      EXPECT_EQ(row[1].bytes.size(), 32u) << row[0].bytes;
      for (const char* clear : {"13812345678", "li.wei", "device-42", "bank_a"}) {
        EXPECT_EQ(row[1].bytes.find(clear), std::string::npos);
      }
      if (row[0].bytes == "phone") {
        EXPECT_EQ(row[2].bytes, tx.BlindIndex("phone", "+8613812345678"));
      } else if (row[0].bytes != "email") {
        EXPECT_EQ(row[2].kind, SqlValue::Kind::kNull);
      }
    }
    CREDO_ASSIGN_OR_RETURN(std::vector<AuditEntry> audit, tx.ListAuditForSubject(subject));
    bool found = false;
    for (const AuditEntry& entry : audit) found |= entry.action == "fraud.application";
    EXPECT_TRUE(found);
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().ToString();
  auto chain = bureau.store().VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact);
}

TEST(FraudApplication, RecordingForUnknownSubjectWritesNothing) {
  TestBureau bureau("application_unknown");
  ApplicationEvent event = TestBureau::Event(999, "bank_a", kNow);
  Status status = bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(int64_t id, RecordApplication(tx, event));
    (void)id;
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  Status count = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           tx.Query("SELECT COUNT(*) FROM fraud_applications"));
    EXPECT_EQ(rows[0][0].int_value, 0);
    return Ok();
  });
  ASSERT_TRUE(count.ok());
}

TEST(FraudApplication, SchemaIsIdempotentAndDetected) {
  TestBureau bureau("application_schema", /*install_schema=*/false);
  Status before = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(tx));
    EXPECT_FALSE(installed);
    return Ok();
  });
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(EnsureFraudSchema(bureau.store()).ok());
  ASSERT_TRUE(EnsureFraudSchema(bureau.store()).ok());
  Status after = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(tx));
    EXPECT_TRUE(installed);
    return Ok();
  });
  ASSERT_TRUE(after.ok());
}

}  // namespace
}  // namespace credo::fraud
