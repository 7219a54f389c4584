#include "file_builder.h"

#include <atomic>
#include <cstdlib>

#include <gtest/gtest.h>
#include <unistd.h>

#include "store/keys.h"

namespace credo::features::testing {

Date D(std::string_view iso) { return Date::ParseIso(iso).value(); }
Money Usd(int64_t minor_units) { return Money{minor_units, Currency::Usd()}; }

Tradeline MakeTradeline(AccountKind kind, std::string_view opened, std::string_view reported,
                        std::string_view codes, int64_t balance, int64_t limit) {
  static std::atomic<int> next_account{1};
  Tradeline t;
  t.key.furnisher = "Bank";
  t.key.account_number = "ACC" + std::to_string(next_account++);
  t.kind = kind;
  t.status = AccountStatus::kCurrent;
  t.opened_on = D(opened);
  t.reported_on = D(reported);
  t.balance = Usd(balance);
  t.credit_limit = Usd(kind == AccountKind::kRevolving ? limit : 0);
  t.high_credit = Usd(limit);
  t.past_due = Usd(0);
  t.scheduled_payment = Usd(0);
  t.actual_payment = Usd(0);
  t.history = PaymentHistory::FromCodes(D(reported), codes).value();
  return t;
}

void AddTradeline(CreditFile& file, const Tradeline& tradeline) {
  TradelineAsOf entry;
  entry.row.id = static_cast<int64_t>(file.tradelines.size()) + 1;
  entry.row.tradeline = tradeline;
  entry.row.tradeline.subject_id = file.subject.id;
  entry.months = MonthsFromReport(entry.row.tradeline, entry.row.id);
  file.tradelines.push_back(std::move(entry));
}

CreditFile PersonFile(std::string_view as_of) {
  CreditFile file;
  file.subject.id = 1;
  file.requested_id = 1;
  file.subject.kind = SubjectKind::kPerson;
  file.as_of = D(as_of);
  return file;
}

CreditFile CompanyFile(std::string_view as_of) {
  CreditFile file = PersonFile(as_of);
  file.subject.kind = SubjectKind::kOrganization;
  return file;
}

FinancialStatement DistributorFy2023() {
  const int64_t k = 1000;
  FinancialStatement s;
  s.subject_id = 1;
  s.period_end = D("2023-12-31");
  s.period_months = 12;
  s.currency = Currency::Usd();
  s.cash = 200 * k;
  s.accounts_receivable = 300 * k;
  s.inventory = 250 * k;
  s.current_assets = 800 * k;
  s.total_assets = 2000 * k;
  s.accounts_payable = 150 * k;
  s.current_liabilities = 400 * k;
  s.short_term_debt = 100 * k;
  s.long_term_debt = 600 * k;
  s.total_liabilities = 1200 * k;
  s.retained_earnings = 300 * k;
  s.equity = 800 * k;
  s.revenue = 3000 * k;
  s.cost_of_goods_sold = 1800 * k;
  s.gross_profit = 1200 * k;
  s.ebitda = 400 * k;
  s.ebit = 300 * k;
  s.interest_expense = 50 * k;
  s.net_income = 180 * k;
  s.operating_cash_flow = 250 * k;
  s.capital_expenditure = 100 * k;
  s.debt_repayment = 150 * k;
  return s;
}

CreditFile DistributorFile() {
  CreditFile file = CompanyFile("2024-06-15");
  file.subject.organization.established_on = D("2010-03-20");
  FinancialStatementRow current{1, 0, DistributorFy2023()};
  FinancialStatementRow prior{2, 0, DistributorFy2023()};
  prior.statement.period_end = D("2022-12-31");
  prior.statement.revenue = 2500 * 1000;
  file.financial_statements = {prior, current};
  return file;
}

Inquiry MakeInquiry(std::string_view institution, std::string_view on, InquiryKind kind) {
  Inquiry inquiry;
  inquiry.subject_id = 1;
  inquiry.institution = std::string(institution);
  inquiry.purpose = "loan_approval";
  inquiry.kind = kind;
  inquiry.inquired_on = D(on);
  return inquiry;
}

PublicRecord MakePublicRecord(PublicRecordKind kind, std::string_view filed,
                              std::optional<std::string_view> resolved, int64_t amount) {
  static std::atomic<int> next_case{1};
  PublicRecord record;
  record.subject_id = 1;
  record.kind = kind;
  record.authority = "Court";
  record.case_number = "CASE-" + std::to_string(next_case++);
  record.filed_on = D(filed);
  if (resolved) record.resolved_on = D(*resolved);
  record.amount = Usd(amount);
  record.status = resolved ? "satisfied" : "open";
  return record;
}

TempBureau::TempBureau(const Clock* clock) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "credo-features-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) std::abort();
  dir_ = made;
  path_ = (dir_ / "bureau.db").string();
  key_file_ = (dir_ / "bureau.keys").string();
  auto keys = InitKeyFile(key_file_);
  if (!keys.ok()) ADD_FAILURE() << keys.error().ToString();
  StoreOptions options;
  options.location = path_;
  options.key_file = key_file_;
  options.create_if_missing = true;
  options.clock = clock;
  auto store = OpenStore(options);
  if (!store.ok()) {
    ADD_FAILURE() << store.error().ToString();
    std::abort();
  }
  store_ = std::move(store).value();
}

TempBureau::~TempBureau() {
  store_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

namespace {
SubjectId Insert(Store& store, const Subject& subject) {
  SubjectId id = 0;
  Status status = store.WithTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(id, txn.InsertSubject(subject));
    return Ok();
  });
  if (!status.ok()) ADD_FAILURE() << status.error().ToString();
  return id;
}
}  // namespace

SubjectId InsertPerson(Store& store, std::string_view name) {
  Subject subject;
  subject.kind = SubjectKind::kPerson;
  subject.person.full_name = std::string(name);
  return Insert(store, subject);
}

SubjectId InsertCompany(Store& store, std::string_view name, std::optional<Date> established) {
  Subject subject;
  subject.kind = SubjectKind::kOrganization;
  subject.organization.name = std::string(name);
  subject.organization.established_on = established;
  subject.organization.status = OrganizationStatus::kActive;
  return Insert(store, subject);
}

}  // namespace credo::features::testing
