// Seeded synthetic subjects and records for the store tests.
#pragma once

#include <string>

#include "core/records.h"
#include "core/subject.h"
#include "core/tradeline.h"

namespace credo::testing {

inline Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

//! Person i: distinctive clear-text name, an 18-character CN id, a US SSN, a CN mobile.
inline Subject MakePerson(int i) {
  Subject s;
  s.kind = SubjectKind::kPerson;
  Person& p = s.person;
  p.given_name = "Qiming" + std::to_string(i);
  p.family_name = "Zhaoxtest";
  p.full_name = "Zhaoxtest Qiming" + std::to_string(i);
  p.birth_date = D(1980 + i % 20, 1 + i % 12, 1 + i % 28);
  char id[32];
  snprintf(id, sizeof id, "1101051980%08d", 10000000 + i);
  p.identifiers.push_back({IdentifierKind::kCnResidentId, id});
  char ssn[16];
  snprintf(ssn, sizeof ssn, "5%02d%02d%04d", 10 + i % 89, 10 + i % 89, 1000 + i % 9000);
  p.identifiers.push_back({IdentifierKind::kUsSsn, ssn});
  char phone[20];
  snprintf(phone, sizeof phone, "+86139%08d", 10000000 + i);
  p.phones.push_back(phone);
  p.emails.push_back("qiming" + std::to_string(i) + "@example.cn");
  p.addresses.push_back({"No. " + std::to_string(i) + " Testlane Road", "Unit 3", "Beijing",
                         "Beijing", "100000", "cn", D(2023, 5, 1)});
  p.employment.push_back({"Acme Ltd", "engineer", D(2015, 3, 1)});
  return s;
}

inline Subject MakeOrganization(int i) {
  Subject s;
  s.kind = SubjectKind::kOrganization;
  Organization& o = s.organization;
  o.name = "Testco Trading " + std::to_string(i) + " Co., Ltd.";
  char code[24];
  snprintf(code, sizeof code, "91350100M%08d", 10000000 + i);
  o.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, code});
  o.legal_representative = "Zhaoxtest Boss" + std::to_string(i);
  o.registered_capital = Money{500000000, Currency::Cny()};
  o.established_on = D(2010, 6, 1);
  o.status = OrganizationStatus::kActive;
  o.industry_code = "F51";
  o.phones.push_back("+8659112345678");
  return s;
}

inline Tradeline MakeTradeline(SubjectId subject, const std::string& account, Date reported,
                               const std::string& history_codes, int64_t balance) {
  Tradeline t;
  t.key = {"First Test Bank", account, ""};
  t.subject_id = subject;
  t.kind = AccountKind::kRevolving;
  t.metro2_account_type = "18";
  t.ecoa_code = '1';
  t.status = AccountStatus::kCurrent;
  t.opened_on = D(2019, 1, 15);
  t.reported_on = reported;
  t.credit_limit = {1000000, Currency::Cny()};
  t.high_credit = {800000, Currency::Cny()};
  t.balance = {balance, Currency::Cny()};
  t.past_due = {0, Currency::Cny()};
  t.scheduled_payment = {20000, Currency::Cny()};
  t.actual_payment = {20000, Currency::Cny()};
  t.history = PaymentHistory::FromCodes(reported, history_codes).value();
  return t;
}

}  // namespace credo::testing
