// GET /v1/alerts, GET /v1/alerts/{id}, POST /v1/alerts/{id}/acknowledge and the monitoring
// subscription routes against a real bureau over a real socket: an institution sees and
// acknowledges only its own alerts (another's is 404, never 403), analysts see all of them,
// filters and paging, and each bad input answered 422 naming the parameter; an alert whose
// subject withdrew the consent to monitoring is no longer shown to the institution (403 naming
// the rule, recorded), while analysts still see it.
#include "monitor/alerts.h"

#include "earlywarn_routes_fixture.h"
#include "monitor/subscriptions.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::EarlyWarnServer;

class AlertRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new EarlyWarnServer();
    const SubjectId first = server_->bureau().persons()[0].id;
    const SubjectId second = server_->bureau().persons()[1].id;
    // The CN profile shows an institution its alerts only while the subject's consent to the
    // monitoring lasts (条例 第18条): each institution holds one for the persons its alerts are
    // about. bank-b holds none of person 0's (the refused subscription below).
    GiveMonitoringConsent("bank-a", 0, "fixture-monitor-a0");
    GiveMonitoringConsent("bank-a", 1, "fixture-monitor-a1");
    GiveMonitoringConsent("bank-b", 1, "fixture-monitor-b1");
    auto raise = [](Transaction& tx, const std::string& institution, SubjectId subject,
                    monitor::TriggerKind trigger, monitor::Severity severity,
                    const std::string& key, int64_t created_at) -> Result<int64_t> {
      monitor::Alert alert;
      alert.institution = institution;
      alert.subject_id = subject;
      alert.trigger = trigger;
      alert.severity = severity;
      alert.evidence_key = key;
      alert.evidence = R"({"tradeline_id":7,"status_after":"60 days past due"})";
      alert.summary = "tradeline 7 at bank_a: 60 days past due";
      alert.as_of = Date::ParseIso("2026-02-28").value();
      alert.created_at = created_at;
      CREDO_ASSIGN_OR_RETURN(auto outcome, monitor::RaiseAlert(tx, alert));
      return outcome.alert_id;
    };
    ASSERT_TRUE(server_->store().WithTransaction([&](Transaction& tx) -> Status {
      using monitor::Severity;
      using monitor::TriggerKind;
      CREDO_ASSIGN_OR_RETURN(a_ids_[0], raise(tx, "bank-a", first, TriggerKind::kDelinquency,
                                              Severity::kMedium, "a1", 1000));
      CREDO_ASSIGN_OR_RETURN(a_ids_[1], raise(tx, "bank-a", first, TriggerKind::kChargeOff,
                                              Severity::kCritical, "a2", 2000));
      CREDO_ASSIGN_OR_RETURN(b_ids_[0], raise(tx, "bank-b", second, TriggerKind::kDelinquency,
                                              Severity::kHigh, "b1", 2500));
      CREDO_ASSIGN_OR_RETURN(a_ids_[2], raise(tx, "bank-a", second, TriggerKind::kInquiries,
                                              Severity::kLow, "a3", 3000));
      CREDO_ASSIGN_OR_RETURN(b_ids_[1], raise(tx, "bank-b", second, TriggerKind::kPublicRecord,
                                              Severity::kCritical, "b2", 4000));
      return Ok();
    }).ok());
  }
  static void TearDownTestSuite() { delete server_; }

  //! `institution`'s consent to monitor person `person` (account_review), through the API.
  static void GiveMonitoringConsent(const std::string& institution, size_t person,
                                    const std::string& reference) {
    const auto& who = server_->bureau().persons()[person];
    auto consent = server_->Post(
        institution, "/v1/consents",
        {{"identifiers", json::array({{{"kind", "cn_resident_id"}, {"value", who.resident_id}}})},
         {"purpose", "account_review"},
         {"reference", reference}});
    ASSERT_EQ(consent.status, 201) << consent.text;
  }

  static std::vector<int64_t> Ids(const json& alerts) {
    std::vector<int64_t> ids;
    for (const auto& alert : alerts) ids.push_back(alert["id"]);
    return ids;
  }

  static EarlyWarnServer* server_;
  static int64_t a_ids_[3];
  static int64_t b_ids_[2];
};

