// The portfolio and decision routes over a real socket against a real bureau: answers from the
// stored snapshot (refreshed when the data changes), the migration matrix, vintages, the PDF
// (text extracted with pdftotext, pages counted with pdftoppm), the decision view of a subject,
// and the bad inputs: 422 naming the field, 404 for an unknown subject, 403 for a role without
// the permission, and 409 naming the file, line and attribute when a decision rule file (read
// from the server's decision_config_dir on each request) names an unknown attribute.
#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "api/server/server.h"
#include "server_test_bureau.h"

namespace credo::api {
namespace {

using nlohmann::json;
using testing::TestBureau;

std::string RunTool(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  pclose(pipe);
  return output;
}

Date D(const char* iso) { return Date::ParseIso(iso).value(); }

class PortfolioRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bureau_ = new TestBureau();
    AddData();
    // The decision rules from a folder of the test's own, copied from the built-in ones: the
    // server reads them on each request, so a test may break one and mend it again.
    rules_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                       ("credo_rules_" + std::to_string(getpid())));
    std::filesystem::create_directories(*rules_);
    for (const char* file : {"tiers_person.toml", "tiers_company.toml", "actions.toml",
                             "decision.toml"}) {
      std::filesystem::copy_file(std::filesystem::path(CREDO_SOURCE_DIR) / "src/decision/config" /
                                     file,
                                 *rules_ / file,
                                 std::filesystem::copy_options::overwrite_existing);
    }
    ServerOptions options;
    options.decision_config_dir = rules_->string();
    options.port = 0;
    options.threads = 4;
    options.store = bureau_->Options();
    options.profile = LoadBuiltinProfile("cn").value();
    options.rate_limit = {0, 1};
    log_ = new std::ostringstream();
    options.logger = std::make_shared<spdlog::logger>(
        "portfolio", std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_));
    server_ = new Server(std::move(options));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    int64_t now = SystemClock().NowUnixSeconds();
    for (const auto& [label, user] : std::map<std::string, std::string>{
             {"analyst", "analyst"}, {"auditor", "auditor"}, {"data_operations", "data-ops"}}) {
      json login = {{"user", user},
                    {"password", bureau_->user(user).password},
                    {"totp", bureau_->Totp(user, now)}};
      auto result = Client().Post("/v1/sessions", login.dump(), "application/json");
      ASSERT_TRUE(result);
      ASSERT_EQ(result->status, 201) << result->body;
      bearer_[label] = json::parse(result->body)["token"];
    }
    bearer_["institution"] = bureau_->key("bank-a");
  }
  static void TearDownTestSuite() {
    delete server_;
    std::error_code ignored;
    std::filesystem::remove_all(*rules_, ignored);
    delete rules_;
    delete bureau_;
    delete log_;
  }

  // Two persons with one CNY card each (one 90 days late), scored twice.
  static void AddData() {
    const auto& persons = bureau_->persons();
    Status status = bureau_->store().WithTransaction([&](Transaction& tx) -> Status {
      for (size_t i = 0; i < persons.size(); ++i) {
        Tradeline t;
        t.key = {"bank-x", "CARD-" + std::to_string(i), ""};
        t.subject_id = persons[i].id;
        t.kind = AccountKind::kRevolving;
        t.status = i == 0 ? AccountStatus::kCurrent : AccountStatus::kPastDue90;
        t.opened_on = D("2025-11-01");
        t.reported_on = D("2026-02-28");
        t.balance = {i == 0 ? 120000 : 80000, Currency::Cny()};
        t.credit_limit = {500000, Currency::Cny()};
        t.high_credit = t.credit_limit;
        t.past_due = {0, Currency::Cny()};
        t.scheduled_payment = t.past_due;
        t.actual_payment = t.past_due;
        t.history =
            PaymentHistory::FromCodes(D("2026-02-28"), i == 0 ? "0000" : "3210").value();
        CREDO_TRY(tx.UpsertTradeline(t, 0));
        for (const char* as_of : {"2026-01-31", "2026-02-28"}) {
          // The score history as model::RecordScore writes it (the model module's header pulls
          // in Eigen, which must not share a translation unit with httplib).
          const int score = i == 0 ? 720 : (std::string(as_of) == "2026-01-31" ? 650 : 560);
          const double pd = i == 0 ? 0.0005 : (score == 650 ? 0.02 : 0.2);
          const SqlValue row[] = {SqlValue::Int(persons[i].id), SqlValue::Text("person_score"),
                                  SqlValue::Text("m1"), SqlValue::Int(D(as_of).days_since_epoch()),
                                  SqlValue::Int(score), SqlValue::Int(300), SqlValue::Int(850),
                                  SqlValue::Real(pd), SqlValue::Text(""), SqlValue::Text("[]"),
                                  SqlValue::Int(1767225600)};
          CREDO_TRY(tx.Execute(
              "INSERT INTO model_scores (subject_id, product, model_id, as_of, score, score_min, "
              "score_max, pd, grade, reasons, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              row));
        }
      }
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  static httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(60, 0);
    return client;
  }
  static httplib::Result Get(const std::string& who, const std::string& path) {
    httplib::Headers headers{{"Authorization", "Bearer " + bearer_.at(who)}};
    return Client().Get(path, headers);
  }
  static httplib::Result Post(const std::string& who, const std::string& path, const json& body) {
    httplib::Headers headers{{"Authorization", "Bearer " + bearer_.at(who)}};
    return Client().Post(path, headers, body.dump(), "application/json");
  }
  static void Expect422(const httplib::Result& result, const std::string& field) {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 422) << result->body;
    EXPECT_NE(result->body.find(field), std::string::npos) << result->body;
  }

  static TestBureau* bureau_;
  static std::filesystem::path* rules_;
  static Server* server_;
  static std::ostringstream* log_;
  static std::map<std::string, std::string> bearer_;
};

TestBureau* PortfolioRoutesTest::bureau_ = nullptr;
std::filesystem::path* PortfolioRoutesTest::rules_ = nullptr;
Server* PortfolioRoutesTest::server_ = nullptr;
std::ostringstream* PortfolioRoutesTest::log_ = nullptr;
std::map<std::string, std::string> PortfolioRoutesTest::bearer_;

TEST_F(PortfolioRoutesTest, OverviewFromTheSnapshotUntilTheDataChanges) {
  auto first = Get("analyst", "/v1/portfolio/overview?as_of=2026-02-28");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  json overview = json::parse(first->body);
  EXPECT_EQ(overview["as_of"], "2026-02-28");
  EXPECT_EQ(overview["currency"], "CNY");
  EXPECT_EQ(overview["subjects"]["persons"], 2);
  EXPECT_EQ(overview["balance_minor"], 200000);
  EXPECT_EQ(overview["delinquency"][0]["bucket"], "current");
  EXPECT_EQ(overview["delinquency"][0]["accounts"], 1);
  EXPECT_EQ(overview["delinquency"][3]["bucket"], "90");
  EXPECT_EQ(overview["delinquency"][3]["balance_minor"], 80000);
  EXPECT_DOUBLE_EQ(overview["delinquency"][3]["rate"].get<double>(), 0.5);
  EXPECT_TRUE(overview["concentration"]["region"].is_array());
  EXPECT_TRUE(overview["alerts"].contains("open"));
  EXPECT_EQ(overview["snapshot"]["refreshed"], true);
  const int64_t computed_at = overview["computed_at"];

  auto second = Get("auditor", "/v1/portfolio/overview?as_of=2026-02-28");
  ASSERT_EQ(second->status, 200) << second->body;
  json again = json::parse(second->body);
  EXPECT_EQ(again["snapshot"]["refreshed"], false);
  EXPECT_EQ(again["computed_at"], computed_at);

  // A new batch makes the snapshot older than the data: the next call refreshes it.
  auto batch = Client().Post(
      "/v1/batches?source=furnisher-p&format=jsonl",
      httplib::Headers{{"Authorization", "Bearer " + bearer_.at("data_operations")}},
      testing::AccountLine(bureau_->persons()[0], "ACC-P1"), "application/x-ndjson");
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->status, 201) << batch->body;
  auto third = Get("analyst", "/v1/portfolio/overview?as_of=2026-02-28");
  ASSERT_EQ(third->status, 200);
  EXPECT_EQ(json::parse(third->body)["snapshot"]["refreshed"], true);
  // ... with the same figures as of that date (the batch reports May 2026).
  EXPECT_EQ(json::parse(third->body)["delinquency"], overview["delinquency"]);
}

TEST_F(PortfolioRoutesTest, MigrationAndVintages) {
  auto migration = Get("analyst", "/v1/portfolio/migration?from=2026-01-31&to=2026-02-28");
  ASSERT_EQ(migration->status, 200) << migration->body;
  json m = json::parse(migration->body);
  EXPECT_EQ(m["product"], "person_score");
  EXPECT_EQ(m["subjects"], 2);
  EXPECT_EQ(m["downgraded"], 1);  // BBB- -> B-
  EXPECT_EQ(m["unchanged"], 1);   // AAA
  EXPECT_EQ(m["matrix"].size(), m["grades"].size());
  EXPECT_FALSE(m["snapshot"].is_null());

  auto vintages = Get("data_operations", "/v1/portfolio/vintages?as_of=2026-02-28");
  ASSERT_EQ(vintages->status, 200) << vintages->body;
  json v = json::parse(vintages->body);
  ASSERT_EQ(v["cohorts"].size(), 1u);
  EXPECT_EQ(v["cohorts"][0]["cohort"], "2025-11");
  EXPECT_EQ(v["cohorts"][0]["accounts"], 2);
  EXPECT_DOUBLE_EQ(v["cohorts"][0]["points"][3]["cumulative_bad_rate"].get<double>(), 0.5);
  EXPECT_TRUE(v.contains("computed_at"));
}

TEST_F(PortfolioRoutesTest, OverviewPdfHasTheFiguresOnAtMostTwoPages) {
  for (const std::string lang : {"en", "zh"}) {
    auto pdf = Get("analyst", "/v1/portfolio/overview.pdf?as_of=2026-02-28&lang=" + lang);
    ASSERT_TRUE(pdf);
    ASSERT_EQ(pdf->status, 200) << pdf->body;
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    ASSERT_EQ(pdf->body.substr(0, 5), "%PDF-");
    const std::string path = bureau_->dir() + "/overview_" + lang + ".pdf";
    std::ofstream(path, std::ios::binary) << pdf->body;
    const std::string text = RunTool("pdftotext -layout " + path + " -");
    EXPECT_NE(text.find(lang == "en" ? "Portfolio overview" : "资产组合总览"), std::string::npos)
        << text;
    EXPECT_NE(text.find("2026-02-28"), std::string::npos) << text;
    EXPECT_NE(text.find("2,000.00"), std::string::npos) << text;  // the balance
    const std::string prefix = bureau_->dir() + "/page_" + lang;
    RunTool("pdftoppm -png -r 30 " + path + " " + prefix);
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(bureau_->dir())) {
      if (entry.path().filename().string().rfind("page_" + lang, 0) == 0) ++pages;
    }
    EXPECT_GE(pages, 1);
    EXPECT_LE(pages, 2);
  }
}

