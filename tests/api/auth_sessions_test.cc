// Login with password + TOTP, the lockout after five failures and its end, replayed codes,
// sessions that expire on time (not sliding), logout, and refusals that change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "auth_test_support.h"

namespace credo::api::testing {
namespace {

class SessionsTest : public AuthStoreTest {
 protected:
  void SetUp() override {
    AuthStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    secret_ = AddEnrolledUser("alice", Role::kAnalyst);
    ASSERT_FALSE(secret_.empty());
  }
  Result<LoginResult> LoginAt(int64_t now, const std::string& password = kPassword,
                              std::string code = "") {
    if (code.empty()) code = CodeAt(secret_, now);
    return Login(*store_, "alice", password, code, now);
  }
  Result<Principal> SessionAt(const std::string& token, int64_t now) {
    return Read<Principal>([&](Transaction& tx) { return AuthenticateSession(tx, token, now); });
  }
  Result<UserInfo> Alice() {
    return Read<UserInfo>([](Transaction& tx) { return GetUser(tx, "alice"); });
  }
  std::string secret_;
};

TEST_P(SessionsTest, PasswordAndCodeGiveASession) {
  auto login = LoginAt(kNow);
  ASSERT_TRUE(IsOk(login));
  EXPECT_EQ(login->token.size(), 71u);
  EXPECT_EQ(login->token.rfind("credos_", 0), 0u);
  EXPECT_EQ(login->principal.role, Role::kAnalyst);
  EXPECT_EQ(login->principal.id, "alice");
  EXPECT_EQ(login->principal.expires_at, kNow + 900);
  auto principal = SessionAt(login->token, kNow + 60);
  ASSERT_TRUE(IsOk(principal));
  EXPECT_EQ(principal->id, "alice");
  EXPECT_EQ(principal->role, Role::kAnalyst);
  EXPECT_EQ(Alice()->last_login_at, kNow);
  EXPECT_EQ(AuthAudit().back().action, "auth.login");
}

TEST_P(SessionsTest, SessionExpiresFifteenMinutesAfterLoginEvenWhenUsed) {
  auto login = LoginAt(kNow);
  ASSERT_TRUE(IsOk(login));
  for (int64_t t = kNow; t < kNow + 900; t += 120) {
    EXPECT_TRUE(SessionAt(login->token, t).ok()) << t;  // use does not slide the expiry
  }
  auto expired = SessionAt(login->token, kNow + 900);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(expired.error().message.find("expired at 2027-01-15T08:15:10Z"), std::string::npos)
      << expired.error().message;
}

TEST_P(SessionsTest, LogoutEndsTheSession) {
  auto login = LoginAt(kNow);
  ASSERT_TRUE(IsOk(login));
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) { return Logout(tx, login->token, kNow + 30); })));
  auto ended = SessionAt(login->token, kNow + 31);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kUnauthenticated);
  Status twice = Write([&](Transaction& tx) { return Logout(tx, login->token, kNow + 32); });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(AuthAudit().back().action, "auth.logout");
}