EarlyWarnServer* AlertRoutesTest::server_ = nullptr;
int64_t AlertRoutesTest::a_ids_[3] = {};
int64_t AlertRoutesTest::b_ids_[2] = {};

TEST_F(AlertRoutesTest, AnInstitutionSeesOnlyItsOwnAlerts) {
  auto a = server_->Get("bank-a", "/v1/alerts");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(Ids(a.body["alerts"]), (std::vector<int64_t>{a_ids_[0], a_ids_[1], a_ids_[2]}));
  for (const auto& alert : a.body["alerts"]) {
    EXPECT_EQ(alert["institution"], "bank-a");
    for (const char* field : {"id", "subject_id", "trigger", "severity", "summary", "evidence",
                              "as_of", "created_at", "acknowledged_at", "acknowledged_by"}) {
      EXPECT_TRUE(alert.contains(field)) << field;
    }
    EXPECT_TRUE(alert["evidence"].is_object());
  }
  EXPECT_TRUE(a.body["next_after_id"].is_null());
  auto b = server_->Get("bank-b", "/v1/alerts");
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(Ids(b.body["alerts"]), (std::vector<int64_t>{b_ids_[0], b_ids_[1]}));
  // Naming another institution does not widen the view: refused, naming the parameter.
  auto widen = server_->Get("bank-a", "/v1/alerts?institution=bank-b");
  EXPECT_EQ(widen.status, 422);
  EXPECT_NE(EarlyWarnServer::Message(widen).find("institution"), std::string::npos);
}

TEST_F(AlertRoutesTest, FiltersNarrowTheList) {
  const SubjectId first = server_->bureau().persons()[0].id;
  auto critical = server_->Get("bank-a", "/v1/alerts?min_severity=high");
  ASSERT_EQ(critical.status, 200);
  EXPECT_EQ(Ids(critical.body["alerts"]), (std::vector<int64_t>{a_ids_[1]}));
  auto by_trigger = server_->Get("bank-a", "/v1/alerts?trigger=inquiries");
  EXPECT_EQ(Ids(by_trigger.body["alerts"]), (std::vector<int64_t>{a_ids_[2]}));
  auto by_subject = server_->Get("bank-a", "/v1/alerts?subject_id=" + std::to_string(first));
  EXPECT_EQ(Ids(by_subject.body["alerts"]), (std::vector<int64_t>{a_ids_[0], a_ids_[1]}));
  auto since = server_->Get("bank-a", "/v1/alerts?since=1500");
  EXPECT_EQ(Ids(since.body["alerts"]), (std::vector<int64_t>{a_ids_[1], a_ids_[2]}));
  auto since_date = server_->Get("bank-a", "/v1/alerts?since=1970-01-01");
  EXPECT_EQ(since_date.body["alerts"].size(), 3u);
}

TEST_F(AlertRoutesTest, PagesFollowNextAfterId) {
  auto first_page = server_->Get("bank-a", "/v1/alerts?limit=2");
  ASSERT_EQ(first_page.status, 200);
  EXPECT_EQ(Ids(first_page.body["alerts"]), (std::vector<int64_t>{a_ids_[0], a_ids_[1]}));
  ASSERT_EQ(first_page.body["next_after_id"], a_ids_[1]);
  auto second_page = server_->Get(
      "bank-a", "/v1/alerts?limit=2&after_id=" +
                    std::to_string(first_page.body["next_after_id"].get<int64_t>()));
  ASSERT_EQ(second_page.status, 200);
  EXPECT_EQ(Ids(second_page.body["alerts"]), (std::vector<int64_t>{a_ids_[2]}));
  EXPECT_TRUE(second_page.body["next_after_id"].is_null());
}

