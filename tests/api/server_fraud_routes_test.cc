// POST /v1/fraud/check and GET /v1/fraud/rings against a real bureau over a real socket: a
// recorded application feeds the velocity counters of the next one (the rule fires with its
// reason), contact points never come back in clear, rings through a shared phone, and bad
// input (422 naming the field, 404 for an unknown applicant) that records nothing.
#include "earlywarn_routes_fixture.h"
#include "fraud/application.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::EarlyWarnServer;

constexpr const char* kSharedPhone = "+8613700001111";

class FraudRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new EarlyWarnServer();
    for (const auto& person : server_->bureau().persons()) {
      applicants_.push_back({person.id, person.resident_id});
    }
    ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
      const char* names[] = {"Zhaotest Lei", "Suntest Mei", "Zhoutest Bo"};
      for (int i = 0; i < 3; ++i) {
        Subject subject;
        subject.kind = SubjectKind::kPerson;
        subject.person.full_name = names[i];
        std::string id = testing::ResidentId("1990020" + std::to_string(i + 1), 300 + i);
        subject.person.identifiers.push_back({IdentifierKind::kCnResidentId, id});
        CREDO_ASSIGN_OR_RETURN(SubjectId subject_id, tx.InsertSubject(subject));
        applicants_.push_back({subject_id, id});
      }
      return Ok();
    }).ok());
  }
  static void TearDownTestSuite() { delete server_; }

  static json Identifiers(size_t applicant) {
    return json::array(
        {{{"kind", "cn_resident_id"}, {"value", applicants_[applicant].second}}});
  }
  static int64_t Applications() {
    int64_t count = 0;
    EXPECT_TRUE(server_->store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(bool installed, fraud::FraudSchemaInstalled(tx));
      if (!installed) return Ok();
      CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM fraud_applications"));
      count = rows.at(0).at(0).int_value;
      return Ok();
    }).ok());
    return count;
  }

  static EarlyWarnServer* server_;
  static std::vector<std::pair<SubjectId, std::string>> applicants_;
};

EarlyWarnServer* FraudRoutesTest::server_ = nullptr;
std::vector<std::pair<SubjectId, std::string>> FraudRoutesTest::applicants_;

TEST_F(FraudRoutesTest, RecordedApplicationsFeedTheNextChecksVelocity) {
  // Four applicants on one phone within the hour, each recorded by the institution.
  json last;
  for (size_t i = 0; i < 4; ++i) {
    auto answer = server_->Post("bank-a", "/v1/fraud/check",
                                {{"identifiers", Identifiers(i)},
                                 {"phone", kSharedPhone},
                                 {"email", "applicant" + std::to_string(i) + "@example.cn"},
                                 {"ip", "10.1.2.3"},
                                 {"record", true}});
    ASSERT_EQ(answer.status, 200) << answer.text;
    EXPECT_EQ(answer.body["subject_id"], applicants_[i].first);
    EXPECT_TRUE(answer.body["recorded_application_id"].is_number());
    EXPECT_EQ(answer.text.find("13700001111"), std::string::npos) << "phone in clear";
    EXPECT_EQ(answer.text.find("applicant" + std::to_string(i) + "@"), std::string::npos);
    last = answer.body;
  }
  EXPECT_EQ(Applications(), 4);
  bool fired = false;
  for (const auto& rule : last["fired"]) fired = fired || rule["id"] == "phone_applicants_1d";
  EXPECT_TRUE(fired) << last.dump();
  EXPECT_GE(last["score"].get<int>(), 45);
  ASSERT_FALSE(last["reasons"].empty());
  EXPECT_NE(last["reasons"][0].get<std::string>().find("applicants"), std::string::npos);

  // A check that is not recorded writes nothing, yet counts itself as one more applicant.
  auto probe = server_->Post("analyst", "/v1/fraud/check",
                             {{"subject_id", applicants_[4].first},
                              {"institution", "bank-c"},
                              {"phone", kSharedPhone}});
  ASSERT_EQ(probe.status, 200) << probe.text;
  EXPECT_TRUE(probe.body["recorded_application_id"].is_null());
  EXPECT_EQ(Applications(), 4);
  // The subject alone (report header view): no application at hand.
  auto alone = server_->Post("analyst", "/v1/fraud/check", {{"subject_id", applicants_[0].first}});
  ASSERT_EQ(alone.status, 200) << alone.text;

  // The shared phone joins the four recorded applicants into a ring.
  auto rings = server_->Get("analyst", "/v1/fraud/rings");
  ASSERT_EQ(rings.status, 200) << rings.text;
  ASSERT_GE(rings.body["total"].get<int>(), 1) << rings.text;
  auto mine = server_->Get("bank-a", "/v1/fraud/rings?subject_id=" +
                                         std::to_string(applicants_[2].first));
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["rings"].size(), 1u) << mine.text;
  const json& ring = mine.body["rings"][0];
  EXPECT_EQ(ring["size"], 4);
  EXPECT_NE(std::find(ring["shared_kinds"].begin(), ring["shared_kinds"].end(), "phone"),
            ring["shared_kinds"].end());
  auto none = server_->Get("analyst", "/v1/fraud/rings?subject_id=" +
                                          std::to_string(applicants_[4].first));
  EXPECT_EQ(none.body["total"], 0);
  auto strict = server_->Get("analyst", "/v1/fraud/rings?min_size=5");
  EXPECT_EQ(strict.body["total"], 0);
}

