// `credo serve` as a user runs it: it prints where it listens, answers the whole API (operators
// log in with password + TOTP, data operations uploads a batch and reads its data-quality
// report, an analyst finds the subject, an institution registers consent, pulls the report as
// JSON, HTML and PDF, fetches it again and scores, the subject sees the report and who queried
// it, the consent is withdrawn and the next pull is refused), /metrics counts it, SIGTERM stops
// it cleanly, and its log never carries a subject's identifier, name, phone or any credential.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "../api/server_test_bureau.h"
#include "api_serve_process.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::AccountLine;
using testing::TestBureau;

class ApiServeTest : public ::testing::Test {
 protected:
  httplib::Client Client(int port) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    return client;
  }
  static json Json(const httplib::Result& result) {
    return json::parse(result->body, nullptr, false);
  }
};

TEST_F(ApiServeTest, FullScenarioAndALogWithoutIdentifiers) {
  TestBureau bureau;
  const auto& persons = bureau.persons();
  std::string log_path = bureau.dir() + "/serve.log";
  std::vector<std::string> secrets;
  {
    e2e::ServeProcess serve(bureau.db(), log_path,
                            {"--threads", "4", "--purge-interval", "24h", "--wal-limit", "64"});
    ASSERT_GT(serve.port(), 0) << serve.Log();
    EXPECT_NE(serve.first_line().find("retention purge every 86400 s"), std::string::npos);
    auto client = Client(serve.port());

    auto health = client.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);

    // Operators log in with password and TOTP.
    int64_t now = SystemClock().NowUnixSeconds();
    auto login = [&](const std::string& user) {
      json body = {{"user", user},
                   {"password", bureau.user(user).password},
                   {"totp", bureau.Totp(user, now)}};
      auto result = client.Post("/v1/sessions", body.dump(), "application/json");
      EXPECT_TRUE(result && result->status == 201) << (result ? result->body : "no answer");
      std::string token = Json(result)["token"];
      secrets.push_back(token);
      return httplib::Headers{{"Authorization", "Bearer " + token}};
    };
    httplib::Headers ops = login("data-ops");
    httplib::Headers analyst = login("analyst");
    httplib::Headers subject = login("subject-1");
    httplib::Headers bank = {{"Authorization", "Bearer " + bureau.key("bank-a")}};

    // Data operations uploads a month of accounts and reads the data-quality report.
    std::string file = AccountLine(persons[0], "LOAN-1") + AccountLine(persons[0], "CARD-7", "71") +
                       AccountLine(persons[1], "LOAN-2");
    auto batch = client.Post("/v1/batches?source=first-bank&format=jsonl&file_name=m1.jsonl", ops,
                             file, "application/x-ndjson");
    ASSERT_TRUE(batch);
    ASSERT_EQ(batch->status, 201) << batch->body;
    int64_t batch_id = Json(batch)["batch_id"];
    EXPECT_EQ(Json(batch)["records_accepted"], 3);
    auto dq = client.Get("/v1/batches/" + std::to_string(batch_id), ops);
    ASSERT_EQ(dq->status, 200) << dq->body;
    EXPECT_EQ(Json(dq)["data_quality"]["records"], 3);

    // An analyst finds the subject through the blind index.
    auto found = client.Get(
        "/v1/subjects?identifier_kind=cn_resident_id&identifier=" + persons[0].resident_id,
        analyst);
    ASSERT_EQ(found->status, 200) << found->body;
    EXPECT_EQ(Json(found)["subjects"][0]["subject_id"], persons[0].id);

    // The institution registers the consent and pulls the report in three formats.
    json identifiers = json::array(
        {{{"kind", "cn_resident_id"}, {"value", persons[0].resident_id}},
         {{"kind", "phone"}, {"value", persons[0].phone}}});
    auto consent = client.Post("/v1/consents", bank,
                               json{{"identifiers", identifiers},
                                    {"purpose", "credit_application"},
                                    {"reference", "loan-app-2026-001"}}.dump(),
                               "application/json");
    ASSERT_EQ(consent->status, 201) << consent->body;
    int64_t consent_id = Json(consent)["consent_id"];
    std::string inquiry = json{{"identifiers", identifiers},
                               {"purpose", "credit_application"},
                               {"consent_reference", "loan-app-2026-001"},
                               {"lang", "en"}}.dump();
    auto report = client.Post("/v1/inquiries", bank, inquiry, "application/json");
    ASSERT_EQ(report->status, 201) << report->body;
    json document = Json(report);
    int64_t report_id = document["report"]["id"];
    EXPECT_EQ(report->get_header_value("Location"), "/v1/reports/" + std::to_string(report_id));
    EXPECT_EQ(document["tradelines"]["status"], "ok") << report->body;  // the upload is on it
    httplib::Headers bank_pdf = bank;
    bank_pdf.emplace("Accept", "application/pdf");
    auto pdf = client.Post("/v1/inquiries", bank_pdf, inquiry, "application/json");
    ASSERT_EQ(pdf->status, 201) << pdf->body;
    EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
    httplib::Headers bank_html = bank;
    bank_html.emplace("Accept", "text/html");
    auto again = client.Get("/v1/reports/" + std::to_string(report_id), bank_html);
    ASSERT_EQ(again->status, 200) << again->body;
    EXPECT_NE(again->body.find("<html"), std::string::npos);
    auto score = client.Post("/v1/scores", bank, inquiry, "application/json");
    ASSERT_EQ(score->status, 200) << score->body;

    // The subject sees the report and who queried the file.
    auto mine = client.Get("/v1/me/report", subject);
    ASSERT_EQ(mine->status, 200) << mine->body;
    auto queried = client.Get("/v1/me/inquiries", subject);
    ASSERT_EQ(queried->status, 200) << queried->body;
    EXPECT_NE(queried->body.find("bank-a"), std::string::npos);

    // Withdrawn consent: the next pull is refused.
    auto withdrawn = client.Post("/v1/consents/" + std::to_string(consent_id) + "/withdraw", bank,
                                 "", "application/json");
    ASSERT_EQ(withdrawn->status, 200) << withdrawn->body;
    EXPECT_FALSE(Json(withdrawn)["withdrawn_on"].is_null());
    auto refused = client.Post("/v1/inquiries", bank, inquiry, "application/json");
    EXPECT_EQ(refused->status, 403) << refused->body;
    EXPECT_EQ(Json(refused)["error"]["code"], "permission_denied");

    // /metrics counted it by route template.
    auto metrics = client.Get("/metrics");
    ASSERT_EQ(metrics->status, 200);
    EXPECT_NE(metrics->body.find("route=\"/v1/inquiries\",status=\"201\""), std::string::npos);
    EXPECT_NE(metrics->body.find("credo_ingest_batches_total{outcome=\"committed\"} 1"),
              std::string::npos);
    // The retention purge runs once at start-up on its own thread; wait for it (its counter is
    // there at zero from the start) rather than race it.
    std::string purged_once = "credo_retention_runs_total{outcome=\"ok\"} 1";
    for (int i = 0; i < 300 && metrics->body.find(purged_once) == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      metrics = client.Get("/metrics");
      ASSERT_TRUE(metrics);
    }
    EXPECT_NE(metrics->body.find(purged_once), std::string::npos) << metrics->body;

    EXPECT_EQ(client.Delete("/v1/sessions", ops)->status, 204);
    EXPECT_EQ(client.Get("/v1/batches/" + std::to_string(batch_id), ops)->status, 401);

    EXPECT_EQ(serve.Stop(), 0) << serve.Log();
  }
  std::ifstream in(log_path);
  std::stringstream text;
  text << in.rdbuf();
  std::string log = text.str();
  EXPECT_NE(log.find("route=/v1/inquiries status=201"), std::string::npos) << log;
  EXPECT_NE(log.find("principal=client:"), std::string::npos) << log;
  EXPECT_NE(log.find("retention purge"), std::string::npos) << log;
  EXPECT_NE(log.find("credo serve: stopped"), std::string::npos) << log;
  for (const auto& person : persons) {
    EXPECT_EQ(log.find(person.resident_id), std::string::npos) << "identifier in the log";
    EXPECT_EQ(log.find(person.resident_id.substr(0, 14)), std::string::npos);
    EXPECT_EQ(log.find(person.full_name), std::string::npos) << "name in the log";
    EXPECT_EQ(log.find(person.full_name.substr(0, person.full_name.find(' '))), std::string::npos);
    EXPECT_EQ(log.find(person.phone), std::string::npos) << "phone in the log";
  }
  for (const char* key : {"bank-a", "bank-b"}) {
    std::string full = bureau.key(key);
    EXPECT_EQ(log.find(full), std::string::npos) << "API key in the log";
    EXPECT_EQ(log.find(full.substr(full.size() - 32)), std::string::npos);
  }
  for (const std::string& token : secrets) {
    EXPECT_EQ(log.find(token), std::string::npos) << "session token in the log";
  }
  for (const char* user : {"data-ops", "analyst", "subject-1"}) {
    EXPECT_EQ(log.find(bureau.user(user).password), std::string::npos) << "password in the log";
  }
}