TEST_F(PortfolioRoutesTest, BadInputIs422NamingTheField) {
  Expect422(Get("analyst", "/v1/portfolio/overview?as_of=2026-02-30"), "as_of");
  Expect422(Get("analyst", "/v1/portfolio/overview?when=today"), "when");
  Expect422(Get("analyst", "/v1/portfolio/migration?to=2026-02-28"), "from");
  Expect422(Get("analyst", "/v1/portfolio/migration?from=2026-02-28&to=2026-01-31"), "to");
  Expect422(Get("analyst", "/v1/portfolio/vintages?as_of=yesterday"), "as_of");
  Expect422(Get("analyst", "/v1/portfolio/overview.pdf?lang=fr"), "lang");
  Expect422(Get("analyst", "/v1/decision/segments?kind=robot"), "kind");
  Expect422(Get("analyst", "/v1/decision/attrition?top=0"), "top");
  Expect422(Get("analyst", "/v1/decision/subjects/1?as_of=never"), "as_of");
  Expect422(Post("analyst", "/v1/decision/scf", json{{"core_enterprise_id", 1}}),
            "core_limit_remaining_minor");
  json bad_receivable = {{"core_enterprise_id", 1},
                         {"core_limit_remaining_minor", 100000},
                         {"core_grade", "A"},
                         {"receivables",
                          {{{"supplier_id", 2},
                            {"invoice_id", "INV-1"},
                            {"amount_minor", 5000},
                            {"due_date", "2026-13-01"},
                            {"confirmed", true}}}}};
  Expect422(Post("analyst", "/v1/decision/scf", bad_receivable), "receivables[0].due_date");
}

