// credo core: inquiries, public records, financial statements and relations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/subject.h"

namespace credo {

//! A read of a subject's file by an institution, with the purpose it gave.
enum class InquiryKind {
  kHard,  //!< consumer-initiated credit application: visible to every viewer
  kSoft,  //!< account review, prescreen, self-query: visible only to the subject
};

struct Inquiry {
  int64_t id = 0;
  SubjectId subject_id = 0;
  std::string institution;
  std::string purpose;          //!< a purpose code from the jurisdiction profile
  InquiryKind kind = InquiryKind::kHard;
  Date inquired_on;
  std::string consent_reference;  //!< empty when the profile does not require one
};

enum class PublicRecordKind {
  kCivilJudgment,         //!< 民事判决 / civil judgment
  kTaxLien,               //!< US tax lien
  kTaxArrears,            //!< 欠税
  kBankruptcy,
  kAdministrativePenalty, //!< 行政处罚
  kCourtEnforcement,      //!< 强制执行
  kDishonestDebtor,       //!< 失信被执行人 list entry
};

std::string_view PublicRecordKindName(PublicRecordKind kind);
Result<PublicRecordKind> ParsePublicRecordKind(std::string_view name);

struct PublicRecord {
  int64_t id = 0;
  SubjectId subject_id = 0;
  PublicRecordKind kind = PublicRecordKind::kCivilJudgment;
  std::string authority;        //!< court, tax bureau, regulator
  std::string case_number;
  Date filed_on;
  std::optional<Date> resolved_on;  //!< satisfied, paid, discharged: the end of the event
  Money amount;
  std::string status;           //!< "open", "satisfied", "dismissed", ...
  std::string description;
};

//! One period's statements in a canonical chart of accounts (CAS and IFRS map onto it).
struct FinancialStatement {
  SubjectId subject_id = 0;
  Date period_end;
  int period_months = 12;
  Currency currency;
  // Balance sheet
  int64_t cash = 0;
  int64_t accounts_receivable = 0;
  int64_t inventory = 0;
  int64_t current_assets = 0;
  int64_t total_assets = 0;
  int64_t accounts_payable = 0;
  int64_t current_liabilities = 0;
  int64_t short_term_debt = 0;
  int64_t long_term_debt = 0;
  int64_t total_liabilities = 0;
  int64_t retained_earnings = 0;
  int64_t equity = 0;
  // Income statement
  int64_t revenue = 0;
  int64_t cost_of_goods_sold = 0;
  int64_t gross_profit = 0;
  int64_t ebitda = 0;
  int64_t ebit = 0;
  int64_t interest_expense = 0;
  int64_t net_income = 0;
  // Cash flow
  int64_t operating_cash_flow = 0;
  int64_t investing_cash_flow = 0;
  int64_t financing_cash_flow = 0;
  int64_t capital_expenditure = 0;
  int64_t debt_repayment = 0;  //!< principal repaid in the period
};

enum class RelationKind {
  kShareholding,         //!< from holder to company, with percent
  kLegalRepresentative,  //!< 法定代表人: person -> company
  kOfficer,              //!< director, manager, finance head: person -> company
  kGuarantee,            //!< guarantor -> borrower, with amount
  kSupply,               //!< seller -> buyer, with volume
  kSharedContact,        //!< two subjects share a phone, e-mail or address
};

std::string_view RelationKindName(RelationKind kind);
Result<RelationKind> ParseRelationKind(std::string_view name);

struct Relation {
  SubjectId from = 0;
  SubjectId to = 0;
  RelationKind kind = RelationKind::kShareholding;
  double percent = 0;       //!< shareholding, 0..100
  Money amount;             //!< guarantee amount or supply volume
  std::string role;         //!< officer title, contact kind
  std::optional<Date> since;  //!< the first day in force
  std::optional<Date> until;  //!< the day it ended: no longer in force from that day
};

}  // namespace credo