TEST_P(SessionsTest, CredentialIsToldApartByPrefix) {
  auto login = LoginAt(kNow);
  ASSERT_TRUE(IsOk(login));
  auto client = Call<CreatedApiClient>(
      [](Transaction& tx) { return CreateApiClient(tx, "bank-a", kNow + 86400, kNow); });
  ASSERT_TRUE(IsOk(client));
  auto as_user = Read<Principal>(
      [&](Transaction& tx) { return AuthenticateCredential(tx, login->token, kNow + 1); });
  ASSERT_TRUE(IsOk(as_user));
  EXPECT_EQ(as_user->role, Role::kAnalyst);
  auto as_client = Read<Principal>(
      [&](Transaction& tx) { return AuthenticateCredential(tx, client->key, kNow + 1); });
  ASSERT_TRUE(IsOk(as_client));
  EXPECT_EQ(as_client->role, Role::kInstitution);
  EXPECT_EQ(as_client->institution, "bank-a");
  auto neither = Read<Principal>(
      [&](Transaction& tx) { return AuthenticateCredential(tx, "Basic YWxpY2U6cHc=", kNow); });
  ASSERT_FALSE(neither.ok());
  EXPECT_EQ(neither.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(SessionsTest, UnknownAndMalformedTokens) {
  auto unknown = SessionAt("credos_" + std::string(64, 'a'), kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  for (const std::string& token : {std::string(), std::string("credos_"),
                                   std::string("credos_") + std::string(64, 'G'),
                                   std::string("credos_' OR 1=1 --") + std::string(53, 'a')}) {
    auto malformed = SessionAt(token, kNow);
    ASSERT_FALSE(malformed.ok()) << token;
    EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidArgument) << token;
  }
}

TEST_P(SessionsTest, ReplayedCodeIsRefusedAndTheNextCodeWorks) {
  std::string code = CodeAt(secret_, kNow);
  ASSERT_TRUE(IsOk(Login(*store_, "alice", kPassword, code, kNow)));
  auto replay = Login(*store_, "alice", kPassword, code, kNow + 5);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(replay.error().message.find("already used"), std::string::npos);
  EXPECT_EQ(Alice()->failed_logins, 1);
  // The previous step's code is also spent (it is older than the one used).
  auto older = Login(*store_, "alice", kPassword, CodeAt(secret_, kNow - 30), kNow + 5);
  ASSERT_FALSE(older.ok());
  EXPECT_NE(older.error().message.find("already used"), std::string::npos);
  ASSERT_TRUE(IsOk(LoginAt(kNow + 30)));
  EXPECT_EQ(Alice()->failed_logins, 0);
}

TEST_P(SessionsTest, CodesOneStepAwayAreAcceptedTwoAreNot) {
  auto early = Login(*store_, "alice", kPassword, CodeAt(secret_, kNow - 30), kNow);
  ASSERT_TRUE(IsOk(early));
  auto late = Login(*store_, "alice", kPassword, CodeAt(secret_, kNow + 30), kNow);
  ASSERT_TRUE(IsOk(late));
  auto too_far = Login(*store_, "alice", kPassword, CodeAt(secret_, kNow + 120), kNow + 60);
  ASSERT_FALSE(too_far.ok());
  EXPECT_EQ(too_far.error().code, ErrorCode::kUnauthenticated);
}

TEST_P(SessionsTest, FiveFailuresLockForFifteenMinutesThenLoginWorks) {
  for (int i = 1; i <= 4; ++i) {
    auto failed = LoginAt(kNow + i, "wrong password " + std::to_string(i));
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::kUnauthenticated);
    EXPECT_NE(failed.error().message.find("failed login " + std::to_string(i) + " of 5"),
              std::string::npos)
        << failed.error().message;
    EXPECT_EQ(Alice()->failed_logins, i);
  }
  auto fifth = LoginAt(kNow + 5, "wrong password 5");
  ASSERT_FALSE(fifth.ok());
  EXPECT_NE(fifth.error().message.find("now locked until 2027-01-15T08:15:15Z"), std::string::npos)
      << fifth.error().message;
  EXPECT_EQ(Alice()->locked_until, kNow + 5 + 900);

  // Locked: even the right password and code are refused, and the message says until when.
  auto locked = LoginAt(kNow + 60);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(locked.error().message.find("is locked until 2027-01-15T08:15:15Z"), std::string::npos)
      << locked.error().message;

  auto after = LoginAt(kNow + 5 + 900 + 30);
  ASSERT_TRUE(IsOk(after));
  EXPECT_EQ(Alice()->locked_until, 0);
  EXPECT_EQ(Alice()->failed_logins, 0);

  std::vector<std::string> actions;
  for (const AuditEntry& entry : AuthAudit()) actions.push_back(entry.action);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.login.fail"), 5);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "auth.user.lock"), 1);
}

TEST_P(SessionsTest, AdminUnlockEndsAFailureLockEarly) {
  for (int i = 1; i <= 5; ++i) ASSERT_FALSE(LoginAt(kNow + i, "not the password").ok());
  ASSERT_FALSE(LoginAt(kNow + 60).ok());
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) { return UnlockUser(tx, "alice", kNow + 90); })));
  ASSERT_TRUE(IsOk(LoginAt(kNow + 120)));
}

TEST_P(SessionsTest, LockThresholdAndDurationAreSettings) {
  AuthSettings settings;
  settings.lockout_threshold = 2;
  settings.lockout_seconds = 60;
  settings.session_seconds = 300;
  ASSERT_FALSE(Login(*store_, "alice", "bad password one", CodeAt(secret_, kNow), kNow, settings).ok());
  auto second = Login(*store_, "alice", "bad password two", CodeAt(secret_, kNow), kNow + 1, settings);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(Alice()->locked_until, kNow + 61);
  auto login = Login(*store_, "alice", kPassword, CodeAt(secret_, kNow + 90), kNow + 90, settings);
  ASSERT_TRUE(IsOk(login));
  EXPECT_EQ(login->principal.expires_at, kNow + 390);
}

