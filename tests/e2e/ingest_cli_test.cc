// `credo ingest`, `credo batches`, `credo quarantine list|show|export` and `credo dq` run as an
// operator would: a card issuer's CSV through its mapping, the same file again, a file with a
// bad record, a malformed file, and the reports afterwards.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "run_shell.h"

namespace {

namespace fs = std::filesystem;

using e2e::RunResult;

RunResult RunCredo(const std::string& arguments) {
  return e2e::RunShell(std::string(CREDO_BINARY) + " " + arguments);
}

const std::string kCorpus = std::string(CREDO_SOURCE_DIR) + "/tests/ingest/data/pipeline/";

class IngestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (RunCredo("ingest --help").exit_code != 0) {
      GTEST_SKIP() << "the ingest command group is not registered in src/cli/main.cc yet";
    }
    dir_ = fs::temp_directory_path() / ("credo_e2e_ingest_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = "--db " + (dir_ / "bureau.db").string() + " ";
    RunResult init = RunCredo(db_ + "init");
    ASSERT_EQ(init.exit_code, 0) << init.out;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(IngestCliTest, HelpForEachCommand) {
  for (const char* command : {"ingest", "batches", "quarantine", "quarantine list",
                              "quarantine show", "quarantine export", "dq"}) {
    RunResult help = RunCredo(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << ": " << help.out;
  }
}

TEST_F(IngestCliTest, IngestReloadBatchesQuarantineAndDq) {
  std::string mapping = "--mapping " + kCorpus + "accounts_mapping.toml ";
  RunResult first = RunCredo(db_ + "ingest " + kCorpus + "good_accounts.csv --source card_issuer " +
                             mapping);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("batch 1 committed: 2 records, 2 accepted"), std::string::npos)
      << first.out;

  RunResult again = RunCredo(db_ + "ingest " + kCorpus + "good_accounts.csv --source card_issuer " +
                             mapping);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("already loaded as batch 1"), std::string::npos) << again.out;

  std::string month = Write("june.csv",
                            "acct_no,cust_name,id_no,status,open_dt,as_of,bal\n"
                            "C1,张伟,11010519491231002X,D1,15/01/2024,30/06/2026,1300.00\n"
                            "C2,李娜,110105198001010016,N,01/02/2023,30/06/2026,50.00\n"
                            "C3,王芳,110105198001010013,N,01/02/2023,30/06/2026,10.00\n");
  RunResult june = RunCredo(db_ + "ingest " + month + " --source card_issuer " + mapping);
  ASSERT_EQ(june.exit_code, 0) << june.out;
  EXPECT_NE(june.out.find("1 quarantined"), std::string::npos) << june.out;
  EXPECT_NE(june.out.find("progress: ") == std::string::npos ? 0 : 1, 2);  // plain lines, no \r
  EXPECT_EQ(june.out.find('\r'), std::string::npos);

  RunResult batches = RunCredo(db_ + "batches");
  ASSERT_EQ(batches.exit_code, 0) << batches.out;
  EXPECT_NE(batches.out.find("good_accounts.csv"), std::string::npos) << batches.out;
  EXPECT_NE(batches.out.find("june.csv"), std::string::npos) << batches.out;

  RunResult list = RunCredo(db_ + "quarantine list --batch 2");
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_NE(list.out.find("[IN-040]"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("**************0013"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("110105198001010013"), std::string::npos) << "identifier in clear";

  RunResult show = RunCredo(db_ + "quarantine show 1");
  ASSERT_EQ(show.exit_code, 0) << show.out;
  EXPECT_NE(show.out.find("Fix:"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("line:        4"), std::string::npos) << show.out;

  std::string csv = (dir_ / "rejects.csv").string();
  RunResult exported = RunCredo(db_ + "quarantine export --batch 2 --out " + csv);
  ASSERT_EQ(exported.exit_code, 0) << exported.out;
  std::ifstream in(csv);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().rfind("id,batch_id,source,line,byte_offset,field,rule,masked_value,message\n", 0),
            0u);
  EXPECT_NE(text.str().find("IN-040"), std::string::npos);

  RunResult dq = RunCredo(db_ + "dq 2");
  ASSERT_EQ(dq.exit_code, 0) << dq.out;
  EXPECT_NE(dq.out.find("records: 3  accepted: 2"), std::string::npos) << dq.out;
  EXPECT_NE(dq.out.find("drift since batch 1"), std::string::npos) << dq.out;
  EXPECT_NE(dq.out.find("IN-040: 1"), std::string::npos) << dq.out;

  RunResult missing = RunCredo(db_ + "dq 99");
  EXPECT_EQ(missing.exit_code, 3) << missing.out;
}

TEST_F(IngestCliTest, MalformedFileFailsWithItsCodeAndExitStatus) {
  RunResult quotes = RunCredo(db_ + "ingest " + kCorpus + "unbalanced_quotes.csv --source x " +
                              "--mapping " + kCorpus + "accounts_mapping.toml");
  EXPECT_EQ(quotes.exit_code, 2) << quotes.out;
  EXPECT_NE(quotes.out.find("[IN-902]"), std::string::npos) << quotes.out;
  RunResult mapping = RunCredo(db_ + "ingest " + kCorpus + "good_accounts.csv --source x " +
                               "--mapping " + kCorpus + "unknown_field_mapping.toml");
  EXPECT_EQ(mapping.exit_code, 2) << mapping.out;
  EXPECT_NE(mapping.out.find("[IN-901]"), std::string::npos) << mapping.out;
  RunResult comma = RunCredo(db_ + "ingest " + kCorpus + "good_accounts.csv --source x " +
                             "--mapping " + kCorpus + "fullwidth_comma_mapping.toml");
  EXPECT_EQ(comma.exit_code, 2) << comma.out;
  EXPECT_NE(comma.out.find("fullwidth_comma_mapping.toml:21:21"), std::string::npos) << comma.out;
  RunResult truncated = RunCredo(db_ + "ingest " + kCorpus + "truncated_record.dat --source x");
  EXPECT_EQ(truncated.exit_code, 2) << truncated.out;
  EXPECT_NE(truncated.out.find("[IN-904]"), std::string::npos) << truncated.out;
  RunResult batches = RunCredo(db_ + "batches");
  EXPECT_NE(batches.out.find("no batches yet"), std::string::npos) << batches.out;
}

TEST_F(IngestCliTest, RealMetro2SampleThroughTheBinary) {
  RunResult result = RunCredo(db_ + "--profile us ingest " + std::string(CREDO_SHARED_DIR) +
                              "/data/metro2/moov/test/testdata/packed_file.dat --source moov " +
                              "--format metro2 --max-reject-ratio 1");
  ASSERT_EQ(result.exit_code, 0) << result.out;
  EXPECT_NE(result.out.find("committed: 1 records"), std::string::npos) << result.out;
}

}  // namespace
