// The "auth" schema component, and the promise that no API key, password, session token or TOTP
// secret is ever stored in clear: on SQLite the database and WAL files are scanned byte by byte;
// on both backends every row of the auth tables and of the audit log is scanned.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/auth/internal/totp.h"
#include "auth_test_support.h"

namespace credo::api::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class SchemaTest : public AuthStoreTest {
 protected:
  //! Every value of every row of `table`, concatenated.
  std::string TableBytes(const std::string& table) {
    auto rows = Read<std::vector<SqlRow>>(
        [&](Transaction& tx) { return tx.Query("SELECT * FROM " + table); });
    EXPECT_TRUE(IsOk(rows)) << table;
    std::string bytes;
    if (!rows.ok()) return bytes;
    for (const SqlRow& row : *rows) {
      for (const SqlValue& value : row) bytes += value.bytes + "|" + std::to_string(value.int_value) + "|";
    }
    return bytes;
  }
};

TEST_P(SchemaTest, ComponentIsVersionOneAndReapplyingIsHarmless) {
  auto version = store_->SchemaVersion("auth");
  ASSERT_TRUE(IsOk(version));
  EXPECT_EQ(*version, 1);
  ASSERT_TRUE(IsOk(EnsureAuthSchema(*store_)));
  EXPECT_EQ(*store_->SchemaVersion("auth"), 1);
  EXPECT_EQ(AuthSchema().name, "auth");
}

TEST_P(SchemaTest, SecretsAreStoredOnlyAsHashesOrSealed) {
  std::string totp_secret = AddEnrolledUser("alice", Role::kAdmin);
  ASSERT_FALSE(totp_secret.empty());
  auto created = Call<CreatedApiClient>([](Transaction& tx) {
    return CreateApiClient(tx, "bank-a", kNow + 86400, kNow);
  });
  ASSERT_TRUE(IsOk(created));
  auto login = Login(*store_, "alice", kPassword, CodeAt(totp_secret, kNow), kNow);
  ASSERT_TRUE(IsOk(login));
  // A failed login with another password must not leave that password behind either.
  const std::string typo = "correct horse battery stapler";
  ASSERT_FALSE(Login(*store_, "alice", typo, CodeAt(totp_secret, kNow + 30), kNow + 30).ok());
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) { return Logout(tx, login->token, kNow + 60); })));

  const std::string key_secret = created->key.substr(23);  // the 64 hex after the client id
  const std::string token_secret = login->token.substr(7);
  std::vector<std::pair<std::string, std::string>> secrets = {
      {"API key", created->key},          {"API key secret", key_secret},
      {"password", kPassword},            {"mistyped password", typo},
      {"session token", login->token},    {"session token secret", token_secret},
      {"TOTP secret", totp_secret},
      {"TOTP secret in base32", auth_internal::EncodeBase32(totp_secret).value_or("?")},
  };

  std::string rows = TableBytes("auth_users") + TableBytes("auth_api_clients") +
                     TableBytes("auth_sessions") + TableBytes("audit_log");
  ASSERT_GT(rows.size(), 100u);
  for (const auto& [what, secret] : secrets) {
    EXPECT_EQ(rows.find(secret), std::string::npos) << what << " found in a table";
  }
  // What is stored instead: the SHA-256 of the key and token, argon2id for the password.
  EXPECT_NE(rows.find("$argon2id$v=19$"), std::string::npos);

  if (GetParam() == StoreBackend::kSqlite) {
    store_.reset();  // close, so that everything is in the files
    std::string files;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      fs::path path = bureau_->location() + suffix;
      if (fs::exists(path)) files += ReadBytes(path);
    }
    ASSERT_GT(files.size(), 4096u);
    for (const auto& [what, secret] : secrets) {
      EXPECT_EQ(files.find(secret), std::string::npos) << what << " found in the SQLite file";
    }
    EXPECT_NE(files.find("$argon2id$"), std::string::npos);  // the scan does see the tables
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::credo::testing::BackendName);

}  // namespace
}  // namespace credo::api::testing
