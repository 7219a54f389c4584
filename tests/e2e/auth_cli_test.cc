// credo users and credo clients as an operator runs them: add, enrol TOTP, log in, replay a
// code, lock out after five failures, unlock, subject accounts, API keys shown once and
// revoked, and every bad input getting one error line, the right exit code and no change.
// TOTP codes are computed here with liboath from the secret the CLI printed.
#include <gtest/gtest.h>
#include <liboath/oath.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

constexpr char kPassword[] = "correct horse battery staple";

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// Waits, when needed, so that at least `margin` seconds remain in the current 30 s TOTP step:
// the code computed here and the binary's clock then agree on the step.
void AwayFromStepEnd(int margin = 8) {
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  int64_t left = 30 - now % 30;
  if (left < margin) std::this_thread::sleep_for(std::chrono::seconds(left + 1));
}

std::string Code(const std::string& base32_secret, int64_t offset_seconds) {
  static bool initialised = (oath_init() == OATH_OK);
  EXPECT_TRUE(initialised);
  std::string padded = base32_secret;
  while (padded.size() % 8) padded.push_back('=');
  char* secret = nullptr;
  size_t length = 0;
  EXPECT_EQ(oath_base32_decode(padded.data(), padded.size(), &secret, &length), OATH_OK);
  char otp[10] = {0};
  time_t when = std::time(nullptr) + offset_seconds;
  EXPECT_EQ(oath_totp_generate(secret, length, when, 30, 0, 6, otp), OATH_OK);
  free(secret);
  return otp;
}

class AuthCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device device;
    dir_ = fs::temp_directory_path() / ("credo_e2e_auth_" + std::to_string(getpid()) + "_" +
                                        std::to_string(device() % 1000000));
    fs::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
    CliRun init = Credo({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun Credo(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    std::string command;
    fs::path in = dir_ / "stdin.txt";
    {
      std::ofstream file(in, std::ios::binary);
      file << stdin_text;
    }
    command += Quote(CREDO_BINARY) + " --db " + Quote(db_);
    for (const std::string& arg : args) command += " " + Quote(arg);
    fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    command += " < " + Quote(in.string()) + " > " + Quote(out.string()) + " 2> " +
               Quote(err.string());
    CliRun run;
    int status = std::system(command.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadFile(out);
    run.err = ReadFile(err);
    fs::remove(in);
    return run;
  }

  static std::string Field(const std::string& text, const std::string& label) {
    std::regex pattern(label + R"(\s*(\S+))");
    std::smatch match;
    return std::regex_search(text, match, pattern) ? match[1].str() : "";
  }

  std::string BureauBytes() {
    std::string bytes;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      fs::path path = db_ + suffix;
      if (fs::exists(path)) bytes += ReadFile(path);
    }
    return bytes;
  }

  std::string AddEnrolled(const std::string& name, const std::string& role) {
    CliRun add = Credo({"users", "add", name, "--role", role, "--password-stdin"},
                       std::string(kPassword) + "\n");
    EXPECT_EQ(add.exit_code, 0) << add.err;
    CliRun enrol = Credo({"users", "enroll-totp", name});
    EXPECT_EQ(enrol.exit_code, 0) << enrol.err;
    std::string secret = Field(enrol.out, "secret:");
    EXPECT_EQ(secret.size(), 32u) << enrol.out;
    EXPECT_NE(enrol.out.find("otpauth://totp/credo:" + name + "?secret=" + secret),
              std::string::npos);
    return secret;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(AuthCliTest, OperatorLogsInAndAReplayedCodeIsRefused) {
  std::string secret = AddEnrolled("alice", "analyst");
  AwayFromStepEnd();
  std::string code = Code(secret, -30);  // the previous step's code is still accepted
  CliRun login = Credo({"users", "login", "alice", "--code", code, "--password-stdin"},
                       std::string(kPassword) + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  std::string token = Field(login.out, "session token:");
  EXPECT_EQ(token.size(), 71u);
  EXPECT_NE(login.out.find("role:          analyst"), std::string::npos);

  CliRun replay = Credo({"users", "login", "alice", "--code", code, "--password-stdin"},
                        std::string(kPassword) + "\n");
  EXPECT_EQ(replay.exit_code, 4);
  EXPECT_NE(replay.err.find("this TOTP code was already used"), std::string::npos) << replay.err;
  EXPECT_TRUE(replay.out.empty());

  CliRun list = Credo({"users", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("alice"), std::string::npos);
  EXPECT_NE(list.out.find("analyst"), std::string::npos);

  std::string bytes = BureauBytes();
  EXPECT_EQ(bytes.find(kPassword), std::string::npos);
  EXPECT_EQ(bytes.find(token), std::string::npos);
  EXPECT_EQ(bytes.find(token.substr(7)), std::string::npos);
  EXPECT_EQ(bytes.find(secret), std::string::npos);
}

TEST_F(AuthCliTest, FiveFailuresLockTheAccountUntilAnAdminUnlocksIt) {
  std::string secret = AddEnrolled("bob", "data_operations");
  for (int i = 1; i <= 5; ++i) {
    CliRun failed = Credo({"users", "login", "bob", "--code", Code(secret, 0), "--password-stdin"},
                          "not the password " + std::to_string(i) + "\n");
    EXPECT_EQ(failed.exit_code, 4) << failed.err;
    if (i < 5) {
      EXPECT_NE(failed.err.find("failed login " + std::to_string(i) + " of 5"), std::string::npos)
          << failed.err;
    } else {
      EXPECT_NE(failed.err.find("is now locked until"), std::string::npos) << failed.err;
    }
  }
  AwayFromStepEnd();
  CliRun locked = Credo({"users", "login", "bob", "--code", Code(secret, 0), "--password-stdin"},
                        std::string(kPassword) + "\n");
  EXPECT_EQ(locked.exit_code, 4);
  EXPECT_NE(locked.err.find("account bob is locked until 20"), std::string::npos) << locked.err;
  EXPECT_NE(locked.err.find("credo users unlock bob"), std::string::npos);

  CliRun listed = Credo({"users", "list"});
  EXPECT_NE(listed.out.find("bob"), std::string::npos);

  CliRun unlock = Credo({"users", "unlock", "bob"});
  ASSERT_EQ(unlock.exit_code, 0) << unlock.err;
  AwayFromStepEnd();
  CliRun after = Credo({"users", "login", "bob", "--code", Code(secret, 0), "--password-stdin"},
                       std::string(kPassword) + "\n");
  EXPECT_EQ(after.exit_code, 0) << after.err;

  CliRun lock = Credo({"users", "lock", "bob", "--reason", "on leave"});
  ASSERT_EQ(lock.exit_code, 0) << lock.err;
  AwayFromStepEnd();
  CliRun refused = Credo({"users", "login", "bob", "--code", Code(secret, 30), "--password-stdin"},
                         std::string(kPassword) + "\n");
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_NE(refused.err.find("locked until an admin unlocks it (on leave)"), std::string::npos)
      << refused.err;
}

TEST_F(AuthCliTest, BadUserInputGetsOneLineAndChangesNothing) {
  struct Case {
    std::vector<std::string> args;
    std::string stdin_text;
    int exit_code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"users", "add", "alice", "--role", "root"}, "", 2, "unknown role"},
      {{"users", "add", "Alice';--", "--role", "analyst"}, "", 2, "user name"},
      {{"users", "add", "../etc", "--role", "analyst"}, "", 2, "user name"},
      {{"users", "add", "alice", "--role", "analyst", "--password-stdin"}, "short\n", 2,
       "at least 12"},
      {{"users", "add", "alice", "--role", "analyst", "--password-stdin"}, "", 2,
       "no password on standard input"},
      {{"users", "add", "alice", "--role", "institution"}, "", 2, "credo clients add"},
      {{"users", "enroll-totp", "nobody"}, "", 3, "no user"},
      {{"users", "unlock", "nobody"}, "", 3, "no user"},
      {{"users", "add-subject", "wei", "--subject", "99"}, "", 3, "no subject 99"},
      {{"users", "login", "nobody", "--code", "123456", "--password-stdin"}, "whatever it is\n",
       4, "user name, password or TOTP code is wrong"},
      {{"users", "login", "nobody", "--code", "12ab56", "--password-stdin"}, "whatever it is\n",
       2, "6 digits"},
  };
  for (const Case& c : cases) {
    CliRun run = Credo(c.args, c.stdin_text);
    EXPECT_EQ(run.exit_code, c.exit_code) << c.args[1] << " " << c.args[2] << ": " << run.err;
    EXPECT_NE(run.err.find(c.says), std::string::npos) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
  CliRun list = Credo({"users", "list"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1) << list.out;  // header only
}

TEST_F(AuthCliTest, SubjectAccountLogsInAsTheSubject) {
  CliRun subject = Credo({"subject", "add", "--name", "Test Person", "--birth-date", "1980-02-03"});
  ASSERT_EQ(subject.exit_code, 0) << subject.err;
  CliRun add = Credo({"users", "add-subject", "person1", "--subject", "1", "--password-stdin"},
                     std::string(kPassword) + "\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("added subject account person1 for subject 1"), std::string::npos);
  CliRun enrol = Credo({"users", "enroll-totp", "person1"});
  ASSERT_EQ(enrol.exit_code, 0) << enrol.err;
  std::string secret = Field(enrol.out, "secret:");
  AwayFromStepEnd();
  CliRun login = Credo({"users", "login", "person1", "--code", Code(secret, 0),
                        "--password-stdin"},
                       std::string(kPassword) + "\n");
  ASSERT_EQ(login.exit_code, 0) << login.err;
  EXPECT_NE(login.out.find("role:          subject"), std::string::npos);
  CliRun second = Credo({"users", "add-subject", "person2", "--subject", "1"});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("already has the account"), std::string::npos);
}

TEST_F(AuthCliTest, ApiKeyIsShownOnceStoredAsHashAndRevocable) {
  CliRun added = Credo({"clients", "add", "bank-a", "--expires", "2099-12-31"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string key = Field(added.out, "api key:");
  std::string client_id = Field(added.out, "client id:");
  ASSERT_EQ(key.size(), 87u) << added.out;
  ASSERT_EQ(client_id.size(), 16u);
  EXPECT_NE(added.out.find("expires:     2100-01-01T00:00:00Z"), std::string::npos) << added.out;

  CliRun list = Credo({"clients", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(client_id), std::string::npos);
  EXPECT_NE(list.out.find("active"), std::string::npos);
  EXPECT_EQ(list.out.find(key), std::string::npos);

  std::string bytes = BureauBytes();
  EXPECT_EQ(bytes.find(key), std::string::npos);
  EXPECT_EQ(bytes.find(key.substr(23)), std::string::npos);

  CliRun revoked = Credo({"clients", "revoke", client_id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  CliRun listed = Credo({"clients", "list"});
  EXPECT_NE(listed.out.find("revoked"), std::string::npos);
  CliRun again = Credo({"clients", "revoke", client_id});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already revoked"), std::string::npos);

  CliRun audit = Credo({"audit", "verify"});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
}

TEST_F(AuthCliTest, BadClientInputIsRefused) {
  CliRun date = Credo({"clients", "add", "bank-a", "--expires", "2099-13-01"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("YYYY-MM-DD"), std::string::npos);
  CliRun past = Credo({"clients", "add", "bank-a", "--expires", "2001-01-01"});
  EXPECT_EQ(past.exit_code, 2);
  EXPECT_NE(past.err.find("not after now"), std::string::npos);
  CliRun name = Credo({"clients", "add", "bank a; rm -rf /", "--expires", "2099-01-01"});
  EXPECT_EQ(name.exit_code, 2);
  CliRun unknown = Credo({"clients", "revoke", "0123456789abcdef"});
  EXPECT_EQ(unknown.exit_code, 3);
  CliRun traversal = Credo({"clients", "revoke", "../../etc/passwd"});
  EXPECT_EQ(traversal.exit_code, 2);
  CliRun list = Credo({"clients", "list"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1) << list.out;
}

}  // namespace