TEST_F(AlertRoutesTest, AnotherInstitutionsAlertIsNotFoundAndStaysUntouched) {
  const std::string foreign = "/v1/alerts/" + std::to_string(b_ids_[0]);
  auto read = server_->Get("bank-a", foreign);
  EXPECT_EQ(read.status, 404) << read.text;
  auto acknowledge = server_->Post("bank-a", foreign + "/acknowledge", json::object());
  EXPECT_EQ(acknowledge.status, 404) << acknowledge.text;
  // Exactly what an id that does not exist answers.
  EXPECT_EQ(server_->Get("bank-a", "/v1/alerts/999999").status, 404);
  EXPECT_EQ(server_->Get("bank-a", "/v1/alerts/abc").status, 404);
  auto owner = server_->Get("bank-b", foreign);
  ASSERT_EQ(owner.status, 200);
  EXPECT_TRUE(owner.body["acknowledged_at"].is_null());
}

TEST_F(AlertRoutesTest, TheOwnerAcknowledgesOnceAndForAll) {
  const std::string path = "/v1/alerts/" + std::to_string(a_ids_[0]) + "/acknowledge";
  auto first = server_->Call("bank-a", "POST", path);
  ASSERT_EQ(first.status, 200) << first.text;
  EXPECT_FALSE(first.body["acknowledged_at"].is_null());
  const std::string by = first.body["acknowledged_by"];
  EXPECT_NE(by.find("client"), std::string::npos) << by;
  auto again = server_->Post("bank-a", path, json::object());
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body["acknowledged_at"], first.body["acknowledged_at"]);
  auto open = server_->Get("bank-a", "/v1/alerts?acknowledged=false");
  EXPECT_EQ(Ids(open.body["alerts"]), (std::vector<int64_t>{a_ids_[1], a_ids_[2]}));
  auto done = server_->Get("bank-a", "/v1/alerts?acknowledged=true");
  EXPECT_EQ(Ids(done.body["alerts"]), (std::vector<int64_t>{a_ids_[0]}));
  auto body = server_->Call("bank-a", "POST", path, R"({"note":"x"})");
  EXPECT_EQ(body.status, 422);
}

TEST_F(AlertRoutesTest, AnalystsSeeEveryInstitutionAndFilterByOne) {
  auto all = server_->Get("analyst", "/v1/alerts");
  ASSERT_EQ(all.status, 200) << all.text;
  EXPECT_EQ(all.body["alerts"].size(), 5u);
  auto one = server_->Get("analyst", "/v1/alerts?institution=bank-b&min_severity=critical");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Ids(one.body["alerts"]), (std::vector<int64_t>{b_ids_[1]}));
  auto read = server_->Get("analyst", "/v1/alerts/" + std::to_string(b_ids_[1]));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["institution"], "bank-b");
  auto acknowledge = server_->Call(
      "analyst", "POST", "/v1/alerts/" + std::to_string(b_ids_[1]) + "/acknowledge");
  ASSERT_EQ(acknowledge.status, 200) << acknowledge.text;
  EXPECT_EQ(acknowledge.body["acknowledged_by"], "api:operator:analyst");
  // Roles without the permission.
  EXPECT_EQ(server_->Get("auditor", "/v1/alerts").status, 403);
  EXPECT_EQ(server_->Get("", "/v1/alerts").status, 401);
}

TEST_F(AlertRoutesTest, BadQueriesAreRefusedNamingTheParameter) {
  const std::map<std::string, std::string> bad = {
      {"/v1/alerts?min_severity=urgent", "min_severity"},
      {"/v1/alerts?trigger=weather", "trigger"},
      {"/v1/alerts?acknowledged=maybe", "acknowledged"},
      {"/v1/alerts?limit=0", "limit"},
      {"/v1/alerts?limit=5000", "limit"},
      {"/v1/alerts?after_id=-3", "after_id"},
      {"/v1/alerts?subject_id=x%27%3BDROP%20TABLE%20monitor_alerts%3B--", "subject_id"},
      {"/v1/alerts?since=yesterday", "since"},
      {"/v1/alerts?severity=high", "severity"},
  };
  for (const auto& [path, parameter] : bad) {
    auto answer = server_->Get("bank-a", path);
    EXPECT_EQ(answer.status, 422) << path << ": " << answer.text;
    EXPECT_NE(EarlyWarnServer::Message(answer).find(parameter), std::string::npos)
        << path << ": " << answer.text;
  }
  EXPECT_EQ(server_->Get("analyst", "/v1/alerts").body["alerts"].size(), 5u);  // all still there
}