TEST_F(FraudRoutesTest, BadApplicationsAreRefusedAndRecordNothing) {
  const int64_t before = Applications();
  const std::vector<std::pair<json, std::string>> bad = {
      {{{"identifiers", Identifiers(0)}, {"phone", "call me"}, {"record", true}}, "phone"},
      {{{"identifiers", Identifiers(0)}, {"email", "not-an-email"}, {"record", true}}, "email"},
      {{{"identifiers", Identifiers(0)}, {"ip", "999.1.1.1"}, {"record", true}}, "ip"},
      {{{"identifiers", Identifiers(0)}, {"birth_date", "1990-02-30"}}, "birth_date"},
      {{{"identifiers", Identifiers(0)},
        {"claimed_identifier", {{"kind", "passport_of_mars"}, {"value", "X1"}}}},
       "claimed_identifier.kind"},
      {{{"identifiers", Identifiers(0)}, {"subject_id", applicants_[0].first}}, "subject_id"},
      {json::object(), "identifiers"},
      {{{"subject_id", 0}}, "subject_id"},
      {{{"subject_id", applicants_[0].first}, {"phone", kSharedPhone}, {"record", "yes"}},
       "record"},
      {{{"subject_id", applicants_[0].first}, {"salary", 100}}, "salary"},
  };
  for (const auto& [body, field] : bad) {
    auto answer = server_->Post("bank-a", "/v1/fraud/check", body);
    EXPECT_EQ(answer.status, 422) << body.dump() << ": " << answer.text;
    EXPECT_NE(EarlyWarnServer::Message(answer).find(field), std::string::npos)
        << body.dump() << ": " << answer.text;
    EXPECT_EQ(answer.text.find("call me"), std::string::npos);
  }
  // Staff must name the institution that received an application.
  auto staff = server_->Post("analyst", "/v1/fraud/check",
                             {{"subject_id", applicants_[0].first}, {"phone", kSharedPhone}});
  EXPECT_EQ(staff.status, 422);
  EXPECT_NE(EarlyWarnServer::Message(staff).find("institution"), std::string::npos);
  // Unknown applicants are 404, an institution checking for another one 403.
  EXPECT_EQ(server_->Post("bank-a", "/v1/fraud/check",
                          {{"subject_id", 999999}, {"phone", kSharedPhone}, {"record", true}})
                .status,
            404);
  auto nobody = server_->Post(
      "bank-a", "/v1/fraud/check",
      {{"identifiers", json::array({{{"kind", "cn_resident_id"},
                                     {"value", testing::ResidentId("19880808", 8)}}})}});
  EXPECT_EQ(nobody.status, 404) << nobody.text;
  auto foreign = server_->Post("bank-a", "/v1/fraud/check",
                               {{"subject_id", applicants_[0].first},
                                {"institution", "bank-b"},
                                {"phone", kSharedPhone},
                                {"record", true}});
  EXPECT_EQ(foreign.status, 403) << foreign.text;
  EXPECT_EQ(Applications(), before);

  EXPECT_EQ(server_->Get("analyst", "/v1/fraud/rings?degree_cap=1").status, 422);
  EXPECT_EQ(server_->Get("analyst", "/v1/fraud/rings?members=3").status, 422);
  EXPECT_EQ(server_->Get("analyst", "/v1/fraud/rings?subject_id=999999").status, 404);
  EXPECT_EQ(server_->Get("auditor", "/v1/fraud/rings").status, 403);
  EXPECT_EQ(server_->Get("", "/v1/fraud/rings").status, 401);
}

}  // namespace
}  // namespace credo::api