TEST_F(PortfolioRoutesTest, ARuleFileWithAnUnknownAttributeIs409NamingFileLineAndAttribute) {
  const std::filesystem::path file = *rules_ / "tiers_person.toml";
  std::string text;
  {
    std::ifstream in(file);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  ASSERT_EQ(Get("analyst", "/v1/decision/segments?kind=person")->status, 200);
  std::string broken = text;
  const std::string good = "attribute = \"times_30dpd_12m\"";
  ASSERT_NE(broken.find(good), std::string::npos);
  broken.replace(broken.find(good), good.size(), "attribute = \"times_30dpd_13m\"");
  std::ofstream(file, std::ios::trunc) << broken;

  const std::vector<std::string> paths = {
      "/v1/decision/segments?kind=person",
      "/v1/decision/subjects/" + std::to_string(bureau_->persons()[1].id)};
  for (const std::string& path : paths) {
    auto answer = Get("analyst", path);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 409) << path << ": " << answer->body;
    const std::string message = json::parse(answer->body)["error"]["message"];
    EXPECT_NE(message.find("tiers_person.toml:16:"), std::string::npos) << message;
    EXPECT_NE(message.find("unknown attribute \"times_30dpd_13m\""), std::string::npos) << message;
    EXPECT_NE(message.find("times_30dpd_12m"), std::string::npos) << message;  // the known ones
    EXPECT_EQ(message.find(rules_->string()), std::string::npos) << "no server folder: " << message;
  }

  std::ofstream(file, std::ios::trunc) << text;  // mended: read again on the next request
  EXPECT_EQ(Get("analyst", "/v1/decision/segments?kind=person")->status, 200);
}

