// The compliance story as a user runs it: a furnisher's accounts are on file; the subject consents;
// a bank reads the file through the gate (an inquiry is recorded); the subject disputes a late
// month, which every later read shows as disputed (XB); the furnisher corrects it; the negative
// months whose 5 years have passed are purged; the compliance report and the subject's export
// show all of it. Each refusal met on the way exits non-zero with its rule and changes nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/date.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class ComplianceStoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device device;
    dir_ = fs::temp_directory_path() / ("credo_e2e_compliance_" + std::to_string(getpid()) + "_" +
                                        std::to_string(device() % 1000000));
    fs::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  CliRun Credo(const std::vector<std::string>& args) {
    std::string command = Quote(CREDO_BINARY) + " --db " + Quote(db_) + " --profile cn";
    for (const auto& a : args) command += " " + Quote(a);
    command += " >" + Quote((dir_ / "out").string()) + " 2>" + Quote((dir_ / "err").string());
    int status = std::system(command.c_str());
    CliRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = Slurp(dir_ / "out");
    run.err = Slurp(dir_ / "err");
    return run;
  }

  // The furnisher's accounts (loaded by ingest in production; written through the store here).
  void SeedAccounts(credo::SubjectId subject, credo::Date recent_report) {
    credo::StoreOptions options;
    options.location = db_;
    options.key_file = db_ + ".keys";
    auto store = credo::OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    auto make = [&](const std::string& account, credo::Date reported, const std::string& codes) {
      credo::Tradeline t;
      t.key = {"First Test Bank", account, ""};
      t.subject_id = subject;
      t.kind = credo::AccountKind::kRevolving;
      t.metro2_account_type = "18";
      t.status = credo::AccountStatus::kCurrent;
      t.opened_on = credo::Date::FromYmd(2015, 1, 15).value();
      t.reported_on = reported;
      t.credit_limit = {1000000, credo::Currency::Cny()};
      t.balance = {250000, credo::Currency::Cny()};
      t.history = credo::PaymentHistory::FromCodes(reported, codes).value();
      return t;
    };
    auto status = (*store)->WithTransaction([&](credo::Transaction& tx) -> credo::Status {
      // Account 1: late in 2018-02..04, current again from 2018-05: due for deletion 2023-05-01.
      CREDO_TRY(tx.UpsertTradeline(make("OLD-1", credo::Date::FromYmd(2018, 6, 30).value(), "00111000"), 0));
      // Account 2: one late month two months ago.
      CREDO_TRY(tx.UpsertTradeline(make("NEW-2", recent_report, "0100"), 0));
      return credo::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(ComplianceStoryTest, ConsentInquiryDisputeCorrectionPurge) {
  CliRun help = Credo({"consent", "--help"});
  if (help.exit_code != 0) GTEST_SKIP() << "main.cc does not register the compliance commands yet";

  ASSERT_EQ(Credo({"init"}).exit_code, 0);
  CliRun added = Credo({"subject", "add", "--name", "张伟", "--id", "cn_resident_id=11010519491231002X",
                     "--birth-date", "1949-12-31"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  credo::Date today = credo::SystemClock().Today();
  credo::Date this_month = credo::Date::FromYmd(today.year(), today.month(), 1).value();
  credo::Date last_report = this_month.AddDays(-1);
  std::string late_month = this_month.AddMonths(-2).ToIso().substr(0, 7);  // the 1 in "0100"
  SeedAccounts(1, last_report);

  // Consent, then a read through the gate: recorded as a hard inquiry.
  CliRun consent = Credo({"consent", "add", "--subject", "1", "--institution", "Bank A", "--purpose",
                       "credit_application", "--reference", "REF-2026-1", "--from", "2020-01-01"});
  ASSERT_EQ(consent.exit_code, 0) << consent.err;
  CliRun read = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank A", "--staff",
                    "officer.7", "--purpose", "credit_application"});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_NE(read.out.find("\"inquiry_kind\": \"hard\""), std::string::npos);
  EXPECT_NE(read.out.find("\"institution\": \"Bank A\""), std::string::npos);

  // Refusals: a purpose not in the profile, a consent for another institution.
  CliRun marketing = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank A", "--staff",
                         "officer.7", "--purpose", "marketing"});
  EXPECT_EQ(marketing.exit_code, 4);
  EXPECT_NE(marketing.err.find("purpose.unknown"), std::string::npos);
  CliRun other = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank B", "--staff",
                     "x", "--purpose", "credit_application", "--consent", "REF-2026-1"});
  EXPECT_EQ(other.exit_code, 4);
  EXPECT_NE(other.err.find("consent.other_institution"), std::string::npos);

  // The subject disputes the late month: every later read shows it disputed (XB).
  CliRun opened = Credo({"disputes", "open", "--subject", "1", "--item", "tradeline:2:" + late_month,
                      "--reason", "I paid on time", "--statement", "The bank posted my payment late."});
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find("XB"), std::string::npos);
  CliRun during = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank A", "--staff",
                      "officer.7", "--purpose", "credit_application"});
  ASSERT_EQ(during.exit_code, 0);
  EXPECT_NE(during.out.find("\"compliance_condition\": \"XB\", \"disputed\": true"), std::string::npos);
  EXPECT_NE(during.out.find("The bank posted my payment late."), std::string::npos);
  CliRun missing = Credo({"disputes", "open", "--subject", "1", "--item", "tradeline:99", "--reason", "x"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("dispute.item_unknown"), std::string::npos);

  // The furnisher corrects it.
  CliRun list = Credo({"disputes", "list", "--open"});
  EXPECT_NE(list.out.find("1 dispute(s)"), std::string::npos);
  CliRun corrected = Credo({"disputes", "resolve", "1", "--outcome", "corrected", "--month-status", "0",
                         "--note", "posting error"});
  ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
  CliRun after = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank A", "--staff",
                     "officer.7", "--purpose", "credit_application"});
  EXPECT_NE(after.out.find("\"payment_history\": \"0000\""), std::string::npos) << after.out;
  CliRun show = Credo({"disputes", "show", "1"});
  EXPECT_NE(show.out.find("corrected"), std::string::npos);

  // Purge: the 2018 late months are past their 5 years; a future date is refused.
  CliRun future = Credo({"purge", "--as-of", "2999-01-01"});
  EXPECT_EQ(future.exit_code, 2);
  EXPECT_NE(future.err.find("purge.future_date"), std::string::npos);
  CliRun purged = Credo({"purge"});
  ASSERT_EQ(purged.exit_code, 0) << purged.err;
  EXPECT_NE(purged.out.find("3 purged, 0 kept report(s) deleted"), std::string::npos) << purged.out;
  CliRun gone = Credo({"disputes", "open", "--subject", "1", "--item", "tradeline:1:2018-03", "--reason", "old"});
  EXPECT_NE(gone.exit_code, 0);
  EXPECT_NE(gone.err.find("dispute.item_purged"), std::string::npos);
  CliRun final_read = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank A", "--staff",
                          "officer.7", "--purpose", "credit_application"});
  EXPECT_EQ(final_read.out.find("111"), std::string::npos) << final_read.out;

  // What the auditor and the subject see.
  CliRun report = Credo({"compliance", "report", "--from", "2020-01-01", "--to", today.ToIso(),
                      "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"without_valid_consent\": 0"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("\"purpose.unknown\": 1"), std::string::npos);
  EXPECT_NE(report.out.find("\"intact\": true"), std::string::npos);
  CliRun exported = Credo({"subject", "export", "1"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("\"queries\""), std::string::npos);
  EXPECT_NE(exported.out.find("Bank A"), std::string::npos);
  EXPECT_NE(exported.out.find("retention_expired"), std::string::npos);
  CliRun deid = Credo({"export", "--deidentify", "--role", "analyst", "--out", (dir_ / "d.jsonl").string()});
  EXPECT_EQ(deid.exit_code, 4);
  CliRun consents = Credo({"consent", "withdraw", "1"});
  EXPECT_EQ(consents.exit_code, 0);
  CliRun refused = Credo({"compliance", "read", "--subject", "1", "--institution", "Bank A", "--staff",
                       "officer.7", "--purpose", "credit_application"});
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_NE(refused.err.find("consent.withdrawn"), std::string::npos);
}

}  // namespace
