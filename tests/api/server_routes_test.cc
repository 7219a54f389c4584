// The real routes against a real bureau over a real socket: the route x role x (owner / not
// owner) matrix (401 and 403 exactly where they belong), the OpenAPI document walked route by
// route against the running server, and each route's happy path.
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api/server/server.h"
#include "monitor/alerts.h"
#include "monitor/schema.h"
#include "server_test_bureau.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::AccountLine;
using testing::TestBureau;

struct Sample {
  std::string method;
  std::string path;
  std::string body{};
  std::string content_type = "application/json";
};

class RoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bureau_ = new TestBureau();
    ServerOptions options;
    options.port = 0;
    options.threads = 6;
    options.store = bureau_->Options();
    options.profile = LoadBuiltinProfile("cn").value();
    options.rate_limit = {0, 1};
    log_ = new std::ostringstream();
    options.logger = std::make_shared<spdlog::logger>(
        "routes", std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_));
    server_ = new Server(std::move(options));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();

    bearer_["institution"] = bureau_->key("bank-a");
    bearer_["institution-b"] = bureau_->key("bank-b");
    int64_t now = SystemClock().NowUnixSeconds();
    for (const auto& [label, user] : std::map<std::string, std::string>{
             {"admin", "admin"}, {"data_operations", "data-ops"}, {"analyst", "analyst"},
             {"auditor", "auditor"}, {"subject", "subject-1"}, {"subject-2", "subject-2"}}) {
      json login = {{"user", user},
                    {"password", bureau_->user(user).password},
                    {"totp", bureau_->Totp(user, now)}};
      auto result = Client().Post("/v1/sessions", login.dump(), "application/json");
      ASSERT_TRUE(result);
      ASSERT_EQ(result->status, 201) << user << ": " << result->body;
      bearer_[label] = json::parse(result->body)["token"];
    }
    // bank-a: a consent, a report issued on it; data operations: a batch.
    auto consent = Call("institution", {"POST", "/v1/consents", ConsentBody("ref-main")});
    ASSERT_EQ(consent->status, 201) << consent->body;
    consent_id_ = json::parse(consent->body)["consent_id"];
    auto second = Call("institution", {"POST", "/v1/consents", ConsentBody("ref-withdraw")});
    ASSERT_EQ(second->status, 201) << second->body;
    withdraw_consent_id_ = json::parse(second->body)["consent_id"];
    // bank-a's consent to monitor person 0 (post-loan management, account_review), without
    // which the CN profile refuses its subscription (monitoring gate).
    auto monitoring = Call("institution", {"POST", "/v1/consents",
                                           json{{"identifiers", Identifiers(0)},
                                                {"purpose", "account_review"},
                                                {"reference", "ref-monitor"},
                                                {"institution", "bank-a"}}
                                               .dump()});
    ASSERT_EQ(monitoring->status, 201) << monitoring->body;
    auto report = Call("institution", {"POST", "/v1/inquiries", InquiryBody("ref-main")});
    ASSERT_EQ(report->status, 201) << report->body;
    report_id_ = json::parse(report->body)["report"]["id"];
    auto batch = Call("data_operations", BatchSample());
    ASSERT_EQ(batch->status, 201) << batch->body;
    batch_id_ = json::parse(batch->body)["batch_id"];
    // An alert of bank-a's, for the alert routes.
    ASSERT_TRUE(monitor::InstallMonitorSchema(bureau_->store()).ok());
    Status seeded = bureau_->store().WithTransaction([&](Transaction& tx) -> Status {
      monitor::Alert alert;
      alert.institution = "bank-a";
      alert.subject_id = bureau_->persons()[0].id;
      alert.trigger = monitor::TriggerKind::kDelinquency;
      alert.severity = monitor::Severity::kHigh;
      alert.evidence_key = "matrix";
      alert.evidence = "{}";
      alert.summary = "a seeded alert for the route matrix";
      alert.as_of = Date::FromYmd(2026, 1, 31).value();
      alert.created_at = SystemClock().NowUnixSeconds();
      CREDO_ASSIGN_OR_RETURN(monitor::RaiseOutcome outcome, monitor::RaiseAlert(tx, alert));
      alert_id_ = outcome.alert_id;
      return Ok();
    });
    ASSERT_TRUE(seeded.ok()) << seeded.error().ToString();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete bureau_;
    delete log_;
  }

  static httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client;
  }
  static httplib::Result Call(const std::string& who, const Sample& sample) {
    httplib::Headers headers;
    if (!who.empty() && who != "anonymous") {
      headers.emplace("Authorization", "Bearer " + bearer_.at(who));
    }
    auto client = Client();
    if (sample.method == "GET") return client.Get(sample.path, headers);
    if (sample.method == "DELETE") return client.Delete(sample.path, headers);
    return client.Post(sample.path, headers, sample.body, sample.content_type);
  }
  static json Identifiers(size_t person) {
    return json::array(
        {{{"kind", "cn_resident_id"}, {"value", bureau_->persons()[person].resident_id}}});
  }
  static std::string ConsentBody(const std::string& reference) {
    return json{{"identifiers", Identifiers(0)},
                {"purpose", "credit_application"},
                {"reference", reference},
                {"institution", "bank-a"}}
        .dump();
  }
  static std::string InquiryBody(const std::string& reference) {
    return json{{"identifiers", Identifiers(0)},
                {"purpose", "credit_application"},
                {"consent_reference", reference}}
        .dump();
  }
  static Sample BatchSample() {
    static int batches = 0;
    ++batches;
    return {"POST", "/v1/batches?source=furnisher-" + std::to_string(batches) + "&format=jsonl",
            AccountLine(bureau_->persons()[1], "ACC-" + std::to_string(batches)),
            "application/x-ndjson"};
  }
  // A request for the route that its permitted callers can make succeed.
  static Sample SampleFor(const Route& route) {
    static int consents = 0;
    const std::string& path = route.path;
    if (path == "/v1/subjects") {
      return {"GET", "/v1/subjects?identifier_kind=cn_resident_id&identifier=" +
                         bureau_->persons()[0].resident_id};
    }
    if (path == "/v1/batches") {
      return route.method == "GET" ? Sample{"GET", "/v1/batches?limit=5"} : BatchSample();
    }
    const std::string person = std::to_string(bureau_->persons()[0].id);
    if (path == "/v1/alerts/{id}") return {"GET", "/v1/alerts/" + std::to_string(alert_id_)};
    if (path == "/v1/alerts/{id}/acknowledge") {
      return {"POST", "/v1/alerts/" + std::to_string(alert_id_) + "/acknowledge", "{}"};
    }
    if (path == "/v1/monitor/subscriptions" && route.method == "POST") {
      return {"POST", path, json{{"subject_id", bureau_->persons()[0].id}}.dump()};
    }
    if (path == "/v1/monitor/subscriptions" && route.method == "GET") {
      return {"GET", "/v1/monitor/subscriptions?institution=bank-a"};
    }
    if (path == "/v1/monitor/subscriptions/{subject_id}") {
      return {"DELETE", "/v1/monitor/subscriptions/" + std::to_string(bureau_->persons()[1].id)};
    }
    if (path == "/v1/graph/subjects/{id}/neighbourhood") {
      return {"GET", "/v1/graph/subjects/" + person + "/neighbourhood?depth=1"};
    }
    if (path == "/v1/graph/subjects/{id}/owners" || path == "/v1/graph/subjects/{id}/group") {
      return {"GET", "/v1/graph/subjects/" + person + path.substr(path.rfind('/'))};
    }
    if (path == "/v1/graph/contagion") {
      return {"POST", path, json{{"defaulted", {bureau_->persons()[0].id}}}.dump()};
    }
    if (path == "/v1/fraud/check") {
      return {"POST", path, json{{"subject_id", bureau_->persons()[0].id}}.dump()};
    }
    if (path == "/v1/subjects/search") return {"GET", "/v1/subjects/search?name=Wangtest%20Fang"};
    if (path == "/v1/subjects/{id}") return {"GET", "/v1/subjects/" + person};
    // No dispute is open in this bureau: a body without a purpose gives permitted roles a 422.
    if (path == "/v1/subjects/{id}/report") {
      return {"POST", "/v1/subjects/" + person + "/report", "{}"};
    }
    if (path == "/v1/audit") return {"GET", "/v1/audit?limit=5"};
    if (path == "/v1/models/compare") return {"GET", "/v1/models/compare?product=person_score"};
    if (path == "/v1/exports/xlsx" || path == "/v1/exports/csv") {
      return {"POST", path,
              R"({"sheet":"T","columns":[{"key":"a","type":"integer"}],"rows":[{"a":1}]})"};
    }
    if (path == "/v1/decision/subjects/{id}") return {"GET", "/v1/decision/subjects/" + person};
    if (path == "/v1/portfolio/migration") {
      return {"GET", "/v1/portfolio/migration?from=2026-01-31&to=2026-02-28"};
    }
    if (path == "/v1/decision/scf") {
      return {"POST", path,
              json{{"core_enterprise_id", bureau_->persons()[0].id},
                   {"core_limit_remaining_minor", 100000000},
                   {"core_grade", "A"},
                   {"receivables", json::array()}}
                  .dump()};
    }
    if (path == "/v1/review/{id}") return {"GET", "/v1/review/1"};
    if (path == "/v1/batches/{id}") return {"GET", "/v1/batches/" + std::to_string(batch_id_)};
    if (path == "/v1/consents") {
      return {"POST", path, ConsentBody("ref-matrix-" + std::to_string(++consents))};
    }
    if (path == "/v1/consents/{id}/withdraw") {
      return {"POST", "/v1/consents/" + std::to_string(withdraw_consent_id_) + "/withdraw", ""};
    }
    if (path == "/v1/inquiries" || path == "/v1/scores") {
      return {"POST", path, InquiryBody("ref-main")};
    }
    if (path == "/v1/reports/{id}") return {"GET", "/v1/reports/" + std::to_string(report_id_)};
    if (path == "/v1/sessions" && route.method == "POST") {
      return {"POST", path, json{{"user", "nobody"}, {"password", "x"}, {"totp", "000000"}}.dump()};
    }
    return {route.method, path, ""};
  }

  static TestBureau* bureau_;
  static Server* server_;
  static std::ostringstream* log_;
  static std::map<std::string, std::string> bearer_;
  static int64_t consent_id_;
  static int64_t withdraw_consent_id_;
  static int64_t report_id_;
  static int64_t batch_id_;
  static int64_t alert_id_;
};

