// The person report: header, identity, addresses, employment, summary, tradelines with the
// 24-month payment grid and balance trend, public records, inquiries, statements, score.
#include <algorithm>
#include <array>
#include <map>

#include "compliance/retention.h"
#include "core/identifier.h"
#include "report/internal/assembly.h"
#include "report/internal/document.h"

namespace credo::report::internal {
namespace {

constexpr int kGridMonths = 24;

std::string_view AccountKindName(AccountKind kind) {
  switch (kind) {
    case AccountKind::kRevolving: return "revolving";
    case AccountKind::kInstallment: return "installment";
    case AccountKind::kMortgage: return "mortgage";
    case AccountKind::kOpen: return "open";
    case AccountKind::kLineOfCredit: return "line_of_credit";
    case AccountKind::kCollection: return "collection";
    case AccountKind::kOther: return "other";
  }
  return "other";
}

bool IsRevolving(AccountKind kind) {
  return kind == AccountKind::kRevolving || kind == AccountKind::kLineOfCredit;
}

bool IsDeleted(AccountStatus status) {
  return status == AccountStatus::kDeleteAccount || status == AccountStatus::kDeleteFraud;
}

bool IsOpen(const Tradeline& t) {
  if (t.closed_on || IsPaidInFull(t.status)) return false;
  switch (t.status) {
    case AccountStatus::kTransferred:
    case AccountStatus::kDeleteAccount:
    case AccountStatus::kDeleteFraud:
      return false;
    default:
      return true;
  }
}

// Delinquency buckets by worst payment status, DOMAIN 3.1/3.3 severities.
constexpr std::array<std::string_view, 8> kSeverityBuckets = {
    "30_days", "60_days", "90_days", "120_days", "150_days", "180_days_plus", "collection",
    "derogatory"};

int BucketOf(PaymentStatus status) {
  const int severity = PaymentStatusSeverity(status);
  if (severity <= 0) return -1;
  if (severity <= 6) return severity - 1;
  if (severity == 7) return 6;
  return 7;
}

// Sums of money per currency, in first-seen order.
class MoneyTotals {
 public:
  void Add(const Money& money) {
    for (auto& [currency, total] : totals_) {
      if (currency == money.currency) {
        total += money.minor_units;
        return;
      }
    }
    totals_.push_back({money.currency, money.minor_units});
  }
  int64_t In(Currency currency) const {
    for (const auto& [c, total] : totals_) {
      if (c == currency) return total;
    }
    return 0;
  }
  ReportDocument Json() const {
    ReportDocument out = ReportDocument::array();
    for (const auto& [currency, total] : totals_) out.push_back(MoneyJson({total, currency}));
    return out;
  }