// 征信业管理条例 第18条: an institution monitors a subject only with the subject's consent to its
// post-loan management (account_review, CN profile); the refusal is recorded like a read's.
TEST_F(AlertRoutesTest, ASubscriptionWithoutTheSubjectsConsentIsRefusedAndRecorded) {
  // Person 0: bank-b holds no consent of theirs (its alerts are about person 1).
  const auto& person = server_->bureau().persons()[0];
  const json identifiers =
      json::array({{{"kind", "cn_resident_id"}, {"value", person.resident_id}}});
  auto refused = server_->Post("bank-b", "/v1/monitor/subscriptions",
                               {{"identifiers", identifiers}, {"triggers", "delinquency"}});
  EXPECT_EQ(refused.status, 403) << refused.text;
  EXPECT_NE(EarlyWarnServer::Message(refused).find("consent.missing"), std::string::npos)
      << refused.text;
  // A consent for a credit application is not one to monitor; nor is monitoring a purpose of
  // a single read.
  auto application = server_->Post("bank-b", "/v1/consents",
                                   {{"identifiers", identifiers},
                                    {"purpose", "credit_application"},
                                    {"reference", "ref-app-2"}});
  ASSERT_EQ(application.status, 201) << application.text;
  auto other_purpose =
      server_->Post("bank-b", "/v1/monitor/subscriptions", {{"subject_id", person.id}});
  EXPECT_EQ(other_purpose.status, 403) << other_purpose.text;
  EXPECT_NE(EarlyWarnServer::Message(other_purpose).find("consent.other_purpose"),
            std::string::npos)
      << other_purpose.text;
  auto single_read = server_->Post("bank-b", "/v1/monitor/subscriptions",
                                   {{"subject_id", person.id}, {"purpose", "credit_application"}});
  EXPECT_EQ(single_read.status, 403) << single_read.text;
  EXPECT_NE(EarlyWarnServer::Message(single_read).find("monitor.purpose_not_monitoring"),
            std::string::npos)
      << single_read.text;
  int64_t refusals = 0;
  ASSERT_TRUE(server_->store()
                  .WithReadTransaction([&](Transaction& tx) -> Status {
                    CREDO_ASSIGN_OR_RETURN(
                        auto rows, tx.Query("SELECT COUNT(*) FROM compliance_refusals WHERE "
                                            "operation = 'monitor.subscribe'"));
                    refusals = rows.at(0).at(0).int_value;
                    CREDO_ASSIGN_OR_RETURN(auto list, monitor::ListSubscriptions(tx, "bank-b"));
                    for (const auto& subscription : list)
                      EXPECT_NE(subscription.subject_id, person.id);
                    return Ok();
                  })
                  .ok());
  EXPECT_GE(refusals, 3);
  // With the consent to monitor, the subscription is made and names the consent relied on.
  auto consent = server_->Post("bank-b", "/v1/consents",
                               {{"identifiers", identifiers},
                                {"purpose", "account_review"},
                                {"reference", "ref-monitor-2"}});
  ASSERT_EQ(consent.status, 201) << consent.text;
  auto created = server_->Post("bank-b", "/v1/monitor/subscriptions",
                               {{"subject_id", person.id}, {"consent_reference", "ref-monitor-2"}});
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["subscription"]["purpose"], "account_review");
  EXPECT_EQ(created.body["subscription"]["consent_id"], consent.body["consent_id"]);
  auto removed =
      server_->Call("bank-b", "DELETE", "/v1/monitor/subscriptions/" + std::to_string(person.id));
  EXPECT_EQ(removed.status, 200) << removed.text;
}

