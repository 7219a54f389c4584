// Shared fixture for the compliance tests: a throw-away bureau with a key file, the compliance
// schema, a FixedClock, a profile, and helpers to add subjects and records.
//
// The bureau is SQLite (a temporary directory) unless CREDO_COMPLIANCE_BACKEND=postgres, which
// puts it in a fresh schema of the PostgreSQL server CREDO_TEST_PG_URL names (dropped after):
// CMake registers every compliance test a second time that way (prefix "Postgres/"), so the
// rules are checked on both stores. Without a server those runs are skipped.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "../store/store_test_support.h"
#include "compliance/compliance.h"
#include "core/profile.h"
#include "store/keys.h"
#include "store/store.h"

namespace credo::compliance::testing {

inline Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

//! The store the compliance tests run on (CREDO_COMPLIANCE_BACKEND).
inline StoreBackend ComplianceBackend() {
  const char* asked = std::getenv("CREDO_COMPLIANCE_BACKEND");
  return asked != nullptr && std::strcmp(asked, "postgres") == 0 ? StoreBackend::kPostgres
                                                                : StoreBackend::kSqlite;
}

// When PostgreSQL is asked for and no server is configured, the program stops before any test
// with exit code 77, which CTest reports as skipped (SKIP_RETURN_CODE in CMakeLists.txt); a
// GTEST_SKIP here would report every test as passed without running it.
class PostgresWhenAsked : public ::testing::Environment {
 public:
  void SetUp() override {
    if (ComplianceBackend() == StoreBackend::kPostgres && credo::testing::TestPgUrl().empty()) {
      std::fprintf(stderr, "CREDO_TEST_PG_URL is not set: the PostgreSQL run of the compliance "
                           "tests is skipped (./run.sh test sets it)\n");
      std::_Exit(77);
    }
  }
};
inline ::testing::Environment* const kPostgresWhenAsked =
    ::testing::AddGlobalTestEnvironment(new PostgresWhenAsked);

class Bureau {
 public:
  Bureau(const std::string& profile_name, Date today)
      : location_(ComplianceBackend()),
        clock_(today, static_cast<int64_t>(today.days_since_epoch()) * 86400 + 36000) {
    profile_ = LoadBuiltinProfile(profile_name).value();
    EXPECT_TRUE(InitKeyFile(location_.key_file()).ok());
    StoreOptions options;
    options.location = location_.location();
    options.key_file = location_.key_file();
    options.create_if_missing = true;
    options.clock = &clock_;
    options.actor = "test-operator";
    auto opened = OpenStore(options);
    if (!opened.ok()) ADD_FAILURE() << opened.error().ToString();
    store_ = std::move(opened).value();
    auto schema = EnsureComplianceSchema(*store_);
    if (!schema.ok()) ADD_FAILURE() << schema.error().ToString();
    context_ = ComplianceContext(profile_, clock_, "test-operator");
  }
  ~Bureau() { store_.reset(); }  // before location_ drops the schema or the directory

  Store& store() { return *store_; }
  FixedClock& clock() { return clock_; }
  ComplianceContext& context() { return context_; }
  const JurisdictionProfile& profile() const { return profile_; }
  //! A scratch directory of the test's own (exports write there).
  std::string dir() const { return location_.directory().string(); }
  //! Where the bureau is (a SQLite file or a PostgreSQL URL) and its key file, to open it again.
  const std::string& location() const { return location_.location(); }
  const std::string& key_file() const { return location_.key_file(); }
  void SetToday(Date today) {
    clock_.Set(today);
    clock_.SetUnixSeconds(static_cast<int64_t>(today.days_since_epoch()) * 86400 + 36000);
  }

