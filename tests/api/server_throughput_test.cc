// The write path of report pulls and score calls: the group-commit writer alone (many callers,
// one transaction; a failing work fails only its caller; nothing answered before its commit) and
// through the real server (concurrent pulls each recorded once and kept, refusals recorded,
// scores recorded), and the one institution-id rule on consents through the API.
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/server/group_commit.h"
#include "api/server/server.h"
#include "server_test_bureau.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::TestBureau;

int64_t CountRows(Store& store, const std::string& table) {
  int64_t count = 0;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM " + table));
    count = rows.at(0).at(0).int_value;
    return Ok();
  }).ok());
  return count;
}

int64_t CountAudit(Store& store, const std::string& action) {
  int64_t count = 0;
  EXPECT_TRUE(store.WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto entries, tx.ListAudit(0, 1000000));
    for (const auto& entry : entries) count += entry.action == action ? 1 : 0;
    return Ok();
  }).ok());
  return count;
}

Status AppendTestAudit(Transaction& tx, const std::string& action, int64_t id) {
  AuditEntry entry;
  entry.actor = "group-commit-test";
  entry.action = action;
  entry.entity = "test";
  entry.entity_id = id;
  return tx.AppendAudit(std::move(entry)).ok() ? Ok() : Status(MakeError(ErrorCode::kInternal, "audit"));
}

TEST(GroupCommitWriterTest, ManyCallersAreCommittedAndEachSeesItsOwnCommit) {
  TestBureau bureau;
  auto writer = GroupCommitWriter::Start([&] { return OpenStore(bureau.Options()); });
  ASSERT_TRUE(writer.ok()) << writer.error().ToString();
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::atomic<int> failures{0};
  std::atomic<int> unseen{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto store = OpenStore(bureau.Options());
      ASSERT_TRUE(store.ok());
      for (int i = 0; i < kEach; ++i) {
        const int64_t id = t * 1000 + i;
        Status committed = (*writer)->Commit(
            [&](Transaction& tx) { return AppendTestAudit(tx, "test.group", id); });
        if (!committed.ok()) ++failures;
        // Committed means visible to any other connection at once.
        bool seen = false;
        EXPECT_TRUE((*store)->WithReadTransaction([&](Transaction& tx) -> Status {
          const SqlValue params[] = {SqlValue::Int(id)};
          CREDO_ASSIGN_OR_RETURN(
              auto rows, tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = 'test.group' "
                                  "AND entity_id = ?", params));
          seen = rows.at(0).at(0).int_value == 1;
          return Ok();
        }).ok());
        if (!seen) ++unseen;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(unseen, 0);
  EXPECT_EQ((*writer)->works_committed(), kThreads * kEach);
  EXPECT_LE((*writer)->groups_committed(), kThreads * kEach);
  (*writer)->Stop();
  EXPECT_EQ(CountAudit(bureau.store(), "test.group"), kThreads * kEach);
  EXPECT_TRUE(bureau.store().VerifyAuditChain().value().intact);
  // After Stop, nothing more is accepted.
  Status late = (*writer)->Commit([](Transaction&) { return Ok(); });
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kUnavailable);
}

TEST(GroupCommitWriterTest, AFailingWorkFailsOnlyItsOwnCaller) {
  TestBureau bureau;
  auto writer = GroupCommitWriter::Start([&] { return OpenStore(bureau.Options()); });
  ASSERT_TRUE(writer.ok());
  // The first work holds the writer until the others have queued, so they share one group.
  std::atomic<bool> release{false};
  std::atomic<int> queued{0};
  std::thread holder([&] {
    EXPECT_TRUE((*writer)->Commit([&](Transaction& tx) {
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return AppendTestAudit(tx, "test.hold", 0);
    }).ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  constexpr int kCallers = 6;
  std::vector<Status> outcomes(kCallers, Ok());
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      ++queued;
      outcomes[i] = (*writer)->Commit([i](Transaction& tx) -> Status {
        CREDO_TRY(AppendTestAudit(tx, "test.member", i));
        if (i == 3) return MakeError(ErrorCode::kFailedPrecondition, "work 3 refuses");
        return Ok();
      });
    });
  }
  while (queued < kCallers) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  release = true;
  holder.join();
  for (auto& caller : callers) caller.join();
  for (int i = 0; i < kCallers; ++i) {
    if (i == 3) {
      ASSERT_FALSE(outcomes[i].ok());
      EXPECT_EQ(outcomes[i].error().code, ErrorCode::kFailedPrecondition);
    } else {
      EXPECT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].error().ToString();
    }
  }
  // The failing work's write was not kept; every other one was, once.
  EXPECT_EQ(CountAudit(bureau.store(), "test.member"), kCallers - 1);
  EXPECT_EQ(CountAudit(bureau.store(), "test.hold"), 1);
  EXPECT_TRUE(bureau.store().VerifyAuditChain().value().intact);
}

class ThroughputRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bureau_ = new TestBureau();
    ServerOptions options;
    options.port = 0;
    options.threads = 8;
    options.store = bureau_->Options();
    options.profile = LoadBuiltinProfile("cn").value();
    options.rate_limit = {0, 1};
    log_ = new std::ostringstream();
    options.logger = std::make_shared<spdlog::logger>(
        "throughput", std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_));
    server_ = new Server(std::move(options));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    int64_t now = SystemClock().NowUnixSeconds();
    json login = {{"user", "data-ops"},
                  {"password", bureau_->user("data-ops").password},
                  {"totp", bureau_->Totp("data-ops", now)}};
    auto result = Client().Post("/v1/sessions", login.dump(), "application/json");
    ASSERT_TRUE(result && result->status == 201);
    data_operations_ = json::parse(result->body)["token"];
    auto consent = Post(bureau_->key("bank-a"), "/v1/consents",
                        {{"identifiers", Identifiers(0)},
                         {"purpose", "credit_application"},
                         {"reference", "ref-load"}});
    ASSERT_EQ(consent->status, 201) << consent->body;
  }
  static void TearDownTestSuite() {
    delete server_;
    delete bureau_;
    delete log_;
  }
  static httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(60, 0);
    return client;
  }
  static json Identifiers(size_t person) {
    return json::array(
        {{{"kind", "cn_resident_id"}, {"value", bureau_->persons()[person].resident_id}}});
  }
  static httplib::Result Post(const std::string& bearer, const std::string& path,
                              const json& body) {
    httplib::Headers headers = {{"Authorization", "Bearer " + bearer}};
    return Client().Post(path, headers, body.dump(), "application/json");
  }
  static json Pull() {
    return {{"identifiers", Identifiers(0)},
            {"purpose", "credit_application"},
            {"consent_reference", "ref-load"}};
  }

  static TestBureau* bureau_;
  static Server* server_;
  static std::ostringstream* log_;
  static std::string data_operations_;
};

TestBureau* ThroughputRoutesTest::bureau_ = nullptr;
Server* ThroughputRoutesTest::server_ = nullptr;
std::ostringstream* ThroughputRoutesTest::log_ = nullptr;
std::string ThroughputRoutesTest::data_operations_;

TEST_F(ThroughputRoutesTest, ConcurrentPullsAreEachRecordedOnceAndKeptBeforeTheAnswer) {
  const int64_t log_before = CountRows(bureau_->store(), "compliance_query_log");
  const int64_t kept_before = CountRows(bureau_->store(), "report_issued");
  constexpr int kThreads = 6;
  constexpr int kEach = 8;
  std::mutex mutex;
  std::set<int64_t> report_ids;
  std::atomic<int> not_created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        auto answer = Post(bureau_->key("bank-a"), "/v1/inquiries", Pull());
        if (!answer || answer->status != 201) {
          ++not_created;
          continue;
        }
        const int64_t id = json::parse(answer->body)["report"]["id"];
        // The answer is out: its record and its kept report are already committed.
        httplib::Headers headers = {{"Authorization", "Bearer " + bureau_->key("bank-a")}};
        auto again = Client().Get("/v1/reports/" + std::to_string(id), headers);
        EXPECT_TRUE(again && again->status == 200) << id;
        // Fetched as issued: the very bytes the pull answered.
        if (again && again->status == 200) {
          EXPECT_EQ(again->body, answer->body) << id;
        }
        std::lock_guard<std::mutex> lock(mutex);
        report_ids.insert(id);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(not_created, 0) << log_->str();
  EXPECT_EQ(report_ids.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(CountRows(bureau_->store(), "compliance_query_log"), log_before + kThreads * kEach);
  EXPECT_EQ(CountRows(bureau_->store(), "report_issued"), kept_before + kThreads * kEach);
  EXPECT_TRUE(bureau_->store().VerifyAuditChain().value().intact);
}

TEST_F(ThroughputRoutesTest, ARefusedReadIsRecordedThroughTheWriter) {
  const int64_t refusals = CountRows(bureau_->store(), "compliance_refusals");
  const int64_t log_before = CountRows(bureau_->store(), "compliance_query_log");
  // bank-b holds no consent of this person.
  auto refused = Post(bureau_->key("bank-b"), "/v1/inquiries", Pull());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403) << refused->body;
  auto refused_score = Post(bureau_->key("bank-b"), "/v1/scores", Pull());
  ASSERT_TRUE(refused_score);
  EXPECT_EQ(refused_score->status, 403) << refused_score->body;
  EXPECT_EQ(CountRows(bureau_->store(), "compliance_refusals"), refusals + 2);
  EXPECT_EQ(CountRows(bureau_->store(), "compliance_query_log"), log_before);
}

TEST_F(ThroughputRoutesTest, ScoresAreRecordedBeforeTheyAreAnswered) {
  const int64_t log_before = CountRows(bureau_->store(), "compliance_query_log");
  auto score = Post(bureau_->key("bank-a"), "/v1/scores", Pull());
  ASSERT_TRUE(score);
  ASSERT_EQ(score->status, 200) << score->body;
  const int64_t inquiry = json::parse(score->body)["inquiry_id"];
  EXPECT_GT(inquiry, 0);
  EXPECT_EQ(CountRows(bureau_->store(), "compliance_query_log"), log_before + 1);
}

TEST_F(ThroughputRoutesTest, ConsentInstitutionsFollowTheOneRule) {
  const int64_t consents = CountRows(bureau_->store(), "consents");
  for (const char* bad : {"bank/a", "bank  a", " bank", "bank';--", "银行"}) {
    auto answer = Post(data_operations_, "/v1/consents",
                       {{"identifiers", Identifiers(1)},
                        {"purpose", "credit_application"},
                        {"reference", "ref-bad-institution"},
                        {"institution", bad}});
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 422) << bad << ": " << answer->body;
    EXPECT_NE(answer->body.find("A-Z a-z 0-9 . _ -"), std::string::npos) << answer->body;
  }
  EXPECT_EQ(CountRows(bureau_->store(), "consents"), consents);
  // A name with single spaces is an institution id like any other.
  auto spaced = Post(data_operations_, "/v1/consents",
                     {{"identifiers", Identifiers(1)},
                      {"purpose", "credit_application"},
                      {"reference", "ref-spaced"},
                      {"institution", "Bank A"}});
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->status, 201) << spaced->body;
}

}  // namespace
}  // namespace credo::api
