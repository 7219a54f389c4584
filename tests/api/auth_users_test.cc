// Operators and subject accounts: adding, names and passwords checked, TOTP enrolment (secret
// sealed, URI shown once), admin lock and unlock, listing, and the audit entry of each change.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/auth/internal/records.h"
#include "auth_test_support.h"

namespace credo::api::testing {
namespace {

class UsersTest : public AuthStoreTest {
 protected:
  SubjectId AddPerson() {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = "Zhangtest Wei";
    subject.person.given_name = "Wei";
    subject.person.family_name = "Zhangtest";
    SubjectId id = 0;
    EXPECT_TRUE(IsOk(Write([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    })));
    return id;
  }
  Result<UserInfo> Get(const std::string& name) {
    return Read<UserInfo>([&](Transaction& tx) { return GetUser(tx, name); });
  }
};

TEST_P(UsersTest, AddedOperatorIsListedWithRoleAndPasswordButNoTotpYet) {
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "alice", Role::kAnalyst, kPassword, kNow);
  })));
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "bob.ops", Role::kDataOperations, "", kNow);
  })));
  auto users = Read<std::vector<UserInfo>>([](Transaction& tx) { return ListUsers(tx); });
  ASSERT_TRUE(IsOk(users));
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "alice");
  EXPECT_EQ((*users)[0].role, Role::kAnalyst);
  EXPECT_TRUE((*users)[0].has_password);
  EXPECT_FALSE((*users)[0].totp_enrolled);
  EXPECT_EQ((*users)[0].created_at, kNow);
  EXPECT_EQ((*users)[1].name, "bob.ops");
  EXPECT_FALSE((*users)[1].has_password);
  auto audit = AuthAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "auth.user.add");
  EXPECT_EQ(audit[0].detail, "user alice role analyst, password set");
}

TEST_P(UsersTest, BadInputIsRefusedAndChangesNothing) {
  struct Case {
    std::string name;
    Role role;
    std::string password;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {"", Role::kAnalyst, kPassword, ErrorCode::kInvalidArgument},
      {"Alice", Role::kAnalyst, kPassword, ErrorCode::kInvalidArgument},
      {"alice'; DROP TABLE auth_users; --", Role::kAnalyst, kPassword,
       ErrorCode::kInvalidArgument},
      {"../../etc/passwd", Role::kAnalyst, kPassword, ErrorCode::kInvalidArgument},
      {std::string(65, 'a'), Role::kAnalyst, kPassword, ErrorCode::kInvalidArgument},
      {"alice", Role::kAnalyst, "short", ErrorCode::kInvalidArgument},
      {"alice", Role::kInstitution, kPassword, ErrorCode::kInvalidArgument},
      {"alice", Role::kSubject, kPassword, ErrorCode::kInvalidArgument},
  };
  for (const Case& c : cases) {
    Status status = Write([&](Transaction& tx) {
      return AddUser(tx, c.name, c.role, c.password, kNow);
    });
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code, c.code) << c.name << ": " << status.error().ToString();
  }
  auto users = Read<std::vector<UserInfo>>([](Transaction& tx) { return ListUsers(tx); });
  ASSERT_TRUE(IsOk(users));
  EXPECT_TRUE(users->empty());
  EXPECT_TRUE(AuthAudit().empty());
}