TEST_F(AlertRoutesTest, SubscriptionsAreTheInstitutionsOwn) {
  const auto& person = server_->bureau().persons()[0];
  json by_identifiers = {
      {"identifiers", json::array({{{"kind", "cn_resident_id"}, {"value", person.resident_id}}})},
      {"triggers", "delinquency,charge_off,related_party:share=50"}};
  // Each institution holds the subject's consent to monitor it (account_review).
  auto consent_to_monitor = [](const std::string& institution, const std::string& resident_id) {
    auto consent = server_->Post(
        institution, "/v1/consents",
        {{"identifiers", json::array({{{"kind", "cn_resident_id"}, {"value", resident_id}}})},
         {"purpose", "account_review"},
         {"reference", "ref-monitor-" + institution}});
    EXPECT_EQ(consent.status, 201) << consent.text;
  };
  consent_to_monitor("bank-a", person.resident_id);
  consent_to_monitor("bank-b", server_->bureau().persons()[1].resident_id);
  auto created = server_->Post("bank-a", "/v1/monitor/subscriptions", by_identifiers);
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["subscription"]["subject_id"], person.id);
  EXPECT_EQ(created.body["subscription"]["institution"], "bank-a");
  EXPECT_EQ(created.body["created"], true);
  EXPECT_EQ(created.body["subscription"]["trigger_kinds"],
            json::array({"delinquency", "charge_off", "related_party"}));
  // Again: the triggers are replaced.
  auto replaced = server_->Post("bank-a", "/v1/monitor/subscriptions",
                                {{"subject_id", person.id}, {"triggers", "all"}});
  ASSERT_EQ(replaced.status, 201) << replaced.text;
  EXPECT_EQ(replaced.body["created"], false);
  auto other = server_->Post("bank-b", "/v1/monitor/subscriptions",
                             {{"subject_id", server_->bureau().persons()[1].id},
                              {"baseline_on", "2026-01-31"}});
  ASSERT_EQ(other.status, 201) << other.text;
  EXPECT_EQ(other.body["subscription"]["baseline_on"], "2026-01-31");

  auto mine = server_->Get("bank-a", "/v1/monitor/subscriptions");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.body["subscriptions"].size(), 1u);
  EXPECT_EQ(mine.body["subscriptions"][0]["subject_id"], person.id);
  auto analyst = server_->Get("analyst", "/v1/monitor/subscriptions?institution=bank-b");
  ASSERT_EQ(analyst.status, 200);
  EXPECT_EQ(analyst.body["subscriptions"].size(), 1u);
  EXPECT_EQ(server_->Get("analyst", "/v1/monitor/subscriptions").status, 422);
  EXPECT_EQ(server_->Post("analyst", "/v1/monitor/subscriptions", {{"subject_id", person.id}})
                .status,
            403);

  // bank-b cannot end bank-a's subscription: it has none of its own on that subject.
  const std::string path = "/v1/monitor/subscriptions/" + std::to_string(person.id);
  EXPECT_EQ(server_->Call("bank-b", "DELETE", path).status, 404);
  auto removed = server_->Call("bank-a", "DELETE", path);
  ASSERT_EQ(removed.status, 200) << removed.text;
  EXPECT_EQ(removed.body["unsubscribed"], true);
  EXPECT_EQ(server_->Call("bank-a", "DELETE", path).status, 404);
  EXPECT_TRUE(server_->Get("bank-a", "/v1/monitor/subscriptions").body["subscriptions"].empty());
  EXPECT_EQ(server_->Get("analyst", "/v1/monitor/subscriptions?institution=bank-b")
                .body["subscriptions"]
                .size(),
            1u);
}

