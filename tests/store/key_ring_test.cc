// The key file: created 0600, never overwritten, checked on read; sealed values carry key ids.
#include "store/crypto/key_ring.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "store/keys.h"
#include "store_test_support.h"

namespace credo {
namespace {

namespace fs = std::filesystem;
using store_internal::KeyRing;

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / testing::UniqueName("credo_keys_");
    fs::create_directories(directory_);
    path_ = (directory_ / "bureau.keys").string();
  }
  void TearDown() override { fs::remove_all(directory_); }
  std::string ReadText() {
    std::ifstream in(path_);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  void WriteText(const std::string& text) {
    std::ofstream(path_, std::ios::trunc) << text;
    fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write);
  }
  fs::path directory_;
  std::string path_;
};

TEST_F(KeyFileTest, InitCreatesAPrivateFileAndRefusesToOverwrite) {
  auto created = InitKeyFile(path_);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->active_key_id, 1u);
  EXPECT_EQ(created->blind_index_key_id, 1u);
  struct stat info;
  ASSERT_EQ(stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  std::string before = ReadText();
  auto again = InitKeyFile(path_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(ReadText(), before);
}

TEST_F(KeyFileTest, MissingFileSaysHowToCreateOne) {
  auto missing = DescribeKeyFile(path_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("credo keys init"), std::string::npos);
  EXPECT_EQ(missing.error().location, path_);
}

TEST_F(KeyFileTest, EveryKindOfCorruptionIsDataLossNamingTheLine) {
  ASSERT_TRUE(InitKeyFile(path_).ok());
  std::string good = ReadText();
  std::vector<std::string> corruptions;
  std::string flipped = good;
  flipped[good.find("data 1 active ") + 16] ^= 1;
  corruptions.push_back(flipped);
  corruptions.push_back(good.substr(0, good.size() / 2));
  corruptions.push_back(good + "extra\n");
  std::string no_check = good.substr(0, good.find("check "));
  corruptions.push_back(no_check);
  corruptions.push_back("garbage\n");
  corruptions.push_back("");
  for (const std::string& text : corruptions) {
    WriteText(text);
    auto read = DescribeKeyFile(path_);
    ASSERT_FALSE(read.ok()) << text;
    EXPECT_EQ(read.error().code, ErrorCode::kDataLoss) << read.error().ToString();
    EXPECT_NE(read.error().ToString().find(path_), std::string::npos);
  }
}

TEST_F(KeyFileTest, GroupOrWorldReadableFileIsRefused) {
  ASSERT_TRUE(InitKeyFile(path_).ok());
  chmod(path_.c_str(), 0644);
  auto read = DescribeKeyFile(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(KeyFileTest, RotationAddsAnActiveKeyAndOldValuesStillOpen) {
  ASSERT_TRUE(InitKeyFile(path_).ok());
  auto ring1 = KeyRing::Load(path_).value();
  std::string sealed1 = ring1.Seal("t.c", "hello").value();
  EXPECT_EQ(KeyRing::KeyIdOf(sealed1).value(), 1u);
  auto rotated = AddActiveDataKey(path_).value();
  EXPECT_EQ(rotated.active_key_id, 2u);
  EXPECT_EQ(rotated.retired_key_ids, std::vector<uint32_t>{1});
  struct stat info;
  ASSERT_EQ(stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  auto ring2 = KeyRing::Load(path_).value();
  std::string sealed2 = ring2.Seal("t.c", "hello").value();
  EXPECT_EQ(KeyRing::KeyIdOf(sealed2).value(), 2u);
  EXPECT_EQ(ring2.Open("t.c", sealed1).value(), "hello");
  EXPECT_EQ(ring2.Open("t.c", sealed2).value(), "hello");
  // The blind-index key does not change with rotation.
  EXPECT_EQ(ring1.BlindIndex("k", "v"), ring2.BlindIndex("k", "v"));
  // Old process: does not know key 2.
  auto unknown = ring1.Open("t.c", sealed2);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  // Pruning key 1 makes key-1 values unreadable, with a clear error.
  ASSERT_TRUE(RemoveRetiredKeys(path_, {1}).ok());
  auto ring3 = KeyRing::Load(path_).value();
  EXPECT_EQ(ring3.Open("t.c", sealed1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(DescribeKeyFile(path_)->data_key_ids, std::vector<uint32_t>{2});
}

TEST_F(KeyFileTest, EverySealHasItsOwnNonceAcrossManyValues) {
  // Nonces are drawn from the generator in bulk; past several refills none repeats, each value
  // opens, and a moved ring (a fresh pool) still seals distinct nonces.
  ASSERT_TRUE(InitKeyFile(path_).ok());
  auto ring = KeyRing::Load(path_).value();
  std::set<std::string> nonces;
  constexpr int kSeals = 1000;
  for (int i = 0; i < kSeals; ++i) {
    std::string sealed = ring.Seal("t.c", "value " + std::to_string(i)).value();
    nonces.insert(sealed.substr(5, 12));  // format byte, key id, then the 12-byte nonce
    ASSERT_EQ(ring.Open("t.c", sealed).value(), "value " + std::to_string(i));
  }
  KeyRing moved = std::move(ring);
  for (int i = 0; i < 10; ++i) nonces.insert(moved.Seal("t.c", "x").value().substr(5, 12));
  EXPECT_EQ(nonces.size(), static_cast<size_t>(kSeals + 10));
}

TEST_F(KeyFileTest, AForkedChildDrawsItsOwnNonces) {
  // The pool is drawn before the fork; parent and child each seal next. Were the child to take
  // the parent's next nonce, the two values would share it.
  ASSERT_TRUE(InitKeyFile(path_).ok());
  auto ring = KeyRing::Load(path_).value();
  ASSERT_TRUE(ring.Seal("t.c", "before the fork").ok());
  int pipe_ends[2];
  ASSERT_EQ(::pipe(pipe_ends), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto sealed = ring.Seal("t.c", "in the child");
    std::string nonce = sealed.ok() ? sealed->substr(5, 12) : std::string(12, '\0');
    ssize_t written = ::write(pipe_ends[1], nonce.data(), nonce.size());
    ::_exit(written == 12 ? 0 : 1);
  }
  ::close(pipe_ends[1]);
  std::string child_nonce(12, '\0');
  ASSERT_EQ(::read(pipe_ends[0], child_nonce.data(), child_nonce.size()), 12);
  ::close(pipe_ends[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::string parent_sealed = ring.Seal("t.c", "in the parent").value();
  EXPECT_NE(parent_sealed.substr(5, 12), child_nonce);
  EXPECT_EQ(ring.Open("t.c", parent_sealed).value(), "in the parent");
}

TEST_F(KeyFileTest, RelabelledKeyIdDoesNotOpen) {
  ASSERT_TRUE(InitKeyFile(path_).ok());
  ASSERT_TRUE(AddActiveDataKey(path_).ok());
  auto ring = KeyRing::Load(path_).value();
  std::string sealed = ring.Seal("t.c", "hello").value();
  sealed[4] = 1;  // claim key 1
  EXPECT_EQ(ring.Open("t.c", sealed).error().code, ErrorCode::kDataLoss);
  EXPECT_EQ(ring.Open("t.c", "short").error().code, ErrorCode::kDataLoss);
}

}  // namespace
}  // namespace credo
