// Bad input against the real `credo serve`: malformed JSON, wrong types, oversized bodies,
// unknown fields, SQL metacharacters and path traversal in every string field and path and
// query parameter, expired, revoked and malformed keys, a replayed TOTP code, a locked account.
// Each gets the right 4xx with a message that says what is wrong, and the bureau's data tables
// are unchanged (row counts before and after; the only rows a refusal adds are the compliance
// refusal records and their audit entries, which the law asks for).
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "../api/server_test_bureau.h"
#include "api_serve_process.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::TestBureau;

// Tables a refused request may still write: refusal records (compliance) and the audit log
// entries of those refusals and of failed logins (auth counts them to lock accounts).
bool MayChangeOnRefusal(const std::string& table) {
  return table.find("refusal") != std::string::npos || table.find("audit") != std::string::npos ||
         table == "auth_users";
}

std::string PercentEncode(const std::string& text) {
  std::string out;
  char hex[4];
  for (unsigned char c : text) {
    std::snprintf(hex, sizeof(hex), "%%%02X", c);
    out += hex;
  }
  return out;
}

TableCounts DataCounts(TestBureau& bureau) {
  TableCounts counts;
  for (const auto& [table, count] : bureau.Counts()) {
    if (!MayChangeOnRefusal(table)) counts[table] = count;
  }
  return counts;
}

class ApiBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signal(SIGPIPE, SIG_IGN);  // the server may answer 413 and close before the upload is sent
    bureau_ = std::make_unique<TestBureau>();
    serve_ = std::make_unique<e2e::ServeProcess>(
        bureau_->db(), bureau_->dir() + "/serve.log",
        std::vector<std::string>{"--threads", "4", "--max-body", "65536", "--max-upload", "1048576",
                                 "--purge-interval", "off", "--rate", "0"});
    ASSERT_GT(serve_->port(), 0) << serve_->Log();
    bank_ = {{"Authorization", "Bearer " + bureau_->key("bank-a")}};
    int64_t now = SystemClock().NowUnixSeconds();
    json login = {{"user", "data-ops"},
                  {"password", bureau_->user("data-ops").password},
                  {"totp", bureau_->Totp("data-ops", now)}};
    auto session = Client().Post("/v1/sessions", login.dump(), "application/json");
    ASSERT_TRUE(session && session->status == 201) << (session ? session->body : "");
    ops_ = {{"Authorization", "Bearer " + json::parse(session->body)["token"].get<std::string>()}};
    // A consent, so that valid inquiries would succeed: what fails below fails for its input.
    auto consent = Client().Post("/v1/consents", bank_, ValidConsent("ref-ok").dump(),
                                 "application/json");
    ASSERT_TRUE(consent && consent->status == 201) << (consent ? consent->body : "");
    consent_id_ = json::parse(consent->body)["consent_id"];
    before_ = DataCounts(*bureau_);
  }
  void TearDown() override {
    if (serve_) {
      EXPECT_EQ(serve_->Stop(), 0);
    }
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", serve_->port());
    client.set_read_timeout(30, 0);
    return client;
  }
  json Identifiers() const {
    return json::array(
        {{{"kind", "cn_resident_id"}, {"value", bureau_->persons()[0].resident_id}}});
  }
  json ValidInquiry() const {
    return {{"identifiers", Identifiers()},
            {"purpose", "credit_application"},
            {"consent_reference", "ref-ok"},
            {"staff_user", "officer-1"},
            {"lang", "en"}};
  }
  json ValidConsent(const std::string& reference) const {
    return {{"identifiers", Identifiers()}, {"purpose", "credit_application"},
            {"reference", reference}};
  }
  // Expects a 4xx in the error shape whose message mentions `words`, and no data change.
  void ExpectRefused(const httplib::Result& result, std::set<int> statuses,
                     const std::string& words, const std::string& what) {
    ASSERT_TRUE(result) << what << ": no answer";
    EXPECT_TRUE(statuses.count(result->status))
        << what << ": status " << result->status << " " << result->body;
    json body = json::parse(result->body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << what << ": " << result->body;
    std::string message = body["error"]["message"];
    EXPECT_NE(message.find(words), std::string::npos) << what << ": '" << message << "'";
    EXPECT_EQ(body["error"]["request_id"], result->get_header_value("X-Request-Id"));
    EXPECT_EQ(DataCounts(*bureau_), before_) << what << " changed the bureau";
  }

  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<e2e::ServeProcess> serve_;
  httplib::Headers bank_;
  httplib::Headers ops_;
  int64_t consent_id_ = 0;
  TableCounts before_;
};