TEST_F(AlertRoutesTest, BadSubscriptionsChangeNothing) {
  const auto& person = server_->bureau().persons()[1];
  const std::vector<std::pair<json, std::string>> bad = {
      {json::object(), "identifiers"},
      {{{"subject_id", person.id}, {"identifiers", json::array({{{"kind", "cn_resident_id"},
                                                                 {"value", person.resident_id}}})}},
       "identifiers"},
      {{{"subject_id", person.id}, {"triggers", "delinquency,weather"}}, "triggers"},
      {{{"subject_id", person.id}, {"triggers", "delinquency:min_days=45"}}, "triggers"},
      {{{"subject_id", person.id}, {"baseline_on", "31/01/2026"}}, "baseline_on"},
      {{{"subject_id", -4}}, "subject_id"},
      {{{"subject_id", "4"}}, "subject_id"},
      {{{"identifiers", json::array({{{"kind", "cn_resident_id"}, {"value", "12345"}}})}},
       "identifiers[0]"},
      {{{"subject_id", person.id}, {"webhook", "http://x"}}, "webhook"},
  };
  for (const auto& [body, field] : bad) {
    auto answer = server_->Post("bank-b", "/v1/monitor/subscriptions", body);
    EXPECT_EQ(answer.status, 422) << body.dump() << ": " << answer.text;
    EXPECT_NE(EarlyWarnServer::Message(answer).find(field), std::string::npos)
        << body.dump() << ": " << answer.text;
  }
  auto unknown = server_->Post("bank-b", "/v1/monitor/subscriptions", {{"subject_id", 999999}});
  EXPECT_EQ(unknown.status, 404) << unknown.text;
  auto nobody = server_->Post(
      "bank-b", "/v1/monitor/subscriptions",
      {{"identifiers", json::array({{{"kind", "cn_resident_id"},
                                      {"value", testing::ResidentId("19990101", 7)}}})}});
  EXPECT_EQ(nobody.status, 404) << nobody.text;
  auto malformed = server_->Call("bank-b", "POST", "/v1/monitor/subscriptions", "{\"subject_id\":");
  EXPECT_EQ(malformed.status, 400);
  int64_t rows = 0;
  ASSERT_TRUE(server_->store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto list, monitor::ListSubscriptions(tx, "bank-b"));
    for (const auto& subscription : list) rows += subscription.subject_id == 999999;
    return Ok();
  }).ok());
  EXPECT_EQ(rows, 0);
}

// PIPL Art. 15, 征信业管理条例 第18条: an alert raised while the subject consented is not shown
// to the institution once the consent is withdrawn: left out of its list, 403 naming the rule
// when it asks for it or acknowledges it (the refusal recorded), while its consented alerts are
// shown as before and the bureau's analysts still see everything. A server of its own, so that
// the withdrawal touches no other test.
class AlertConsentRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new EarlyWarnServer(); }
  static void TearDownTestSuite() { delete server_; }

  static int64_t Consent(size_t person, const std::string& reference) {
    const auto& who = server_->bureau().persons()[person];
    auto consent = server_->Post(
        "bank-a", "/v1/consents",
        {{"identifiers", json::array({{{"kind", "cn_resident_id"}, {"value", who.resident_id}}})},
         {"purpose", "account_review"},
         {"reference", reference}});
    EXPECT_EQ(consent.status, 201) << consent.text;
    return consent.body.is_object() ? consent.body.value("consent_id", int64_t{0}) : 0;
  }
  static int64_t Raise(size_t person, const std::string& key) {
    int64_t id = 0;
    EXPECT_TRUE(server_->store()
                    .WithTransaction([&](Transaction& tx) -> Status {
                      monitor::Alert alert;
                      alert.institution = "bank-a";
                      alert.subject_id = server_->bureau().persons()[person].id;
                      alert.trigger = monitor::TriggerKind::kDelinquency;
                      alert.severity = monitor::Severity::kHigh;
                      alert.evidence_key = key;
                      alert.evidence = R"({"tradeline_id":7})";
                      alert.summary = "tradeline 7: 60 days past due";
                      alert.as_of = Date::ParseIso("2026-02-28").value();
                      alert.created_at = 1000;
                      CREDO_ASSIGN_OR_RETURN(auto outcome, monitor::RaiseAlert(tx, alert));
                      id = outcome.alert_id;
                      return Ok();
                    })
                    .ok());
    return id;
  }
  static std::vector<int64_t> Ids(const json& alerts) {
    std::vector<int64_t> ids;
    for (const auto& alert : alerts) ids.push_back(alert["id"]);
    return ids;
  }
  static int64_t RefusalsOf(const std::string& operation, const std::string& rule) {
    int64_t count = -1;
    EXPECT_TRUE(server_->store()
                    .WithReadTransaction([&](Transaction& tx) -> Status {
                      std::vector<SqlValue> params = {SqlValue::Text(operation),
                                                      SqlValue::Text(rule)};
                      CREDO_ASSIGN_OR_RETURN(
                          auto rows, tx.Query("SELECT COUNT(*) FROM compliance_refusals WHERE "
                                              "operation = ? AND rule = ? AND institution = "
                                              "'bank-a'",
                                              params));
                      count = rows.at(0).at(0).int_value;
                      return Ok();
                    })
                    .ok());
    return count;
  }

  static EarlyWarnServer* server_;
};

