// The console's operations routes against the real `credo serve` process: an analyst finds a
// subject by name and opens it (masked), data operations reads the subject's report to handle
// its dispute (the subject then sees that read), the batches and disputes queues, an auditor
// reads the audit log with an intact chain, the model registry, an Excel export read back from
// the workbook; then the audit log is tampered with on disk and the next server reports the
// chain broken at that entry. The log never carries a subject's identifier or name.
#include <gtest/gtest.h>
#include <httplib.h>

#include <array>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../api/server_test_bureau.h"
#include "api_serve_process.h"
#include "compliance/disputes.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::AccountLine;
using testing::TestBureau;

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

json Json(const httplib::Result& result) { return json::parse(result->body, nullptr, false); }

TEST(OpsServeTest, OperationsRoutesOnTheRealServer) {
  TestBureau bureau;
  const auto& persons = bureau.persons();
  const std::string log_path = bureau.dir() + "/serve.log";
  std::vector<std::string> tokens;
  {
    e2e::ServeProcess serve(bureau.db(), log_path, {"--threads", "4"});
    ASSERT_GT(serve.port(), 0) << serve.Log();
    httplib::Client client("127.0.0.1", serve.port());
    client.set_read_timeout(30, 0);
    const int64_t now = SystemClock().NowUnixSeconds();
    auto login = [&](const std::string& user) {
      json body = {{"user", user},
                   {"password", bureau.user(user).password},
                   {"totp", bureau.Totp(user, now)}};
      auto result = client.Post("/v1/sessions", body.dump(), "application/json");
      EXPECT_TRUE(result && result->status == 201) << (result ? result->body : "no answer");
      std::string token = Json(result)["token"];
      tokens.push_back(token);
      return httplib::Headers{{"Authorization", "Bearer " + token}};
    };
    httplib::Headers ops = login("data-ops");
    httplib::Headers analyst = login("analyst");
    httplib::Headers auditor = login("auditor");
    httplib::Headers subject = login("subject-1");

    // A month of accounts, and the subject disputes one of them.
    auto batch = client.Post("/v1/batches?source=first-bank&format=jsonl", ops,
                             AccountLine(persons[0], "LOAN-1") + AccountLine(persons[1], "LOAN-2"),
                             "application/x-ndjson");
    ASSERT_EQ(batch->status, 201) << batch->body;
    int64_t tradeline = 0;
    ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto rows, tx.ListTradelines(persons[0].id));
      tradeline = rows.at(0).id;
      return Ok();
    }).ok());
    const JurisdictionProfile profile = LoadBuiltinProfile("cn").value();
    compliance::DisputeRequest dispute;
    dispute.subject_id = persons[0].id;
    dispute.item = {compliance::ItemKind::kTradeline, tradeline, {}, {}};
    dispute.reason = "never opened this loan";
    auto dispute_id = compliance::OpenDispute(
        bureau.store(), compliance::ComplianceContext(profile, SystemClock(), "test"), dispute);
    ASSERT_TRUE(dispute_id.ok()) << dispute_id.error().ToString();

    // The analyst finds the subject by name and opens it.
    auto found = client.Get("/v1/subjects/search?name=WANGTEST%20fang", analyst);
    ASSERT_EQ(found->status, 200) << found->body;
    ASSERT_EQ(Json(found)["subjects"].size(), 1u);
    EXPECT_EQ(Json(found)["subjects"][0]["subject_id"], persons[0].id);
    auto view = client.Get("/v1/subjects/" + std::to_string(persons[0].id), analyst);
    ASSERT_EQ(view->status, 200) << view->body;
    EXPECT_EQ(Json(view)["display_name"], persons[0].full_name);
    EXPECT_EQ(Json(view)["tradelines"], 1);
    EXPECT_EQ(Json(view)["disputes_open"], 1);
    EXPECT_EQ(view->body.find(persons[0].resident_id), std::string::npos);

    // Data operations handles the dispute: reads the report under dispute_handling.
    auto report = client.Post("/v1/subjects/" + std::to_string(persons[0].id) + "/report", ops,
                              json{{"purpose", "dispute_handling"},
                                   {"dispute_id", *dispute_id},
                                   {"lang", "zh"}}
                                  .dump(),
                              "application/json");
    ASSERT_EQ(report->status, 201) << report->body;
    EXPECT_EQ(Json(report)["report"]["lang"], "zh");
    auto refused = client.Post("/v1/subjects/" + std::to_string(persons[1].id) + "/report", ops,
                               json{{"purpose", "dispute_handling"}}.dump(), "application/json");
    EXPECT_EQ(refused->status, 403);
    EXPECT_NE(refused->body.find("operator.no_open_case"), std::string::npos) << refused->body;
    // The subject sees who read the file and why.
    auto mine = client.Get("/v1/me/inquiries", subject);
    ASSERT_EQ(mine->status, 200) << mine->body;
    EXPECT_NE(mine->body.find("dispute_handling"), std::string::npos) << mine->body;

    // Queues.
    auto batches = client.Get("/v1/batches?limit=10", ops);
    ASSERT_EQ(batches->status, 200) << batches->body;
    EXPECT_EQ(Json(batches)["batches"][0]["accepted"], 2);
    auto disputes = client.Get("/v1/disputes", ops);
    ASSERT_EQ(disputes->status, 200) << disputes->body;
    ASSERT_EQ(Json(disputes)["disputes"].size(), 1u);
    EXPECT_EQ(Json(disputes)["disputes"][0]["days_left"], 20);

    // The audit log: the staff accesses and the operator read, chain intact.
    auto audit = client.Get("/v1/audit?limit=1000", auditor);
    ASSERT_EQ(audit->status, 200) << audit->body;
    json entries = Json(audit)["entries"];
    EXPECT_EQ(Json(audit)["chain"]["status"], "intact");
    int staff_accesses = 0;
    int operator_reads = 0;
    for (const auto& entry : entries) {
      if (entry["action"] == "compliance.staff_access" && entry["actor"] == "analyst") {
        ++staff_accesses;
      }
      if (entry["action"] == "compliance.read" && entry["actor"] == "data-ops") ++operator_reads;
    }
    EXPECT_EQ(staff_accesses, 2);  // the search hit and the view
    EXPECT_EQ(operator_reads, 1);

    // Models (none registered in this bureau) and an export.
    auto models = client.Get("/v1/models", analyst);
    ASSERT_EQ(models->status, 200) << models->body;
    EXPECT_TRUE(Json(models)["models"].empty());
    json table = {{"sheet", "Queue"},
                  {"columns", {{{"key", "id"}, {"type", "integer"}},
                               {{"key", "due"}, {"type", "date"}},
                               {{"key", "amount"}, {"type", "money"}}}},
                  {"rows", {{{"id", 1}, {"due", "2026-12-01"}, {"amount", 1999}}}}};
    auto xlsx = client.Post("/v1/exports/xlsx", analyst, table.dump(), "application/json");
    ASSERT_EQ(xlsx->status, 200) << xlsx->body;
    std::string path = bureau.dir() + "/queue.xlsx";
    std::ofstream(path, std::ios::binary) << xlsx->body;
    std::string sheet = RunCommand("unzip -p '" + path + "' xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<v>19.99</v>"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("<v>46357</v>"), std::string::npos) << sheet;  // 2026-12-01
    EXPECT_EQ(serve.Stop(), 0);
  }
  // Someone edits an audit entry on disk: the next server reports the chain broken there.
  std::string tampered = RunCommand(
      "sqlite3 '" + bureau.db() +
      "' \"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'edited' WHERE "
      "sequence = 2;\" 2>&1");
  EXPECT_EQ(tampered, "");
  {
    e2e::ServeProcess serve(bureau.db(), log_path + ".2", {"--threads", "2"});
    ASSERT_GT(serve.port(), 0) << serve.Log();
    httplib::Client client("127.0.0.1", serve.port());
    client.set_read_timeout(30, 0);
    json body = {{"user", "auditor"},
                 {"password", bureau.user("auditor").password},
                 {"totp", bureau.Totp("auditor", SystemClock().NowUnixSeconds() + 30)}};
    auto login = client.Post("/v1/sessions", body.dump(), "application/json");
    ASSERT_TRUE(login && login->status == 201) << (login ? login->body : "no answer");
    httplib::Headers auditor = {{"Authorization", "Bearer " + Json(login)["token"].get<std::string>()}};
    auto audit = client.Get("/v1/audit?limit=1", auditor);
    ASSERT_EQ(audit->status, 200) << audit->body;
    json chain = Json(audit)["chain"];
    EXPECT_EQ(chain["status"], "broken") << chain.dump();
    EXPECT_EQ(chain["first_bad_id"], 2);
    EXPECT_FALSE(chain["problem"].get<std::string>().empty());
  }
  // Nothing identifying in the server's log.
  std::ifstream in(log_path);
  std::stringstream log;
  log << in.rdbuf();
  for (const auto& person : persons) {
    EXPECT_EQ(log.str().find(person.resident_id), std::string::npos);
    EXPECT_EQ(log.str().find(person.full_name), std::string::npos);
  }
  for (const auto& token : tokens) EXPECT_EQ(log.str().find(token), std::string::npos);
}

}  // namespace
}  // namespace credo::api
