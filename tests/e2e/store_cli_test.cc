// The store commands as a user runs them: init, keys, subject add/show/find, audit verify,
// backup, restore, and every bad input getting one line, a non-zero exit and no change.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

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

int CountLines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

class StoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device device;
    dir_ = fs::temp_directory_path() / ("credo_e2e_store_" + std::to_string(getpid()) + "_" +
                                        std::to_string(device() % 1000000));
    fs::create_directories(dir_);
    db_ = (dir_ / "bureau.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun Credo(const std::vector<std::string>& args, bool with_db = true) {
    std::string command = Quote(CREDO_BINARY);
    if (with_db) command += " --db " + Quote(db_);
    for (const std::string& arg : args) command += " " + Quote(arg);
    fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    command += " > " + Quote(out.string()) + " 2> " + Quote(err.string());
    CliRun run;
    int status = std::system(command.c_str());
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = ReadFile(out);
    run.err = ReadFile(err);
    return run;
  }

  void Init() {
    CliRun run = Credo({"init"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }

  CliRun AddZhangWei() {
    return Credo({"subject", "add", "--name", "张伟", "--id", "cn_resident_id=11010519491231002X",
                  "--birth-date", "1949-12-31", "--phone", "13812345678", "--email",
                  "zhang.wei@example.cn", "--address", "1 Chaoyang Road"});
  }

  //! Runs SQL on the bureau file directly (tampering).
  std::string RawSql(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(db_.c_str(), &db);
    char* message = nullptr;
    std::string error;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = message ? message : "error";
      sqlite3_free(message);
    }
    sqlite3_close(db);
    return error;
  }

  void ExpectOneLineError(const CliRun& run, int exit_code, const std::string& contains) {
    EXPECT_EQ(run.exit_code, exit_code) << run.err;
    EXPECT_EQ(CountLines(run.err), 1) << run.err;
    EXPECT_EQ(run.err.rfind("credo: error: ", 0), 0u) << run.err;
    EXPECT_NE(run.err.find(contains), std::string::npos) << run.err;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(StoreCliTest, InitCreatesTheBureauAndAPrivateKeyFile) {
  CliRun run = Credo({"init"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("schema version 7"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("created (mode 0600)"), std::string::npos) << run.out;
  struct stat info;
  ASSERT_EQ(stat((db_ + ".keys").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  CliRun again = Credo({"init"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("(existing)"), std::string::npos);
}

TEST_F(StoreCliTest, KeysInitRefusesToOverwrite) {
  std::string key_file = (dir_ / "k.keys").string();
  ASSERT_EQ(Credo({"--key-file", key_file, "keys", "init"}).exit_code, 0);
  std::string before = ReadFile(key_file);
  CliRun again = Credo({"--key-file", key_file, "keys", "init"});
  ExpectOneLineError(again, 2, "refusing to overwrite");
  EXPECT_EQ(ReadFile(key_file), before);
}

TEST_F(StoreCliTest, SubjectAddShowAndFindByBlindIndex) {
  Init();
  CliRun added = AddZhangWei();
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("subject 1 added"), std::string::npos) << added.out;
  CliRun company = Credo({"subject", "add", "--kind", "organization", "--name", "Test Trading Co.",
                       "--id", "cn_uscc=91350100M000100Y43", "--established", "2010-06-01"});
  ASSERT_EQ(company.exit_code, 0) << company.err;
  CliRun shown = Credo({"subject", "show", "1"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("张伟"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("11010519491231002X"), std::string::npos);
  EXPECT_NE(shown.out.find("+8613812345678"), std::string::npos);
  EXPECT_NE(shown.out.find("1949-12-31"), std::string::npos);
  CliRun found = Credo({"subject", "find", "--id-kind", "cn_resident_id", "--id", "11010519491231002x"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find("subject 1: 张伟"), std::string::npos) << found.out;
  CliRun by_phone = Credo({"subject", "find", "--id-kind", "phone", "--id", "138 1234 5678"});
  EXPECT_EQ(by_phone.exit_code, 0) << by_phone.err;
  CliRun missing = Credo({"subject", "find", "--id-kind", "us_ssn", "--id", "123-45-6789"});
  ExpectOneLineError(missing, 3, "no subject holds this us_ssn");
  EXPECT_EQ(missing.err.find("123-45-6789"), std::string::npos) << "identifier must be masked";
  // The database file never holds the clear-text name, id number or phone.
  std::string bytes = ReadFile(db_) + ReadFile(db_ + "-wal");
  EXPECT_EQ(bytes.find("张伟"), std::string::npos);
  EXPECT_EQ(bytes.find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(bytes.find("13812345678"), std::string::npos);
}

TEST_F(StoreCliTest, MalformedIdentifierIsRejectedAndNothingIsStored) {
  Init();
  ASSERT_EQ(AddZhangWei().exit_code, 0);
  CliRun bad = Credo({"subject", "add", "--name", "李娜", "--id", "cn_resident_id=110105194912310021"});
  ExpectOneLineError(bad, 2, "--id cn_resident_id=");
  EXPECT_EQ(bad.err.find("110105194912310021"), std::string::npos) << "value must be masked";
  CliRun bad_phone = Credo({"subject", "add", "--name", "李娜", "--phone", "12345"});
  ExpectOneLineError(bad_phone, 2, "--phone");
  EXPECT_EQ(Credo({"subject", "show", "2"}).exit_code, 3);
  CliRun verified = Credo({"audit", "verify"});
  EXPECT_NE(verified.out.find("1 entries verified"), std::string::npos) << verified.out;
}

TEST_F(StoreCliTest, UnknownProfileIsRejected) {
  Init();
  CliRun run = Credo({"--profile", "xx", "subject", "add", "--name", "A B"});
  ExpectOneLineError(run, 2, "--profile xx");
  EXPECT_EQ(Credo({"subject", "show", "1"}).exit_code, 3);
}

TEST_F(StoreCliTest, UnwritableDatabasePathFailsAndLeavesNoKeyFile) {
  db_ = (dir_ / "no-such-dir" / "bureau.db").string();
  CliRun run = Credo({"--key-file", (dir_ / "x.keys").string(), "init"});
  ExpectOneLineError(run, 6, "does not exist");
  EXPECT_NE(run.err.find(db_), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.keys"));
  db_ = dir_.string();  // a directory, not a database file
  CliRun directory = Credo({"--key-file", (dir_ / "y.keys").string(), "init"});
  EXPECT_NE(directory.exit_code, 0);
  EXPECT_EQ(CountLines(directory.err), 1) << directory.err;
  EXPECT_FALSE(fs::exists(dir_ / "y.keys"));
}

TEST_F(StoreCliTest, PostgresUrlThatDoesNotAnswerFailsClearly) {
  db_ = "postgresql://credo@127.0.0.1:1/nothing";
  CliRun run = Credo({"--key-file", (dir_ / "pg.keys").string(), "init"});
  ExpectOneLineError(run, 6, "does not answer");
  EXPECT_NE(run.err.find("127.0.0.1:1"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "pg.keys"));
}

TEST_F(StoreCliTest, CorruptedKeyFileIsAClearErrorAndDataIsUnchanged) {
  Init();
  ASSERT_EQ(AddZhangWei().exit_code, 0);
  std::string key_file = db_ + ".keys";
  std::string good = ReadFile(key_file);
  std::string bad = good;
  bad[bad.find("data 1 active ") + 20] ^= 1;
  std::ofstream(key_file, std::ios::trunc) << bad;
  CliRun run = Credo({"subject", "show", "1"});
  ExpectOneLineError(run, 5, "key file is corrupted");
  EXPECT_NE(run.err.find(key_file + " line"), std::string::npos) << run.err;
  CliRun add = AddZhangWei();
  EXPECT_EQ(add.exit_code, 5);
  std::ofstream(key_file, std::ios::trunc) << good;
  CliRun shown = Credo({"subject", "show", "1"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(Credo({"subject", "show", "2"}).exit_code, 3);
  // Another bureau's key file is refused before anything is read or written.
  std::string other = (dir_ / "other.keys").string();
  ASSERT_EQ(Credo({"--key-file", other, "keys", "init"}).exit_code, 0);
  ExpectOneLineError(Credo({"--key-file", other, "subject", "show", "1"}), 1, "does not belong");
}

TEST_F(StoreCliTest, AuditVerifyNamesTheTamperedEntry) {
  Init();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(AddZhangWei().exit_code, 0);
  CliRun ok = Credo({"audit", "verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("audit chain intact: 3 entries"), std::string::npos) << ok.out;
  EXPECT_NE(RawSql("UPDATE audit_log SET detail = 'x' WHERE sequence = 2"), "");  // trigger
  ASSERT_EQ(RawSql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'x' WHERE "
                   "sequence = 2"), "");
  CliRun broken = Credo({"audit", "verify"});
  ExpectOneLineError(broken, 5, "entry 2 was altered");
}

TEST_F(StoreCliTest, BackupAndRestoreVerifyAndRefuseToOverwrite) {
  Init();
  ASSERT_EQ(AddZhangWei().exit_code, 0);
  std::string out = (dir_ / "bureau.backup").string();
  CliRun backup = Credo({"backup", out});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_NE(backup.out.find("verified"), std::string::npos);
  EXPECT_NE(backup.out.find("subjects: 1"), std::string::npos) << backup.out;
  ExpectOneLineError(Credo({"backup", out}), 2, "already exists");
  std::string restored = (dir_ / "restored.db").string();
  CliRun restore = Credo({"--db", restored, "--key-file", db_ + ".keys", "restore", out}, false);
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_NE(restore.out.find("subjects: 1"), std::string::npos) << restore.out;
  CliRun shown = Credo({"--db", restored, "--key-file", db_ + ".keys", "subject", "show", "1"}, false);
  EXPECT_NE(shown.out.find("张伟"), std::string::npos) << shown.err;
  ASSERT_EQ(AddZhangWei().exit_code, 0);
  CliRun refused = Credo({"restore", out});
  ExpectOneLineError(refused, 2, "--force");
  EXPECT_EQ(Credo({"subject", "show", "2"}).exit_code, 0);  // unchanged
  CliRun forced = Credo({"restore", "--force", out});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(Credo({"subject", "show", "2"}).exit_code, 3);
}

TEST_F(StoreCliTest, KeysRotateReencryptsAndStatusShowsUsage) {
  Init();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(AddZhangWei().exit_code, 0);
  CliRun rotated = Credo({"keys", "rotate", "--batch", "2"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  EXPECT_NE(rotated.out.find("data key 2 is now active"), std::string::npos) << rotated.out;
  CliRun status = Credo({"keys", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("key 1 (retired): 0"), std::string::npos) << status.out;
  EXPECT_EQ(Credo({"subject", "show", "3"}).exit_code, 0);
  CliRun pruned = Credo({"keys", "rotate", "--prune"});
  EXPECT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_NE(pruned.out.find("removed 2 retired key(s)"), std::string::npos) << pruned.out;
  EXPECT_EQ(Credo({"subject", "find", "--id-kind", "phone", "--id", "+8613812345678"}).exit_code, 0);
  EXPECT_EQ(Credo({"audit", "verify"}).exit_code, 0);
}

TEST_F(StoreCliTest, EveryStoreCommandHasHelp) {
  for (std::vector<std::string> args :
       {std::vector<std::string>{"init", "--help"}, {"keys", "--help"}, {"keys", "init", "--help"},
        {"keys", "rotate", "--help"}, {"keys", "status", "--help"}, {"audit", "verify", "--help"},
        {"backup", "--help"}, {"restore", "--help"}, {"subject", "add", "--help"},
        {"subject", "show", "--help"}, {"subject", "find", "--help"}}) {
    CliRun run = Credo(args, false);
    EXPECT_EQ(run.exit_code, 0) << args[0];
    EXPECT_NE(run.out.find("Usage"), std::string::npos) << args[0] << run.out;
  }
}

}  // namespace