 private:
  std::vector<std::pair<Currency, int64_t>> totals_;
};

bool Listed(const std::vector<std::string>& fields, std::string_view field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

// Identity fields are disputed whole (compliance items.cc: "phone" is every phone, "address"
// every address): a field whose dispute deleted it, or left it unverified by the deadline, is
// not shown at all; a field under an open dispute is shown with the note.
bool IdentitySuppressed(const compliance::CreditFileView& view, std::string_view field) {
  return Listed(view.suppressed_identity_fields, field);
}

bool IdentityDisputed(const compliance::CreditFileView& view, std::string_view field) {
  return Listed(view.disputed_identity_fields, field);
}

ReportDocument IdentitySection(const AssemblyContext& ctx, const Subject& subject,
                               const compliance::CreditFileView& view) {
  const Person& person = subject.person;
  ReportDocument section = Section(*ctx.labels, "identity");
  auto suppressed = [&](std::string_view field) { return IdentitySuppressed(view, field); };
  section["subject_id"] = subject.id;
  section["masked"] = IdentifiersMasked(ctx);
  // The full name is written from the given and family names: a deleted part hides it too.
  if (!suppressed("full_name") && !suppressed("given_name") && !suppressed("family_name")) {
    section["name"] = person.full_name;
  }
  if (!suppressed("birth_date")) section["birth_date"] = DateJson(person.birth_date);
  if (!suppressed("identifier")) {
    ReportDocument identifiers = ReportDocument::array();
    for (const Identifier& identifier : person.identifiers) {
      ReportDocument item = ReportDocument::object();
      item["kind"] = std::string(IdentifierKindName(identifier.kind));
      item["value"] = MaskFor(ctx, identifier.value);
      identifiers.push_back(std::move(item));
    }
    section["identifiers"] = std::move(identifiers);
  }
  if (!suppressed("phone")) {
    ReportDocument phones = ReportDocument::array();
    for (const std::string& phone : person.phones) phones.push_back(MaskFor(ctx, phone));
    section["phones"] = std::move(phones);
  }
  if (!suppressed("email")) {
    ReportDocument emails = ReportDocument::array();
    for (const std::string& email : person.emails) emails.push_back(MaskFor(ctx, email));
    section["emails"] = std::move(emails);
  }
  ReportDocument disputed_fields = ReportDocument::array();
  for (const auto& field : view.disputed_identity_fields) disputed_fields.push_back(field);
  section["disputed_fields"] = std::move(disputed_fields);
  if (!view.disputed_identity_fields.empty()) section["dispute_note"] = "under dispute";
  return section;
}

// A deleted field reads as one never reported, as a deleted account does.
ReportDocument AddressesSection(const AssemblyContext& ctx, const Person& person,
                                const compliance::CreditFileView& view) {
  if (person.addresses.empty() || IdentitySuppressed(view, "address")) {
    return NoData(*ctx.labels, "addresses", "no furnisher has reported an address for this subject");
  }
  ReportDocument section = Section(*ctx.labels, "addresses");
  ReportDocument items = ReportDocument::array();
  std::vector<Address> addresses = person.addresses;
  std::stable_sort(addresses.begin(), addresses.end(), [](const Address& a, const Address& b) {
    return a.reported_on.value_or(Date()) > b.reported_on.value_or(Date());
  });
  for (const Address& address : addresses) {
    ReportDocument item = ReportDocument::object();
    item["line1"] = address.line1;
    item["line2"] = address.line2;
    item["city"] = address.city;
    item["region"] = address.region;
    item["postcode"] = address.postcode;
    item["country"] = address.country;
    item["reported_on"] = DateJson(address.reported_on);
    items.push_back(std::move(item));
  }
  section["addresses"] = std::move(items);
  if (IdentityDisputed(view, "address")) section["dispute_note"] = "under dispute";
  return section;
}

ReportDocument EmploymentSection(const AssemblyContext& ctx, const Person& person,
                                 const compliance::CreditFileView& view) {
  if (person.employment.empty() || IdentitySuppressed(view, "employment")) {
    return NoData(*ctx.labels, "employment",
                  "no furnisher has reported an employer or occupation for this subject");
  }
  ReportDocument section = Section(*ctx.labels, "employment");
  ReportDocument items = ReportDocument::array();
  for (const Employment& employment : person.employment) {
    ReportDocument item = ReportDocument::object();
    item["employer"] = employment.employer;
    item["occupation"] = employment.occupation;
    item["since"] = DateJson(employment.since);
    items.push_back(std::move(item));
  }
  section["employment"] = std::move(items);
  if (IdentityDisputed(view, "employment")) section["dispute_note"] = "under dispute";
  return section;
}

// The 24 months ending at the month of `end`, oldest first.
std::vector<Date> GridMonths(Date end) {
  Date first = Date::FromYmd(end.year(), end.month(), 1).value();
  std::vector<Date> months;
  for (int i = kGridMonths - 1; i >= 0; --i) months.push_back(first.AddMonths(-i));
  return months;
}

Date FirstOfMonth(Date d) { return Date::FromYmd(d.year(), d.month(), 1).value(); }

struct AccountFacts {
  std::map<int32_t, int64_t> balance_by_month;  //!< reported balances, first-of-month day key
};

ReportDocument TradelineJson(const compliance::VisibleTradeline& visible,
                             const AccountFacts& facts) {
  const Tradeline& t = visible.row.tradeline;
  ReportDocument item = ObjectWithRoom(32);
  item["id"] = visible.row.id;
  item["furnisher"] = t.key.furnisher;
  item["account"] = MaskIdentifier(t.key.account_number);
  item["account_kind"] = std::string(AccountKindName(t.kind));
  item["metro2_account_type"] = t.metro2_account_type;
  item["ecoa"] = std::string(1, t.ecoa_code);
  item["status"] = std::string(Metro2AccountStatusCode(t.status));
  item["open"] = IsOpen(t);
  item["negative"] = IsNegativeStatus(t.status);
  item["opened_on"] = t.opened_on.ToIso();
  item["reported_on"] = t.reported_on.ToIso();
  item["closed_on"] = DateJson(t.closed_on);
  item["last_payment_on"] = DateJson(t.last_payment_on);
  item["dofd"] = DateJson(t.first_delinquency_on);
  item["credit_limit"] = MoneyJson(t.credit_limit);
  item["high_credit"] = MoneyJson(t.high_credit);
  item["balance"] = MoneyJson(t.balance);
  item["past_due"] = MoneyJson(t.past_due);
  item["scheduled_payment"] = MoneyJson(t.scheduled_payment);
  item["compliance_condition"] = t.compliance_condition;
  item["special_comment"] = t.special_comment;
  item["disputed"] = visible.disputed;
  // The grid: the 24 months up to the account's date of account information (Metro 2's payment
  // profile), oldest first; months the history does not cover are null (not reported),
  // suppressed months read "D" (no data) from the view.
  const PaymentHistory& history = t.history;
  const Date history_month =
      FirstOfMonth(history.months.empty() ? t.reported_on : history.as_of);
  const std::vector<Date> grid_months = GridMonths(history_month);
  ReportDocument grid = ReportDocument::array();
  for (Date month : grid_months) {
    ReportDocument cell = ObjectWithRoom(4);
    cell["month"] = MonthText(month);
    const int back = history_month.MonthsSince(month);
    if (back >= 0 && back < static_cast<int>(history.months.size())) {
      cell["code"] = std::string(1, static_cast<char>(history.months[back]));
    } else {
      cell["code"] = nullptr;
    }
    if (std::find(visible.disputed_months.begin(), visible.disputed_months.end(), month) !=
        visible.disputed_months.end()) {
      cell["disputed"] = true;
    }
    auto balance = facts.balance_by_month.find(month.days_since_epoch());
    cell["balance"] = balance == facts.balance_by_month.end()
                          ? ReportDocument(nullptr)
                          : ReportDocument(Money{balance->second, t.balance.currency}.ToDecimalString());
    grid.push_back(std::move(cell));
  }
  item["payment_grid"] = std::move(grid);
  return item;
}

}  // namespace

bool IdentifiersMasked(const AssemblyContext& ctx) {
  return ctx.mask_identifiers || ctx.viewer == compliance::ViewerKind::kInstitution;
}

std::string MaskFor(const AssemblyContext& ctx, std::string_view value) {
  if (IdentifiersMasked(ctx)) return MaskIdentifier(value);
  return std::string(value);
}

Result<ReportDocument> AssemblePersonReport(Transaction& tx, const AssemblyContext& ctx,
                                            const Subject& subject) {
  compliance::ViewOptions options;
  options.viewer = ctx.viewer;
  CREDO_ASSIGN_OR_RETURN(compliance::CreditFileView view,
                         compliance::LoadCreditFileView(tx, *ctx.context, subject.id, options));
  const Labels& labels = *ctx.labels;
  ReportDocument document = ObjectWithRoom(24);
  document["report"] = ReportMeta(ctx, subject);
  CREDO_ASSIGN_OR_RETURN(document["header"], HeaderSection(tx, ctx, subject, view));
  document["identity"] = IdentitySection(ctx, subject, view);
  document["addresses"] = AddressesSection(ctx, subject.person, view);
  document["employment"] = EmploymentSection(ctx, subject.person, view);

  // Accounts that are shown (deleted ones, DA/DF, are not).
  std::vector<const compliance::VisibleTradeline*> accounts;
  for (const auto& visible : view.tradelines) {
    if (!IsDeleted(visible.row.tradeline.status)) accounts.push_back(&visible);
  }
  std::stable_sort(accounts.begin(), accounts.end(), [](const auto* a, const auto* b) {
    if (a->row.tradeline.reported_on != b->row.tradeline.reported_on) {
      return a->row.tradeline.reported_on > b->row.tradeline.reported_on;
    }
    return a->row.id < b->row.id;
  });
  const std::vector<Date> grid_months = GridMonths(ctx.today);
  std::vector<AccountFacts> facts(accounts.size());
  // The month rows are read raw: a suppressed month (purged, or deleted in a dispute) shows no
  // balance in the grid and adds none to the trend, also outside the view's history window.
  CREDO_ASSIGN_OR_RETURN(compliance::SuppressionSet suppressions,
                         compliance::LoadSuppressions(tx, view.subject_id));
  for (size_t i = 0; i < accounts.size(); ++i) {
    const int64_t id = accounts[i]->row.id;
    CREDO_ASSIGN_OR_RETURN(auto months, tx.ListTradelineMonths(id));
    for (const TradelineMonth& month : months) {
      const Date first = FirstOfMonth(month.month);
      if (!month.balance || suppressions.MonthSuppressed(id, first)) continue;
      facts[i].balance_by_month[first.days_since_epoch()] = *month.balance;
    }
  }

  // Summary.
  if (accounts.empty() && view.public_records.empty() && view.query_records.empty()) {
    document["summary"] = NoData(labels, "summary",
                                 "the bureau holds no accounts, public records or inquiries for "
                                 "this subject");
  } else {
    ReportDocument summary = Section(labels, "summary");
    int open_accounts = 0;
    MoneyTotals limits, balances, past_due, revolving_limits, revolving_balances;
    std::array<int, kSeverityBuckets.size()> worst_counts{};
    for (const auto* visible : accounts) {
      const Tradeline& t = visible->row.tradeline;
      if (IsOpen(t)) {
        ++open_accounts;
        limits.Add(t.credit_limit);
        balances.Add(t.balance);
        past_due.Add(t.past_due);
        if (IsRevolving(t.kind)) {
          revolving_limits.Add(t.credit_limit);
          revolving_balances.Add(t.balance);
        }
      }
      int worst = -1;
      const Date history_month = FirstOfMonth(t.history.as_of);
      for (size_t m = 0; m < t.history.months.size(); ++m) {
        Date month = history_month.AddMonths(-static_cast<int>(m));
        if (month < grid_months.front()) break;
        if (month > grid_months.back()) continue;
        worst = std::max(worst, BucketOf(t.history.months[m]));
      }
      if (worst >= 0) ++worst_counts[worst];
    }
    summary["accounts_total"] = static_cast<int64_t>(accounts.size());
    summary["open_accounts"] = open_accounts;
    summary["total_credit_limit"] = limits.Json();
    summary["total_balance"] = balances.Json();
    summary["total_past_due"] = past_due.Json();
    // The profile's currency, or the accounts' own when none is in it (a foreign file).
    Currency main_currency = Currency::Parse(ctx.context->profile->currency).value_or(Currency());
    if (!accounts.empty() &&
        std::none_of(accounts.begin(), accounts.end(), [&](const auto* visible) {
          return visible->row.tradeline.balance.currency == main_currency;
        })) {
      main_currency = accounts.front()->row.tradeline.balance.currency;
    }
    const int64_t revolving_limit = revolving_limits.In(main_currency);
    if (revolving_limit > 0) {
      summary["utilisation"] =
          Round4(static_cast<double>(revolving_balances.In(main_currency)) / revolving_limit);
    } else {
      summary["utilisation"] = nullptr;
      summary["utilisation_note"] = "no open revolving account with a credit limit in " +
                                    std::string(main_currency.code());
    }
    ReportDocument delinquencies = ReportDocument::object();
    for (size_t b = 0; b < kSeverityBuckets.size(); ++b) {
      delinquencies[std::string(kSeverityBuckets[b])] = worst_counts[b];
    }
    summary["delinquencies"] = std::move(delinquencies);
    ReportDocument windows = ReportDocument::object();
    for (int months : {1, 3, 6, 12, 24}) {
      const Date from = ctx.today.AddMonths(-months);
      int count = 0;
      for (const auto& record : view.query_records) {
        if (record.queried_on > from && record.queried_on <= ctx.today) ++count;
      }
      windows[std::to_string(months) + "m"] = count;
    }
    summary["inquiries"] = std::move(windows);
    summary["public_records"] = static_cast<int64_t>(view.public_records.size());
    // The balance trend: per month, the sum of the open-or-reported accounts' balances, each
    // carried forward from its last report (main currency).
    ReportDocument trend = ReportDocument::array();
    for (Date month : grid_months) {
      int64_t total = 0;
      bool any = false;
      for (size_t i = 0; i < accounts.size(); ++i) {
        if (accounts[i]->row.tradeline.balance.currency != main_currency) continue;
        const auto& by_month = facts[i].balance_by_month;
        auto it = by_month.upper_bound(month.days_since_epoch());
        if (it == by_month.begin()) continue;
        --it;
        total += it->second;
        any = true;
      }
      ReportDocument point = ObjectWithRoom(2);
      point["month"] = MonthText(month);
      point["balance"] = any ? ReportDocument(Money{total, main_currency}.ToDecimalString())
                             : ReportDocument(nullptr);
      trend.push_back(std::move(point));
    }
    summary["balance_trend_currency"] = std::string(main_currency.code());
    summary["balance_trend"] = std::move(trend);
    document["summary"] = std::move(summary);
  }

  // Tradelines.
  if (accounts.empty()) {
    document["tradelines"] =
        NoData(labels, "tradelines", "no furnisher has reported a credit account for this subject");
  } else {
    ReportDocument section = Section(labels, "tradelines");
    ReportDocument items = ReportDocument::array();
    for (size_t i = 0; i < accounts.size(); ++i) {
      items.push_back(TradelineJson(*accounts[i], facts[i]));
    }
    section["accounts"] = std::move(items);
    document["tradelines"] = std::move(section);
  }

  // Public records.
  if (view.public_records.empty()) {
    document["public_records"] = NoData(
        labels, "public_records",
        "no court, tax or regulator feed has reported a record for this subject");
  } else {
    ReportDocument section = Section(labels, "public_records");
    ReportDocument items = ReportDocument::array();
    for (const auto& visible : view.public_records) {
      const PublicRecord& r = visible.record;
      ReportDocument item = ObjectWithRoom(10);
      item["id"] = r.id;
      item["kind"] = std::string(PublicRecordKindName(r.kind));
      item["authority"] = r.authority;
      item["case_number"] = r.case_number;
      item["filed_on"] = r.filed_on.ToIso();
      item["resolved_on"] = DateJson(r.resolved_on);
      item["amount"] = MoneyJson(r.amount);
      item["status"] = r.status;
      item["description"] = r.description;
      item["disputed"] = visible.disputed;
      items.push_back(std::move(item));
    }
    section["records"] = std::move(items);
    document["public_records"] = std::move(section);
  }

  document["inquiries"] = InquiriesSection(ctx, view);
  document["statements"] = StatementsSection(ctx, view);

  CREDO_ASSIGN_OR_RETURN(ScoreResult score,
                         ScoreForSubject(tx, ctx.registry, subject.id, ctx.today, "person_score",
                                         labels.lang()));
  document["score"] = ScoreSection(labels, "score", score);
  return document;
}

}  // namespace credo::report::internal
