// The incremental attacher on SQLite and PostgreSQL: strong identifiers first (unchanged), then
// blocking through the key indexes, the thresholds, the hard constraint, determinism, companies
// matched without their code, and the factory ingestion uses.
#include "resolve/incremental/attacher.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "core/check_characters.h"
#include "incremental_test_support.h"
#include "resolve/incremental/review_queue.h"

namespace credo::resolve {
namespace {

using testing::Alice;
using testing::CnResidentId;
using testing::IsOk;
using testing::MakePerson;
using testing::PersonSpec;

class AttacherTest : public testing::ResolveBureauTest {
 protected:
  void SetUp() override {
    testing::ResolveBureauTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    IncrementalSettings settings;
    settings.enabled = true;
    auto attacher = IncrementalAttacher::Make(settings, &clock_);
    ASSERT_TRUE(attacher.ok()) << attacher.error().ToString();
    attacher_ = std::move(attacher).value();
  }

  ingest::Attachment Attach(const Subject& subject, const ingest::RecordOrigin& origin = {}) {
    ingest::Attachment attachment;
    EXPECT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(attachment, attacher_->Attach(txn, subject, origin));
      return Ok();
    })));
    return attachment;
  }

  std::vector<ReviewItem> OpenItems() {
    std::vector<ReviewItem> items;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(items, ListReviewItems(txn, ReviewFilter{ReviewStatus::kOpen}));
      return Ok();
    })));
    return items;
  }

  FixedClock clock_{Date::FromYmd(2026, 6, 1).value(), 1780000000};
  std::unique_ptr<IncrementalAttacher> attacher_;
};

TEST_P(AttacherTest, AStrongIdentifierLinksAsBefore) {
  PersonSpec spec = Alice();
  spec.resident_id = CnResidentId("11010519840307123");
  ingest::Attachment first = Attach(MakePerson(spec));
  EXPECT_TRUE(first.created);
  PersonSpec renamed = {"zhang", "wei", "", "", "", "", "", "", "", spec.resident_id};
  ingest::Attachment second = Attach(MakePerson(renamed));
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.subject_id, first.subject_id);
  EXPECT_EQ(attacher_->counts().strong_identifier_links, 1);
}

TEST_P(AttacherTest, ARecordWithoutIdentifierJoinsTheSubjectItMatches) {
  ingest::Attachment first = Attach(MakePerson(Alice()));
  PersonSpec typo = Alice();
  typo.given = "alcie";
  typo.email = "alice@work.example.cn";  // a new e-mail: added to the subject
  ingest::Attachment second = Attach(MakePerson(typo));
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.subject_id, first.subject_id);
  EXPECT_EQ(attacher_->counts().probabilistic_links, 1);
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject subject, txn.GetSubject(first.subject_id));
    EXPECT_EQ(subject.person.emails.size(), 2u);
    // The new e-mail is indexed: a later record carrying only it is found.
    CREDO_ASSIGN_OR_RETURN(auto found, txn.FindSubjectsByIdentifier(
                                           Identifier{IdentifierKind::kEmail, typo.email}));
    EXPECT_EQ(found, std::vector<SubjectId>{first.subject_id});
    return Ok();
  })));
  EXPECT_TRUE(OpenItems().empty());
}

