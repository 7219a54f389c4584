// argon2id password hashes (internal/password.cc): encoded form with its parameters, fresh salt,
// verification, the rules on length.
#include <gtest/gtest.h>

#include <string>

#include "api/auth/internal/password.h"

namespace credo::api {
namespace {

using auth_internal::CheckPasswordRules;
using auth_internal::HashPassword;
using auth_internal::VerifyPassword;

TEST(PasswordTest, HashCarriesArgon2idAndItsParameters) {
  AuthSettings settings;
  auto hash = HashPassword("correct horse battery staple", settings);
  ASSERT_TRUE(hash.ok()) << hash.error().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordTest, SaltIsFreshEachTime) {
  AuthSettings settings;
  auto first = HashPassword("same password twice", settings);
  auto second = HashPassword("same password twice", settings);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(VerifyPassword(*second, "same password twice"));
}

TEST(PasswordTest, StoredParametersWinOverCurrentSettings) {
  AuthSettings cheap;
  cheap.argon2_time_cost = 1;
  cheap.argon2_memory_kib = 8192;
  auto hash = HashPassword("an older cheaper hash", cheap);
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(hash->find("m=8192,t=1,p=1"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, "an older cheaper hash"));
}

TEST(PasswordTest, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "anything at all"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "anything at all"));
  EXPECT_FALSE(VerifyPassword("plain text password", "plain text password"));
}

TEST(PasswordTest, Rules) {
  AuthSettings settings;
  Status short_one = CheckPasswordRules("short", settings);
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(short_one.error().message.find("at least 12"), std::string::npos);
  EXPECT_TRUE(CheckPasswordRules("twelve chars", settings).ok());
  EXPECT_FALSE(CheckPasswordRules(std::string(1025, 'x'), settings).ok());
  EXPECT_FALSE(CheckPasswordRules(std::string("has a nul \0 inside", 18), settings).ok());
}

}  // namespace
}  // namespace credo::api
