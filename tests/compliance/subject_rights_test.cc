#include "compliance/subject_rights.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "compliance/read_gate.h"
#include "compliance_test_support.h"

namespace credo::compliance {
namespace {

using testing::Bureau;
using testing::D;

TEST(ExportSubjectData, HoldsEverythingWithSourcesAndWhoQueried) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  bureau.AddPublicRecord(subject, PublicRecordKind::kTaxArrears, D(2023, 1, 1), {});
  bureau.AddConsentFor(subject, "Bank A", "credit_application", "REF-1", D(2024, 1, 1));
  ReadRequest read{subject, "Bank A", "officer", "credit_application", "", {"report"}};
  ASSERT_TRUE(ReadThroughGate(bureau.store(), bureau.context(), read,
                              [](Transaction&, const ReadGrant&) { return Ok(); }).ok());
  auto exported = ExportSubjectData(bureau.store(), bureau.context(), subject);
  ASSERT_TRUE(exported.ok()) << exported.error().ToString();
  auto j = nlohmann::json::parse(*exported);
  EXPECT_EQ(j["identity"]["full_name"], "Zhangtest Wei1");
  EXPECT_EQ(j["tradelines"].size(), 1u);
  EXPECT_EQ(j["tradelines"][0]["months"].size(), 4u);
  EXPECT_EQ(j["public_records"].size(), 1u);
  ASSERT_EQ(j["queries"].size(), 1u);
  EXPECT_EQ(j["queries"][0]["institution"], "Bank A");
  EXPECT_EQ(j["consents"][0]["reference"], "REF-1");
  EXPECT_FALSE(j["processing_history"].empty());
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto requests, ListRightsRequests(tx, subject));
    EXPECT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].right, "access");
    return Ok();
  });
  EXPECT_EQ(ExportSubjectData(bureau.store(), bureau.context(), 999).error().code, ErrorCode::kNotFound);
}

TEST(RequestErasure, ErasesWhatMayGoAndRecordsTheLegalReasonForTheRest) {
  Bureau bureau("cn", D(2030, 1, 1));
  SubjectId subject = bureau.AddPerson(1);
  bureau.AddTradeline(subject, "A-1", D(2018, 6, 30), "00111000");        // ended 2018: expired
  bureau.AddTradeline(subject, "A-2", D(2029, 12, 31), "0010", AccountStatus::kCurrent);  // recent
  ASSERT_TRUE(AddStatement(bureau.store(), bureau.context(), subject, "my note").ok());
  auto decision = RequestErasure(bureau.store(), bureau.context(), subject);
  ASSERT_TRUE(decision.ok()) << decision.error().ToString();
  EXPECT_EQ(decision->erased.size(), 4u);  // 3 expired months + the statement
  // Kept, each with the law that keeps it: the late month of A-2 (in its retention period), both
  // furnished accounts, the query records, the consents and the audit log.
  ASSERT_EQ(decision->refused.size(), 4u);
  EXPECT_EQ(decision->refused[0].category, "1 negative item(s) within their retention period");
  EXPECT_NE(decision->refused[0].legal_basis.find("征信业管理条例 第16条"), std::string::npos);
  EXPECT_NE(decision->refused[0].legal_basis.find("FCRA 605"), std::string::npos);
  EXPECT_EQ(decision->refused[1].category, "2 credit account(s) reported by furnishers");
  EXPECT_NE(decision->refused[1].legal_basis.find("FCRA 605, 607(b)"), std::string::npos);
  EXPECT_EQ(decision->refused[2].category, "query records");
  EXPECT_NE(decision->refused[3].legal_basis.find("PIPL Art. 47 para. 2"), std::string::npos);
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto requests, ListRightsRequests(tx, subject));
    EXPECT_EQ(requests.back().right, "erasure");
    EXPECT_EQ(requests.back().decision, "partially_granted");
    EXPECT_NE(requests.back().legal_basis.find("PIPL Art. 47"), std::string::npos);
    CREDO_ASSIGN_OR_RETURN(auto statements, ListStatements(tx, subject));
    EXPECT_TRUE(statements.empty());
    CREDO_ASSIGN_OR_RETURN(auto tradelines, tx.ListTradelines(subject));
    EXPECT_EQ(tradelines.size(), 2u);  // kept: within retention / reported by furnishers
    return Ok();
  });
}

TEST(ListRestrictedItems, AreTheItemsUnderOpenDispute) {
  Bureau bureau("cn", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  int64_t tradeline = bureau.AddTradeline(subject, "A-1", D(2024, 2, 29), "0100");
  DisputeRequest request{subject, {ItemKind::kTradeline, tradeline, {}, ""}, "wrong", false, ""};
  ASSERT_TRUE(OpenDispute(bureau.store(), bureau.context(), request).ok());
  testing::Read(bureau.store(), [&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto items, ListRestrictedItems(tx, subject));
    EXPECT_EQ(items.size(), 1u);
    return Ok();
  });
}

TEST(ExplainScore, AtMostFourKeyFactorsAndAFifthOnlyForInquiries) {
  Bureau bureau("us", D(2024, 3, 10));
  SubjectId subject = bureau.AddPerson(1);
  ExplanationProvider provider = [](Transaction&, SubjectId) -> Result<ScoreExplanation> {
    ScoreExplanation e;
    e.model_id = "scorecard-v1";
    e.score = 640;
    e.range_min = 300;
    e.range_max = 850;
    e.reason_codes = {"R1", "R2", "R3", "R4", "R5", "R6"};
    e.reason_texts = {"utilisation", "delinquency", "age of file", "mix", "balances", "too many inquiries"};
    return e;
  };
  auto explained = ExplainScore(bureau.store(), bureau.context(), subject, provider);
  ASSERT_TRUE(explained.ok());
  EXPECT_EQ(explained->reason_codes, (std::vector<std::string>{"R1", "R2", "R3", "R4", "R6"}));
  auto refused = ExplainScore(bureau.store(), bureau.context(), subject, nullptr);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(bureau.LastRefusalRule(), "explanation.no_model");
}

}  // namespace
}  // namespace credo::compliance
