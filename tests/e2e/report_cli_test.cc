// `credo report`, `credo report fetch` and `credo report score` run as a user would, on a bureau
// generated with `credo generate` and loaded with `credo ingest`.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/store.h"
#include "run_shell.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;

// stdout alone when `merge_stderr` is false (stderr to /dev/null inside the group, so that
// RunShell's own 2>&1 does not bring it back).
RunResult RunCredo(const std::string& arguments, bool merge_stderr = true) {
  const std::string command = std::string(CREDO_BINARY) + " " + arguments;
  return e2e::RunShell(merge_stderr ? command : "{ " + command + " 2>/dev/null; }");
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// One bureau for the whole suite: generated, ingested, one subject with a consent.
class ReportCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("credo_e2e_report_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string("--db " + (*dir_ / "bureau.db").string() + " ");
    RunResult init = RunCredo(*db_ + "init");
    ASSERT_EQ(init.exit_code, 0) << init.out;
    const std::string in = (*dir_ / "in").string();
    RunResult generated = RunCredo("generate --persons 300 --companies 20 --seed 11 --months 1 --out " + in);
    ASSERT_EQ(generated.exit_code, 0) << generated.out;
    RunResult ingested = RunCredo(*db_ + "ingest " + in + "/bank_a/metro2_202601.dat --source bank_a");
    ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
    RunResult consent = RunCredo(*db_ + "consent add --subject 1 --institution BankA --purpose "
                                 "credit_application --reference REF-E2E-1 --from 2026-01-01");
    ASSERT_EQ(consent.exit_code, 0) << consent.out;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }

  //! Rows of a table, read through the store library (the bureau's key file).
  static int64_t Count(const std::string& table) {
    credo::StoreOptions options;
    options.location = (*dir_ / "bureau.db").string();
    auto store = credo::OpenStore(options);
    if (!store.ok()) return -1;
    int64_t count = -1;
    auto status = (*store)->WithReadTransaction([&](credo::Transaction& tx) -> credo::Status {
      auto rows = tx.Query("SELECT COUNT(*) FROM " + table);
      if (!rows.ok()) return rows.error();
      count = (*rows)[0][0].int_value;
      return credo::Ok();
    });
    return status.ok() ? count : -1;
  }

  static fs::path* dir_;
  static std::string* db_;
};

fs::path* ReportCliTest::dir_ = nullptr;
std::string* ReportCliTest::db_ = nullptr;

