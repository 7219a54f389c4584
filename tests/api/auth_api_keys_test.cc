// API clients: a key is shown once, authenticates until it expires or is revoked, is refused
// when unknown, tampered or malformed, and every change is audited.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth_test_support.h"

namespace credo::api::testing {
namespace {

constexpr int64_t kYear = 365 * 86400;

class ApiKeysTest : public AuthStoreTest {
 protected:
  CreatedApiClient Create(const std::string& institution, int64_t expires_at) {
    auto created = Call<CreatedApiClient>(
        [&](Transaction& tx) { return CreateApiClient(tx, institution, expires_at, kNow); });
    EXPECT_TRUE(IsOk(created));
    return created.ok() ? *created : CreatedApiClient{};
  }
  Result<Principal> Authenticate(const std::string& key, int64_t now) {
    return Read<Principal>([&](Transaction& tx) { return AuthenticateApiKey(tx, key, now); });
  }
};

TEST_P(ApiKeysTest, KeyAuthenticatesAsItsInstitution) {
  CreatedApiClient created = Create("bank-a", kNow + kYear);
  ASSERT_EQ(created.key.size(), 87u);
  EXPECT_EQ(created.key.rfind("credo_" + created.client.client_id + "_", 0), 0u);
  auto principal = Authenticate(created.key, kNow + 60);
  ASSERT_TRUE(IsOk(principal));
  EXPECT_EQ(principal->role, Role::kInstitution);
  EXPECT_EQ(principal->institution, "bank-a");
  EXPECT_EQ(principal->id, created.client.client_id);
  EXPECT_EQ(principal->subject_id, 0);
  EXPECT_EQ(principal->expires_at, kNow + kYear);
}

TEST_P(ApiKeysTest, TwoKeysAreDistinct) {
  CreatedApiClient a = Create("bank-a", kNow + kYear);
  CreatedApiClient b = Create("bank-a", kNow + kYear);
  EXPECT_NE(a.key, b.key);
  EXPECT_NE(a.client.client_id, b.client.client_id);
  EXPECT_TRUE(Authenticate(a.key, kNow).ok());
  EXPECT_TRUE(Authenticate(b.key, kNow).ok());
}

TEST_P(ApiKeysTest, TamperedSecretOrUnknownClientIsUnauthenticated) {
  CreatedApiClient created = Create("bank-a", kNow + kYear);
  std::string tampered = created.key;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  auto refused = Authenticate(tampered, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(refused.error().message, "unknown API key");

  std::string other_client = created.key;
  other_client[6] = other_client[6] == 'a' ? 'b' : 'a';
  auto unknown = Authenticate(other_client, kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
}

TEST_P(ApiKeysTest, ExpiredKeyIsRefusedAndSaysWhen) {
  CreatedApiClient created = Create("bank-a", kNow + 3600);
  EXPECT_TRUE(Authenticate(created.key, kNow + 3599).ok());
  auto expired = Authenticate(created.key, kNow + 3600);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(expired.error().message.find("expired on 2027-01-15T09:00:10Z"), std::string::npos)
      << expired.error().message;
}

TEST_P(ApiKeysTest, RevokedKeyIsRefusedAndRevokingTwiceFails) {
  CreatedApiClient created = Create("bank-a", kNow + kYear);
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) {
    return RevokeApiClient(tx, created.client.client_id, kNow + 10);
  })));
  auto revoked = Authenticate(created.key, kNow + 20);
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(revoked.error().message.find("revoked"), std::string::npos);

  Status again = Write([&](Transaction& tx) {
    return RevokeApiClient(tx, created.client.client_id, kNow + 30);
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);

  Status unknown = Write([&](Transaction& tx) {
    return RevokeApiClient(tx, "0123456789abcdef", kNow + 30);
  });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);