TestBureau* RoutesTest::bureau_ = nullptr;
Server* RoutesTest::server_ = nullptr;
std::ostringstream* RoutesTest::log_ = nullptr;
std::map<std::string, std::string> RoutesTest::bearer_;
int64_t RoutesTest::consent_id_ = 0;
int64_t RoutesTest::withdraw_consent_id_ = 0;
int64_t RoutesTest::report_id_ = 0;
int64_t RoutesTest::batch_id_ = 0;
int64_t RoutesTest::alert_id_ = 0;

const std::vector<std::string> kRoles = {"admin", "data_operations", "analyst", "auditor",
                                         "institution", "subject"};

TEST_F(RoutesTest, RouteByRoleMatrix) {
  for (const Route& route : server_->routes().routes()) {
    if (route.method == "DELETE" && route.path == "/v1/sessions") continue;  // ends sessions
    Sample sample = SampleFor(route);
    auto anonymous = Call("anonymous", sample);
    ASSERT_TRUE(anonymous);
    if (route.requires_caller) {
      EXPECT_EQ(anonymous->status, 401) << route.method << " " << route.path;
    } else {
      EXPECT_NE(anonymous->status, 403) << route.method << " " << route.path;
    }
    if (!route.requires_caller) continue;
    for (const std::string& role_name : kRoles) {
      auto result = Call(role_name, SampleFor(route));
      ASSERT_TRUE(result);
      Role role = ParseRole(role_name).value();
      bool allowed = route.permission.empty() || RoleMayUse(role, route.permission);
      if (allowed) {
        EXPECT_NE(result->status, 401) << role_name << " " << route.method << " " << route.path
                                       << ": " << result->body;
        EXPECT_NE(result->status, 403) << role_name << " " << route.method << " " << route.path
                                       << ": " << result->body;
      } else {
        EXPECT_EQ(result->status, 403) << role_name << " " << route.method << " " << route.path
                                       << ": " << result->body;
      }
    }
  }
}

