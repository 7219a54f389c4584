// The company side of Feeds: registry, shareholders, guarantees, corporate loans, financial
// statements and the public records about companies, plus the planted structures' truth.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "ingest/generate/corruption.h"
#include "ingest/generate/internal/feeds.h"
#include "ingest/generate/internal/metro2_feed.h"
#include "ingest/generate/internal/random.h"

namespace credo::ingest::generate {
namespace {

std::string_view RegistryStatus(const std::string& status) {
  if (status == "revoked") return "吊销";
  if (status == "cancelled") return "注销";
  return "存续";
}

// 五级分类 (five-category loan classification) by days past due.
std::string_view LoanClass(int days_past_due) {
  if (days_past_due == 0) return "正常";
  if (days_past_due <= 90) return "关注";
  if (days_past_due <= 180) return "次级";
  if (days_past_due <= 360) return "可疑";
  return "损失";
}

void AppendJsonAmount(std::string& out, std::string_view key, int64_t minor_units, bool first) {
  if (!first) out.push_back(',');
  AppendJsonString(out, key);
  out.push_back(':');
  AppendJsonString(out, Decimal(minor_units));
}

std::string ShortCity(const TrueAddress& address) {
  std::string city = address.city;
  if (city.size() > 3 && city.ends_with("市")) city.resize(city.size() - 3);
  return city;
}

}  // namespace

Status Feeds::OpenCompanyFiles() {
  for (int month = 0; month < plan_.months; ++month) {
    std::string tag = plan_.MonthTag(month);
    CREDO_ASSIGN_OR_RETURN(OutputFile * tax,
                           outputs_.Open(MonthlyPath("public_records", "tax_arrears", tag, "csv")));
    tax->Write(
        "公告编号,纳税人识别号,纳税人名称,法定代表人,欠税税种,欠税金额,公告日期,主管税务机关\n");
    tax_arrears_.push_back(tax);
    CREDO_ASSIGN_OR_RETURN(
        OutputFile * court,
        outputs_.Open(MonthlyPath("public_records", "court_companies", tag, "jsonl")));
    court_companies_.push_back(court);
    CREDO_ASSIGN_OR_RETURN(OutputFile * penalties,
                           outputs_.Open(MonthlyPath("public_records", "penalties", tag, "jsonl")));
    penalties_.push_back(penalties);
    CREDO_ASSIGN_OR_RETURN(OutputFile * loans,
                           outputs_.Open(MonthlyPath("bank_corporate", "loans", tag, "csv")));
    loans->Write(
        "record_no,contract_no,borrower_name,borrower_uscc,loan_amount,balance,overdue_days,"
        "overdue_amount,classification,start_date,maturity_date,report_date\n");
    company_loans_.push_back(loans);
  }
  CREDO_ASSIGN_OR_RETURN(registry_, outputs_.Open("registry/companies.csv"));
  registry_->Write(
      "统一社会信用代码,企业名称,法定代表人,注册资本(元),成立日期,登记状态,行业代码,住所,"
      "邮政编码,联系电话\n");
  CREDO_ASSIGN_OR_RETURN(shareholders_, outputs_.Open("registry/shareholders.csv"));
  shareholders_->Write("统一社会信用代码,股东名称,股东类型,证照号码,持股比例(%)\n");
  CREDO_ASSIGN_OR_RETURN(guarantees_, outputs_.Open("bank_corporate/guarantees.csv"));
  guarantees_->Write(
      "contract_no,guarantor_uscc,guarantor_name,borrower_uscc,borrower_name,amount,"
      "start_date,end_date\n");
  CREDO_ASSIGN_OR_RETURN(relations_, outputs_.Open("relations/relations.csv"));
  relations_->Write(
      "record_id,kind,from_identifier_kind,from_identifier,from_name,to_identifier_kind,"
      "to_identifier,to_name,percent,amount,currency,role,since,until\n");
  CREDO_ASSIGN_OR_RETURN(financials_, outputs_.Open("financials/statements.jsonl"));
  CREDO_ASSIGN_OR_RETURN(financials_canonical_,
                         outputs_.Open("financials/statements_canonical.jsonl"));
  CREDO_ASSIGN_OR_RETURN(truth_companies_, outputs_.Open("truth/companies.csv"));
  truth_companies_->Write(
      "company_id,uscc,name,risk,defaults_12m,default_month,guarantee_circle,status,"
      "debt_to_assets,interest_coverage\n");
  CREDO_ASSIGN_OR_RETURN(truth_company_records_, outputs_.Open("truth/company_records.csv"));
  truth_company_records_->Write("source,file,record_id,company_id,corruptions\n");
  return Ok();
}

// The canonical relations file (loaded with `credo graph load`): shareholdings, the legal
// representative, a finance head (officer), guarantees given and supply relations, each end named
// by its identifier. Registry data: no corruption.
void Feeds::WriteRelations(const TrueCompany& company) {
  Rng rng(plan_.seed, Stream::kRelations, static_cast<uint64_t>(company.index));
  Rng dates(plan_.seed, Stream::kCompanyLoans, static_cast<uint64_t>(company.index));
  int row = 0;
  auto person_end = [](const TruePerson& person, std::string& line) {
    AppendCsv(line, person.cn ? "cn_resident_id" : "us_ssn");
    AppendCsv(line, person.national_id);
    AppendCsv(line, person.cn ? person.FullNameHan() : person.first_name + " " + person.last_name);
  };
  auto company_end = [](const TrueCompany& other, std::string& line) {
    AppendCsv(line, "cn_uscc");
    AppendCsv(line, other.uscc);
    AppendCsv(line, other.name);
  };
  auto tail = [&](std::string_view percent, int64_t amount, std::string_view role,
                  std::optional<Date> since, std::optional<Date> until) {
    AppendCsv(line_, percent);
    AppendCsv(line_, amount > 0 ? Decimal(amount) : std::string());
    AppendCsv(line_, amount > 0 ? "CNY" : "");
    AppendCsv(line_, role);
    AppendCsv(line_, since ? since->ToIso() : std::string());
    AppendCsv(line_, until ? until->ToIso() : std::string());
    line_.push_back('\n');
    relations_->Write(line_);
  };
  auto begin = [&](std::string_view kind) {
    line_.clear();
    AppendCsv(line_, company.id + "/R" + std::to_string(++row), true);
    AppendCsv(line_, kind);
  };
  for (const Shareholder& holder : company.shareholders) {
    begin("shareholding");
    if (holder.is_company) {
      company_end(MakeCompany(plan_, holder.index), line_);
    } else {
      person_end(MakePerson(plan_, holder.index), line_);
    }
    company_end(company, line_);
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.2f", holder.percent);
    tail(percent, 0, "", std::nullopt, std::nullopt);
  }
  if (company.legal_representative >= 0) {
    begin("legal_representative");
    person_end(MakePerson(plan_, company.legal_representative), line_);
    company_end(company, line_);
    tail("", 0, "法定代表人", company.established_on, std::nullopt);
  }
  // A finance head: a CN person (two draws at most; none when both are US consumers).
  for (int attempt = 0; attempt < 2 && plan_.persons > 0; ++attempt) {
    TruePerson officer = MakePerson(plan_, rng.Between(0, plan_.persons - 1));
    if (!officer.cn) continue;
    begin("officer");
    person_end(officer, line_);
    company_end(company, line_);
    tail("", 0, "财务负责人", std::nullopt, std::nullopt);
    break;
  }
  for (const Guarantee& guarantee : GuaranteesGivenBy(plan_, company.index)) {
    Date start = plan_.first_month.AddMonths(-static_cast<int>(dates.Between(1, 30)));
    begin("guarantee");
    company_end(company, line_);
    company_end(MakeCompany(plan_, guarantee.borrower), line_);
    tail("", guarantee.amount, "连带责任保证", start, start.AddYears(3));
  }
  // Supply: this company sells to up to two other companies (annual volume).
  int buyers = plan_.companies > 1 ? static_cast<int>(rng.Between(0, 2)) : 0;
  for (int i = 0; i < buyers; ++i) {
    int64_t buyer = rng.Between(0, plan_.companies - 1);
    if (buyer == company.index) continue;
    begin("supply");
    company_end(company, line_);
    company_end(MakeCompany(plan_, buyer), line_);
    tail("", rng.Between(10, 2000) * 10000 * 100, "annual_volume", std::nullopt, std::nullopt);
  }
}

Status Feeds::WriteCompany(const TrueCompany& company) {
  Rng rng(plan_.seed, Stream::kCompanyLoans, static_cast<uint64_t>(company.index));
  std::string legal_representative =
      company.legal_representative >= 0
          ? MakePerson(plan_, company.legal_representative).FullNameHan()
          : std::string();

  // Registry (authoritative: no corruption).
  line_.clear();
  AppendCsv(line_, company.uscc, true);
  AppendCsv(line_, company.name);
  AppendCsv(line_, legal_representative);
  AppendCsv(line_, Decimal(company.registered_capital));
  AppendCsv(line_, company.established_on.ToIso());
  AppendCsv(line_, RegistryStatus(company.status));
  AppendCsv(line_, company.industry_code);
  AppendCsv(line_, company.address.city + company.address.district + company.address.line1);
  AppendCsv(line_, company.address.postcode);
  AppendCsv(line_, "0" + company.phone.substr(3, company.phone.size() - 3 - 8) + "-" +
                       company.phone.substr(company.phone.size() - 8));
  line_.push_back('\n');
  registry_->Write(line_);
  WriteCompanyRecordTruth("registry", "registry/companies.csv", company.uscc, company, "");

  // Shareholders: person holders are person records too (name and identity number).
  for (size_t i = 0; i < company.shareholders.size(); ++i) {
    const Shareholder& holder = company.shareholders[i];
    line_.clear();
    AppendCsv(line_, company.uscc, true);
    std::string record_id = company.uscc + "/" + std::to_string(i + 1);
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.2f", holder.percent);
    if (holder.is_company) {
      TrueCompany owner = MakeCompany(plan_, holder.index);
      AppendCsv(line_, owner.name);
      AppendCsv(line_, "企业法人");
      AppendCsv(line_, owner.uscc);
      AppendCsv(line_, percent);
      line_.push_back('\n');
      shareholders_->Write(line_);
      WriteCompanyRecordTruth("registry_shareholders", "registry/shareholders.csv", record_id,
                              owner, "");
    } else {
      TruePerson owner = MakePerson(plan_, holder.index);
      AppendCsv(line_, owner.FullNameHan());
      AppendCsv(line_, "自然人股东");
      AppendCsv(line_, owner.national_id);
      AppendCsv(line_, percent);
      line_.push_back('\n');
      shareholders_->Write(line_);
      WritePersonRecordTruth("registry_shareholders", "registry/shareholders.csv", record_id, owner,
                             "");
    }
  }

  WriteRelations(company);

  // Guarantees this company gives.
  for (const Guarantee& guarantee : GuaranteesGivenBy(plan_, company.index)) {
    TrueCompany borrower = MakeCompany(plan_, guarantee.borrower);
    Date start = plan_.first_month.AddMonths(-static_cast<int>(rng.Between(1, 30)));
    line_.clear();
    AppendCsv(line_, "GC" + company.id.substr(1) + "-" + borrower.id.substr(1), true);
    AppendCsv(line_, company.uscc);
    AppendCsv(line_, company.name);
    AppendCsv(line_, borrower.uscc);
    AppendCsv(line_, borrower.name);
    AppendCsv(line_, Decimal(guarantee.amount));
    AppendCsv(line_, start.ToIso());
    AppendCsv(line_, start.AddYears(3).ToIso());
    line_.push_back('\n');
    guarantees_->Write(line_);
  }

  // Financial statements for the three fiscal years before the first reported month. Ratios
  // follow the latent risk: leverage up, margins and coverage down.
  double leverage =
      std::clamp(Logistic(-0.2 + 0.8 * company.risk + 0.3 * rng.Normal()), 0.08, 0.97);
  double operating_margin = 0.07 - 0.045 * company.risk + 0.02 * rng.Normal();
  double assets = static_cast<double>(company.registered_capital) * (2.0 + 3.0 * rng.Uniform());
  double last_debt_to_assets = leverage;
  double last_interest_coverage = 0;
  int first_year = plan_.first_month.year() - 3;
  for (int year = first_year; year < first_year + 3; ++year) {
    if (company.established_on.year() > year) continue;
    double growth = 1.0 + 0.08 - 0.04 * company.risk + 0.05 * rng.Normal();
    assets *= growth;
    double year_leverage = std::clamp(leverage + 0.03 * rng.Normal(), 0.05, 0.99);
    auto money = [](double value) { return static_cast<int64_t>(value / 100) * 100; };
    int64_t total_assets = money(assets);
    int64_t total_liabilities = money(assets * year_leverage);
    int64_t equity = total_assets - total_liabilities;
    int64_t current_assets = money(assets * (0.35 + 0.25 * rng.Uniform()));
    int64_t cash = current_assets / 5;
    int64_t receivables = current_assets * 2 / 5;
    int64_t inventory = current_assets - cash - receivables;
    int64_t current_liabilities = money(total_liabilities * (0.5 + 0.3 * rng.Uniform()));
    int64_t short_term_debt = current_liabilities * 2 / 5;
    int64_t payables = current_liabilities * 2 / 5;
    int64_t long_term_debt = total_liabilities - current_liabilities;
    int64_t revenue = money(assets * (0.5 + rng.Uniform()));
    double margin = operating_margin + 0.01 * rng.Normal();
    int64_t cost_of_goods_sold = money(revenue * (0.75 + 0.05 * company.risk));
    int64_t gross_profit = revenue - cost_of_goods_sold;
    int64_t ebit = money(revenue * margin);
    int64_t depreciation = money(assets * 0.03);
    int64_t ebitda = ebit + depreciation;
    int64_t interest = money((short_term_debt + long_term_debt) * 0.05);
    int64_t pretax = ebit - interest;
    int64_t net_income = pretax > 0 ? pretax * 3 / 4 : pretax;
    int64_t operating_cash_flow = net_income + depreciation + money(assets * 0.02 * rng.Normal());
    int64_t capex = money(assets * 0.04);
    int64_t debt_repayment = short_term_debt / 2;
    last_debt_to_assets =
        static_cast<double>(total_liabilities) / std::max<int64_t>(1, total_assets);
    last_interest_coverage = static_cast<double>(ebit) / std::max<int64_t>(1, interest);

    std::string& out = line_;
    out.clear();
    out += "{\"statement_id\":";
    AppendJsonString(out, company.uscc + "/" + std::to_string(year));
    out += ",\"uscc\":";
    AppendJsonString(out, company.uscc);
    out += ",\"company_name\":";
    AppendJsonString(out, company.name);
    out += ",\"period_end\":";
    AppendJsonString(out, std::to_string(year) + "-12-31");
    out += ",\"period_months\":12,\"currency\":\"CNY\",\"standard\":\"CAS\",\"balance_sheet\":{";
    AppendJsonAmount(out, "cash", cash, true);
    AppendJsonAmount(out, "accounts_receivable", receivables, false);
    AppendJsonAmount(out, "inventory", inventory, false);
    AppendJsonAmount(out, "current_assets", current_assets, false);
    AppendJsonAmount(out, "total_assets", total_assets, false);
    AppendJsonAmount(out, "accounts_payable", payables, false);
    AppendJsonAmount(out, "short_term_debt", short_term_debt, false);
    AppendJsonAmount(out, "current_liabilities", current_liabilities, false);
    AppendJsonAmount(out, "long_term_debt", long_term_debt, false);
    AppendJsonAmount(out, "total_liabilities", total_liabilities, false);
    AppendJsonAmount(out, "retained_earnings", equity * 2 / 5, false);
    AppendJsonAmount(out, "equity", equity, false);
    out += "},\"income_statement\":{";
    AppendJsonAmount(out, "revenue", revenue, true);
    AppendJsonAmount(out, "cost_of_goods_sold", cost_of_goods_sold, false);
    AppendJsonAmount(out, "gross_profit", gross_profit, false);
    AppendJsonAmount(out, "ebitda", ebitda, false);
    AppendJsonAmount(out, "ebit", ebit, false);
    AppendJsonAmount(out, "interest_expense", interest, false);
    AppendJsonAmount(out, "net_income", net_income, false);
    out += "},\"cash_flow\":{";
    AppendJsonAmount(out, "operating_cash_flow", operating_cash_flow, true);
    AppendJsonAmount(out, "investing_cash_flow", -capex, false);
    AppendJsonAmount(out, "financing_cash_flow", -debt_repayment, false);
    AppendJsonAmount(out, "capital_expenditure", capex, false);
    AppendJsonAmount(out, "debt_repayment", debt_repayment, false);
    out += "}}\n";
    financials_->Write(out);
    // The same statement in canonical JSON lines (flat fields), which `credo ingest` loads as it
    // is: `credo ingest financials/statements_canonical.jsonl --source financials`.
    out.clear();
    out += "{\"kind\":\"financial_statements\",\"company_identifier\":";
    AppendJsonString(out, company.uscc);
    out += ",\"company_name\":";
    AppendJsonString(out, company.name);
    out += ",\"period_end\":\"" + std::to_string(year) + "-12-31\",\"period_months\":\"12\"";
    out += ",\"currency\":\"CNY\"";
    const std::pair<const char*, int64_t> items[] = {
        {"cash", cash}, {"accounts_receivable", receivables}, {"inventory", inventory},
        {"current_assets", current_assets}, {"total_assets", total_assets},
        {"accounts_payable", payables}, {"short_term_debt", short_term_debt},
        {"current_liabilities", current_liabilities}, {"long_term_debt", long_term_debt},
        {"total_liabilities", total_liabilities}, {"retained_earnings", equity * 2 / 5},
        {"equity", equity}, {"revenue", revenue}, {"cost_of_goods_sold", cost_of_goods_sold},
        {"gross_profit", gross_profit}, {"ebitda", ebitda}, {"ebit", ebit},
        {"interest_expense", interest}, {"net_income", net_income},
        {"operating_cash_flow", operating_cash_flow}, {"investing_cash_flow", -capex},
        {"financing_cash_flow", -debt_repayment}, {"capital_expenditure", capex},
        {"debt_repayment", debt_repayment}};
    for (const auto& [name, value] : items) {
      out += ",\"";
      out += name;
      out += "\":\"" + Decimal(value) + "\"";
    }
    out += "}\n";
    financials_canonical_->Write(out);
    WriteCompanyRecordTruth("financials", "financials/statements.jsonl",
                            company.uscc + "/" + std::to_string(year), company, "");
  }

  // A bank loan for 60% of companies, reported monthly; defaulting companies fall behind. Every
  // member of a guarantee circle borrows: the guarantee it receives secures that loan, for at
  // least the amount guaranteed (so a default in the circle has an exposure).
  const bool borrows = rng.Chance(0.6) || company.guarantee_circle >= 0;
  if (borrows) {
    int64_t amount =
        std::max<int64_t>(10000000, company.registered_capital / 2 / 1000000 * 1000000);
    if (company.guarantee_circle >= 0) {
      const auto& members = plan_.guarantee_circles[company.guarantee_circle];
      const size_t position =
          std::find(members.begin(), members.end(), company.index) - members.begin();
      const int64_t guarantor = members[(position + members.size() - 1) % members.size()];
      for (const Guarantee& guarantee : GuaranteesGivenBy(plan_, guarantor)) {
        if (guarantee.borrower == company.index) amount = std::max(amount, guarantee.amount);
      }
    }
    Date start = plan_.first_month.AddMonths(-static_cast<int>(rng.Between(1, 24)));
    std::string contract = "CL" + company.id.substr(1);
    bool vary_name = rng.Chance(0.3);
    std::string name = vary_name ? VaryCompanyName(company.name, rng.Next()) : company.name;
    bool uscc_missing = rng.Chance(0.05);
    for (int month = 0; month < plan_.months; ++month) {
      int days_past_due = company.defaults && month >= company.default_month
                              ? 30 * (month - company.default_month + 1) + 60
                              : 0;
      int64_t balance = amount * 9 / 10;
      line_.clear();
      std::string record_id = contract + "-" + plan_.MonthTag(month);
      AppendCsv(line_, record_id, true);
      AppendCsv(line_, contract);
      AppendCsv(line_, name);
      AppendCsv(line_, uscc_missing ? "" : company.uscc);
      AppendCsv(line_, Decimal(amount));
      AppendCsv(line_, Decimal(balance));
      AppendCsv(line_, std::to_string(days_past_due));
      AppendCsv(line_, Decimal(days_past_due > 0 ? balance / 12 * (days_past_due / 30) : 0));
      AppendCsv(line_, LoanClass(days_past_due));
      AppendCsv(line_, start.ToIso());
      AppendCsv(line_, start.AddYears(3).ToIso());
      AppendCsv(line_, plan_.MonthEnd(month).ToIso());
      line_.push_back('\n');
      company_loans_[month]->Write(line_);
      std::string corruptions = vary_name && name != company.name ? "name_variant" : "";
      if (uscc_missing) corruptions += corruptions.empty() ? "uscc_missing" : ";uscc_missing";
      WriteCompanyRecordTruth("bank_corporate_loans",
                              MonthlyPath("bank_corporate", "loans", plan_.MonthTag(month), "csv"),
                              record_id, company, corruptions);
    }
  }

  // Public records: court and tax after a default; administrative penalties at random (more
  // often for riskier companies).
  auto public_name = [&](std::string* corruptions) {
    std::string name = VaryCompanyName(company.name, rng.Next());
    if (name != company.name) *corruptions = "name_variant";
    return name;
  };
  if (company.defaults) {
    struct Event {
      const char* type;
      int month;
      const char* case_kind;
    };
    std::vector<Event> events = {{"judgment", company.default_month + 1, "民初"},
                                 {"enforcement", company.default_month + 3, "执"}};
    if (rng.Chance(0.5)) events.push_back({"dishonest_debtor", company.default_month + 4, "执"});
    int64_t owed = std::max<int64_t>(10000000, company.registered_capital / 3 / 100 * 100);
    for (size_t i = 0; i < events.size(); ++i) {
      const Event& event = events[i];
      if (event.month >= plan_.months) continue;
      Date filed = plan_.MonthEnd(event.month).AddDays(-static_cast<int32_t>(rng.Between(0, 27)));
      std::string corruptions;
      std::string name = public_name(&corruptions);
      std::string case_number =
          "(" + std::to_string(filed.year()) + ")" + company.address.region_code.substr(0, 4) +
          event.case_kind + "C" +
          std::to_string(100000 + company.index * 3 + static_cast<int64_t>(i)) + "号";
      std::string& out = line_;
      out.clear();
      out += "{\"case_no\":";
      AppendJsonString(out, case_number);
      out += ",\"court\":";
      AppendJsonString(out, company.address.city + company.address.district + "人民法院");
      out += ",\"record_type\":";
      AppendJsonString(out, event.type);
      out += ",\"party_type\":\"company\",\"party_name\":";
      AppendJsonString(out, name);
      out += ",\"party_id\":";
      AppendJsonString(out, company.uscc);
      out += ",\"filed\":";
      AppendJsonString(out, filed.ToIso());
      out += ",\"amount\":";
      AppendJsonString(out, Decimal(owed));
      out += ",\"status\":\"open\"}\n";
      court_companies_[event.month]->Write(out);
      WriteCompanyRecordTruth(
          "court_companies",
          MonthlyPath("public_records", "court_companies", plan_.MonthTag(event.month), "jsonl"),
          case_number, company, corruptions);
    }
    if (company.default_month < plan_.months && rng.Chance(0.5)) {
      int month = company.default_month;
      Date announced = plan_.MonthEnd(month).AddDays(-static_cast<int32_t>(rng.Between(0, 27)));
      std::string corruptions;
      std::string name = public_name(&corruptions);
      static constexpr const char* kTaxes[] = {"增值税", "企业所得税", "城市维护建设税"};
      std::string notice = "QSGG-" + plan_.MonthTag(month) + "-" + company.id.substr(1);
      line_.clear();
      AppendCsv(line_, notice, true);
      AppendCsv(line_, company.uscc);
      AppendCsv(line_, name);
      AppendCsv(line_, legal_representative);
      AppendCsv(line_, kTaxes[rng.Between(0, 2)]);
      AppendCsv(line_, Decimal(rng.Between(10000, 2000000) * 100));
      AppendCsv(line_, announced.ToIso());
      AppendCsv(line_, "国家税务总局" + company.address.city + company.address.district + "税务局");
      line_.push_back('\n');
      tax_arrears_[month]->Write(line_);
      WriteCompanyRecordTruth(
          "tax_arrears", MonthlyPath("public_records", "tax_arrears", plan_.MonthTag(month), "csv"),
          notice, company, corruptions);
    }
  }
  for (int month = 0; month < plan_.months; ++month) {
    if (!rng.Chance(Logistic(-5.5 + 0.6 * company.risk))) continue;
    Date decided = plan_.MonthEnd(month).AddDays(-static_cast<int32_t>(rng.Between(0, 27)));
    std::string corruptions;
    std::string name = public_name(&corruptions);
    std::string decision = ShortCity(company.address) + "市监罚〔" +
                           std::to_string(decided.year()) + "〕" +
                           std::to_string(company.index * 100 + month) + "号";
    static constexpr const char* kViolations[] = {"未按规定公示年度报告", "虚假宣传",
                                                  "产品质量不合格", "未依法纳税申报"};
    std::string& out = line_;
    out.clear();
    out += "{\"decision_no\":";
    AppendJsonString(out, decision);
    out += ",\"subject_name\":";
    AppendJsonString(out, name);
    out += ",\"uscc\":";
    AppendJsonString(out, company.uscc);
    out += ",\"authority\":";
    AppendJsonString(out, company.address.city + "市场监督管理局");
    out += ",\"decided\":";
    AppendJsonString(out, decided.ToIso());
    out += ",\"fine\":";
    AppendJsonString(out, Decimal(rng.Between(5, 500) * 1000 * 100));
    out += ",\"violation\":";
    AppendJsonString(out, kViolations[rng.Between(0, 3)]);
    out += "}\n";
    penalties_[month]->Write(out);
    WriteCompanyRecordTruth(
        "penalties", MonthlyPath("public_records", "penalties", plan_.MonthTag(month), "jsonl"),
        decision, company, corruptions);
  }

  // Truth.
  line_.clear();
  AppendCsv(line_, company.id, true);
  AppendCsv(line_, company.uscc);
  AppendCsv(line_, company.name);
  char number[32];
  std::snprintf(number, sizeof number, "%.4f", company.risk);
  AppendCsv(line_, number);
  AppendCsv(line_, company.defaults ? "1" : "0");
  AppendCsv(line_, std::to_string(company.default_month));
  AppendCsv(line_, std::to_string(company.guarantee_circle));
  AppendCsv(line_, company.status);
  std::snprintf(number, sizeof number, "%.4f", last_debt_to_assets);
  AppendCsv(line_, number);
  std::snprintf(number, sizeof number, "%.4f", last_interest_coverage);
  AppendCsv(line_, number);
  line_.push_back('\n');
  truth_companies_->Write(line_);
  ++summary_.companies;
  if (company.guarantee_circle >= 0) ++summary_.guarantee_circle_members;
  return Ok();
}

Status Feeds::Finish() {
  CREDO_TRY(metro2_->Finish());
  CREDO_ASSIGN_OR_RETURN(OutputFile * rings, outputs_.Open("truth/fraud_rings.csv"));
  rings->Write("ring,person_id,shared_phone,shared_address\n");
  for (size_t ring = 0; ring < plan_.fraud_rings.size(); ++ring) {
    for (int64_t member : plan_.fraud_rings[ring]) {
      TruePerson person = MakePerson(plan_, member);
      line_.clear();
      AppendCsv(line_, std::to_string(ring), true);
      AppendCsv(line_, person.id);
      AppendCsv(line_, person.phone);
      AppendCsv(line_, person.address.city + person.address.district + person.address.line1 +
                           person.address.line2);
      line_.push_back('\n');
      rings->Write(line_);
    }
  }
  CREDO_ASSIGN_OR_RETURN(OutputFile * circles, outputs_.Open("truth/guarantee_circles.csv"));
  circles->Write("circle,position,company_id,uscc,guarantees_company_id\n");
  for (size_t circle = 0; circle < plan_.guarantee_circles.size(); ++circle) {
    const auto& members = plan_.guarantee_circles[circle];
    for (size_t position = 0; position < members.size(); ++position) {
      TrueCompany company = MakeCompany(plan_, members[position]);
      line_.clear();
      AppendCsv(line_, std::to_string(circle), true);
      AppendCsv(line_, std::to_string(position));
      AppendCsv(line_, company.id);
      AppendCsv(line_, company.uscc);
      AppendCsv(line_, CompanyId(members[(position + 1) % members.size()]));
      line_.push_back('\n');
      circles->Write(line_);
    }
  }
  return Ok();
}

}  // namespace credo::ingest::generate