EarlyWarnServer* AlertConsentRoutesTest::server_ = nullptr;

TEST_F(AlertConsentRoutesTest, AnAlertIsNoLongerShownOnceTheConsentIsWithdrawn) {
  const int64_t withdrawn_consent = Consent(0, "watch-0");
  Consent(1, "watch-1");
  const int64_t withdrawn_alert = Raise(0, "c0");
  const int64_t consented_alert = Raise(1, "c1");
  auto before = server_->Get("bank-a", "/v1/alerts");
  ASSERT_EQ(before.status, 200) << before.text;
  EXPECT_EQ(Ids(before.body["alerts"]), (std::vector<int64_t>{withdrawn_alert, consented_alert}));

  auto withdraw = server_->Call(
      "bank-a", "POST", "/v1/consents/" + std::to_string(withdrawn_consent) + "/withdraw");
  ASSERT_EQ(withdraw.status, 200) << withdraw.text;

  auto after = server_->Get("bank-a", "/v1/alerts");
  ASSERT_EQ(after.status, 200) << after.text;
  EXPECT_EQ(Ids(after.body["alerts"]), (std::vector<int64_t>{consented_alert}));
  EXPECT_TRUE(after.body["next_after_id"].is_null());
  auto paged = server_->Get("bank-a", "/v1/alerts?limit=1");
  EXPECT_EQ(Ids(paged.body["alerts"]), (std::vector<int64_t>{consented_alert}));

  const std::string path = "/v1/alerts/" + std::to_string(withdrawn_alert);
  auto read = server_->Get("bank-a", path);
  EXPECT_EQ(read.status, 403) << read.text;
  EXPECT_NE(EarlyWarnServer::Message(read).find("consent.withdrawn"), std::string::npos)
      << read.text;
  auto acknowledge = server_->Post("bank-a", path + "/acknowledge", json::object());
  EXPECT_EQ(acknowledge.status, 403) << acknowledge.text;
  EXPECT_EQ(RefusalsOf("monitor.alert.read", "consent.withdrawn"), 2);

  // The consented alert is read and acknowledged as before.
  auto consented = server_->Get("bank-a", "/v1/alerts/" + std::to_string(consented_alert));
  EXPECT_EQ(consented.status, 200) << consented.text;
  auto acknowledged = server_->Post(
      "bank-a", "/v1/alerts/" + std::to_string(consented_alert) + "/acknowledge", json::object());
  EXPECT_EQ(acknowledged.status, 200) << acknowledged.text;

  // The bureau's analysts still see the withheld alert, unacknowledged.
  auto analyst = server_->Get("analyst", path);
  ASSERT_EQ(analyst.status, 200) << analyst.text;
  EXPECT_TRUE(analyst.body["acknowledged_at"].is_null());
  auto all = server_->Get("analyst", "/v1/alerts?institution=bank-a");
  EXPECT_EQ(Ids(all.body["alerts"]), (std::vector<int64_t>{withdrawn_alert, consented_alert}));
}

}  // namespace
}  // namespace credo::api