TEST_F(RoutesTest, NotOwnersAreRefused) {
  // Another institution may not fetch bank-a's report, withdraw its consent, register a
  // consent in its name, or pull a report on bank-a's consent.
  auto report = Call("institution-b", {"GET", "/v1/reports/" + std::to_string(report_id_)});
  EXPECT_EQ(report->status, 403) << report->body;
  auto withdraw = Call("institution-b",
                       {"POST", "/v1/consents/" + std::to_string(consent_id_) + "/withdraw", ""});
  EXPECT_EQ(withdraw->status, 403) << withdraw->body;
  auto consent = Call("institution-b", {"POST", "/v1/consents", ConsentBody("ref-b")});
  EXPECT_EQ(consent->status, 403) << consent->body;
  auto inquiry = Call("institution-b", {"POST", "/v1/inquiries", InquiryBody("ref-main")});
  EXPECT_EQ(inquiry->status, 403) << inquiry->body;
  // The owner may.
  EXPECT_EQ(Call("institution", {"GET", "/v1/reports/" + std::to_string(report_id_)})->status,
            200);
  // The auditor sees every report.
  EXPECT_EQ(Call("auditor", {"GET", "/v1/reports/" + std::to_string(report_id_)})->status, 200);
}

TEST_F(RoutesTest, AnInstitutionCannotReadAsTheSubjectsSelfQuery) {
  // self_query needs no consent and is a soft inquiry: an institution naming it is refused on
  // both reading routes, and the subject's own free reads are untouched.
  for (const char* path : {"/v1/inquiries", "/v1/scores"}) {
    json body = {{"identifiers", Identifiers(0)}, {"purpose", "self_query"}};
    auto taken = Call("institution", {"POST", path, body.dump()});
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->status, 403) << path << ": " << taken->body;
    EXPECT_NE(taken->body.find("self_query.subject_only"), std::string::npos) << taken->body;
  }
}

