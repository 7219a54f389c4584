// `credo monitor` as an operator and an institution would use it: generate two months, ingest
// January, subscribe a portfolio from a file, ingest February, evaluate its batches, list and
// acknowledge alerts, register a webhook and deliver to a real local receiver; and the refusals
// (unknown subjects in the file, subjects without the institution's consent, a webhook URL that
// is not http(s), an unknown batch).
#include <httplib.h>
#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "run_shell.h"
#include <nlohmann/json.hpp>

#include "compliance/consent.h"
#include "compliance/context.h"
#include "core/profile.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;
using e2e::RunShell;

class MonitorCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (RunShell(std::string(CREDO_BINARY) + " monitor --help").exit_code != 0) {
      GTEST_SKIP() << "the monitor command group is not registered";
    }
    dir_ = fs::temp_directory_path() /
           ("credo_e2e_monitor_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
    ASSERT_EQ(Credo("init").exit_code, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Credo(const std::string& arguments) {
    return RunShell(std::string(CREDO_BINARY) + " --db " + db_ + " " + arguments);
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  //! Generates two months and ingests January's bank and card-issuer files.
  void LoadJanuary() {
    intake_ = (dir_ / "intake").string();
    RunResult generated = RunShell(std::string(CREDO_BINARY) +
                              " generate --persons 1500 --companies 50 --seed 5 --months 2 --out " +
                              intake_);
    ASSERT_EQ(generated.exit_code, 0) << generated.out;
    for (const char* bank : {"bank_a", "bank_b"}) {
      RunResult ingested = Credo("ingest " + intake_ + "/" + bank + "/metro2_202601.dat --source " +
                                 bank);
      ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
    }
    RunResult cards = Credo("ingest " + intake_ + "/card_issuer/cards_202601.csv --source "
                            "card_issuer --mapping " + intake_ + "/mappings/card_issuer.toml");
    ASSERT_EQ(cards.exit_code, 0) << cards.out;
  }
  std::vector<int64_t> SubjectIds() {
    credo::StoreOptions options;
    options.location = db_;
    auto store = credo::OpenStore(options);
    EXPECT_TRUE(store.ok());
    std::vector<int64_t> ids;
    EXPECT_TRUE((*store)->WithReadTransaction([&](credo::Transaction& transaction) -> credo::Status {
      auto listed = transaction.ListSubjectIds(0, 1000000);
      if (!listed.ok()) return listed.error();
      ids = *listed;
      return credo::Ok();
    }).ok());
    return ids;
  }
  //! The account-review consents an institution's customers signed, registered as an
  //! institution's bulk upload would (the library call `credo consent add` makes, once each).
  void RegisterConsents(const std::vector<int64_t>& ids, const std::string& institution) {
    auto profile = credo::LoadBuiltinProfile("cn");
    ASSERT_TRUE(profile.ok());
    credo::StoreOptions options;
    options.location = db_;
    auto store = credo::OpenStore(options);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(credo::compliance::EnsureComplianceSchema(**store).ok());
    credo::compliance::ComplianceContext context(*profile, credo::SystemClock(), "e2e");
    for (int64_t id : ids) {
      credo::compliance::ConsentGrant grant;
      grant.subject_id = id;
      grant.institution = institution;
      grant.purpose = "account_review";
      grant.reference = "MON-" + std::to_string(id);
      grant.valid_from = *credo::Date::ParseIso("2026-01-01");
      grant.valid_to = *credo::Date::ParseIso("2030-12-31");
      auto added = credo::compliance::AddConsent(**store, context, grant);
      ASSERT_TRUE(added.ok()) << added.error().ToString();
    }
  }
  int64_t BatchIdFrom(const std::string& ingest_output) {
    std::smatch match;
    EXPECT_TRUE(std::regex_search(ingest_output, match, std::regex("batch ([0-9]+) committed")))
        << ingest_output;
    return match.empty() ? 0 : std::stoll(match[1]);
  }

  fs::path dir_;
  std::string db_;
  std::string intake_;
};

TEST_F(MonitorCliTest, SubscribeEvaluateListAcknowledgeAndDeliver) {
  LoadJanuary();
  const std::vector<int64_t> ids = SubjectIds();
  ASSERT_GT(ids.size(), 1000u);
  std::string portfolio = "kind,value\n";
  for (int64_t id : ids) portfolio += "subject_id," + std::to_string(id) + "\n";
  const std::string file = Write("portfolio.csv", portfolio);
  // Without its customers' consents the bank monitors no one (CN: 条例 第18条), and the
  // refusal writes no subscription.
  RunResult no_consent = Credo("monitor subscribe --institution BANK1 --file " + file +
                               " --triggers delinquency,charge_off --as-of 2026-01-31");
  EXPECT_NE(no_consent.exit_code, 0) << no_consent.out;
  EXPECT_NE(no_consent.out.find("consent"), std::string::npos) << no_consent.out;
  EXPECT_NE(Credo("monitor list --institution BANK1").out.find("0 subscription(s)"),
            std::string::npos);
  RegisterConsents(ids, "BANK1");
  RunResult subscribed = Credo("monitor subscribe --institution BANK1 --file " + file +
                               " --triggers delinquency,charge_off --as-of 2026-01-31");
  ASSERT_EQ(subscribed.exit_code, 0) << subscribed.out;
  EXPECT_NE(subscribed.out.find(std::to_string(ids.size()) + " subject(s) subscribed"),
            std::string::npos)
      << subscribed.out;
  RunResult listed = Credo("monitor list --institution BANK1");
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find(std::to_string(ids.size()) + " subscription(s) for BANK1"),
            std::string::npos);

  // A webhook receiver that checks nothing but records what it gets.
  httplib::Server receiver;
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> received;  // idempotency key, signature
  receiver.Post("/hook", [&](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex);
    received.emplace_back(request.get_header_value("Idempotency-Key"),
                          request.get_header_value("X-Credo-Signature"));
    response.status = 200;
  });
  const int port = receiver.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { receiver.listen_after_bind(); });
  RunResult webhook = RunShell("echo 'e2e-secret-0123456789' | " + std::string(CREDO_BINARY) +
                          " --db " + db_ + " monitor webhook set --institution BANK1 --url "
                          "http://127.0.0.1:" + std::to_string(port) + "/hook --secret-stdin");
  EXPECT_EQ(webhook.exit_code, 0) << webhook.out;

  int64_t raised = 0;
  int64_t first_february_batch = 0;
  for (const char* bank : {"bank_a", "bank_b"}) {
    RunResult ingested = Credo("ingest " + intake_ + "/" + bank + "/metro2_202602.dat --source " +
                               bank);
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
    const int64_t batch = BatchIdFrom(ingested.out);
    if (first_february_batch == 0) first_february_batch = batch;
    RunResult evaluated = Credo("monitor evaluate --batch " + std::to_string(batch));
    ASSERT_EQ(evaluated.exit_code, 0) << evaluated.out;
    EXPECT_NE(evaluated.out.find("evaluated as of 2026-02-28"), std::string::npos) << evaluated.out;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(evaluated.out, match, std::regex("; ([0-9]+) new alert")));
    raised += std::stoll(match[1]);
  }
  EXPECT_GT(raised, 0);

  RunResult alerts = Credo("monitor alerts --institution BANK1 --json");
  ASSERT_EQ(alerts.exit_code, 0) << alerts.out;
  auto json = nlohmann::json::parse(alerts.out);
  ASSERT_EQ(static_cast<int64_t>(json.size()), raised);
  const int64_t first = json[0]["id"];
  for (const auto& alert : json) {
    EXPECT_TRUE(alert["trigger"] == "delinquency" || alert["trigger"] == "charge_off");
    EXPECT_EQ(alert["evidence"].count("account_number"), 0u);
  }
  EXPECT_EQ(Credo("monitor alerts --institution BANK2").out, "0 alert(s) for BANK2\n");
  RunResult high = Credo("monitor alerts --institution BANK1 --severity critical");
  EXPECT_EQ(high.exit_code, 0);

  RunResult acked = Credo("monitor ack " + std::to_string(first) + " --by analyst");
  EXPECT_EQ(acked.exit_code, 0) << acked.out;
  EXPECT_NE(acked.out.find("acknowledged by analyst"), std::string::npos);
  RunResult open = Credo("monitor alerts --institution BANK1 --open");
  EXPECT_NE(open.out.find(std::to_string(raised - 1) + " alert(s)"), std::string::npos) << open.out;

  RunResult delivered = Credo("monitor deliver");
  EXPECT_EQ(delivered.exit_code, 0) << delivered.out;
  EXPECT_NE(delivered.out.find(std::to_string(raised) + " delivered"), std::string::npos)
      << delivered.out;
  RunResult again = Credo("monitor deliver");
  EXPECT_NE(again.out.find("0 attempted"), std::string::npos) << again.out;
  receiver.stop();
  serving.join();
  ASSERT_EQ(static_cast<int64_t>(received.size()), raised);
  for (const auto& [key, signature] : received) {
    EXPECT_FALSE(key.empty());
    EXPECT_EQ(signature.rfind("sha256=", 0), 0u);
  }
  RunResult deliveries = Credo("monitor deliveries --state delivered");
  EXPECT_NE(deliveries.out.find(std::to_string(raised) + " deliver"), std::string::npos)
      << deliveries.out;

  // Evaluating the same batch again raises nothing new.
  RunResult replay = Credo("monitor evaluate --batch " + std::to_string(first_february_batch));
  EXPECT_NE(replay.out.find("; 0 new alert(s)"), std::string::npos) << replay.out;
}

