// AssessSubject: rules fire on measured values with evidence, thresholds and enabled flags from
// the rules, severity-weighted score, ring id and score, text and JSON renderings.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "fraud/fraud.h"
#include "test_bureau.h"

namespace credo::fraud {
namespace {

using testing::CnId;
using testing::kNow;
using testing::TestBureau;

Result<FraudAssessment> Assess(TestBureau& bureau, SubjectId subject, const ApplicationEvent* event,
                               const FraudRules& rules = DefaultFraudRules()) {
  std::optional<ApplicationEvent> normalised;
  if (event != nullptr) normalised = NormalizeApplication(*event).value();
  FraudAssessment assessment;
  Status status = bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(assessment, AssessSubject(tx, subject, normalised ? &*normalised : nullptr,
                                                     kNow, rules));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return assessment;
}

std::vector<std::string> FiredIds(const FraudAssessment& assessment) {
  std::vector<std::string> ids;
  for (const FiredRule& rule : assessment.fired) ids.push_back(rule.id);
  return ids;
}

TEST(FraudAssessment, CleanSubjectScoresZero) {
  TestBureau bureau("assess_clean");
  SubjectId subject = bureau.AddPerson("刘洋", CnId("11010519900101123"),
                                       Date::FromYmd(1990, 1, 1).value(), {"+8613812345678"},
                                       "北京市");
  bureau.AddTradeline(subject, "OWN-1", '1');
  ApplicationEvent event = TestBureau::Event(subject, "bank_a", kNow);
  event.phone = "+8613812345678";
  auto assessment = Assess(bureau, subject, &event);
  ASSERT_TRUE(assessment.ok()) << assessment.error().ToString();
  EXPECT_EQ(assessment->score, 0);
  EXPECT_TRUE(assessment->fired.empty()) << FormatAssessment(*assessment);
  EXPECT_FALSE(assessment->ring_id.has_value());
}

TEST(FraudAssessment, SharedPhoneAndMultiLenderFireWithEvidence) {
  TestBureau bureau("assess_velocity");
  const std::string phone = "+8613999999999";
  for (int i = 0; i < 3; ++i) {
    SubjectId other = bureau.AddPerson("他人" + std::to_string(i));
    ApplicationEvent event = TestBureau::Event(other, "lender_" + std::to_string(i), kNow - 600 * (i + 1));
    event.phone = phone;
    bureau.Apply(event);
  }
  SubjectId subject = bureau.AddPerson("申请者");
  bureau.Apply(TestBureau::Event(subject, "lender_x", kNow - 3600 * 2));
  bureau.Apply(TestBureau::Event(subject, "lender_y", kNow - 3600 * 3));
  ApplicationEvent event = TestBureau::Event(subject, "lender_z", kNow);
  event.phone = phone;
  auto assessment = Assess(bureau, subject, &event);
  ASSERT_TRUE(assessment.ok()) << assessment.error().ToString();
  // 4 applicants on the phone in a day (>= 3), 3 institutions in a day (>= 3).
  EXPECT_EQ(FiredIds(*assessment),
            (std::vector<std::string>{"phone_applicants_1d", "multi_lender_1d"}));
  EXPECT_EQ(assessment->score, 70);  // two high rules: 1 - 0.55^2
  const FiredRule& phone_rule = assessment->fired[0];
  EXPECT_EQ(phone_rule.value, 4);
  EXPECT_EQ(phone_rule.threshold, 3);
  EXPECT_EQ(phone_rule.severity, Severity::kHigh);
  EXPECT_NE(phone_rule.evidence.find("4 applicants"), std::string::npos) << phone_rule.evidence;
  EXPECT_EQ(phone_rule.evidence.find("13999999999"), std::string::npos);
  std::string text = FormatAssessment(*assessment);
  EXPECT_NE(text.find("fraud score 70"), std::string::npos) << text;
  EXPECT_EQ(text.find("13999999999"), std::string::npos) << text;

  // Raising a threshold and disabling a rule change the outcome.
  auto relaxed = ParseFraudRules(
      "[rules.phone_applicants_1d]\nthreshold = 5\n[rules.multi_lender_1d]\nenabled = false\n",
      "relaxed.toml");
  ASSERT_TRUE(relaxed.ok()) << relaxed.error().ToString();
  assessment = Assess(bureau, subject, &event, *relaxed);
  ASSERT_TRUE(assessment.ok());
  EXPECT_TRUE(assessment->fired.empty()) << FormatAssessment(*assessment);
  EXPECT_EQ(assessment->score, 0);
}

TEST(FraudAssessment, SyntheticIdentityRules) {
  TestBureau bureau("assess_synthetic");
  const std::string id = CnId("51010720000101123");  // Sichuan, born 2000-01-01
  SubjectId subject = bureau.AddPerson("孙悟", id, Date::FromYmd(1995, 6, 1).value(), {}, "北京市");
  bureau.AddPerson("孙空", id, Date::FromYmd(2000, 1, 1).value());
  bureau.AddTradeline(subject, "AU-1", '3');
  auto assessment = Assess(bureau, subject, nullptr);
  ASSERT_TRUE(assessment.ok()) << assessment.error().ToString();
  EXPECT_EQ(FiredIds(*assessment),
            (std::vector<std::string>{"identifier_birth_dates", "identifier_subjects",
                                      "id_birth_date_mismatch", "id_region_mismatch",
                                      "authorised_user_thin_file"}))
      << FormatAssessment(*assessment);
  // high, medium, high, low, high: 1 - 0.55 * 0.75 * 0.55 * 0.9 * 0.55
  EXPECT_EQ(assessment->score, 89);
  // A thin file is at most `threshold` tradelines: four authorised-user accounts are not thin.
  for (int i = 2; i <= 4; ++i) bureau.AddTradeline(subject, "AU-" + std::to_string(i), '3');
  assessment = Assess(bureau, subject, nullptr);
  ASSERT_TRUE(assessment.ok());
  for (const FiredRule& rule : assessment->fired) EXPECT_NE(rule.id, "authorised_user_thin_file");
}

TEST(FraudAssessment, RingMembershipFromTheSavedSnapshot) {
  TestBureau bureau("assess_ring");
  std::vector<SubjectId> members;
  for (int i = 0; i < 6; ++i) {
    members.push_back(bureau.AddPerson("团伙" + std::to_string(i), "", std::nullopt,
                                       {"+8613511112222"}));
  }
  Status saved = bureau.store().WithTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(std::vector<Ring> rings, FindRings(tx, RingOptions{}, kNow));
    return SaveRings(tx, rings, kNow);
  });
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  auto assessment = Assess(bureau, members[3], nullptr);
  ASSERT_TRUE(assessment.ok()) << assessment.error().ToString();
  ASSERT_TRUE(assessment->ring_id.has_value());
  EXPECT_EQ(*assessment->ring_id, members[0]);
  EXPECT_EQ(assessment->ring_size, 6);
  // No account, inquiry or application: created "now", so all new.
  EXPECT_EQ(assessment->ring_score, RingScore(6, 6, 0));
  EXPECT_EQ(FiredIds(*assessment), (std::vector<std::string>{"ring_member"}));
  auto json = nlohmann::json::parse(AssessmentToJson(*assessment));
  EXPECT_EQ(json["ring_id"], members[0]);
  EXPECT_EQ(json["score"], 45);
  EXPECT_EQ(json["fired"][0]["id"], "ring_member");
  EXPECT_EQ(json["fired"][0]["severity"], "high");
}

TEST(FraudAssessment, WorksWithoutFraudTablesAndRefusesUnknownSubject) {
  TestBureau bureau("assess_no_schema", /*install_schema=*/false);
  SubjectId subject = bureau.AddPerson("无表");
  auto assessment = Assess(bureau, subject, nullptr);
  ASSERT_TRUE(assessment.ok()) << assessment.error().ToString();
  EXPECT_EQ(assessment->score, 0);
  auto unknown = Assess(bureau, subject + 100, nullptr);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credo::fraud