TEST_F(RoutesTest, OpenApiDocumentWalksAgainstTheServer) {
  auto result = Call("anonymous", {"GET", "/v1/openapi.json", ""});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  json document = json::parse(result->body);
  size_t walked = 0;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method_lower, operation] : methods.items()) {
      std::string method = method_lower;
      for (char& c : method) c = static_cast<char>(std::toupper(c));
      const Route* route = server_->routes().Match(method, path).route;
      ASSERT_NE(route, nullptr) << method << " " << path;
      if (method == "DELETE" && path == "/v1/sessions") continue;
      std::string who = "anonymous";
      if (operation.contains("x-credo-permission")) {
        for (const std::string& role : kRoles) {
          if (RoleMayUse(ParseRole(role).value(), operation["x-credo-permission"].get<std::string>())) {
            who = role;
            break;
          }
        }
      } else if (route->requires_caller) {
        who = "analyst";
      }
      auto answer = Call(who, SampleFor(*route));
      ASSERT_TRUE(answer) << method << " " << path;
      EXPECT_TRUE(operation["responses"].contains(std::to_string(answer->status)))
          << method << " " << path << " answered " << answer->status
          << " which the document does not list: " << answer->body;
      EXPECT_FALSE(answer->get_header_value("X-Request-Id").empty());
      ++walked;
    }
  }
  EXPECT_GE(walked, server_->routes().routes().size() - 1);
}

