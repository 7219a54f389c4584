// Shared fixture for the report tests: a throw-away SQLite bureau with a key file, the
// compliance schema, a FixedClock, a profile, and helpers to add persons, companies and records.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "compliance/compliance.h"
#include "core/profile.h"
#include "report/report.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::report::testing {

inline Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

inline void Check(const Status& status) {
  if (!status.ok()) ADD_FAILURE() << status.error().ToString();
}

class Bureau {
 public:
  explicit Bureau(const std::string& profile_name = "cn", Date today = D(2026, 3, 15))
      : clock_(today, static_cast<int64_t>(today.days_since_epoch()) * 86400 + 36000) {
    char pattern[] = "/tmp/credo_report_XXXXXX";
    dir_ = mkdtemp(pattern);
    profile_ = LoadBuiltinProfile(profile_name).value();
    db_ = dir_ + "/bureau.db";
    EXPECT_TRUE(InitKeyFile(db_ + ".keys").ok());
    StoreOptions options;
    options.location = db_;
    options.key_file = db_ + ".keys";
    options.create_if_missing = true;
    options.clock = &clock_;
    options.actor = "test-operator";
    auto opened = OpenStore(options);
    if (!opened.ok()) ADD_FAILURE() << opened.error().ToString();
    store_ = std::move(opened).value();
    Check(compliance::EnsureComplianceSchema(*store_));
    context_ = compliance::ComplianceContext(profile_, clock_, "test-operator");
  }
  ~Bureau() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  Store& store() { return *store_; }
  FixedClock& clock() { return clock_; }
  compliance::ComplianceContext& context() { return context_; }
  const JurisdictionProfile& profile() const { return profile_; }
  const std::string& dir() const { return dir_; }
  const std::string& db() const { return db_; }
  void SetToday(Date today) {
    clock_.Set(today);
    clock_.SetUnixSeconds(static_cast<int64_t>(today.days_since_epoch()) * 86400 + 36000);
  }

  SubjectId Insert(const Subject& subject) {
    SubjectId id = 0;
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    }));
    return id;
  }

  SubjectId AddPerson(const std::string& name = "Zhang Wei",
                      const std::string& resident_id = "11010519491231002X") {
    Subject s;
    s.kind = SubjectKind::kPerson;
    s.person.full_name = name;
    s.person.birth_date = D(1949, 12, 31);
    s.person.identifiers.push_back({IdentifierKind::kCnResidentId, resident_id});
    s.person.phones.push_back("+8613812345678");
    s.person.addresses.push_back(
        {"No. 1 Testlane", "", "Beijing", "Beijing", "100000", "cn", D(2020, 1, 1)});
    s.person.employment.push_back({"Test Works", "engineer", D(2015, 3, 1)});
    return Insert(s);
  }

  SubjectId AddCompany(const std::string& name, const std::string& uscc) {
    Subject s;
    s.kind = SubjectKind::kOrganization;
    s.organization.name = name;
    s.organization.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, uscc});
    s.organization.legal_representative = "Li Na";
    s.organization.registered_capital = Money{1000000000, Currency::Cny()};
    s.organization.established_on = D(2010, 5, 1);
    s.organization.status = OrganizationStatus::kActive;
    s.organization.industry_code = "C39";
    return Insert(s);
  }

  int64_t AddTradeline(SubjectId subject, const std::string& account, Date reported,
                       const std::string& codes, AccountStatus status = AccountStatus::kCurrent,
                       int64_t balance = 500000, AccountKind kind = AccountKind::kRevolving,
                       const std::string& furnisher = "First Test Bank") {
    Tradeline t;
    t.key = {furnisher, account, ""};
    t.subject_id = subject;
    t.kind = kind;
    t.metro2_account_type = "18";
    t.status = status;
    t.opened_on = D(2018, 1, 15);
    t.reported_on = reported;
    t.credit_limit = {1000000, Currency::Cny()};
    t.high_credit = {800000, Currency::Cny()};
    t.balance = {balance, Currency::Cny()};
    t.history = PaymentHistory::FromCodes(reported, codes).value();
    int64_t id = 0;
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.UpsertTradeline(t, 0));
      return Ok();
    }));
    return id;
  }

  int64_t AddPublicRecord(SubjectId subject, PublicRecordKind kind, Date filed,
                          std::optional<Date> resolved, const std::string& case_number = "C-1") {
    PublicRecord r;
    r.subject_id = subject;
    r.kind = kind;
    r.authority = "Test District Court";
    r.case_number = case_number;
    r.filed_on = filed;
    r.resolved_on = resolved;
    r.amount = {1234500, Currency::Cny()};
    r.status = resolved ? "satisfied" : "open";
    int64_t id = 0;
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.UpsertPublicRecord(r));
      return Ok();
    }));
    return id;
  }

  void AddRelation(const Relation& relation) {
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto id, tx.UpsertRelation(relation));
      (void)id;
      return Ok();
    }));
  }

  void AddStatement(const FinancialStatement& statement) {
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto id, tx.UpsertFinancialStatement(statement));
      (void)id;
      return Ok();
    }));
  }

  int64_t AddConsentFor(SubjectId subject, const std::string& institution,
                        const std::string& purpose, const std::string& reference,
                        Date from = D(2026, 1, 1)) {
    compliance::ConsentGrant grant;
    grant.subject_id = subject;
    grant.institution = institution;
    grant.purpose = purpose;
    grant.reference = reference;
    grant.valid_from = from;
    grant.artefact_reference = "vault://consents/" + reference + ".pdf";
    grant.notice_version = "notice-2024-01";
    auto added = compliance::AddConsent(*store_, context_, grant);
    if (!added.ok()) ADD_FAILURE() << added.error().ToString();
    return added.value_or(0);
  }

  ReportRequest Request(SubjectId subject, const std::string& institution = "Bank A",
                        const std::string& purpose = "credit_application") {
    ReportRequest request;
    request.read.subject_id = subject;
    request.read.institution = institution;
    request.read.staff_user = "officer.7";
    request.read.purpose = purpose;
    return request;
  }

  int64_t Count(const std::string& table) {
    int64_t count = 0;
    Check(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM " + table));
      count = rows[0][0].int_value;
      return Ok();
    }));
    return count;
  }

  //! Every byte of the database file and its WAL (to check that nothing is stored in clear).
  std::string DatabaseBytes() {
    std::string all;
    for (const std::string& path : {db_, db_ + "-wal"}) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      all += buffer.str();
    }
    return all;
  }

 private:
  std::string dir_;
  std::string db_;
  FixedClock clock_;
  JurisdictionProfile profile_;
  std::unique_ptr<Store> store_;
  compliance::ComplianceContext context_;
};

}  // namespace credo::report::testing
