// `credo fraud rings`, `credo fraud check` and `credo fraud rules` as an operator runs them: a
// generated month of CN intake is ingested, the planted ring is found and saved, a ring member's
// application is checked (without and with --record), and bad rules files, bad application values
// and unknown subjects are refused with clear messages and nothing written.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "run_shell.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;

RunResult RunCredo(const std::string& arguments) {
  return e2e::RunShell(std::string(CREDO_BINARY) + " " + arguments);
}

class FraudCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("credo_e2e_fraud_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = "--db " + (dir_ / "bureau.db").string() + " ";
    RunResult init = RunCredo(db_ + "init");
    ASSERT_EQ(init.exit_code, 0) << init.out;
    const std::string intake = (dir_ / "intake").string();
    RunResult generated = RunCredo("generate --persons 1200 --companies 20 --seed 7 --months 1 --out " +
                                   intake);
    ASSERT_EQ(generated.exit_code, 0) << generated.out;
    for (const char* feed : {"card_issuer", "online_lender"}) {
      for (const auto& entry : fs::directory_iterator(fs::path(intake) / feed)) {
        RunResult ingested = RunCredo(db_ + "ingest " + entry.path().string() + " --source " +
                                      feed + " --mapping " + intake + "/mappings/" + feed + ".toml");
        ASSERT_EQ(ingested.exit_code, 0) << ingested.out;
      }
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // The number of applications the subject made in 30 days, from `fraud check`'s velocity line.
  static int64_t Applications(const std::string& subject) {
    RunResult check = RunCredo(db_ + "fraud check " + subject);
    std::smatch match;
    std::regex pattern("applications (\\d+)/(\\d+)/(\\d+)/(\\d+)");
    if (check.exit_code != 0 || !std::regex_search(check.out, match, pattern)) return -1;
    return std::stoll(match[4]);
  }

  static inline fs::path dir_;
  static inline std::string db_;
};

TEST_F(FraudCliTest, RingsCheckAndRecord) {
  RunResult dry = RunCredo(db_ + "fraud rings --dry-run");
  ASSERT_EQ(dry.exit_code, 0) << dry.out;
  EXPECT_NE(dry.out.find("not saved"), std::string::npos) << dry.out;
  RunResult rings = RunCredo(db_ + "fraud rings --degree-cap 10 --min-size 3");
  ASSERT_EQ(rings.exit_code, 0) << rings.out;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(rings.out, match,
                                std::regex("ring (\\d+): (\\d+) subjects, score (\\d+)")))
      << rings.out;
  const std::string ring_id = match[1];
  EXPECT_GE(std::stoi(match[2]), 3);
  EXPECT_NE(rings.out.find("phone"), std::string::npos) << rings.out;
  RunResult json = RunCredo(db_ + "fraud rings --json");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_NE(json.out.find("\"ring_id\":" + ring_id), std::string::npos) << json.out;

  // The ring's first member (its id) is checked: the ring shows, nothing is recorded. Its
  // members first appear in the data in 2025 (their accounts), so none is new today and the
  // ring scores its size alone, under the default ring_member threshold (50); a bureau that
  // flags rings of that size sets a lower threshold in its rules file.
  RunResult check = RunCredo(db_ + "fraud check " + ring_id +
                             " --institution lender_a --phone 13812345678 --device dev-9");
  ASSERT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("ring " + ring_id), std::string::npos) << check.out;
  EXPECT_EQ(check.out.find("ring_member"), std::string::npos) << check.out;
  const std::string rules = Write("ring_rules.toml", "[rules.ring_member]\nthreshold = 20\n");
  RunResult flagged = RunCredo(db_ + "fraud check " + ring_id +
                               " --institution lender_a --phone 13812345678 --device dev-9 "
                               "--rules " + rules);
  ASSERT_EQ(flagged.exit_code, 0) << flagged.out;
  EXPECT_NE(flagged.out.find("ring_member"), std::string::npos) << flagged.out;
  EXPECT_EQ(check.out.find("recorded"), std::string::npos) << check.out;
  EXPECT_EQ(Applications(ring_id), 0);

  RunResult recorded = RunCredo(db_ + "fraud check " + ring_id +
                                " --institution lender_a --device dev-9 --record");
  ASSERT_EQ(recorded.exit_code, 0) << recorded.out;
  EXPECT_NE(recorded.out.find("recorded application"), std::string::npos) << recorded.out;
  EXPECT_EQ(Applications(ring_id), 1);

  RunResult as_json = RunCredo(db_ + "fraud check " + ring_id + " --json");
  ASSERT_EQ(as_json.exit_code, 0) << as_json.out;
  EXPECT_NE(as_json.out.find("\"ring_id\":" + ring_id), std::string::npos) << as_json.out;

  RunResult audit = RunCredo(db_ + "audit verify");
  EXPECT_EQ(audit.exit_code, 0) << audit.out;
}

