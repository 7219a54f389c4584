// Shared set-up for the api/auth tests: a fresh bureau (SQLite, or PostgreSQL when
// CREDO_TEST_PG_URL is set) with the "auth" schema, a fixed clock, and helpers to run one call
// in a transaction and to compute TOTP codes the way an authenticator app would (liboath).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/auth/auth.h"
#include "store/store_test_support.h"

namespace credo::api::testing {

using ::credo::testing::IsOk;

inline constexpr int64_t kNow = 1'800'000'010;  // 2027-01-15T08:00:10Z, 10 s into a TOTP step
inline constexpr char kPassword[] = "correct horse battery staple";

class AuthStoreTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<::credo::testing::TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(IsOk(EnsureAuthSchema(*store_)));
  }

  //! Runs `work` in a read-write transaction (committed when it returns Ok()).
  Status Write(const std::function<Status(Transaction&)>& work) {
    return store_->WithTransaction(work);
  }
  //! Runs `work` in a transaction and returns its value (rolled back when it fails).
  template <typename T>
  Result<T> Call(const std::function<Result<T>(Transaction&)>& work) {
    std::optional<Result<T>> outcome;
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      outcome.emplace(work(tx));
      if (!outcome->ok()) return outcome->error();
      return Ok();
    });
    if (!outcome) return status.error();
    return std::move(*outcome);
  }
  //! Runs `work` in a read transaction.
  template <typename T>
  Result<T> Read(const std::function<Result<T>(Transaction&)>& work) {
    std::optional<Result<T>> outcome;
    Status status = store_->WithReadTransaction([&](Transaction& tx) -> Status {
      outcome.emplace(work(tx));
      return Ok();
    });
    if (!outcome) return status.error();
    return std::move(*outcome);
  }

  //! Adds an operator with kPassword and TOTP; returns the raw TOTP secret.
  std::string AddEnrolledUser(const std::string& name, Role role) {
    EXPECT_TRUE(IsOk(Write([&](Transaction& tx) {
      return AddUser(tx, name, role, kPassword, kNow - 100);
    })));
    auto enrolled = Call<TotpEnrollment>([&](Transaction& tx) { return EnrollTotp(tx, name, kNow - 100); });
    EXPECT_TRUE(IsOk(enrolled));
    if (!enrolled.ok()) return "";
    auto secret = DecodeBase32Secret(enrolled->secret_base32);
    EXPECT_TRUE(IsOk(secret));
    return secret.ok() ? *secret : "";
  }

  static std::string CodeAt(const std::string& secret, int64_t when) {
    auto code = TotpCode(secret, when);
    EXPECT_TRUE(code.ok());
    return code.ok() ? *code : "";
  }

  //! Audit entries whose action starts with "auth.".
  std::vector<AuditEntry> AuthAudit() {
    std::vector<AuditEntry> out;
    auto entries = Read<std::vector<AuditEntry>>(
        [](Transaction& tx) { return tx.ListAudit(0, 100000); });
    EXPECT_TRUE(IsOk(entries));
    if (!entries.ok()) return out;
    for (auto& entry : *entries) {
      if (entry.action.rfind("auth.", 0) == 0) out.push_back(entry);
    }
    return out;
  }

  std::unique_ptr<::credo::testing::TestBureau> bureau_;
  std::unique_ptr<Store> store_;
};

}  // namespace credo::api::testing
