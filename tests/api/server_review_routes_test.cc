// The review-queue routes over a real socket: listing with status and paging, one item with its
// masked comparisons, accept (the subjects merge; the merged id redirects; audited), reject
// (the pair stays apart; audited), 404 for an unknown item, 409 for a second decision, 422 for
// bad parameters and bodies, and the roles (auditors read but do not decide; institutions
// neither).
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "api/server/server.h"
#include "resolve/incremental/review_queue.h"
#include "resolve/incremental/review_schema.h"
#include "server_test_bureau.h"

namespace credo::api::testing {
namespace {

struct Answer {
  int status = 0;
  nlohmann::json body;
  std::string text;
};

class ReviewRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two grey-zone pairs: each test person and a namesake without an identifier.
    Subject namesake;
    namesake.kind = SubjectKind::kPerson;
    ASSERT_TRUE(resolve::InstallResolveSchema(bureau_.store()).ok());
    ASSERT_TRUE(bureau_.store().WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto comparer,
                             resolve::SubjectComparer::Make(resolve::DefaultSubjectModel()));
      for (const TestPerson& person : bureau_.persons()) {
        CREDO_ASSIGN_OR_RETURN(Subject stored, tx.GetSubject(person.id));
        Subject copy = stored;
        copy.id = 0;
        copy.person.identifiers.clear();
        copy.person.phones = {"+8613700000009"};
        CREDO_ASSIGN_OR_RETURN(SubjectId id, tx.InsertSubject(copy));
        copy.id = id;
        auto scored = comparer.Compare(copy, {stored});
        resolve::SubjectComparison pair = scored.at(0);
        pair.right_subject_id = id;
        CREDO_ASSIGN_OR_RETURN(int64_t item,
                               resolve::FileReviewItem(tx, pair, "grey zone", 1780000000));
        items_.push_back(item);
        copies_.push_back(id);
      }
      return Ok();
    }).ok());

    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.store = bureau_.Options();
    options.profile = LoadBuiltinProfile("cn").value();
    options.rate_limit = {0, 1};
    options.logger = std::make_shared<spdlog::logger>(
        "review", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    server_ = std::make_unique<Server>(std::move(options));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    bearer_["bank-a"] = bureau_.key("bank-a");
    const int64_t now = SystemClock().NowUnixSeconds();
    for (const char* user : {"analyst", "auditor", "data-ops", "admin"}) {
      nlohmann::json login = {{"user", user},
                              {"password", bureau_.user(user).password},
                              {"totp", bureau_.Totp(user, now)}};
      auto result = Client().Post("/v1/sessions", login.dump(), "application/json");
      ASSERT_TRUE(result && result->status == 201) << user;
      bearer_[user] = nlohmann::json::parse(result->body)["token"];
    }
  }
  void TearDown() override { server_.reset(); }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client;
  }
  Answer Call(const std::string& who, const std::string& method, const std::string& path,
              const std::string& body = "") {
    httplib::Headers headers;
    if (!who.empty()) headers.emplace("Authorization", "Bearer " + bearer_.at(who));
    auto client = Client();
    httplib::Result result = method == "GET" ? client.Get(path, headers)
                                             : client.Post(path, headers, body, "application/json");
    Answer answer;
    if (!result) {
      ADD_FAILURE() << method << " " << path << ": no answer";
      return answer;
    }
    answer.status = result->status;
    answer.text = result->body;
    answer.body = nlohmann::json::parse(result->body, nullptr, false);
    return answer;
  }
  SubjectId Surviving(SubjectId id) {
    SubjectId out = 0;
    EXPECT_TRUE(bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(out, tx.ResolveSubjectId(id));
      return Ok();
    }).ok());
    return out;
  }

  TestBureau bureau_;
  std::ostringstream log_;
  std::unique_ptr<Server> server_;
  std::map<std::string, std::string> bearer_;
  std::vector<int64_t> items_;
  std::vector<SubjectId> copies_;
};

TEST_F(ReviewRoutesTest, ListsOpenItemsWithPaging) {
  Answer all = Call("analyst", "GET", "/v1/review");
  ASSERT_EQ(all.status, 200) << all.text;
  ASSERT_EQ(all.body["items"].size(), 2u);
  const auto& first = all.body["items"][0];
  EXPECT_EQ(first["id"], items_[0]);
  EXPECT_EQ(first["left_subject_id"], bureau_.persons()[0].id);
  EXPECT_EQ(first["right_subject_id"], copies_[0]);
  EXPECT_EQ(first["status"], "open");
  EXPECT_EQ(first["reason"], "grey zone");
  EXPECT_EQ(first["created_at"], "2026-05-28T20:26:40Z");
  EXPECT_TRUE(first["probability"].is_number());
  EXPECT_TRUE(first["match_weight"].is_number());
  EXPECT_TRUE(all.body["next_after_id"].is_null());

  Answer page = Call("auditor", "GET", "/v1/review?limit=1");
  ASSERT_EQ(page.status, 200) << page.text;
  ASSERT_EQ(page.body["items"].size(), 1u);
  EXPECT_EQ(page.body["next_after_id"], items_[0]);
  Answer next = Call("auditor", "GET",
                     "/v1/review?limit=1&after_id=" + std::to_string(items_[0]));
  ASSERT_EQ(next.body["items"].size(), 1u);
  EXPECT_EQ(next.body["items"][0]["id"], items_[1]);
  Answer accepted = Call("auditor", "GET", "/v1/review?status=accepted");
  EXPECT_EQ(accepted.body["items"].size(), 0u);
}