TEST_P(AttacherTest, AProbabilisticLinkIsAuditedAndAStrongIdentifierLinkIsNot) {
  auto links = [&]() {
    std::vector<AuditEntry> found;
    EXPECT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto audit, txn.ListAudit(0, 100000));
      for (AuditEntry& entry : audit) {
        if (entry.action == "resolve.link") found.push_back(std::move(entry));
      }
      return Ok();
    })));
    return found;
  };
  // A strong identifier links without a score: no resolve.link entry.
  PersonSpec known = {"zhao", "lei", "1979-09-09", "", "", "", "", "", "",
                      CnResidentId("11010519790909123")};
  ingest::Attachment deterministic = Attach(MakePerson(known));
  ingest::Attachment again = Attach(MakePerson(known));
  EXPECT_EQ(again.subject_id, deterministic.subject_id);
  EXPECT_EQ(attacher_->counts().strong_identifier_links, 1);
  EXPECT_TRUE(links().empty());

  // A record without identifier joining by its score: one entry naming the subject and the
  // probability the attacher computed, without any of the record's values.
  ingest::Attachment first = Attach(MakePerson(Alice()));
  PersonSpec typo = Alice();
  typo.given = "alcie";
  typo.email = "alice@work.example.cn";
  Subject incoming = MakePerson(typo);
  double probability = 0;
  ASSERT_TRUE(IsOk(store_->WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject stored, txn.GetSubject(first.subject_id));
    auto scored = attacher_->comparer().Compare(incoming, {stored});
    EXPECT_EQ(scored.size(), 1u);
    if (!scored.empty()) probability = scored[0].probability;
    return Ok();
  })));
  ingest::Attachment second = Attach(incoming, ingest::RecordOrigin{7, 42});
  ASSERT_FALSE(second.created);
  ASSERT_EQ(second.subject_id, first.subject_id);
  EXPECT_EQ(attacher_->counts().probabilistic_links, 1);
  std::vector<AuditEntry> entries = links();
  ASSERT_EQ(entries.size(), 1u);
  const AuditEntry& link = entries[0];
  EXPECT_EQ(link.entity, "subjects");
  EXPECT_EQ(link.entity_id, first.subject_id);
  EXPECT_EQ(link.subject_id, first.subject_id);
  char expected[64];
  std::snprintf(expected, sizeof expected, "match probability %.4f", probability);
  EXPECT_NE(link.detail.find(expected), std::string::npos) << link.detail;
  EXPECT_NE(link.detail.find("to subject " + std::to_string(first.subject_id)), std::string::npos)
      << link.detail;
  EXPECT_NE(link.detail.find("weight "), std::string::npos) << link.detail;
  // The record's batch and line: the link is traced to what the furnisher sent.
  EXPECT_NE(link.detail.find("record: batch 7, line 42"), std::string::npos) << link.detail;
  for (const std::string& value : {typo.given, typo.family, typo.email, typo.phone, typo.birth,
                                   typo.postcode, std::string("1984")}) {
    EXPECT_EQ(link.detail.find(value), std::string::npos) << value << " in " << link.detail;
  }
}

TEST_P(AttacherTest, TheGreyZoneMakesANewSubjectAndAReviewItem) {
  ingest::Attachment first = Attach(MakePerson(Alice()));
  PersonSpec namesake = {"alice", "wong", "1991-12-30", "", "", "", "", "", "", ""};
  ingest::Attachment second = Attach(MakePerson(namesake), ingest::RecordOrigin{3, 9});
  EXPECT_TRUE(second.created);
  EXPECT_NE(second.subject_id, first.subject_id);
  auto items = OpenItems();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].left_subject_id, first.subject_id);
  EXPECT_EQ(items[0].right_subject_id, second.subject_id);
  EXPECT_GE(items[0].probability, 0.5);
  EXPECT_LT(items[0].probability, 0.99);
  EXPECT_EQ(items[0].created_at, 1780000000);
  EXPECT_NE(items[0].reason.find("record: batch 3, line 9"), std::string::npos) << items[0].reason;
  EXPECT_NE(items[0].reason.find("between the thresholds"), std::string::npos);
  EXPECT_EQ(attacher_->counts().review_items, 1);
}

TEST_P(AttacherTest, ADifferentPersonIsANewSubjectWithoutReview) {
  Attach(MakePerson(Alice()));
  PersonSpec other = {"bob", "lee", "1990-11-02", "+8613900001111", "", "3 hill st", "beijing",
                      "100000", "bj", ""};
  ingest::Attachment second = Attach(MakePerson(other));
  EXPECT_TRUE(second.created);
  EXPECT_TRUE(OpenItems().empty());
}

