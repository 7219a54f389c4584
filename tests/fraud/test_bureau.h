// A throw-away SQLite bureau for the fraud tests: key file, store with a fixed clock, the fraud
// schema installed, and helpers to add persons, tradelines, inquiries and applications.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "fraud/fraud.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::fraud::testing {

// 2026-03-01 00:00:00 UTC.
inline constexpr int64_t kNow = 1772323200;

// A valid CN resident identity number for 17 leading digits (adds the MOD 11-2 check character).
inline std::string CnId(const std::string& first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

class TestBureau {
 public:
  explicit TestBureau(const std::string& name, bool install_schema = true)
      : clock_(Date::FromYmd(2026, 3, 1).value(), kNow) {
    dir_ = std::filesystem::temp_directory_path() /
           ("credo_fraud_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string db = (dir_ / "bureau.db").string();
    EXPECT_TRUE(InitKeyFile(db + ".keys").ok());
    StoreOptions options;
    options.location = db;
    options.create_if_missing = true;
    options.clock = &clock_;
    auto opened = OpenStore(options);
    EXPECT_TRUE(opened.ok()) << opened.error().ToString();
    store_ = std::move(opened).value();
    if (install_schema) {
      EXPECT_TRUE(EnsureFraudSchema(*store_).ok());
    }
  }
  ~TestBureau() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Store& store() { return *store_; }
  FixedClock& clock() { return clock_; }
  std::string path() const { return (dir_ / "bureau.db").string(); }

  SubjectId AddPerson(const std::string& name, const std::string& cn_id = "",
                      std::optional<Date> birth = std::nullopt,
                      const std::vector<std::string>& phones = {},
                      const std::string& region = "") {
    Subject subject;
    subject.person.full_name = name;
    subject.person.birth_date = birth;
    if (!cn_id.empty()) subject.person.identifiers.push_back({IdentifierKind::kCnResidentId, cn_id});
    subject.person.phones = phones;
    if (!region.empty()) {
      Address address;
      address.line1 = "建设路88号";
      address.region = region;
      address.country = "cn";
      subject.person.addresses.push_back(address);
    }
    SubjectId id = 0;
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return id;
  }

  void AddTradeline(SubjectId subject, const std::string& account, char ecoa,
                    AccountStatus status = AccountStatus::kCurrent,
                    Date opened = Date::FromYmd(2024, 1, 1).value()) {
    Tradeline tradeline;
    tradeline.key = {"bank_a", account, ""};
    tradeline.subject_id = subject;
    tradeline.kind = AccountKind::kRevolving;
    tradeline.ecoa_code = ecoa;
    tradeline.status = status;
    tradeline.opened_on = opened;
    tradeline.reported_on = std::max(Date::FromYmd(2026, 2, 1).value(), opened);
    tradeline.history.as_of = tradeline.reported_on;
    Status result = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(int64_t id, tx.UpsertTradeline(tradeline, 0));
      (void)id;
      return Ok();
    });
    EXPECT_TRUE(result.ok()) << result.error().ToString();
  }

  void AddInquiry(SubjectId subject, Date on, const std::string& institution = "bank_a",
                  InquiryKind kind = InquiryKind::kHard) {
    Inquiry inquiry;
    inquiry.subject_id = subject;
    inquiry.kind = kind;
    inquiry.institution = institution;
    inquiry.purpose = "credit_application";
    inquiry.inquired_on = on;
    Status result = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(int64_t id, tx.InsertInquiry(inquiry));
      (void)id;
      return Ok();
    });
    EXPECT_TRUE(result.ok()) << result.error().ToString();
  }

  // Normalises and records an application; returns its id.
  int64_t Apply(ApplicationEvent event) {
    auto normalised = NormalizeApplication(event);
    EXPECT_TRUE(normalised.ok()) << normalised.error().ToString();
    int64_t id = 0;
    Status status = store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, RecordApplication(tx, *normalised));
      return Ok();
    });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    return id;
  }

  static ApplicationEvent Event(SubjectId subject, const std::string& institution, int64_t at) {
    ApplicationEvent event;
    event.subject_id = subject;
    event.institution = institution;
    event.occurred_at = at;
    return event;
  }

 private:
  FixedClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace credo::fraud::testing