  SubjectId AddPerson(int i, Date birth = D(1985, 6, 15), std::string postcode = "100000") {
    Subject s;
    s.kind = SubjectKind::kPerson;
    s.person.given_name = "Wei" + std::to_string(i);
    s.person.family_name = "Zhangtest";
    s.person.full_name = "Zhangtest Wei" + std::to_string(i);
    s.person.birth_date = birth;
    char id[32];
    snprintf(id, sizeof id, "1101051985%08d", 10000000 + i);
    s.person.identifiers.push_back({IdentifierKind::kCnResidentId, id});
    s.person.phones.push_back("+86139" + std::to_string(10000000 + i));
    s.person.addresses.push_back({"No. " + std::to_string(i) + " Testlane", "", "Beijing", "Beijing",
                                  postcode, "cn", D(2020, 1, 1)});
    SubjectId id_out = 0;
    Check(store_->WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id_out, tx.InsertSubject(s));
      return Ok();
    }));
    return id_out;
  }

  //! A tradeline with history `codes` (most recent first) as of `reported`.
  int64_t AddTradeline(SubjectId subject, const std::string& account, Date reported,
                       const std::string& codes, AccountStatus status = AccountStatus::kCurrent,
                       std::optional<Date> dofd = std::nullopt, int64_t balance = 500000) {
    Tradeline t;
    t.key = {"First Test Bank", account, ""};
    t.subject_id = subject;
    t.kind = AccountKind::kRevolving;
    t.metro2_account_type = "18";
    t.status = status;
    t.opened_on = D(2010, 1, 15);
    t.reported_on = reported;
    t.first_delinquency_on = dofd;
    t.credit_limit = {1000000, Currency::Cny()};
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

  //! A consent as a test gives it (written artefact and notice filled in), not yet added.
  static ConsentGrant GrantFor(SubjectId subject, const std::string& institution,
                               const std::string& purpose, const std::string& reference, Date from) {
    ConsentGrant grant;
    grant.subject_id = subject;
    grant.institution = institution;
    grant.purpose = purpose;
    grant.reference = reference;
    grant.valid_from = from;
    grant.artefact_reference = "vault://consents/" + reference + ".pdf";
    grant.notice_version = "notice-2024-01";
    return grant;
  }

  int64_t AddConsentFor(SubjectId subject, const std::string& institution, const std::string& purpose,
                        const std::string& reference, Date from, std::optional<Date> to = {},
                        std::vector<std::string> restricted = {}) {
    ConsentGrant grant = GrantFor(subject, institution, purpose, reference, from);
    grant.valid_to = to;
    grant.restricted_categories = std::move(restricted);
    auto added = AddConsent(*store_, context_, grant);
    if (!added.ok()) ADD_FAILURE() << added.error().ToString();
    return added.value_or(0);
  }

  //! Row counts of every table except the refusal record and the audit log (what a refused
  //! request must leave unchanged).
  std::map<std::string, int64_t> Snapshot() {
    std::map<std::string, int64_t> counts;
    Check(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto store_counts, tx.CountRows());
      for (auto& [table, count] : store_counts) {
        if (table != "audit_log" && table != "audit_head") counts[table] = count;
      }
      for (const char* table : {"compliance_consent_terms", "compliance_query_log",
                                "compliance_negative_items", "compliance_suppressions",
                                "compliance_disputes", "compliance_complaints",
                                "compliance_statements", "compliance_notifications",
                                "compliance_rights_requests"}) {
        CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT COUNT(*) FROM ") + table));
        counts[table] = rows[0][0].int_value;
      }
      return Ok();
    }));
    return counts;
  }

  std::vector<RefusalRecord> Refusals() {
    std::vector<RefusalRecord> out;
    Check(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(out, ListRefusals(tx, D(1970, 1, 1), D(2999, 12, 31)));
      return Ok();
    }));
    return out;
  }

  //! The last refusal's rule (empty when none).
  std::string LastRefusalRule() {
    auto all = Refusals();
    return all.empty() ? "" : all.back().rule;
  }

  std::vector<AuditEntry> Audit() {
    std::vector<AuditEntry> out;
    Check(store_->WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(out, tx.ListAudit(0, 1000000));
      return Ok();
    }));
    return out;
  }

  static void Check(const Status& status) {
    if (!status.ok()) ADD_FAILURE() << status.error().ToString();
  }

 private:
  credo::testing::TestBureau location_;
  FixedClock clock_;
  JurisdictionProfile profile_;
  std::unique_ptr<Store> store_;
  ComplianceContext context_;
};

//! Runs `work` in a read transaction and fails the test on error.
template <typename F>
void Read(Store& store, F work) {
  Bureau::Check(store.WithReadTransaction([&](Transaction& tx) -> Status { return work(tx); }));
}

}  // namespace credo::compliance::testing