TEST_F(RoutesTest, SubjectLookupThroughTheBlindIndex) {
  auto found = Call("analyst", SampleFor(*server_->routes().Match("GET", "/v1/subjects").route));
  ASSERT_EQ(found->status, 200) << found->body;
  json body = json::parse(found->body);
  ASSERT_EQ(body["subjects"].size(), 1u);
  EXPECT_EQ(body["subjects"][0]["subject_id"], bureau_->persons()[0].id);
  auto bad = Call("analyst", {"GET", "/v1/subjects?identifier_kind=cn_resident_id&identifier=12345"});
  EXPECT_EQ(bad->status, 422);
  auto none = Call("analyst", {"GET", "/v1/subjects?identifier_kind=cn_resident_id&identifier=" +
                                          testing::ResidentId("19990101", 7)});
  EXPECT_EQ(none->status, 200);
  EXPECT_TRUE(json::parse(none->body)["subjects"].empty());
}

TEST_F(RoutesTest, ReportFormatsByAccept) {
  httplib::Headers headers = {{"Authorization", "Bearer " + bearer_.at("institution")},
                              {"Accept", "text/html"}};
  auto html = Client().Get("/v1/reports/" + std::to_string(report_id_), headers);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  headers = {{"Authorization", "Bearer " + bearer_.at("institution")},
             {"Accept", "application/pdf"}};
  auto pdf = Client().Get("/v1/reports/" + std::to_string(report_id_), headers);
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  headers = {{"Authorization", "Bearer " + bearer_.at("institution")}, {"Accept", "image/png"}};
  auto png = Client().Get("/v1/reports/" + std::to_string(report_id_), headers);
  EXPECT_EQ(png->status, 406);
}

TEST_F(RoutesTest, BatchDataQualityReport) {
  auto batch = Call("auditor", {"GET", "/v1/batches/" + std::to_string(batch_id_)});
  ASSERT_EQ(batch->status, 200) << batch->body;
  json body = json::parse(batch->body);
  EXPECT_EQ(body["batch"]["status"], "committed");
  EXPECT_EQ(body["data_quality"]["records"], 1);
  EXPECT_EQ(Call("auditor", {"GET", "/v1/batches/999999"})->status, 404);
  EXPECT_EQ(Call("auditor", {"GET", "/v1/batches/..%2f..%2fetc"})->status, 404);
}

TEST_F(RoutesTest, SubjectSeesOwnReportAndInquiries) {
  // subject-2 has used none of the free self-queries of the year (subject-1 may have, above).
  auto report = Call("subject-2", {"GET", "/v1/me/report", ""});
  ASSERT_EQ(report->status, 200) << report->body;
  auto inquiries = Call("subject", {"GET", "/v1/me/inquiries", ""});
  ASSERT_EQ(inquiries->status, 200) << inquiries->body;
  json list = json::parse(inquiries->body)["inquiries"];
  bool bank_a = false;
  for (const auto& inquiry : list) bank_a = bank_a || inquiry["institution"] == "bank-a";
  EXPECT_TRUE(bank_a) << inquiries->body;
  // The subject's own report answers an unacceptable format as the other report routes do.
  httplib::Headers headers = {{"Authorization", "Bearer " + bearer_.at("subject")},
                              {"Accept", "image/png"}};
  auto png = Client().Get("/v1/me/report", headers);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->status, 406) << png->body;
}

// 征信业管理条例 第17条: beyond the year's free self-queries the subject pays, naming the receipt;
// the query record shows the right used. The CN profile has no adverse-action right.
TEST_F(RoutesTest, ASelfQueryBeyondTheFreeOnesIsPaid) {
  int status = 200;
  for (int i = 0; i < 3 && status == 200; ++i) {
    status = Call("subject-2", {"GET", "/v1/me/report", ""})->status;
  }
  ASSERT_EQ(status, 429);
  auto unpaid = Call("subject-2", {"GET", "/v1/me/report?right=paid", ""});
  EXPECT_EQ(unpaid->status, 403) << unpaid->body;
  EXPECT_NE(unpaid->body.find("self_query.payment_reference_required"), std::string::npos);
  EXPECT_EQ(Call("subject-2", {"GET", "/v1/me/report?right=gratis", ""})->status, 422);
  EXPECT_EQ(Call("subject-2", {"GET", "/v1/me/report?right=adverse_action&reference=Bank%20A&"
                                      "notice_on=2024-13-01", ""})->status,
            422);
  auto adverse = Call("subject-2", {"GET", "/v1/me/report?right=adverse_action&reference=Bank%20A"
                                           "&notice_on=2024-01-01", ""});
  EXPECT_EQ(adverse->status, 403) << adverse->body;
  EXPECT_NE(adverse->body.find("self_query.adverse_action_not_in_profile"), std::string::npos);
  auto paid = Call("subject-2", {"GET", "/v1/me/report?right=paid&reference=RCPT-0042", ""});
  ASSERT_EQ(paid->status, 200) << paid->body;
  auto inquiries = Call("subject-2", {"GET", "/v1/me/inquiries", ""});
  ASSERT_EQ(inquiries->status, 200);
  bool shown = false;
  const json listed = json::parse(inquiries->body);
  for (const auto& inquiry : listed["inquiries"]) {
    shown = shown || (inquiry.value("right", "") == "paid" &&
                      inquiry.value("reference", "") == "RCPT-0042");
  }
  EXPECT_TRUE(shown) << inquiries->body;
}

