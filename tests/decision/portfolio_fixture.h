// Test fixture of the portfolio dashboards: a small bureau whose figures are worked out by hand
// in the comments (as of 2024-06-30, currency USD).
//
//   A  person, Beijing (address)   card  opened 2024-01-01, "000000"           balance 30000
//                                  card  closed paid 2024-05-01 (off the book)  balance 0
//   B  person, Beijing (address)   loan  opened 2024-02-01, "32100" (Jun=90)   balance 50000
//   C  person, Shanghai (id 31...) card  opened 2023-03-01, "1" (Jun=30)       balance 10000
//   D  company C34, Shanghai       loan  opened 2023-06-01, "L" (Jun=charge-off) balance 200000
//   E  person with no records, stored today (after the as-of date): not known on 2024-06-30
//
//   scores (person_score, 300..850): A 2024-03-31 700 pd .001 (AA), 2024-06-30 720 pd .0005 (AAA)
//                                    B 2024-03-31 640 pd .02 (BBB-), 2024-06-30 560 pd .2 (B-)
//                                    C 2024-06-30 610 pd .05 (BB-)
//   alerts: one on 2024-06-25 open, one on 2024-06-01 acknowledged 2024-06-02.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "file_builder.h"
#include "model/score_history.h"
#include "model/store_schema.h"
#include "monitor/schema.h"

namespace credo::decision::testing {

using features::testing::D;
using features::testing::MakeTradeline;

inline std::string ResidentId(const std::string& region6, const std::string& birth, int seq) {
  char base[32];
  std::snprintf(base, sizeof(base), "%s%s%03d", region6.c_str(), birth.c_str(), seq % 1000);
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * kWeights[i];
  return std::string(base) + "10X98765432"[sum % 11];
}

struct PortfolioFixture {
  features::testing::TempBureau bureau;
  SubjectId a = 0, b = 0, c = 0, d = 0, e = 0;
  Tradeline b_loan;

  static void Check(const Status& status) {
    ASSERT_TRUE(status.ok()) << status.error().ToString();
  }

  SubjectId Insert(const Subject& subject) {
    SubjectId id = 0;
    Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(id, tx.InsertSubject(subject));
      return Ok();
    }));
    return id;
  }
  SubjectId Person(const std::string& name, const std::string& region,
                   const std::string& resident_id = "") {
    Subject subject;
    subject.kind = SubjectKind::kPerson;
    subject.person.full_name = name;
    if (!region.empty()) {
      Address address;
      address.city = region;
      address.region = region;
      address.country = "cn";
      subject.person.addresses.push_back(address);
    }
    if (!resident_id.empty()) {
      subject.person.identifiers.push_back({IdentifierKind::kCnResidentId, resident_id});
    }
    return Insert(subject);
  }
  Tradeline Account(SubjectId subject, AccountKind kind, const char* opened,
                    const char* reported, const char* codes, int64_t balance,
                    AccountStatus status = AccountStatus::kCurrent,
                    std::optional<Date> closed = std::nullopt) {
    Tradeline t = MakeTradeline(kind, opened, reported, codes, balance, 100000);
    t.subject_id = subject;
    t.status = status;
    t.closed_on = closed;
    Report(t);
    return t;
  }
  void Report(const Tradeline& t) {
    Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
      CREDO_TRY(tx.UpsertTradeline(t, 0));
      return Ok();
    }));
  }
  void Score(SubjectId subject, const char* as_of, int score, double pd) {
    model::SubjectScore s;
    s.subject_id = subject;
    s.product = "person_score";
    s.model_id = "test-model";
    s.as_of = D(as_of);
    s.score = score;
    s.score_min = 300;
    s.score_max = 850;
    s.probability_of_default = pd;
    Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
      return model::RecordScore(tx, s, 1700000000);
    }));
  }
  void Alert(SubjectId subject, const char* as_of, std::optional<int64_t> acknowledged_at,
             const std::string& key) {
    Check(bureau.store().WithTransaction([&](Transaction& tx) -> Status {
      const SqlValue params[] = {
          SqlValue::Text("Bank A"), SqlValue::Int(subject), SqlValue::Text("delinquency"),
          SqlValue::Int(2), SqlValue::Text(key), SqlValue::Text("{}"), SqlValue::Text("x"),
          SqlValue::Int(D(as_of).days_since_epoch()), SqlValue::Int(1700000000),
          acknowledged_at ? SqlValue::Int(*acknowledged_at) : SqlValue::Null(),
          SqlValue::Text(acknowledged_at ? "ops" : "")};
      return tx.Execute(
          "INSERT INTO monitor_alerts (institution, subject_id, trigger_kind, severity, "
          "evidence_key, evidence, summary, as_of, created_at, acknowledged_at, acknowledged_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params);
    }));
  }

  PortfolioFixture() {
    Check(model::EnsureModelSchema(bureau.store()));
    Check(monitor::InstallMonitorSchema(bureau.store()));
    a = Person("Zhao Lei", "北京市");
    b = Person("Qian Li", "北京市");
    c = Person("Sun Wei", "", ResidentId("310104", "19850101", 12));
    Subject company;
    company.kind = SubjectKind::kOrganization;
    company.organization.name = "Delta Machinery Ltd";
    company.organization.industry_code = "C34";
    Address address;
    address.region = "上海市";
    address.country = "cn";
    company.organization.addresses.push_back(address);
    d = Insert(company);
    e = Person("Zhou Yi", "广东省");

    Account(a, AccountKind::kRevolving, "2024-01-01", "2024-06-30", "000000", 30000);
    Account(a, AccountKind::kRevolving, "2020-01-01", "2024-06-30", "000", 0,
            AccountStatus::kClosedPaid, D("2024-05-01"));
    b_loan = Account(b, AccountKind::kInstallment, "2024-02-01", "2024-06-30", "32100", 50000,
                     AccountStatus::kPastDue90);
    Account(c, AccountKind::kRevolving, "2023-03-01", "2024-06-30", "1", 10000,
            AccountStatus::kPastDue30);
    Account(d, AccountKind::kInstallment, "2023-06-01", "2024-06-30", "L", 200000,
            AccountStatus::kChargeOff);
    Score(a, "2024-03-31", 700, 0.001);
    Score(a, "2024-06-30", 720, 0.0005);
    Score(b, "2024-03-31", 640, 0.02);
    Score(b, "2024-06-30", 560, 0.2);
    Score(c, "2024-06-30", 610, 0.05);
    Alert(a, "2024-06-25", std::nullopt, "k1");
    Alert(b, "2024-06-01", D("2024-06-02").days_since_epoch() * int64_t{86400}, "k2");
  }

  //! Data the bureau learns after 2024-06-30: none of it may change an answer as of that date.
  void AddLaterData() {
    Account(c, AccountKind::kRevolving, "2023-03-01", "2024-08-31", "441", 12000,
            AccountStatus::kPastDue120);
    Account(a, AccountKind::kRevolving, "2024-07-15", "2024-08-31", "0", 5000);
    // B's loan re-reported in August revises June (90 -> 120) and charges it off.
    Tradeline revised = b_loan;
    revised.reported_on = D("2024-08-31");
    revised.history = PaymentHistory::FromCodes(D("2024-08-31"), "6543210").value();
    revised.status = AccountStatus::kChargeOff;
    revised.balance.minor_units = 65000;
    Report(revised);
    Score(a, "2024-09-30", 500, 0.3);
    Score(c, "2024-09-30", 520, 0.25);
    Alert(c, "2024-08-31", std::nullopt, "k3");
  }
};

}  // namespace credo::decision::testing