  Status malformed = Write([&](Transaction& tx) {
    return RevokeApiClient(tx, "../../etc/passwd", kNow + 30);
  });
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidArgument);

  auto clients = Read<std::vector<ApiClientInfo>>(
      [](Transaction& tx) { return ListApiClients(tx); });
  ASSERT_TRUE(IsOk(clients));
  ASSERT_EQ(clients->size(), 1u);
  EXPECT_EQ((*clients)[0].revoked_at, kNow + 10);
}

TEST_P(ApiKeysTest, MalformedKeysAreInvalidAndNotEchoed) {
  const std::vector<std::string> bad = {
      "",
      "credo_",
      "Bearer credo_0123",
      "credo_0123456789abcdef_' OR '1'='1",
      std::string(87, 'x'),
      "credo_0123456789ABCDEF_" + std::string(64, 'a'),
      "credo_0123456789abcdef-" + std::string(64, 'a'),
      "credo_0123456789abcdef_" + std::string(63, 'a') + "\n",
      "credo_0123456789abcdef_" + std::string(65, 'a'),
  };
  for (const std::string& key : bad) {
    auto refused = Authenticate(key, kNow);
    ASSERT_FALSE(refused.ok()) << key;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << key;
    if (key.size() > 10) {
      EXPECT_EQ(refused.error().message.find(key), std::string::npos);
    }
  }
}

TEST_P(ApiKeysTest, BadInstitutionOrPastExpiryChangesNothing) {
  for (const std::string& institution :
       {std::string(), std::string("bank  a"), std::string("bank 'a'"), std::string("bank';--"),
        std::string(65, 'b'), std::string("../bank")}) {
    auto created = Call<CreatedApiClient>(
        [&](Transaction& tx) { return CreateApiClient(tx, institution, kNow + kYear, kNow); });
    ASSERT_FALSE(created.ok()) << institution;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
  }
  auto past = Call<CreatedApiClient>(
      [&](Transaction& tx) { return CreateApiClient(tx, "bank-a", kNow, kNow); });
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().code, ErrorCode::kInvalidArgument);
  auto clients = Read<std::vector<ApiClientInfo>>(
      [](Transaction& tx) { return ListApiClients(tx); });
  ASSERT_TRUE(IsOk(clients));
  EXPECT_TRUE(clients->empty());
  EXPECT_TRUE(AuthAudit().empty());
}

TEST_P(ApiKeysTest, CreationAndRevocationAreAuditedWithoutTheKey) {
  CreatedApiClient created = Create("bank-a", kNow + kYear);
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) {
    return RevokeApiClient(tx, created.client.client_id, kNow + 10);
  })));
  auto audit = AuthAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "auth.client.create");
  EXPECT_EQ(audit[1].action, "auth.client.revoke");
  std::string secret_part = created.key.substr(23);
  for (const AuditEntry& entry : audit) {
    EXPECT_NE(entry.detail.find(created.client.client_id), std::string::npos);
    EXPECT_EQ(entry.detail.find(secret_part), std::string::npos);
  }
  auto chain = store_->VerifyAuditChain();
  ASSERT_TRUE(IsOk(chain));
  EXPECT_TRUE(chain->intact);
}

TEST_P(ApiKeysTest, ListShowsClientsOldestFirst) {
  Create("bank-a", kNow + kYear);
  Create("lender.b", kNow + 2 * kYear);
  auto clients = Read<std::vector<ApiClientInfo>>(
      [](Transaction& tx) { return ListApiClients(tx); });
  ASSERT_TRUE(IsOk(clients));
  ASSERT_EQ(clients->size(), 2u);
  EXPECT_EQ((*clients)[0].institution, "bank-a");
  EXPECT_EQ((*clients)[1].institution, "lender.b");
  EXPECT_EQ((*clients)[1].expires_at, kNow + 2 * kYear);
  EXPECT_EQ((*clients)[0].created_at, kNow);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeysTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::credo::testing::BackendName);

}  // namespace
}  // namespace credo::api::testing