// Runs `credo --db DB serve ARGS` (which must refuse to start) and returns its exit status and
// what it wrote to stderr.
std::pair<int, std::string> ServeRefusal(const TestBureau& bureau, const std::string& db,
                                         const std::string& args) {
  const std::string err = bureau.dir() + "/err";
  const std::string command =
      std::string(CREDO_BINARY) + " --db " + db + " serve " + args + " 2>" + err;
  const int status = std::system(command.c_str());
  std::ifstream in(err);
  std::stringstream text;
  text << in.rdbuf();
  return {WEXITSTATUS(status), text.str()};
}

TEST_F(ApiServeTest, RefusesABadListenAddressAMissingBureauAndAMissingRulesFolder) {
  TestBureau bureau;
  auto [missing_status, missing_text] =
      ServeRefusal(bureau, bureau.dir() + "/missing.db", "--listen 127.0.0.1:0 --no-console");
  EXPECT_NE(missing_status, 0) << missing_text;
  auto [listen_status, listen_text] = ServeRefusal(bureau, bureau.db(), "--listen nowhere --no-console");
  EXPECT_EQ(listen_status, 2);
  EXPECT_NE(listen_text.find("HOST:PORT"), std::string::npos) << listen_text;
  // The decision rules folder must exist: a typo stops the server at start, naming the flag.
  auto [rules_status, rules_text] =
      ServeRefusal(bureau, bureau.db(),
                   "--listen 127.0.0.1:0 --no-console --decision-config " + bureau.dir() +
                       "/no-such-rules");
  EXPECT_EQ(rules_status, 2);
  EXPECT_NE(rules_text.find("--decision-config: Directory does not exist"), std::string::npos)
      << rules_text;
  EXPECT_NE(rules_text.find("no-such-rules"), std::string::npos) << rules_text;
  // A write-ahead log limit below 4 MiB (the checkpointer's wake step) is refused by name.
  auto [wal_status, wal_text] =
      ServeRefusal(bureau, bureau.db(), "--listen 127.0.0.1:0 --no-console --wal-limit 2");
  EXPECT_EQ(wal_status, 2);
  EXPECT_NE(wal_text.find("--wal-limit"), std::string::npos) << wal_text;
  // Mapped reads are on or off, nothing else.
  auto [mapped_status, mapped_text] =
      ServeRefusal(bureau, bureau.db(), "--listen 127.0.0.1:0 --no-console --mapped-reads sometimes");
  EXPECT_EQ(mapped_status, 2);
  EXPECT_NE(mapped_text.find("--mapped-reads"), std::string::npos) << mapped_text;
}

}  // namespace
}  // namespace credo::api