TEST_F(PortfolioRoutesTest, UnknownSubjectIs404AndRolesAreChecked) {
  auto unknown = Get("analyst", "/v1/decision/subjects/987654");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404) << unknown->body;
  json scf = {{"core_enterprise_id", 987654},
              {"core_limit_remaining_minor", 100000},
              {"core_grade", "A"},
              {"receivables", json::array()}};
  EXPECT_EQ(Post("analyst", "/v1/decision/scf", scf)->status, 404);
  EXPECT_EQ(Get("institution", "/v1/portfolio/overview")->status, 403);
  EXPECT_EQ(Get("auditor", "/v1/decision/subjects/1")->status, 403);
  // An institution reads a subject only through the read gate (purpose, consent, query
  // record); these routes answer any subject's PD and balances without one.
  const std::string person = std::to_string(bureau_->persons()[1].id);
  for (const std::string& path : {"/v1/decision/subjects/" + person,
                                  std::string("/v1/decision/segments?kind=person"),
                                  std::string("/v1/decision/attrition?top=5")}) {
    EXPECT_EQ(Get("institution", path)->status, 403) << path;
  }
  EXPECT_EQ(Post("institution", "/v1/decision/scf", scf)->status, 403);
}

TEST_F(PortfolioRoutesTest, DecisionViewOfASubject) {
  const SubjectId id = bureau_->persons()[1].id;
  auto answer = Get("analyst", "/v1/decision/subjects/" + std::to_string(id) +
                                   "?as_of=2026-02-28&income=30000000");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  json view = json::parse(answer->body);
  EXPECT_EQ(view["kind"], "person");
  EXPECT_EQ(view["currency"], "CNY");
  EXPECT_DOUBLE_EQ(view["pd"].get<double>(), 0.2);
  EXPECT_FALSE(view["tier"]["tier"].get<std::string>().empty());
  EXPECT_EQ(view["value"]["balance_minor"], 80000);
  // Money is whole minor units, never a fraction of one.
  EXPECT_TRUE(view["value"]["annual_revenue_minor"].is_number_integer()) << view["value"];
  EXPECT_TRUE(view["value"]["annual_margin_minor"].is_number_integer()) << view["value"];
  EXPECT_TRUE(view["clv"]["amount_minor"].is_number_integer()) << view["clv"];
  EXPECT_TRUE(view["attrition"].contains("probability"));
  EXPECT_TRUE(view["actions"].is_array());
  EXPECT_EQ(view["limit"]["currency"], "CNY");
  ASSERT_FALSE(view["limit"]["amount_minor"].is_null()) << view["limit"];
  EXPECT_FALSE(view["limit"]["formula"].empty());
  // Without an income, a person's limit says what is missing.
  auto no_income = Get("analyst", "/v1/decision/subjects/" + std::to_string(id) +
                                      "?as_of=2026-02-28");
  ASSERT_EQ(no_income->status, 200);
  EXPECT_TRUE(json::parse(no_income->body)["limit"]["amount_minor"].is_null());
  EXPECT_NE(json::parse(no_income->body)["limit"]["unavailable"].get<std::string>().find("income"),
            std::string::npos);

  // Supply-chain finance with the core's grade given: the supplier has no rating (unrated cap).
  json scf = {{"core_enterprise_id", bureau_->persons()[0].id},
              {"core_limit_remaining_minor", 100000000},
              {"core_grade", "A"},
              {"as_of", "2026-02-28"},
              {"receivables",
               {{{"supplier_id", id},
                 {"invoice_id", "INV-1"},
                 {"amount_minor", 1000000},
                 {"due_date", "2026-04-30"},
                 {"confirmed", true}},
                {{"supplier_id", id},
                 {"invoice_id", "INV-2"},
                 {"amount_minor", 500000},
                 {"due_date", "2026-04-30"},
                 {"confirmed", false}}}}};
  auto limits = Post("analyst", "/v1/decision/scf", scf);
  ASSERT_EQ(limits->status, 200) << limits->body;
  json result = json::parse(limits->body);
  ASSERT_EQ(result["suppliers"].size(), 1u);
  EXPECT_EQ(result["suppliers"][0]["subject_id"], id);
  EXPECT_EQ(result["suppliers"][0]["eligible_minor"], 1000000);
  EXPECT_EQ(result["suppliers"][0]["ineligible_minor"], 500000);
  EXPECT_GT(result["suppliers"][0]["limit_minor"].get<int64_t>(), 0);
}

}  // namespace
}  // namespace credo::api