TEST_P(AttacherTest, TwoDifferentValidStrongIdentifiersNeverJoin) {
  PersonSpec stored = Alice();
  stored.resident_id = CnResidentId("11010519840307123");
  ingest::Attachment first = Attach(MakePerson(stored));
  PersonSpec twin = Alice();  // everything equal but the identity number
  twin.resident_id = CnResidentId("11010519840307456");
  ingest::Attachment second = Attach(MakePerson(twin));
  EXPECT_TRUE(second.created);
  EXPECT_NE(second.subject_id, first.subject_id);
  EXPECT_EQ(attacher_->counts().constraint_refusals, 1);
  EXPECT_TRUE(OpenItems().empty());
  // Without an identifier the same identity still joins the first.
  ingest::Attachment third = Attach(MakePerson(Alice()));
  EXPECT_FALSE(third.created);
  EXPECT_EQ(third.subject_id, first.subject_id);
}

TEST_P(AttacherTest, TiesGoToTheOldestSubjectAndResultsRepeat) {
  // Two identical stored subjects (loaded before resolution was on).
  SubjectId a = 0, b = 0;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(a, txn.InsertSubject(MakePerson(Alice())));
    CREDO_ASSIGN_OR_RETURN(b, txn.InsertSubject(MakePerson(Alice())));
    for (SubjectId id : {a, b}) {
      CREDO_ASSIGN_OR_RETURN(Subject subject, txn.GetSubject(id));
      CREDO_TRY(IndexSubjectKeys(txn, attacher_->comparer(), subject));
    }
    return Ok();
  })));
  EXPECT_EQ(Attach(MakePerson(Alice())).subject_id, std::min(a, b));
  EXPECT_EQ(Attach(MakePerson(Alice())).subject_id, std::min(a, b));
}

TEST_P(AttacherTest, RecordsOfOneBatchFindEachOther) {
  PersonSpec newcomer = {"li", "na", "1975-05-05", "+8613611112222", "", "", "", "", "", ""};
  ingest::Attachment attachment_one, attachment_two;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(attachment_one, attacher_->Attach(txn, MakePerson(newcomer)));
    CREDO_ASSIGN_OR_RETURN(attachment_two, attacher_->Attach(txn, MakePerson(newcomer)));
    return Ok();
  })));
  EXPECT_TRUE(attachment_one.created);
  EXPECT_FALSE(attachment_two.created);
  EXPECT_EQ(attachment_one.subject_id, attachment_two.subject_id);
}

Subject Company(std::string name, std::string representative, std::string line1,
                std::string postcode, std::string code = "") {
  Subject company;
  company.kind = SubjectKind::kOrganization;
  company.organization.name = std::move(name);
  company.organization.legal_representative = std::move(representative);
  if (!line1.empty()) {
    Address address;
    address.line1 = std::move(line1);
    address.city = "shenzhen";
    address.postcode = std::move(postcode);
    company.organization.addresses.push_back(address);
  }
  if (!code.empty()) {
    company.organization.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, code});
  }
  return company;
}

// A valid unified social credit code from its first 16 characters: the organisation code's
// GB 11714 check character, then the code's GB 32100 one.
std::string Uscc(const std::string& first16) {
  std::string first17 = first16 + Gb11714CheckCharacter(std::string_view(first16).substr(8, 8));
  return first17 + Gb32100CheckCharacter(first17);
}

TEST_P(AttacherTest, ACompanyRecordWithoutItsCodeJoinsTheRegisteredCompany) {
  // The registry's record, then a court record naming the company in another legal form and
  // width, without its code, with the same legal representative and registered address.
  Subject registered = Company("深圳市前海星河贸易有限公司", "李明", "南山区科技园路 8 号", "518057",
                               Uscc("91440300MA5FXXXX"));
  ingest::Attachment first = Attach(registered);
  ASSERT_TRUE(first.created);
  Subject court = Company("深圳市前海星河贸易股份有限公司", "李明", "南山区科技园路 8 号", "518057");
  ingest::Attachment second = Attach(court);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.subject_id, first.subject_id);
  EXPECT_EQ(attacher_->counts().probabilistic_links, 1);
  // And the other way round: an unregistered name first, the registration later.
  ingest::Attachment lender = Attach(Company("Acme Trading Co., Ltd.", "John Smith",
                                             "1 Harbour Road", "200120"));
  ingest::Attachment registry = Attach(Company("ACME TRADING LIMITED", "john smith",
                                               "1 Harbour Road", "200120",
                                               Uscc("91310000MA1KXXXX")));
  EXPECT_FALSE(registry.created);
  EXPECT_EQ(registry.subject_id, lender.subject_id);
}