TEST_P(SessionsTest, AdminLockEndsSessionsAndRefusesLogin) {
  auto login = LoginAt(kNow);
  ASSERT_TRUE(IsOk(login));
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return LockUser(tx, "alice", "suspected compromise", kNow + 10);
  })));
  auto session = SessionAt(login->token, kNow + 20);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().code, ErrorCode::kUnauthenticated);
  auto refused = LoginAt(kNow + 30);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("locked until an admin unlocks it"), std::string::npos);
  ASSERT_TRUE(IsOk(Write([](Transaction& tx) { return UnlockUser(tx, "alice", kNow + 40); })));
  // The session ended at the lock stays ended; a new login works.
  EXPECT_FALSE(SessionAt(login->token, kNow + 50).ok());
  ASSERT_TRUE(IsOk(LoginAt(kNow + 60)));
}

TEST_P(SessionsTest, UnknownUserAndMissingTotpAreUnauthenticated) {
  auto unknown = Login(*store_, "mallory", kPassword, "123456", kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().message, "user name, password or TOTP code is wrong");

  ASSERT_TRUE(IsOk(Write([](Transaction& tx) {
    return AddUser(tx, "bob", Role::kAuditor, kPassword, kNow);
  })));
  auto no_totp = Login(*store_, "bob", kPassword, "123456", kNow);
  ASSERT_FALSE(no_totp.ok());
  EXPECT_EQ(no_totp.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(no_totp.error().message.find("enroll-totp bob"), std::string::npos);
}

TEST_P(SessionsTest, MalformedLoginInputIsInvalidAndCountsNothing) {
  const std::vector<std::array<std::string, 3>> cases = {
      {"alice", kPassword, "12345"},
      {"alice", kPassword, "1234567"},
      {"alice", kPassword, "12345a"},
      {"alice", kPassword, "' OR 1=1"},
      {"alice", "", "123456"},
      {"alice", std::string(2000, 'p'), "123456"},
      {"Alice; --", kPassword, "123456"},
      {"../alice", kPassword, "123456"},
  };
  for (const auto& c : cases) {
    auto refused = Login(*store_, c[0], c[1], c[2], kNow);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << c[0] << " " << c[2];
  }
  EXPECT_EQ(Alice()->failed_logins, 0);
  for (const AuditEntry& entry : AuthAudit()) EXPECT_NE(entry.action, "auth.login.fail");
}

TEST_P(SessionsTest, FailuresInACallersTransactionNeedItsCommit) {
  // Login(Transaction&) writes the failure into the caller's transaction: rolled back, it is
  // forgotten; committed, it counts. Login(Store&) commits it.
  Status rolled_back = Write([&](Transaction& tx) -> Status {
    auto failed = Login(tx, "alice", "wrong password!", CodeAt(secret_, kNow), kNow);
    return failed.ok() ? Ok() : failed.error();
  });
  ASSERT_FALSE(rolled_back.ok());
  EXPECT_EQ(Alice()->failed_logins, 0);
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) -> Status {
    auto failed = Login(tx, "alice", "wrong password!", CodeAt(secret_, kNow), kNow);
    EXPECT_FALSE(failed.ok());
    return Ok();
  })));
  EXPECT_EQ(Alice()->failed_logins, 1);
}

TEST_P(SessionsTest, SubjectAccountLogsInAsItsSubject) {
  Subject subject;
  subject.kind = SubjectKind::kPerson;
  subject.person.full_name = "Subject Person";
  SubjectId id = 0;
  ASSERT_TRUE(IsOk(Write([&](Transaction& tx) -> Status {
    CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
    return AddSubjectUser(tx, "person1", id, kPassword, kNow);
  })));
  auto enrolled = Call<TotpEnrollment>([](Transaction& tx) { return EnrollTotp(tx, "person1", kNow); });
  ASSERT_TRUE(IsOk(enrolled));
  std::string secret = *DecodeBase32Secret(enrolled->secret_base32);
  auto login = Login(*store_, "person1", kPassword, CodeAt(secret, kNow), kNow);
  ASSERT_TRUE(IsOk(login));
  EXPECT_EQ(login->principal.role, Role::kSubject);
  EXPECT_EQ(login->principal.subject_id, id);
  EXPECT_EQ(login->principal.id, "person1");
  auto principal = SessionAt(login->token, kNow + 1);
  ASSERT_TRUE(IsOk(principal));
  EXPECT_EQ(principal->subject_id, id);
  EXPECT_TRUE(RequirePermission(*principal, "me.read").ok());
  EXPECT_EQ(RequirePermission(*principal, "reports.issue").error().code,
            ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionsTest,
                         ::testing::Values(StoreBackend::kSqlite, StoreBackend::kPostgres),
                         ::credo::testing::BackendName);

}  // namespace
}  // namespace credo::api::testing