TEST_F(ApiBadInputTest, MalformedJson) {
  for (const char* body : {"{", "{\"purpose\": }", "not json at all", "{\"a\":1}}", "\xff\xfe"}) {
    ExpectRefused(Client().Post("/v1/inquiries", bank_, body, "application/json"), {400},
                  "not valid JSON", std::string("malformed ") + body);
  }
  ExpectRefused(Client().Post("/v1/inquiries", bank_, "", "application/json"), {400}, "empty",
                "empty body");
}

TEST_F(ApiBadInputTest, WrongTypes) {
  json inquiry = ValidInquiry();
  inquiry["purpose"] = 7;
  ExpectRefused(Client().Post("/v1/inquiries", bank_, inquiry.dump(), "application/json"), {422},
                "'purpose' must be a string", "number purpose");
  inquiry = ValidInquiry();
  inquiry["identifiers"] = "110105";
  ExpectRefused(Client().Post("/v1/inquiries", bank_, inquiry.dump(), "application/json"), {422},
                "'identifiers' must be an array", "string identifiers");
  inquiry = ValidInquiry();
  inquiry["identifiers"][0]["value"] = json::array({1});
  ExpectRefused(Client().Post("/v1/scores", bank_, inquiry.dump(), "application/json"), {422},
                "identifiers[0].value", "array identifier value");
  ExpectRefused(Client().Post("/v1/consents", bank_, "[1,2,3]", "application/json"), {422},
                "must be a JSON object", "array body");
  ExpectRefused(Client().Post("/v1/inquiries", bank_, ValidInquiry().dump(), "text/plain"), {415},
                "application/json", "text/plain body");
}

TEST_F(ApiBadInputTest, OversizedBodies) {
  json inquiry = ValidInquiry();
  inquiry["staff_user"] = std::string(200000, 'a');
  ExpectRefused(Client().Post("/v1/inquiries", bank_, inquiry.dump(), "application/json"), {413},
                "at most 65536", "200 kB JSON body");
  std::string big_upload(2 * 1024 * 1024, 'x');
  auto upload = Client().Post("/v1/batches?source=big&format=jsonl", ops_, big_upload,
                              "application/x-ndjson");
  // The server answers 413 from the Content-Length before reading the body and closes the
  // connection; a client still writing the 2 MB may see the reset before it reads the answer.
  // Either way the upload is refused and nothing is stored.
  if (upload) {
    EXPECT_EQ(upload->status, 413) << upload->body;
  } else {
    EXPECT_TRUE(upload.error() == httplib::Error::Write ||
                upload.error() == httplib::Error::Read ||
                upload.error() == httplib::Error::Connection)
        << httplib::to_string(upload.error());
  }
  EXPECT_EQ(DataCounts(*bureau_), before_);
  // An upload naming a currency that is not ISO 4217: refused before anything is written.
  ExpectRefused(Client().Post("/v1/batches?source=bank&format=jsonl&currency=DOLLARS", ops_,
                              "{}\n", "application/x-ndjson"),
                {422}, "ISO 4217", "bad currency");
  EXPECT_EQ(DataCounts(*bureau_), before_);
  inquiry = ValidInquiry();
  inquiry["staff_user"] = std::string(300, 'a');
  ExpectRefused(Client().Post("/v1/inquiries", bank_, inquiry.dump(), "application/json"), {422},
                "limit is 64", "overlong field");
}

TEST_F(ApiBadInputTest, UnknownFields) {
  json inquiry = ValidInquiry();
  inquiry["role"] = "admin";
  ExpectRefused(Client().Post("/v1/inquiries", bank_, inquiry.dump(), "application/json"), {422},
                "unknown field 'role'", "unknown top-level field");
  inquiry = ValidInquiry();
  inquiry["identifiers"][0]["subject_id"] = 1;
  ExpectRefused(Client().Post("/v1/inquiries", bank_, inquiry.dump(), "application/json"), {422},
                "unknown field 'identifiers[0].subject_id'", "unknown nested field");
  ExpectRefused(Client().Get("/v1/subjects?identifier_kind=phone&identifier=1&limit=5", ops_),
                {403, 422}, "", "unknown query parameter");
}