TEST_F(FraudCliTest, RulesPrintAndOverride) {
  RunResult rules = RunCredo(db_ + "fraud rules");
  ASSERT_EQ(rules.exit_code, 0) << rules.out;
  EXPECT_NE(rules.out.find("[rules.phone_applicants_1d]"), std::string::npos) << rules.out;
  EXPECT_NE(rules.out.find("degree_cap = 10"), std::string::npos) << rules.out;
  const std::string file = Write("mine.toml", "[ring]\ndegree_cap = 4\n[rules.ring_member]\nthreshold = 90\n");
  RunResult mine = RunCredo(db_ + "fraud rules --file " + file);
  ASSERT_EQ(mine.exit_code, 0) << mine.out;
  EXPECT_NE(mine.out.find("degree_cap = 4"), std::string::npos) << mine.out;
  EXPECT_NE(mine.out.find("threshold = 90"), std::string::npos) << mine.out;
}

TEST_F(FraudCliTest, BadInputIsRefusedAndNothingIsWritten) {
  RunResult rings = RunCredo(db_ + "fraud rings --json");
  ASSERT_EQ(rings.exit_code, 0) << rings.out;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(rings.out, match, std::regex("\"ring_id\":(\\d+)")));
  const std::string subject = match[1];
  const int64_t before = Applications(subject);
  ASSERT_GE(before, 0);

  const std::string unknown_rule = Write("unknown.toml", "# mine\n[rules.no_such_rule]\nthreshold = 1\n");
  RunResult unknown = RunCredo(db_ + "fraud check " + subject +
                               " --institution x --record --rules " + unknown_rule);
  EXPECT_EQ(unknown.exit_code, 2) << unknown.out;
  EXPECT_NE(unknown.out.find(unknown_rule + ":2: rules.no_such_rule"), std::string::npos)
      << unknown.out;
  EXPECT_NE(unknown.out.find("unknown rule"), std::string::npos) << unknown.out;

  const std::string negative = Write("negative.toml", "[rules.multi_lender_7d]\nthreshold = -2\n");
  RunResult refused = RunCredo(db_ + "fraud rules --file " + negative);
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find(negative + ":2: rules.multi_lender_7d.threshold"), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find(">= 0"), std::string::npos) << refused.out;
  RunResult negative_check = RunCredo(db_ + "fraud check " + subject +
                                      " --institution x --record --rules " + negative);
  EXPECT_EQ(negative_check.exit_code, 2) << negative_check.out;

  RunResult phone = RunCredo(db_ + "fraud check " + subject + " --institution x --phone 12345 --record");
  EXPECT_EQ(phone.exit_code, 2) << phone.out;
  EXPECT_NE(phone.out.find("application.phone"), std::string::npos) << phone.out;
  EXPECT_EQ(phone.out.find("12345 "), std::string::npos) << "value must be masked: " << phone.out;

  RunResult no_institution = RunCredo(db_ + "fraud check " + subject + " --device d --record");
  EXPECT_EQ(no_institution.exit_code, 2) << no_institution.out;
  EXPECT_NE(no_institution.out.find("--institution"), std::string::npos) << no_institution.out;

  RunResult birth = RunCredo(db_ + "fraud check " + subject + " --institution x --birth-date 1990-13-01");
  EXPECT_EQ(birth.exit_code, 2) << birth.out;

  RunResult missing = RunCredo(db_ + "fraud check 99999999 --institution x --record");
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
  RunResult not_a_number = RunCredo(db_ + "fraud check abc");
  EXPECT_EQ(not_a_number.exit_code, 2) << not_a_number.out;
  RunResult cap = RunCredo(db_ + "fraud rings --degree-cap 1");
  EXPECT_EQ(cap.exit_code, 2) << cap.out;
  RunResult no_file = RunCredo(db_ + "fraud rules --file " + (dir_ / "absent.toml").string());
  EXPECT_EQ(no_file.exit_code, 3) << no_file.out;

  EXPECT_EQ(Applications(subject), before) << "a refused command wrote an application";
}

}  // namespace