TEST_P(AttacherTest, ACompanyNamedAloneIsAReviewItemNotAJoin) {
  ingest::Attachment first = Attach(Company("Acme Trading Co., Ltd.", "", "", ""));
  ingest::Attachment second = Attach(Company("Acme Trading Co., Ltd.", "", "", ""));
  EXPECT_TRUE(first.created);
  EXPECT_TRUE(second.created);
  std::vector<ReviewItem> items = OpenItems();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].left_subject_id, first.subject_id);
  EXPECT_EQ(items[0].right_subject_id, second.subject_id);
}

TEST_P(AttacherTest, CompaniesWithDifferentValidCodesNeverJoin) {
  ingest::Attachment first = Attach(Company("星河贸易有限公司", "李明", "科技园路 8 号", "518057",
                                            Uscc("91440300MA5FXXXX")));
  ingest::Attachment second = Attach(Company("星河贸易有限公司", "李明", "科技园路 8 号", "518057",
                                             Uscc("91440300MA5FYYYY")));
  EXPECT_TRUE(first.created);
  EXPECT_TRUE(second.created);
  EXPECT_NE(first.subject_id, second.subject_id);
  EXPECT_EQ(attacher_->counts().constraint_refusals, 1);
}

TEST_P(AttacherTest, APersonIsNeverACandidateForACompany) {
  // Same name, address and phone: a sole trader and their company stay two subjects.
  PersonSpec spec = Alice();
  ingest::Attachment person = Attach(MakePerson(spec));
  Subject company = Company("alice wong", "alice wong", spec.line1, spec.postcode);
  company.organization.phones.push_back(spec.phone);
  ingest::Attachment organization = Attach(company);
  EXPECT_TRUE(person.created);
  EXPECT_TRUE(organization.created);
  EXPECT_EQ(attacher_->counts().compared_pairs, 0);
}

TEST_P(AttacherTest, TheFactoryFollowsTheBureauSettings) {
  InstallIncrementalAttacher();
  auto strong = ingest::MakeDefaultAttacher(*store_);
  ASSERT_TRUE(strong.ok());
  EXPECT_EQ(dynamic_cast<IncrementalAttacher*>(strong->get()), nullptr);  // off by default
  IncrementalSettings settings;
  settings.enabled = true;
  settings.upper_probability = 0.95;
  ASSERT_TRUE(IsOk(store_->WithTransaction([&](Transaction& txn) -> Status {
    return SaveIncrementalSettings(txn, settings, 1780000000);
  })));
  auto incremental = ingest::MakeDefaultAttacher(*store_);
  ASSERT_TRUE(incremental.ok());
  auto* attacher = dynamic_cast<IncrementalAttacher*>(incremental->get());
  ASSERT_NE(attacher, nullptr);
  EXPECT_DOUBLE_EQ(attacher->settings().upper_probability, 0.95);
  ingest::SetDefaultAttacherFactory(nullptr);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttacherTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         credo::testing::BackendName);

TEST(AttacherConstraintTest, ConflictNeedsTwoValidIdentifiersOfOneKind) {
  Subject a = MakePerson(Alice());
  Subject b = MakePerson(Alice());
  EXPECT_FALSE(StrongIdentifiersConflict(a, b));
  a.person.identifiers.push_back({IdentifierKind::kCnResidentId, CnResidentId("11010519840307123")});
  EXPECT_FALSE(StrongIdentifiersConflict(a, b));
  b.person.identifiers.push_back({IdentifierKind::kCnResidentId, CnResidentId("11010519840307123")});
  EXPECT_FALSE(StrongIdentifiersConflict(a, b));
  b.person.identifiers[0].value = CnResidentId("11010519840307456");
  EXPECT_TRUE(StrongIdentifiersConflict(a, b));
  b.person.identifiers[0].value = "110105198403074560";  // invalid: not a strong identifier
  EXPECT_FALSE(StrongIdentifiersConflict(a, b));
}

}  // namespace
}  // namespace credo::resolve