TEST_F(ReviewRoutesTest, ShowsOneItemWithMaskedComparisons) {
  Answer item = Call("data-ops", "GET", "/v1/review/" + std::to_string(items_[0]));
  ASSERT_EQ(item.status, 200) << item.text;
  ASSERT_TRUE(item.body["comparisons"].is_array());
  EXPECT_EQ(item.body["comparisons"].size(), 10u);
  double total = item.body["prior_weight"].get<double>();
  for (const auto& field : item.body["comparisons"]) {
    EXPECT_TRUE(field.contains("level") && field.contains("label") && field.contains("weight"));
    total += field["weight"].get<double>();
    if (field["field"] == "phone") {
      EXPECT_EQ(field["left"].get<std::string>().find("13912345601"), std::string::npos);
    }
  }
  EXPECT_NEAR(total, item.body["match_weight"].get<double>(), 1e-6);
  EXPECT_EQ(item.text.find(bureau_.persons()[0].phone), std::string::npos);
}

TEST_F(ReviewRoutesTest, AcceptMergesAndASecondDecisionConflicts) {
  const std::string path = "/v1/review/" + std::to_string(items_[0]);
  Answer accepted = Call("analyst", "POST", path + "/accept", R"({"note":"same person"})");
  ASSERT_EQ(accepted.status, 200) << accepted.text;
  EXPECT_EQ(accepted.body["status"], "accepted");
  EXPECT_EQ(accepted.body["surviving_subject_id"], bureau_.persons()[0].id);
  EXPECT_EQ(accepted.body["merged_subject_id"], copies_[0]);
  EXPECT_EQ(accepted.body["note"], "same person");
  EXPECT_EQ(accepted.body["decided_by"], "api:operator:analyst");
  EXPECT_EQ(Surviving(copies_[0]), bureau_.persons()[0].id);

  Answer shown = Call("analyst", "GET", path);
  EXPECT_EQ(shown.body["status"], "accepted");
  EXPECT_EQ(shown.body["decided_by"], "api:operator:analyst");

  Answer again = Call("data-ops", "POST", path + "/reject", R"({"note":"no"})");
  EXPECT_EQ(again.status, 409) << again.text;
  Answer twice = Call("data-ops", "POST", path + "/accept");
  EXPECT_EQ(twice.status, 409) << twice.text;
}

TEST_F(ReviewRoutesTest, RejectKeepsThePairApart) {
  const std::string path = "/v1/review/" + std::to_string(items_[1]);
  Answer rejected = Call("data-ops", "POST", path + "/reject", "{}");
  ASSERT_EQ(rejected.status, 200) << rejected.text;
  EXPECT_EQ(rejected.body["status"], "rejected");
  EXPECT_EQ(Surviving(copies_[1]), copies_[1]);
  bool distinct = false;
  ASSERT_TRUE(bureau_.store().WithReadTransaction([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(distinct,
                           resolve::IsPairRejected(tx, bureau_.persons()[1].id, copies_[1]));
    return Ok();
  }).ok());
  EXPECT_TRUE(distinct);
  Answer listed = Call("analyst", "GET", "/v1/review?status=rejected");
  ASSERT_EQ(listed.body["items"].size(), 1u);
  Answer after = Call("analyst", "POST", path + "/accept");
  EXPECT_EQ(after.status, 409);
}

TEST_F(ReviewRoutesTest, RefusesUnknownItemsBadInputAndOtherRoles) {
  EXPECT_EQ(Call("analyst", "GET", "/v1/review/999999").status, 404);
  EXPECT_EQ(Call("analyst", "POST", "/v1/review/999999/accept", "{}").status, 404);
  EXPECT_EQ(Call("analyst", "GET", "/v1/review?status=maybe").status, 422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/review?limit=0").status, 422);
  EXPECT_EQ(Call("analyst", "GET", "/v1/review?colour=red").status, 422);
  const std::string accept = "/v1/review/" + std::to_string(items_[0]) + "/accept";
  EXPECT_EQ(Call("analyst", "POST", accept, R"({"note": 5})").status, 422);
  EXPECT_EQ(Call("analyst", "POST", accept, R"({"reason":"x"})").status, 422);
  EXPECT_EQ(Call("auditor", "POST", accept, "{}").status, 403);
  EXPECT_EQ(Call("admin", "GET", "/v1/review").status, 403);
  EXPECT_EQ(Call("bank-a", "GET", "/v1/review").status, 403);
  EXPECT_EQ(Call("", "GET", "/v1/review").status, 401);
  // Nothing was decided by the refused calls.
  Answer open = Call("analyst", "GET", "/v1/review");
  EXPECT_EQ(open.body["items"].size(), 2u);
}

}  // namespace
}  // namespace credo::api::testing
