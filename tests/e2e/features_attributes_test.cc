// `credo attributes SUBJECT [--as-of] [--json]`, `credo attributes export` and
// `credo attributes list` run as a user would, on a SQLite bureau filled through the library.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "features/format.h"
#include "file_builder.h"
#include "run_shell.h"

namespace credo::features {
namespace {

using testing::D;

using e2e::RunResult;

RunResult RunCredo(const std::string& arguments) {
  return e2e::RunShell(std::string(CREDO_BINARY) + " " + arguments);
}

class AttributesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (RunCredo("attributes --help").exit_code != 0) {
      GTEST_SKIP() << "the attributes command group is not registered in src/cli/main.cc yet";
    }
    person_ = testing::InsertPerson(bureau_.store(), "Zhao Lei");
    company_ = testing::InsertCompany(bureau_.store(), "Foxtrot Ltd", D("2018-04-01"));
    Status status = bureau_.store().WithTransaction([&](Transaction& txn) -> Status {
      Tradeline card = testing::MakeTradeline(AccountKind::kRevolving, "2019-05-01",
                                              "2024-05-31", "000100", 30000, 120000);
      card.subject_id = person_;
      CREDO_TRY(txn.UpsertTradeline(card, 0));
      Inquiry inquiry = testing::MakeInquiry("Bank", "2024-06-20");
      inquiry.subject_id = person_;
      CREDO_TRY(txn.InsertInquiry(inquiry));
      FinancialStatement fy;
      fy.subject_id = company_;
      fy.period_end = D("2023-12-31");
      fy.currency = Currency::Cny();
      fy.current_assets = 600;
      fy.current_liabilities = 400;
      fy.total_assets = 1000;
      fy.total_liabilities = 500;
      fy.equity = 500;
      CREDO_TRY(txn.UpsertFinancialStatement(fy));
      return Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
    global_ = "--db " + bureau_.path() + " --key-file " + bureau_.key_file() + " ";
  }

  testing::TempBureau bureau_;
  SubjectId person_ = 0;
  SubjectId company_ = 0;
  std::string global_;
};

TEST_F(AttributesCliTest, ShowsAPersonAsOfADateInJson) {
  RunResult run = RunCredo(global_ + "attributes " + std::to_string(person_) +
                      " --as-of 2024-06-15 --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["subject_id"], person_);
  EXPECT_EQ(json["kind"], "person");
  EXPECT_EQ(json["as_of"], "2024-06-15");
  EXPECT_EQ(json["attributes"]["tradelines_total"], 1);
  EXPECT_DOUBLE_EQ(json["attributes"]["revolving_utilization"].get<double>(), 0.25);
  EXPECT_EQ(json["attributes"]["times_30dpd_6m"], 1);
  EXPECT_EQ(json["attributes"]["inquiries_1m"], 0);  // the inquiry is dated after as_of
  EXPECT_TRUE(json["attributes"]["months_since_last_inquiry"].is_null());
  // The day of the inquiry, it counts.
  run = RunCredo(global_ + "attributes " + std::to_string(person_) + " --as-of 2024-06-20 --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(nlohmann::json::parse(run.out)["attributes"]["inquiries_1m"], 1);
}

TEST_F(AttributesCliTest, ShowsACompanyAsText) {
  RunResult run = RunCredo(global_ + "attributes " + std::to_string(company_) + " --as-of 2024-06-15");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("(organization) as of 2024-06-15"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("current_ratio"), std::string::npos);
  EXPECT_NE(run.out.find("1.5000"), std::string::npos);
}

TEST_F(AttributesCliTest, ExportsEverySubjectToCsv) {
  const std::string out = (bureau_.dir() / "attributes.csv").string();
  RunResult run = RunCredo(global_ + "attributes export --as-of 2024-06-15 --out " + out);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("exported 1 persons and 1 companies"), std::string::npos) << run.out;
  std::ifstream file(out);
  std::string header, line;
  std::getline(file, header);
  EXPECT_EQ(header.rfind("subject_id,subject_kind,as_of,tradelines_total,", 0), 0u);
  int rows = 0;
  while (std::getline(file, line)) ++rows;
  EXPECT_EQ(rows, 2);
}

TEST_F(AttributesCliTest, BadInputGetsAClearErrorAndExitCode) {
  RunResult run = RunCredo(global_ + "attributes 999 --as-of 2024-06-15");
  EXPECT_EQ(run.exit_code, 3) << run.out;  // not found
  EXPECT_NE(run.out.find("subject 999"), std::string::npos) << run.out;
  run = RunCredo(global_ + "attributes " + std::to_string(person_) + " --as-of 2024-02-30");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("--as-of 2024-02-30"), std::string::npos) << run.out;
  run = RunCredo(global_ + "attributes abc");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  run = RunCredo(global_ + "attributes export --as-of 2024-06-15 --out " +
            (bureau_.dir() / "x.csv").string() + " --kind planet");
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_FALSE(std::ifstream((bureau_.dir() / "x.csv").string()).good());
}

TEST_F(AttributesCliTest, ListPrintsTheDocumentedRegistry) {
  RunResult run = RunCredo("attributes list --markdown --kind company");
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, DefinitionsToMarkdown(SubjectKind::kOrganization));
}

}  // namespace
}  // namespace credo::features