TEST_P(UsersTest, DuplicateNameIsAlreadyExists) {
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "alice", Role::kAnalyst, kPassword, kNow);
  })));
  Status again = Write([](Transaction& tx) {
    return AddUser(tx, "alice", Role::kAdmin, kPassword, kNow);
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(Get("alice")->role, Role::kAnalyst);
}

TEST_P(UsersTest, EnrolmentSealsTheSecretAndReturnsItOnce) {
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "alice", Role::kAuditor, kPassword, kNow);
  })));
  auto enrolled = Call<TotpEnrollment>([](Transaction& tx) { return EnrollTotp(tx, "alice", kNow); });
  ASSERT_TRUE(IsOk(enrolled));
  EXPECT_EQ(enrolled->secret_base32.size(), 32u);  // 160 bits
  EXPECT_EQ(enrolled->otpauth_uri, "otpauth://totp/credo:alice?secret=" +
                                       enrolled->secret_base32 +
                                       "&issuer=credo&algorithm=SHA1&digits=6&period=30");
  auto secret = DecodeBase32Secret(enrolled->secret_base32);
  ASSERT_TRUE(IsOk(secret));
  EXPECT_EQ(secret->size(), 20u);
  EXPECT_TRUE(Get("alice")->totp_enrolled);

  auto rows = Read<std::vector<SqlRow>>([](Transaction& tx) {
    return tx.Query("SELECT totp_secret FROM auth_users WHERE name = 'alice'");
  });
  ASSERT_TRUE(IsOk(rows));
  ASSERT_EQ(rows->size(), 1u);
  const std::string& stored = (*rows)[0][0].bytes;
  EXPECT_EQ(stored.find(*secret), std::string::npos);
  EXPECT_EQ(stored.find(enrolled->secret_base32), std::string::npos);
  auto opened = Read<std::string>([&](Transaction& tx) {
    return tx.Decrypt(auth_internal::kTotpColumn, stored);
  });
  ASSERT_TRUE(IsOk(opened));
  EXPECT_EQ(*opened, *secret);

  auto again = Call<TotpEnrollment>([](Transaction& tx) { return EnrollTotp(tx, "alice", kNow); });
  ASSERT_TRUE(IsOk(again));
  EXPECT_NE(again->secret_base32, enrolled->secret_base32);
  auto audit = AuthAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1].action, "auth.user.enroll_totp");
  EXPECT_EQ(audit[2].detail, "user alice re-enrolled TOTP (old secret replaced)");
  for (const AuditEntry& entry : audit) {
    EXPECT_EQ(entry.detail.find(enrolled->secret_base32), std::string::npos);
  }
}

TEST_P(UsersTest, EnrollingAnUnknownUserIsNotFound) {
  auto enrolled = Call<TotpEnrollment>([](Transaction& tx) { return EnrollTotp(tx, "nobody", kNow); });
  ASSERT_FALSE(enrolled.ok());
  EXPECT_EQ(enrolled.error().code, ErrorCode::kNotFound);
}

TEST_P(UsersTest, AdminLockAndUnlock) {
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "alice", Role::kAnalyst, kPassword, kNow);
  })));
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return LockUser(tx, "alice", "left the company", kNow);
  })));
  auto locked = Get("alice");
  ASSERT_TRUE(IsOk(locked));
  EXPECT_EQ(locked->locked_until, kLockedIndefinitely);
  EXPECT_EQ(locked->lock_reason, "left the company");
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) { return UnlockUser(tx, "alice", kNow + 5); })));
  auto unlocked = Get("alice");
  ASSERT_TRUE(IsOk(unlocked));
  EXPECT_EQ(unlocked->locked_until, 0);
  EXPECT_EQ(unlocked->failed_logins, 0);
  auto audit = AuthAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1].action, "auth.user.lock");
  EXPECT_EQ(audit[2].action, "auth.user.unlock");
  EXPECT_EQ(audit[2].detail, "user alice unlocked (was locked until unlocked)");
  Status unknown = Write([](Transaction& tx) { return LockUser(tx, "nobody", "", kNow); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(UsersTest, SubjectAccountIsBoundToAnExistingSubject) {
  SubjectId subject = AddPerson();
  ASSERT_GT(subject, 0);
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) {
    return AddSubjectUser(tx, "wei", subject, kPassword, kNow);
  })));
  auto user = Get("wei");
  ASSERT_TRUE(IsOk(user));
  EXPECT_EQ(user->role, Role::kSubject);
  EXPECT_EQ(user->subject_id, subject);
  auto audit = AuthAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "auth.subject_user.add");
  EXPECT_EQ(audit[0].subject_id, subject);
  EXPECT_EQ(audit[0].detail.find("Zhangtest"), std::string::npos);

  Status second = Write([&](Transaction& tx) {
    return AddSubjectUser(tx, "wei2", subject, kPassword, kNow);
  });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kAlreadyExists);
  Status missing = Write([&](Transaction& tx) {
    return AddSubjectUser(tx, "ghost", subject + 1000, kPassword, kNow);
  });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  Status negative = Write([&](Transaction& tx) {
    return AddSubjectUser(tx, "ghost", -3, kPassword, kNow);
  });
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(UsersTest, SetPasswordReplacesTheHash) {
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "alice", Role::kAnalyst, "", kNow);
  })));
  EXPECT_FALSE(Get("alice")->has_password);
  Status weak = Write([](Transaction& tx) { return SetPassword(tx, "alice", "123", kNow); });
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) { return SetPassword(tx, "alice", kPassword, kNow); })));
  EXPECT_TRUE(Get("alice")->has_password);
  EXPECT_EQ(AuthAudit().back().action, "auth.user.password");
}

INSTANTIATE_TEST_SUITE_P(Backends, UsersTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::credo::testing::BackendName);

}  // namespace
}  // namespace credo::api::testing