TEST_F(ApiBadInputTest, SqlMetacharactersAndTraversalInEveryStringField) {
  const std::vector<std::string> payloads = {
      "' OR '1'='1", "1; DROP TABLE subjects; --", "\" OR \"\"=\"", "../../../../etc/passwd",
      "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "${jndi:ldap://x}",
      "1 UNION SELECT key FROM keys"};
  // Every string field of the inquiry and score bodies: refused by validation, by the profile
  // (unknown purpose), by resolution (no such subject) or by the gate (no such consent).
  for (const char* route : {"/v1/inquiries", "/v1/scores"}) {
    for (const std::string& payload : payloads) {
      for (const char* field : {"identifiers.kind", "identifiers.value", "purpose",
                                "consent_reference", "lang"}) {
        json body = ValidInquiry();
        std::string name = field;
        if (name.rfind("identifiers.", 0) == 0) {
          body["identifiers"][0][name.substr(12)] = payload;
        } else {
          body[name] = payload;
        }
        auto result = Client().Post(route, bank_, body.dump(), "application/json");
        ExpectRefused(result, {403, 404, 422}, "", std::string(route) + " " + name + "=" + payload);
      }
    }
  }
  // Free-text fields are data: stored and echoed exactly, nothing else touched.
  std::string payload = "1'; DROP TABLE consents; --";
  auto consent = Client().Post("/v1/consents", bank_, ValidConsent(payload).dump(),
                               "application/json");
  ASSERT_TRUE(consent);
  ASSERT_EQ(consent->status, 201) << consent->body;
  EXPECT_EQ(json::parse(consent->body)["reference"], payload);
  TableCounts after = DataCounts(*bureau_);
  EXPECT_EQ(after["subjects"], before_["subjects"]);
  // Path and query parameters.
  for (const std::string& path :
       {std::string("/v1/reports/..%2f..%2fetc%2fpasswd"), std::string("/v1/reports/1%20OR%201=1"),
        std::string("/v1/reports/-1"), std::string("/v1/reports/99999999999999999999999"),
        std::string("/v1/reports/%00")}) {
    auto result = Client().Get(path, bank_);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path << " " << result->body;
  }
  json login = {{"user", "analyst"},
                {"password", bureau_->user("analyst").password},
                {"totp", bureau_->Totp("analyst", SystemClock().NowUnixSeconds())}};
  auto session = Client().Post("/v1/sessions", login.dump(), "application/json");
  ASSERT_TRUE(session && session->status == 201);
  httplib::Headers analyst = {
      {"Authorization", "Bearer " + json::parse(session->body)["token"].get<std::string>()}};
  for (const std::string& payload_value : payloads) {
    for (const char* kind : {"cn_resident_id", "phone", "email"}) {
      httplib::Params params = {{"identifier_kind", kind}, {"identifier", payload_value}};
      auto result = Client().Get("/v1/subjects", params, analyst);
      ASSERT_TRUE(result);
      EXPECT_EQ(result->status, 422) << payload_value << " " << result->body;
    }
    httplib::Params params = {{"identifier_kind", payload_value}, {"identifier", "1"}};
    auto result = Client().Get("/v1/subjects", params, analyst);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 422) << result->body;
  }
  for (const std::string& payload_value : payloads) {
    auto result = Client().Post("/v1/batches?source=" + PercentEncode(payload_value),
                                ops_, "{}\n", "application/x-ndjson");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 422) << payload_value << " " << result->body;
  }
}

TEST_F(ApiBadInputTest, ExpiredRevokedAndMalformedKeys) {
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // bank-e's key has expired
  for (const std::string& key : {bureau_->key("expired"), bureau_->key("revoked"),
                                 std::string("credo_0000000000000000_") + std::string(64, 'a'),
                                 std::string("not-a-key"), std::string("' OR 1=1 --")}) {
    httplib::Headers headers = {{"Authorization", "Bearer " + key}};
    auto result = Client().Post("/v1/inquiries", headers, ValidInquiry().dump(), "application/json");
    ExpectRefused(result, {401}, "", "key " + key.substr(0, 12));
    EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer");
  }
  httplib::Headers basic = {{"Authorization", "Basic dXNlcjpwYXNz"}};
  ExpectRefused(Client().Get("/v1/reports/1", basic), {401}, "Bearer", "basic auth");
}

TEST_F(ApiBadInputTest, ReplayedTotpAndLockout) {
  int64_t now = SystemClock().NowUnixSeconds();
  json login = {{"user", "analyst"},
                {"password", bureau_->user("analyst").password},
                {"totp", bureau_->Totp("analyst", now)}};
  auto first = Client().Post("/v1/sessions", login.dump(), "application/json");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201) << first->body;
  TableCounts sessions_before = bureau_->Counts();
  auto replay = Client().Post("/v1/sessions", login.dump(), "application/json");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 401) << replay->body;
  EXPECT_EQ(bureau_->Counts()["auth_sessions"], sessions_before["auth_sessions"]);
  // Five wrong passwords lock the account; the right one is then refused too, saying so.
  json wrong = {{"user", "auditor"}, {"password", "wrong password entirely"}, {"totp", "123456"}};
  for (int i = 0; i < 5; ++i) {
    auto result = Client().Post("/v1/sessions", wrong.dump(), "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401) << result->body;
  }
  json right = {{"user", "auditor"},
                {"password", bureau_->user("auditor").password},
                {"totp", bureau_->Totp("auditor", now)}};
  auto locked = Client().Post("/v1/sessions", right.dump(), "application/json");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 401) << locked->body;
  EXPECT_NE(locked->body.find("locked"), std::string::npos) << locked->body;
}

}  // namespace
}  // namespace credo::api