TEST_F(ReportCliTest, HelpForEachCommand) {
  for (const char* command : {"report", "report fetch", "report score"}) {
    RunResult help = RunCredo(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << ": " << help.out;
  }
}

TEST_F(ReportCliTest, IssueAsJsonHtmlAndPdfThenFetchAsIssued) {
  const std::string html = (*dir_ / "report.html").string();
  const std::string pdf = (*dir_ / "report.pdf").string();
  RunResult issued = RunCredo(*db_ + "report 1 --institution BankA --purpose credit_application "
                              "--consent REF-E2E-1 --lang en --json --html " + html + " --pdf " + pdf,
                              false);
  ASSERT_EQ(issued.exit_code, 0) << issued.out;
  auto document = nlohmann::ordered_json::parse(issued.out, nullptr, false);
  ASSERT_FALSE(document.is_discarded()) << issued.out;
  EXPECT_EQ(document["report"]["kind"], "person");
  EXPECT_EQ(document["header"]["institution"], "BankA");
  EXPECT_EQ(document["tradelines"]["status"], "ok") << document["tradelines"].dump();
  EXPECT_EQ(document["tradelines"]["accounts"][0]["payment_grid"].size(), 24u);
  const int64_t report_id = document["report"]["id"];

  EXPECT_NE(ReadFile(html).find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_EQ(ReadFile(pdf).substr(0, 5), "%PDF-");

  RunResult fetched = RunCredo(*db_ + "report fetch " + std::to_string(report_id) +
                               " --institution BankA --json", false);
  ASSERT_EQ(fetched.exit_code, 0) << fetched.out;
  EXPECT_EQ(fetched.out, issued.out);

  RunResult other = RunCredo(*db_ + "report fetch " + std::to_string(report_id) +
                             " --institution BankC --json");
  EXPECT_EQ(other.exit_code, 4) << other.out;
  EXPECT_NE(other.out.find("report.other_institution"), std::string::npos) << other.out;

  RunResult summary = RunCredo(*db_ + "report 1 --institution BankA --purpose credit_application");
  ASSERT_EQ(summary.exit_code, 0) << summary.out;
  EXPECT_NE(summary.out.find("tradelines: ok"), std::string::npos) << summary.out;
}

TEST_F(ReportCliTest, RefusalWithoutConsentLeavesOnlyTheRefusalRecord) {
  // Make sure the report table exists, then count.
  ASSERT_EQ(RunCredo(*db_ + "report 1 --institution BankA --purpose credit_application").exit_code, 0);
  const int64_t reports = Count("report_issued");
  const int64_t inquiries = Count("inquiries");
  const int64_t query_log = Count("compliance_query_log");
  const int64_t refusals = Count("compliance_refusals");
  RunResult refused = RunCredo(*db_ + "report 1 --institution BankC --purpose credit_application --json");
  EXPECT_EQ(refused.exit_code, 4) << refused.out;
  EXPECT_NE(refused.out.find("consent"), std::string::npos) << refused.out;
  EXPECT_EQ(refused.out.find("{"), std::string::npos) << "a refused report printed JSON";
  EXPECT_EQ(Count("report_issued"), reports);
  EXPECT_EQ(Count("inquiries"), inquiries);
  EXPECT_EQ(Count("compliance_query_log"), query_log);
  EXPECT_EQ(Count("compliance_refusals"), refusals + 1);

  RunResult purpose = RunCredo(*db_ + "report 1 --institution BankA --purpose marketing");
  EXPECT_EQ(purpose.exit_code, 4) << purpose.out;
  RunResult unknown = RunCredo(*db_ + "report 99999 --institution BankA --purpose credit_application");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.out;
  RunResult bad_lang = RunCredo(*db_ + "report 1 --institution BankA --purpose credit_application --lang fr");
  EXPECT_EQ(bad_lang.exit_code, 2) << bad_lang.out;
  RunResult missing = RunCredo(*db_ + "report 1 --purpose credit_application");
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
}

TEST_F(ReportCliTest, ScoreOnlyThroughTheSameGate) {
  RunResult score = RunCredo(*db_ + "report score 1 --institution BankA --purpose credit_application", false);
  ASSERT_EQ(score.exit_code, 0) << score.out;
  auto json = nlohmann::json::parse(score.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << score.out;
  EXPECT_GT(json["inquiry_id"].get<int64_t>(), 0);
  EXPECT_TRUE(json.contains("available"));
  RunResult refused = RunCredo(*db_ + "report score 1 --institution BankC --purpose credit_application");
  EXPECT_EQ(refused.exit_code, 4) << refused.out;
}

// 征信业管理条例 第17条: the subject's two free self-queries of the year, then a paid one that names
// its receipt; refusals leave the query log as it was.
TEST_F(ReportCliTest, SelfQueriesBeyondTheFreeOnesArePaid) {
  const std::string self = *db_ + "report 2 --institution self --purpose self_query --viewer subject";
  ASSERT_EQ(RunCredo(self).exit_code, 0);
  ASSERT_EQ(RunCredo(self).exit_code, 0);
  const int64_t query_log = Count("compliance_query_log");
  RunResult third = RunCredo(self);
  EXPECT_EQ(third.exit_code, 4) << third.out;
  EXPECT_NE(third.out.find("self_query.free_limit"), std::string::npos) << third.out;
  EXPECT_NE(third.out.find("paid self-query"), std::string::npos) << third.out;
  RunResult unpaid = RunCredo(self + " --right paid");
  EXPECT_EQ(unpaid.exit_code, 4) << unpaid.out;
  EXPECT_NE(unpaid.out.find("self_query.payment_reference_required"), std::string::npos);
  RunResult bad_right = RunCredo(self + " --right gratis");
  EXPECT_EQ(bad_right.exit_code, 2) << bad_right.out;
  RunResult bad_date = RunCredo(self + " --right adverse_action --right-reference BankA "
                                       "--notice-on 2026-02-30");
  EXPECT_EQ(bad_date.exit_code, 2) << bad_date.out;
  EXPECT_EQ(Count("compliance_query_log"), query_log);
  RunResult paid = RunCredo(self + " --right paid --right-reference RCPT-2026-0042");
  ASSERT_EQ(paid.exit_code, 0) << paid.out;
  EXPECT_EQ(Count("compliance_query_log"), query_log + 1);
}

}  // namespace
