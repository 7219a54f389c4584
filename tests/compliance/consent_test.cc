#include "compliance/consent.h"

#include <gtest/gtest.h>

#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

TEST(ConsentStateOn, ValidFromGrantThroughExpiryUntilWithdrawn) {
  Consent c;
  c.granted_on = D(2024, 1, 1);
  c.expires_on = D(2024, 6, 30);
  EXPECT_EQ(ConsentStateOn(c, D(2023, 12, 31)), ConsentState::kNotYetValid);
  EXPECT_EQ(ConsentStateOn(c, D(2024, 1, 1)), ConsentState::kValid);
  EXPECT_EQ(ConsentStateOn(c, D(2024, 6, 30)), ConsentState::kValid);
  EXPECT_EQ(ConsentStateOn(c, D(2024, 7, 1)), ConsentState::kExpired);
  c.revoked_on = D(2024, 3, 10);
  EXPECT_EQ(ConsentStateOn(c, D(2024, 3, 9)), ConsentState::kValid);
  EXPECT_EQ(ConsentStateOn(c, D(2024, 3, 10)), ConsentState::kWithdrawn);
}

TEST(AddConsent, RegistersTermsBesideTheStoreRowAndAudits) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t id = bureau.AddConsentFor(subject, "Bank A", "credit_application", "REF-1", D(2024, 1, 1),
                                    D(2024, 12, 31), {"income"});
  ASSERT_GT(id, 0);
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto record, GetConsentRecord(tx, id));
    EXPECT_EQ(record.consent.institution, "Bank A");
    EXPECT_EQ(record.restricted_categories, std::vector<std::string>{"income"});
    EXPECT_EQ(record.notice_version, "notice-2024-01");
    return Ok();
  });
  auto audit = bureau.Audit();
  EXPECT_EQ(audit.back().action, "consent.terms");
}

TEST(AddConsent, RefusesAPurposeNotInTheProfileAndRecordsIt) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  auto before = bureau.Snapshot();
  ConsentGrant grant;
  grant.subject_id = subject;
  grant.institution = "Bank A";
  grant.purpose = "marketing";
  grant.reference = "REF-1";
  grant.valid_from = D(2024, 1, 1);
  auto added = AddConsent(bureau.store(), bureau.context(), grant);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(added.error().message.find("purpose.unknown"), std::string::npos);
  EXPECT_NE(added.error().message.find("第18条"), std::string::npos);
  EXPECT_EQ(bureau.Snapshot(), before);
  EXPECT_EQ(bureau.LastRefusalRule(), "purpose.unknown");
}

TEST(AddConsent, RestrictedCategoriesNeedTheWrittenArtefactAndNotice) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  ConsentGrant grant;
  grant.subject_id = subject;
  grant.institution = "Bank A";
  grant.purpose = "credit_application";
  grant.reference = "REF-1";
  grant.valid_from = D(2024, 1, 1);
  grant.restricted_categories = {"deposits"};
  auto before = bureau.Snapshot();
  auto added = AddConsent(bureau.store(), bureau.context(), grant);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "restricted.written_consent_missing");
  EXPECT_EQ(bureau.Snapshot(), before);
  grant.restricted_categories = {"religion"};  // prohibited, never a restricted category
  grant.artefact_reference = "vault://x";
  grant.notice_version = "v1";
  EXPECT_FALSE(AddConsent(bureau.store(), bureau.context(), grant).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.unknown_restricted_category");
}