TEST_F(MonitorCliTest, BadInputIsRefusedWithAClearMessageAndNothingWritten) {
  LoadJanuary();
  const std::string file = Write("portfolio.csv",
                                 "subject_id,1\n"
                                 "subject_id,999999\n"
                                 "cn_resident_id,110105198001010012\n"
                                 "passport,E1234\n");
  RunResult refused = Credo("monitor subscribe --institution BANK1 --file " + file);
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("refused whole"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("portfolio.csv:2: unknown subject"), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("portfolio.csv:3: invalid cn_resident_id"), std::string::npos);
  EXPECT_NE(refused.out.find("portfolio.csv:4: unknown identifier kind"), std::string::npos);
  EXPECT_NE(Credo("monitor list --institution BANK1").out.find("0 subscription(s)"),
            std::string::npos);

  for (const char* url : {"ftp://bank.example/hook", "https://", "bank.example/hook",
                          "http://bank.example:99999/"}) {
    RunResult bad = RunShell("echo 'e2e-secret-0123456789' | " + std::string(CREDO_BINARY) + " --db " +
                        db_ + " monitor webhook set --institution BANK1 --url '" + url +
                        "' --secret-stdin");
    EXPECT_EQ(bad.exit_code, 2) << url << ": " << bad.out;
    EXPECT_NE(bad.out.find("webhook URL"), std::string::npos) << bad.out;
  }
  RunResult no_secret = Credo("monitor webhook set --institution BANK1 --url https://b.example/");
  EXPECT_EQ(no_secret.exit_code, 2);
  EXPECT_NE(no_secret.out.find("--secret-stdin"), std::string::npos);

  RunResult unknown_batch = Credo("monitor evaluate --batch 999");
  EXPECT_EQ(unknown_batch.exit_code, 3) << unknown_batch.out;
  EXPECT_NE(unknown_batch.out.find("no batch 999"), std::string::npos);
  RunResult bad_trigger = Credo("monitor subscribe --institution BANK1 --subject 1 --triggers "
                                "delinquency:min_days=45");
  EXPECT_EQ(bad_trigger.exit_code, 2);
  EXPECT_NE(bad_trigger.out.find("min_days"), std::string::npos);
  RunResult bad_ack = Credo("monitor ack 424242");
  EXPECT_EQ(bad_ack.exit_code, 3);

  // A receiver that is not there: the delivery is kept for a retry.
  RunResult closed = RunShell("echo 'e2e-secret-0123456789' | " + std::string(CREDO_BINARY) + " --db " +
                         db_ + " monitor webhook set --institution BANK1 --url "
                         "http://127.0.0.1:1/hook --secret-stdin");
  EXPECT_EQ(closed.exit_code, 0) << closed.out;
}

}  // namespace