// 征信业管理条例 第18条, FCRA 604(a)(1): a court-order read needs no consent but names its order;
// the subject sees the order with the query record.
TEST_F(RoutesTest, ACourtOrderInquiryNamesItsOrder) {
  json body = {{"identifiers", Identifiers(0)}, {"purpose", "court_order"}};
  auto refused = Call("institution", {"POST", "/v1/inquiries", body.dump()});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403) << refused->body;
  EXPECT_NE(refused->body.find("court_order.reference_required"), std::string::npos)
      << refused->body;
  body["order_reference"] = "x";
  auto malformed = Call("institution", {"POST", "/v1/scores", body.dump()});
  EXPECT_EQ(malformed->status, 422) << malformed->body;
  EXPECT_NE(malformed->body.find("court_order.reference_malformed"), std::string::npos)
      << malformed->body;
  body["order_reference"] = "(2026)京0105执77号";
  auto granted = Call("institution", {"POST", "/v1/inquiries", body.dump()});
  ASSERT_EQ(granted->status, 201) << granted->body;
  auto mine = Call("subject", {"GET", "/v1/me/inquiries", ""});
  ASSERT_EQ(mine->status, 200) << mine->body;
  bool shown = false;
  const json listed = json::parse(mine->body);
  for (const auto& inquiry : listed["inquiries"]) {
    shown = shown || (inquiry["purpose"] == "court_order" &&
                      inquiry.value("order_reference", "") == "(2026)京0105执77号");
  }
  EXPECT_TRUE(shown) << mine->body;
}

TEST_F(RoutesTest, ScoresFollowTheSameGate) {
  auto score = Call("institution", {"POST", "/v1/scores", InquiryBody("ref-main")});
  ASSERT_EQ(score->status, 200) << score->body;
  auto refused = Call("institution", {"POST", "/v1/scores",
                                      json{{"identifiers", Identifiers(1)},
                                           {"purpose", "credit_application"}}.dump()});
  EXPECT_EQ(refused->status, 403) << refused->body;  // no consent of that person
}

TEST_F(RoutesTest, LogoutEndsTheSession) {
  int64_t now = SystemClock().NowUnixSeconds();
  json login = {{"user", "logout-user"},
                {"password", bureau_->user("logout-user").password},
                {"totp", bureau_->Totp("logout-user", now)}};
  auto session = Client().Post("/v1/sessions", login.dump(), "application/json");
  ASSERT_EQ(session->status, 201) << session->body;
  std::string token = json::parse(session->body)["token"];
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  std::string lookup = "/v1/subjects?identifier_kind=phone&identifier=%2B8613912345601";
  EXPECT_EQ(Client().Get(lookup, headers)->status, 200);
  auto replay = Client().Post("/v1/sessions", login.dump(), "application/json");
  EXPECT_EQ(replay->status, 401) << replay->body;  // the same TOTP code twice
  EXPECT_EQ(Client().Delete("/v1/sessions", headers)->status, 204);
  EXPECT_EQ(Client().Get(lookup, headers)->status, 401);
}

}  // namespace
}  // namespace credo::api
