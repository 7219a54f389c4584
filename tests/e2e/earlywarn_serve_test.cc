// Early warning end to end through the real binaries: a bureau built with the CLI (generate two
// months, ingest January, API keys for two institutions, an analyst with password and TOTP),
// `credo serve` running, an institution subscribes its portfolio over HTTP, February is loaded
// and evaluated with the CLI while the server runs, and the alerts are read, paged and
// acknowledged over HTTP: the institution sees its own, the other institution none of them (404
// on an id), the analyst all; the graph and fraud routes answer on the same bureau; the server
// log carries no identifier.
#include <httplib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "run_shell.h"
#include <nlohmann/json.hpp>

#include "api/auth/auth.h"
#include "api_serve_process.h"
#include "compliance/consent.h"
#include "compliance/context.h"
#include "core/profile.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using e2e::RunResult;
using e2e::RunShell;

std::string Capture(const std::string& text, const std::string& pattern) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(pattern))) return "";
  return match[1];
}

class EarlyWarnServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("credo_e2e_earlywarn_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Credo(const std::string& arguments) {
    return RunShell(std::string(CREDO_BINARY) + " --db " + db_ + " --profile cn " + arguments);
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(EarlyWarnServeTest, SubscribeLoadEvaluateAndReadAlertsOverHttp) {
  // The bureau, built with the CLI.
  ASSERT_EQ(Credo("init").exit_code, 0);
  const std::string intake = (dir_ / "intake").string();
  RunResult generated = RunShell(std::string(CREDO_BINARY) +
                                 " generate --persons 1200 --companies 40 --seed 11 --months 2 "
                                 "--out " + intake);
  ASSERT_EQ(generated.exit_code, 0) << generated.out;
  for (const char* bank : {"bank_a", "bank_b"}) {
    RunResult ingested =
        Credo("ingest " + intake + "/" + bank + "/metro2_202601.dat --source " + bank);
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
  }
  std::map<std::string, std::string> keys;
  for (const char* institution : {"bank-a", "bank-b"}) {
    RunResult client = Credo(std::string("clients add ") + institution + " --expires 2099-12-31");
    ASSERT_EQ(client.exit_code, 0) << client.out;
    keys[institution] = Capture(client.out, "api key:\\s+(\\S+)");
    ASSERT_FALSE(keys[institution].empty()) << client.out;
  }
  const std::string password = "e2e analyst password, long enough";
  RunResult analyst = RunShell("echo '" + password + "' | " + std::string(CREDO_BINARY) +
                               " --db " + db_ + " users add ew-analyst --role analyst "
                               "--password-stdin");
  ASSERT_EQ(analyst.exit_code, 0) << analyst.out;
  RunResult totp = Credo("users enroll-totp ew-analyst");
  ASSERT_EQ(totp.exit_code, 0) << totp.out;
  const std::string secret_base32 = Capture(totp.out, "secret:\\s+(\\S+)");
  ASSERT_FALSE(secret_base32.empty()) << totp.out;

  // Subjects on file: the first 90 are bank-a's portfolio (under the API key's burst of 100).
  std::vector<int64_t> portfolio;
  {
    credo::StoreOptions options;
    options.location = db_;
    auto store = credo::OpenStore(options);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->WithReadTransaction([&](credo::Transaction& tx) -> credo::Status {
      auto ids = tx.ListSubjectIds(0, 90);
      if (!ids.ok()) return ids.error();
      portfolio = *ids;
      return credo::Ok();
    }).ok());
  }
  ASSERT_EQ(portfolio.size(), 90u);
  // Its customers' account-review consents, without which monitoring is refused (CN 条例 第18条),
  // registered through the library call `credo consent add` and POST /v1/consents make.
  {
    auto profile = credo::LoadBuiltinProfile("cn");
    ASSERT_TRUE(profile.ok());
    credo::StoreOptions options;
    options.location = db_;
    auto store = credo::OpenStore(options);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(credo::compliance::EnsureComplianceSchema(**store).ok());
    credo::compliance::ComplianceContext context(*profile, credo::SystemClock(), "e2e");
    for (int64_t id : portfolio) {
      credo::compliance::ConsentGrant grant;
      grant.subject_id = id;
      grant.institution = "bank-a";
      grant.purpose = "account_review";
      grant.reference = "MON-" + std::to_string(id);
      grant.valid_from = *credo::Date::ParseIso("2026-01-01");
      auto added = credo::compliance::AddConsent(**store, context, grant);
      ASSERT_TRUE(added.ok()) << added.error().ToString();
    }
  }

  const std::string log_path = (dir_ / "serve.log").string();
  credo::e2e::ServeProcess serve(db_, log_path);
  ASSERT_GT(serve.port(), 0);
  httplib::Client client("127.0.0.1", serve.port());
  client.set_read_timeout(60, 0);
  auto call = [&](const std::string& bearer, const std::string& method, const std::string& path,
                  const json& body = nullptr) {
    httplib::Headers headers = {{"Authorization", "Bearer " + bearer}};
    httplib::Result result = method == "GET"      ? client.Get(path, headers)
                             : method == "DELETE" ? client.Delete(path, headers)
                                                  : client.Post(path, headers,
                                                                body.is_null() ? "" : body.dump(),
                                                                "application/json");
    EXPECT_TRUE(result) << method << " " << path;
    std::pair<int, json> answer = {result ? result->status : 0, json()};
    if (result) answer.second = json::parse(result->body, nullptr, false);
    return answer;
  };

  // bank-a subscribes its portfolio over HTTP, baseline the end of January.
  for (int64_t id : portfolio) {
    auto [status, body] = call(keys["bank-a"], "POST", "/v1/monitor/subscriptions",
                               {{"subject_id", id},
                                {"triggers", "delinquency,charge_off,public_record"},
                                {"baseline_on", "2026-01-31"}});
    ASSERT_EQ(status, 201) << body.dump();
  }
  auto [listed_status, listed] = call(keys["bank-a"], "GET", "/v1/monitor/subscriptions?limit=1000");
  ASSERT_EQ(listed_status, 200);
  EXPECT_EQ(listed["subscriptions"].size(), 90u);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the rate limit refills

  // February arrives while the server runs, and is evaluated.
  int64_t raised = 0;
  for (const char* bank : {"bank_a", "bank_b"}) {
    RunResult ingested =
        Credo("ingest " + intake + "/" + bank + "/metro2_202602.dat --source " + bank);
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
    const std::string batch = Capture(ingested.out, "batch ([0-9]+) committed");
    ASSERT_FALSE(batch.empty()) << ingested.out;
    RunResult evaluated = Credo("monitor evaluate --batch " + batch);
    ASSERT_EQ(evaluated.exit_code, 0) << evaluated.out;
    const std::string count = Capture(evaluated.out, "; ([0-9]+) new alert");
    ASSERT_FALSE(count.empty()) << evaluated.out;
    raised += std::stoll(count);
  }
  ASSERT_GT(raised, 0) << "the generated February worsens some of the portfolio";

  // bank-a reads its alerts page by page.
  std::vector<json> alerts;
  std::string after = "0";
  for (int page = 0; page < 1000; ++page) {
    auto [status, body] =
        call(keys["bank-a"], "GET", "/v1/alerts?limit=5&after_id=" + after);
    ASSERT_EQ(status, 200) << body.dump();
    for (const auto& alert : body["alerts"]) alerts.push_back(alert);
    if (body["next_after_id"].is_null()) break;
    after = std::to_string(body["next_after_id"].get<int64_t>());
  }
  ASSERT_EQ(static_cast<int64_t>(alerts.size()), raised);
  for (const json& alert : alerts) {
    EXPECT_EQ(alert["institution"], "bank-a");
    EXPECT_TRUE(std::find(portfolio.begin(), portfolio.end(), alert["subject_id"].get<int64_t>()) !=
                portfolio.end());
    EXPECT_TRUE(alert["evidence"].is_object());
    EXPECT_EQ(alert["as_of"], "2026-02-28");
  }
  const std::string first = std::to_string(alerts[0]["id"].get<int64_t>());

  // bank-b subscribed nothing: no alerts, and bank-a's alert does not exist for it.
  auto [b_status, b_body] = call(keys["bank-b"], "GET", "/v1/alerts");
  ASSERT_EQ(b_status, 200);
  EXPECT_TRUE(b_body["alerts"].empty());
  EXPECT_EQ(call(keys["bank-b"], "GET", "/v1/alerts/" + first).first, 404);
  EXPECT_EQ(call(keys["bank-b"], "POST", "/v1/alerts/" + first + "/acknowledge").first, 404);

  // bank-a acknowledges; the analyst sees it among all alerts.
  auto [ack_status, acked] = call(keys["bank-a"], "POST", "/v1/alerts/" + first + "/acknowledge");
  ASSERT_EQ(ack_status, 200) << acked.dump();
  EXPECT_FALSE(acked["acknowledged_at"].is_null());
  auto [open_status, open] =
      call(keys["bank-a"], "GET", "/v1/alerts?acknowledged=false&limit=1000");
  ASSERT_EQ(open_status, 200);
  EXPECT_EQ(static_cast<int64_t>(open["alerts"].size()), raised - 1);

  auto secret = credo::api::DecodeBase32Secret(secret_base32);
  ASSERT_TRUE(secret.ok());
  auto code = credo::api::TotpCode(*secret, std::time(nullptr));
  ASSERT_TRUE(code.ok());
  json login = {{"user", "ew-analyst"}, {"password", password}, {"totp", *code}};
  auto session = client.Post("/v1/sessions", login.dump(), "application/json");
  ASSERT_TRUE(session);
  ASSERT_EQ(session->status, 201) << session->body;
  const std::string token = json::parse(session->body)["token"];
  auto [all_status, all] = call(token, "GET", "/v1/alerts?institution=bank-a&limit=1000");
  ASSERT_EQ(all_status, 200);
  EXPECT_EQ(static_cast<int64_t>(all["alerts"].size()), raised);
  auto [one_status, one] = call(token, "GET", "/v1/alerts/" + first);
  ASSERT_EQ(one_status, 200);
  EXPECT_EQ(one["acknowledged_by"], acked["acknowledged_by"]);

  // The graph and fraud routes on the same bureau.
  auto [circles_status, circles] = call(token, "GET", "/v1/graph/circles");
  EXPECT_EQ(circles_status, 200) << circles.dump();
  auto [hood_status, hood] = call(keys["bank-a"], "GET",
                                  "/v1/graph/subjects/" + std::to_string(portfolio[0]) +
                                      "/neighbourhood?depth=2");
  EXPECT_EQ(hood_status, 200) << hood.dump();
  auto [fraud_status, fraud] = call(keys["bank-a"], "POST", "/v1/fraud/check",
                                    {{"subject_id", portfolio[0]},
                                     {"phone", "+8613912340000"},
                                     {"record", true}});
  EXPECT_EQ(fraud_status, 200) << fraud.dump();
  auto [rings_status, rings] = call(token, "GET", "/v1/fraud/rings?limit=5");
  EXPECT_EQ(rings_status, 200) << rings.dump();

  // Unsubscribing over HTTP; alerts already raised stay.
  EXPECT_EQ(call(keys["bank-a"], "DELETE",
                 "/v1/monitor/subscriptions/" + std::to_string(portfolio[0]))
                .first,
            200);
  EXPECT_EQ(serve.Stop(), 0);
  const std::string log = serve.Log();
  EXPECT_EQ(log.find("13912340000"), std::string::npos) << "phone in the server log";
  EXPECT_EQ(log.find(keys["bank-a"]), std::string::npos) << "API key in the server log";
}

}  // namespace
