// Shared by the server route tests and the e2e tests: a throw-away bureau with two persons
// (valid CN resident ids), two institutions' API keys, an expired and a revoked key, operators
// of every staff role and a subject account, each with a TOTP secret.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "api/auth/auth.h"
#include "api/routes/routes.h"
#include "compliance/context.h"
#include "core/date.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::api::testing {

//! A valid 18-character CN resident id (region 110105, the birth date, a sequence, MOD 11-2).
inline std::string ResidentId(const std::string& birth_yyyymmdd, int sequence) {
  char base[32];
  std::snprintf(base, sizeof(base), "110105%s%03d", birth_yyyymmdd.c_str(), sequence % 1000);
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * kWeights[i];
  return std::string(base) + "10X98765432"[sum % 11];
}

struct TestPerson {
  SubjectId id = 0;
  std::string resident_id;
  std::string full_name;
  std::string phone;
};

struct TestOperator {
  std::string user;
  std::string password;
  std::string totp_secret;  //!< raw bytes
};

class TestBureau {
 public:
  TestBureau() {
    char pattern[] = "/tmp/credo_api_bureau_XXXXXX";
    dir_ = mkdtemp(pattern);
    db_ = dir_ + "/bureau.db";
    Check(InitKeyFile(db_ + ".keys"));
    StoreOptions options = Options();
    options.create_if_missing = true;
    auto store = OpenStore(options);
    Check(store);
    store_ = std::move(store).value();
    Check(compliance::EnsureComplianceSchema(*store_));
    Check(PrepareBureau(*store_));
    persons_.push_back(AddPerson("Wangtest Fang", ResidentId("19800615", 123), "+8613912345601"));
    persons_.push_back(AddPerson("Litest Qiang", ResidentId("19751203", 456), "+8613912345602"));
    int64_t now = SystemClock().NowUnixSeconds();
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto a, CreateApiClient(tx, "bank-a", now + 86400, now));
      CREDO_ASSIGN_OR_RETURN(auto b, CreateApiClient(tx, "bank-b", now + 86400, now));
      CREDO_ASSIGN_OR_RETURN(auto revoked, CreateApiClient(tx, "bank-r", now + 86400, now));
      CREDO_TRY(RevokeApiClient(tx, revoked.client.client_id, now));
      CREDO_ASSIGN_OR_RETURN(auto expiring, CreateApiClient(tx, "bank-e", now + 1, now));
      keys_["bank-a"] = a.key;
      keys_["bank-b"] = b.key;
      keys_["revoked"] = revoked.key;
      keys_["expired"] = expiring.key;
      return Ok();
    }));
    for (const char* role : {"admin", "data_operations", "analyst", "auditor"}) {
      AddOperator(std::string(role) == "data_operations" ? "data-ops" : role, role);
    }
    AddOperator("logout-user", "analyst");
    AddSubjectAccount("subject-1", persons_[0].id);
    AddSubjectAccount("subject-2", persons_[1].id);
  }
  ~TestBureau() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  StoreOptions Options() const {
    StoreOptions options;
    options.location = db_;
    options.key_file = db_ + ".keys";
    return options;
  }
  Store& store() { return *store_; }
  const std::string& db() const { return db_; }
  const std::string& dir() const { return dir_; }
  const std::vector<TestPerson>& persons() const { return persons_; }
  const std::string& key(const std::string& name) const { return keys_.at(name); }
  const TestOperator& user(const std::string& name) const { return users_.at(name); }
  //! The TOTP code of `user` for the time step of `now`.
  std::string Totp(const std::string& name, int64_t now) const {
    auto code = TotpCode(users_.at(name).totp_secret, now);
    Check(code);
    return *code;
  }
  TableCounts Counts() {
    TableCounts counts;
    Check(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(counts, tx.CountRows());
      return Ok();
    }));
    return counts;
  }

  template <typename T>
  static void Check(const Result<T>& result) {
    if (!result.ok()) ADD_FAILURE() << result.error().ToString();
  }

 private:
  TestPerson AddPerson(const std::string& full_name, const std::string& resident_id,
                       const std::string& phone) {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = full_name;
    subject.person.family_name = full_name.substr(0, full_name.find(' '));
    subject.person.given_name = full_name.substr(full_name.find(' ') + 1);
    subject.person.identifiers.push_back({IdentifierKind::kCnResidentId, resident_id});
    subject.person.phones.push_back(phone);
    TestPerson person{0, resident_id, full_name, phone};
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(person.id, tx.InsertSubject(subject));
      return Ok();
    }));
    return person;
  }
  void AddOperator(const std::string& name, const std::string& role_name) {
    int64_t now = SystemClock().NowUnixSeconds();
    TestOperator op{name, "correct horse battery staple " + name, ""};
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(Role role, ParseRole(role_name));
      CREDO_TRY(AddUser(tx, name, role, op.password, now));
      CREDO_ASSIGN_OR_RETURN(auto enrollment, EnrollTotp(tx, name, now));
      CREDO_ASSIGN_OR_RETURN(op.totp_secret, DecodeBase32Secret(enrollment.secret_base32));
      return Ok();
    }));
    users_[name] = op;
  }
  void AddSubjectAccount(const std::string& name, SubjectId subject) {
    int64_t now = SystemClock().NowUnixSeconds();
    TestOperator op{name, "subject password long enough " + name, ""};
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_TRY(AddSubjectUser(tx, name, subject, op.password, now));
      CREDO_ASSIGN_OR_RETURN(auto enrollment, EnrollTotp(tx, name, now));
      CREDO_ASSIGN_OR_RETURN(op.totp_secret, DecodeBase32Secret(enrollment.secret_base32));
      return Ok();
    }));
    users_[name] = op;
  }

  std::string dir_;
  std::string db_;
  std::unique_ptr<Store> store_;
  std::vector<TestPerson> persons_;
  std::map<std::string, std::string> keys_;
  std::map<std::string, TestOperator> users_;
};

//! One canonical JSON-lines account for the person (a batch upload body).
inline std::string AccountLine(const TestPerson& person, const std::string& account,
                               const std::string& status = "11") {
  return "{\"account_number\":\"" + account + "\",\"full_name\":\"" + person.full_name +
         "\",\"identifier\":\"" + person.resident_id +
         "\",\"account_status\":\"" + status +
         "\",\"date_opened\":\"2023-01-15\",\"credit_limit\":\"50000\",\"current_balance\":"
         "\"1200\",\"date_of_account_information\":\"2026-05-31\"}\n";
}

}  // namespace credo::api::testing
