// Shared set-up for the incremental-resolution tests: persons as ingestion builds them, valid
// CN resident identity numbers, and a bureau (SQLite, or PostgreSQL when CREDO_TEST_PG_URL is
// set) with the resolve schema installed.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "resolve/incremental/review_schema.h"
#include "store/store.h"
#include "store/store_test_support.h"

namespace credo::resolve::testing {

using credo::testing::IsOk;
using credo::testing::TestBureau;

//! A valid CN resident identity number from its first 17 digits (ISO 7064 MOD 11-2).
inline std::string CnResidentId(const std::string& first17) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + kCheck[sum % 11];
}

struct PersonSpec {
  std::string given, family, birth, phone, email, line1, city, postcode, state;
  std::string resident_id;  //!< valid CN resident id or empty
};

inline Subject MakePerson(const PersonSpec& spec) {
  Subject subject;
  subject.kind = SubjectKind::kPerson;
  Person& person = subject.person;
  person.given_name = spec.given;
  person.family_name = spec.family;
  person.full_name = spec.given + " " + spec.family;
  if (!spec.birth.empty()) person.birth_date = *Date::ParseIso(spec.birth);
  if (!spec.phone.empty()) person.phones.push_back(spec.phone);
  if (!spec.email.empty()) person.emails.push_back(spec.email);
  if (!spec.resident_id.empty()) {
    person.identifiers.push_back(Identifier{IdentifierKind::kCnResidentId, spec.resident_id});
  }
  if (!spec.line1.empty() || !spec.city.empty()) {
    Address address;
    address.line1 = spec.line1;
    address.city = spec.city;
    address.postcode = spec.postcode;
    address.region = spec.state;
    address.country = "cn";
    person.addresses.push_back(address);
  }
  return subject;
}

inline PersonSpec Alice() {
  return {"alice", "wong", "1984-03-07", "+8613812345678", "alice.wong@example.cn",
          "12 harbour road", "shenzhen", "518000", "gd", ""};
}

//! A bureau with the resolve schema; skips PostgreSQL cases without a server.
class ResolveBureauTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    CREDO_SKIP_IF_NO_PG(GetParam());
    bureau_ = std::make_unique<TestBureau>(GetParam());
    store_ = bureau_->Open();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(IsOk(InstallResolveSchema(*store_)));
  }
  std::unique_ptr<TestBureau> bureau_;
  std::unique_ptr<Store> store_;
};

}  // namespace credo::resolve::testing