TEST(AddConsent, RefusesBadDatesUnknownSubjectsAndDuplicateReferences) {
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  ConsentGrant grant;
  grant.subject_id = subject;
  grant.institution = "Bank A";
  grant.purpose = "credit_application";
  grant.reference = "REF-1";
  grant.valid_from = D(2024, 1, 1);
  grant.valid_to = D(2023, 1, 1);
  EXPECT_FALSE(AddConsent(bureau.store(), bureau.context(), grant).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.valid_to_before_valid_from");
  grant.valid_to.reset();
  grant.subject_id = 999;
  EXPECT_EQ(AddConsent(bureau.store(), bureau.context(), grant).error().code, ErrorCode::kNotFound);
  grant.subject_id = subject;
  EXPECT_TRUE(AddConsent(bureau.store(), bureau.context(), grant).ok());
  EXPECT_EQ(AddConsent(bureau.store(), bureau.context(), grant).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.duplicate_reference");
}

TEST(AddConsent, RefusesAnInstitutionIdNoApiClientCouldHave) {
  // One institution-id rule (core/institution.h) for consents and API clients: a consent names an
  // institution that can read under it.
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  ConsentGrant grant =
      Bureau::GrantFor(subject, "", "credit_application", "REF-1", D(2024, 1, 1));
  const std::vector<std::string> bad_ids = {"", " Bank A", "Bank  A", "Bank/A", std::string(65, 'b')};
  for (const std::string& bad : bad_ids) {
    grant.institution = bad;
    auto before = bureau.Snapshot();
    auto refused = AddConsent(bureau.store(), bureau.context(), grant);
    ASSERT_FALSE(refused.ok()) << "[" << bad << "]";
    EXPECT_EQ(bureau.LastRefusalRule(), bad.empty() ? "consent.incomplete" : "consent.institution_id")
        << "[" << bad << "]";
    EXPECT_EQ(bureau.Snapshot(), before);
  }
  grant.institution = "Bank A";
  EXPECT_TRUE(AddConsent(bureau.store(), bureau.context(), grant).ok());
}

TEST(WithdrawConsent, TakesEffectTodayAndOnlyOnce) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t id = bureau.AddConsentFor(subject, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ASSERT_TRUE(WithdrawConsent(bureau.store(), bureau.context(), id).ok());
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto record, GetConsentRecord(tx, id));
    EXPECT_EQ(record.consent.revoked_on, D(2024, 3, 10));
    EXPECT_GT(record.withdrawn_at, 0);
    EXPECT_EQ(ConsentStateOn(record.consent, D(2024, 3, 9)), ConsentState::kValid);
    EXPECT_EQ(ConsentStateOn(record.consent, D(2024, 3, 10)), ConsentState::kWithdrawn);
    return Ok();
  });
  auto again = WithdrawConsent(bureau.store(), bureau.context(), id);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.already_withdrawn");
  auto before = bureau.Snapshot();
  EXPECT_EQ(WithdrawConsent(bureau.store(), bureau.context(), 4242).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.unknown");
  EXPECT_EQ(bureau.Snapshot(), before);
}

TEST(AddConsent, RefusesAConsentWithoutItsReferenceOrForDataTheProfileDoesNotHave) {
  // 条例 Art. 18: the consent is evidence; without the signed form's reference it proves nothing.
  Bureau bureau("cn", D(2024, 1, 10));
  SubjectId subject = bureau.AddPerson(1);
  ConsentGrant grant = Bureau::GrantFor(subject, "Bank A", "credit_application", "", D(2024, 1, 1));
  auto before = bureau.Snapshot();
  ASSERT_FALSE(AddConsent(bureau.store(), bureau.context(), grant).ok());
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.incomplete");
  EXPECT_EQ(bureau.Snapshot(), before);
  // 条例 Art. 20: a consent's scope names data the bureau holds, not a category of its own.
  grant.reference = "REF-1";
  grant.scope = {"report", "horoscope"};
  auto refused = AddConsent(bureau.store(), bureau.context(), grant);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bureau.LastRefusalRule(), "consent.unknown_category");
  EXPECT_NE(refused.error().message.find("horoscope"), std::string::npos);
  EXPECT_EQ(bureau.Snapshot(), before);
  grant.scope = {"report"};
  EXPECT_TRUE(AddConsent(bureau.store(), bureau.context(), grant).ok());
}

}  // namespace
}  // namespace credo::compliance
