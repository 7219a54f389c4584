// `credo metro2 ...` run as a user would: exit statuses, printed issues, the byte-exact round
// trip through files on disk, and help text.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct CommandRun {
  int status = -1;
  std::string output;  // stdout and stderr
};

CommandRun RunCredo(const std::string& args) {
  std::string command = std::string(CREDO_BINARY) + " " + args + " 2>&1";
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Sample(const std::string& name) {
  return std::string(CREDO_SHARED_DIR) + "/data/metro2/moov/test/testdata/" + name;
}
std::string Corpus(const std::string& name) {
  return std::string(CREDO_SOURCE_DIR) + "/tests/ingest/data/metro2/malformed/" + name;
}
std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Metro2Cli, ValidateAcceptsAGoodFile) {
  CommandRun run = RunCredo("metro2 validate " + Corpus("valid.dat"));
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("4 records (2 data)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("0 fatal, 0 warnings: accepted"), std::string::npos) << run.output;
}

TEST(Metro2Cli, ValidatePrintsEveryErrorAndFails) {
  CommandRun run = RunCredo("metro2 validate " + Corpus("bad_dates.dat"));
  EXPECT_EQ(run.status, 2) << run.output;
  EXPECT_NE(run.output.find("record 2 offset 502 base segment.date_opened [M2-103 fatal]"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("base segment.date_of_birth [M2-103 fatal]"), std::string::npos);
  EXPECT_NE(run.output.find("rejected"), std::string::npos);

  CommandRun trailer = RunCredo("metro2 validate " + Corpus("trailer_totals.dat"));
  EXPECT_EQ(trailer.status, 2);
  EXPECT_NE(trailer.output.find("trailer says 5, the file has 2"), std::string::npos)
      << trailer.output;
}

TEST(Metro2Cli, ValidateReadsPackedSamplesAndStandardInput) {
  CommandRun run = RunCredo("metro2 validate " + Sample("packed_file.dat"));
  EXPECT_NE(run.output.find("packed (366), variable-blocked, moov binary dialect"),
            std::string::npos)
      << run.output;
  CommandRun from_stdin = RunCredo("metro2 validate - < " + Corpus("valid.dat"));
  EXPECT_EQ(from_stdin.status, 0) << from_stdin.output;
}

TEST(Metro2Cli, ValidateOnThreadsPrintsWhatOneThreadPrints) {
  // The valid template's two data records 3,000 times over (several chunks for the threads),
  // every 97th with a letter in its balance, and the trailer left as it was: the same issues,
  // in the same order, with one thread or two.
  std::istringstream lines(ReadFile(Corpus("valid.dat")));
  std::string header, first, second, trailer;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, trailer);
  ASSERT_GT(first.size(), 200u);
  std::string path = ::testing::TempDir() + "credo_metro2_cli_threads.dat";
  {
    std::ofstream out(path, std::ios::binary);
    out << header << "\n";
    for (int i = 0; i < 6000; ++i) {
      std::string record = i % 2 == 0 ? first : second;
      if (i % 97 == 0) record[140] = 'X';
      out << record << "\n";
    }
    out << trailer << "\n";
  }
  CommandRun one = RunCredo("metro2 validate " + path + " --threads 1");
  CommandRun two = RunCredo("metro2 validate " + path + " --threads 2");
  EXPECT_EQ(one.status, 2) << one.output.substr(0, 2000);
  EXPECT_EQ(two.status, 2);
  EXPECT_EQ(two.output, one.output);
  EXPECT_NE(one.output.find("6002 records (6000 data)"), std::string::npos)
      << one.output.substr(one.output.size() - std::min<size_t>(one.output.size(), 2000));
  EXPECT_NE(one.output.find("trailer says 2, the file has 6000"), std::string::npos);
  std::remove(path.c_str());
}

TEST(Metro2Cli, ValidateRefusesAThreadCountThatIsNotANumber) {
  for (const char* bad : {"abc", "-2", "1.5"}) {
    CommandRun run = RunCredo("metro2 validate " + Corpus("valid.dat") + " --threads " + bad);
    EXPECT_EQ(run.status, 2) << bad << ": " << run.output;
    EXPECT_NE(run.output.find("--threads"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("summary:"), std::string::npos) << "the file was validated anyway";
  }
}

TEST(Metro2Cli, ValidateMissingFileIsNotFound) {
  CommandRun run = RunCredo("metro2 validate /nonexistent/file.dat");
  EXPECT_EQ(run.status, 3) << run.output;
  EXPECT_NE(run.output.find("cannot open"), std::string::npos);
}

TEST(Metro2Cli, ConvertRoundTripsTheSamplesByteForByte) {
  std::string dir = ::testing::TempDir();
  for (const char* name : {"unpacked_fixed_file.dat", "unpacked_fixed_request.dat",
                           "packed_file.dat"}) {
    std::string jsonl = dir + "/" + name + ".jsonl";
    std::string back = dir + "/" + name + ".back";
    CommandRun to = RunCredo("metro2 convert " + Sample(name) + " --to jsonl --out " + jsonl);
    ASSERT_EQ(to.status, 0) << to.output;
    CommandRun from = RunCredo("metro2 convert " + jsonl + " --to metro2 --out " + back);
    ASSERT_EQ(from.status, 0) << from.output;
    EXPECT_EQ(ReadFile(back), ReadFile(Sample(name))) << name;
  }
}

TEST(Metro2Cli, ConvertRefusesATruncatedFile) {
  CommandRun run = RunCredo("metro2 convert " + Corpus("truncated_record.dat") + " --to jsonl");
  EXPECT_EQ(run.status, 2) << run.output;
  EXPECT_NE(run.output.find("M2-005"), std::string::npos) << run.output;
}

TEST(Metro2Cli, HelpAndRules) {
  for (const char* command : {"metro2 --help", "metro2 validate --help", "metro2 convert --help"}) {
    CommandRun run = RunCredo(command);
    EXPECT_EQ(run.status, 0) << command;
    EXPECT_NE(run.output.find("Usage"), std::string::npos) << run.output;
  }
  CommandRun rules = RunCredo("metro2 rules");
  EXPECT_EQ(rules.status, 0);
  EXPECT_NE(rules.output.find("M2-401  fatal"), std::string::npos) << rules.output;
}

}  // namespace
