// `credo generate` through the binary, as a user runs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code = -1;
  std::string output;
};

CommandRun RunCredo(const std::string& arguments) {
  CommandRun run;
  std::string command = std::string(CREDO_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), read);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

class GenerateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (RunCredo("--help").output.find("generate") == std::string::npos) {
      GTEST_SKIP() << "the generate command is not registered in src/cli/main.cc yet "
                      "(AddGenerateCommands)";
    }
    out_ = fs::temp_directory_path() / ("credo_generate_cli_" + std::to_string(::getpid()));
    fs::remove_all(out_);
  }
  void TearDown() override { fs::remove_all(out_); }
  fs::path out_;
};

TEST_F(GenerateCli, WritesTheFeedsAndTruthAndIsDeterministic) {
  CommandRun first = RunCredo("generate --persons 500 --companies 60 --seed 9 --months 2 --out " +
                              (out_ / "a").string());
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_THAT(first.output, ::testing::HasSubstr("generated 500 persons and 60 companies"));
  EXPECT_TRUE(fs::exists(out_ / "a" / "card_issuer" / "cards_202601.csv"));
  EXPECT_TRUE(fs::exists(out_ / "a" / "online_lender" / "loans_202602.jsonl"));
  EXPECT_TRUE(fs::exists(out_ / "a" / "truth" / "person_records.csv"));
  CommandRun second = RunCredo("generate --persons 500 --companies 60 --seed 9 --months 2 --out " +
                               (out_ / "b").string());
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(ReadFile(out_ / "a" / "truth" / "person_records.csv"),
            ReadFile(out_ / "b" / "truth" / "person_records.csv"));
  EXPECT_EQ(ReadFile(out_ / "a" / "card_issuer" / "cards_202602.csv"),
            ReadFile(out_ / "b" / "card_issuer" / "cards_202602.csv"));
}

TEST_F(GenerateCli, BadOptionsGiveAOneLineErrorAndExitStatus2) {
  CommandRun run = RunCredo("generate --persons 10 --months 99 --out " + out_.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.output, ::testing::HasSubstr("credo: error: --months must be between 1 and 36"));
  run = RunCredo("generate --persons 10 --first-month 2026-13 --out " + out_.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.output, ::testing::HasSubstr("--first-month must be YYYY-MM"));
}

}  // namespace
