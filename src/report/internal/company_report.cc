// The company report: header, registration, shareholders, officers, financial statements with
// ratios and their trend, loans and guarantees, payment behaviour, public records, rating.
#include <algorithm>

#include "core/identifier.h"
#include "features/company_attributes.h"
#include "features/credit_file.h"
#include "features/load.h"
#include "report/internal/assembly.h"
#include "report/internal/document.h"
#include "report/suppression_filter.h"

namespace credo::report::internal {
namespace {

constexpr size_t kTrendPeriods = 5;

std::string_view OrganizationStatusName(OrganizationStatus status) {
  switch (status) {
    case OrganizationStatus::kActive: return "active";
    case OrganizationStatus::kRevoked: return "revoked";
    case OrganizationStatus::kCancelled: return "cancelled";
    case OrganizationStatus::kDissolved: return "dissolved";
    case OrganizationStatus::kBankrupt: return "bankrupt";
    case OrganizationStatus::kUnknown: return "unknown";
  }
  return "unknown";
}

ReportDocument Attribute(const features::AttributeSet& set, std::string_view name) {
  const features::AttributeValue* value = set.Find(name);
  if (value == nullptr || !value->has_value()) return nullptr;
  return Round4(**value);
}

Result<std::string> SubjectName(Transaction& tx, SubjectId id) {
  auto subject = tx.GetSubject(id);
  if (!subject.ok()) {
    if (subject.error().code == ErrorCode::kNotFound) return "subject " + std::to_string(id);
    return subject.error();
  }
  return subject->kind == SubjectKind::kPerson ? subject->person.full_name
                                               : subject->organization.name;
}

ReportDocument RegistrationSection(const AssemblyContext& ctx, const Organization& org,
                                   SubjectId id) {
  ReportDocument section = Section(*ctx.labels, "registration");
  section["subject_id"] = id;
  section["name"] = org.name;
  ReportDocument identifiers = ReportDocument::array();
  for (const Identifier& identifier : org.identifiers) {
    ReportDocument item = ReportDocument::object();
    item["kind"] = std::string(IdentifierKindName(identifier.kind));
    item["value"] = identifier.value;  // a company's registration numbers are public
    identifiers.push_back(std::move(item));
  }
  section["identifiers"] = std::move(identifiers);
  section["legal_representative"] = org.legal_representative;
  section["registered_capital"] =
      org.registered_capital ? MoneyJson(*org.registered_capital) : ReportDocument(nullptr);
  section["established_on"] = DateJson(org.established_on);
  section["status"] = std::string(OrganizationStatusName(org.status));
  section["industry"] = org.industry_code;
  ReportDocument addresses = ReportDocument::array();
  for (const Address& address : org.addresses) {
    ReportDocument item = ReportDocument::object();
    item["line1"] = address.line1;
    item["city"] = address.city;
    item["region"] = address.region;
    item["postcode"] = address.postcode;
    item["country"] = address.country;
    addresses.push_back(std::move(item));
  }
  section["addresses"] = std::move(addresses);
  return section;
}

bool InForce(const Relation& relation, Date today) {
  return (!relation.since || *relation.since <= today) && (!relation.until || *relation.until > today);
}

Result<ReportDocument> RelationJson(Transaction& tx, const Relation& relation, SubjectId other) {
  ReportDocument item = ReportDocument::object();
  item["subject_id"] = other;
  CREDO_ASSIGN_OR_RETURN(item["name"], SubjectName(tx, other));
  item["kind"] = std::string(RelationKindName(relation.kind));
  if (relation.kind == RelationKind::kShareholding) item["percent"] = Round4(relation.percent);
  if (relation.kind == RelationKind::kGuarantee) item["amount"] = MoneyJson(relation.amount);
  item["role"] = relation.role;
  item["since"] = DateJson(relation.since);
  item["until"] = DateJson(relation.until);
  return item;
}

ReportDocument StatementJson(const FinancialStatement& s, const features::AttributeSet& ratios) {
  ReportDocument item = ReportDocument::object();
  item["period_end"] = s.period_end.ToIso();
  item["period_months"] = s.period_months;
  item["currency"] = std::string(s.currency.code());
  auto amount = [&](int64_t minor) { return Money{minor, s.currency}.ToDecimalString(); };
  item["revenue"] = amount(s.revenue);
  item["net_income"] = amount(s.net_income);
  item["ebitda"] = amount(s.ebitda);
  item["total_assets"] = amount(s.total_assets);
  item["total_liabilities"] = amount(s.total_liabilities);
  item["equity"] = amount(s.equity);
  item["operating_cash_flow"] = amount(s.operating_cash_flow);
  ReportDocument r = ReportDocument::object();
  for (std::string_view name :
       {"current_ratio", "quick_ratio", "liabilities_to_assets", "debt_to_equity",
        "debt_to_ebitda", "ebit_interest_coverage", "debt_service_coverage_ratio", "net_margin",
        "return_on_assets", "return_on_equity", "revenue_growth", "altman_z_double_prime"}) {
    r[std::string(name)] = Attribute(ratios, name);
  }
  item["ratios"] = std::move(r);
  return item;
}

}  // namespace

Result<ReportDocument> AssembleCompanyReport(Transaction& tx, const AssemblyContext& ctx,
                                             const Subject& subject) {
  const Labels& labels = *ctx.labels;
  compliance::ViewOptions options;
  options.viewer = ctx.viewer;
  CREDO_ASSIGN_OR_RETURN(compliance::CreditFileView view,
                         compliance::LoadCreditFileView(tx, *ctx.context, subject.id, options));
  // The attribute file, with suppressed and disputed items left out (as model inputs are).
  auto filter = MakeComplianceInputFilter();
  CREDO_ASSIGN_OR_RETURN(features::CreditFile file,
                         features::LoadCreditFile(tx, subject.id, ctx.today, filter.get()));
  const features::AttributeSet attributes = features::ComputeCompanyAttributes(file);

  ReportDocument document = ObjectWithRoom(24);
  document["report"] = ReportMeta(ctx, subject);
  CREDO_ASSIGN_OR_RETURN(document["header"], HeaderSection(tx, ctx, subject, view));
  document["registration"] = RegistrationSection(ctx, subject.organization, subject.id);

  // Shareholders and officers (store relations pointing at this company).
  CREDO_ASSIGN_OR_RETURN(auto relations, tx.ListRelations(subject.id));
  ReportDocument shareholders = ReportDocument::array();
  ReportDocument officers = ReportDocument::array();
  ReportDocument guarantees_given = ReportDocument::array();
  ReportDocument guarantees_received = ReportDocument::array();
  for (const RelationRow& row : relations) {
    const Relation& relation = row.relation;
    if (!InForce(relation, ctx.today)) continue;
    const bool to_this = relation.to == subject.id;
    const SubjectId other = to_this ? relation.from : relation.to;
    switch (relation.kind) {
      case RelationKind::kShareholding:
        if (to_this) {
          CREDO_ASSIGN_OR_RETURN(auto item, RelationJson(tx, relation, other));
          shareholders.push_back(std::move(item));
        }
        break;
      case RelationKind::kLegalRepresentative:
      case RelationKind::kOfficer:
        if (to_this) {
          CREDO_ASSIGN_OR_RETURN(auto item, RelationJson(tx, relation, other));
          officers.push_back(std::move(item));
        }
        break;
      case RelationKind::kGuarantee: {
        CREDO_ASSIGN_OR_RETURN(auto item, RelationJson(tx, relation, other));
        (to_this ? guarantees_received : guarantees_given).push_back(std::move(item));
        break;
      }
      default:
        break;
    }
  }
  if (shareholders.empty()) {
    document["shareholders"] = NoData(labels, "shareholders",
                                      "no registry feed has reported a shareholder in force");
  } else {
    ReportDocument section = Section(labels, "shareholders");
    section["shareholders"] = std::move(shareholders);
    document["shareholders"] = std::move(section);
  }
  if (officers.empty()) {
    document["officers"] = NoData(labels, "officers",
                                  "no registry feed has reported a legal representative or officer");
  } else {
    ReportDocument section = Section(labels, "officers");
    section["officers"] = std::move(officers);
    document["officers"] = std::move(section);
  }

  // Financial statements, newest first, with the ratios as of each period end (the trend).
  if (file.financial_statements.empty()) {
    document["financial_statements"] = NoData(
        labels, "financial_statements",
        "no financial statement with a period end on or before " + ctx.today.ToIso() + " is on file");
  } else {
    ReportDocument section = Section(labels, "financial_statements");
    std::vector<const FinancialStatementRow*> rows;
    for (const auto& row : file.financial_statements) rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
      return a->statement.period_end > b->statement.period_end;
    });
    ReportDocument periods = ReportDocument::array();
    for (size_t i = 0; i < rows.size() && i < kTrendPeriods; ++i) {
      features::CreditFile at_period = file;
      at_period.as_of = rows[i]->statement.period_end;
      features::CutToKnownOn(at_period);
      periods.push_back(StatementJson(rows[i]->statement,
                                      features::ComputeCompanyAttributes(at_period)));
    }
    section["periods"] = std::move(periods);
    section["flows_basis"] = Attribute(attributes, "financial_flows_basis");
    section["altman_z_double_prime_zone"] = Attribute(attributes, "altman_z_double_prime_zone");
    document["financial_statements"] = std::move(section);
  }

  // Loans (the company's credit accounts) and guarantees given and received.
  ReportDocument loans = ReportDocument::array();
  for (const auto& visible : view.tradelines) {
    const Tradeline& t = visible.row.tradeline;
    if (t.status == AccountStatus::kDeleteAccount || t.status == AccountStatus::kDeleteFraud) continue;
    ReportDocument item = ReportDocument::object();
    item["id"] = visible.row.id;
    item["furnisher"] = t.key.furnisher;
    item["account"] = MaskIdentifier(t.key.account_number);
    item["status"] = std::string(Metro2AccountStatusCode(t.status));
    item["opened_on"] = t.opened_on.ToIso();
    item["reported_on"] = t.reported_on.ToIso();
    item["credit_limit"] = MoneyJson(t.credit_limit);
    item["balance"] = MoneyJson(t.balance);
    item["past_due"] = MoneyJson(t.past_due);
    item["payment_history"] = t.history.ToCodes().substr(0, 24);
    item["disputed"] = visible.disputed;
    loans.push_back(std::move(item));
  }
  if (loans.empty() && guarantees_given.empty() && guarantees_received.empty()) {
    document["guarantees"] = NoData(
        labels, "guarantees", "no lender has reported a loan and no guarantee is on file");
  } else {
    ReportDocument section = Section(labels, "guarantees");
    section["loans"] = std::move(loans);
    section["guarantees_given"] = std::move(guarantees_given);
    section["guarantees_received"] = std::move(guarantees_received);
    section["guarantees_given_amount"] = Attribute(attributes, "guarantees_given_amount");
    section["guarantees_to_net_assets"] = Attribute(attributes, "guarantees_to_net_assets");
    document["guarantees"] = std::move(section);
  }

  // Payment behaviour: the PAYDEX-style index over 24 months.
  if (Attribute(attributes, "paydex").is_null()) {
    document["payment_behaviour"] = NoData(
        labels, "payment_behaviour",
        "no trade experience with an amount in the last 24 months (PAYDEX unavailable, UN)");
  } else {
    ReportDocument section = Section(labels, "payment_behaviour");
    section["paydex"] = Attribute(attributes, "paydex");
    section["paydex_band"] = Attribute(attributes, "paydex_band");
    section["trade_experiences_24m"] = Attribute(attributes, "trade_experiences_24m");
    section["weighted_days_beyond_terms"] = Attribute(attributes, "weighted_days_beyond_terms");
    section["worst_status_12m"] = Attribute(attributes, "credit_worst_status_12m");
    document["payment_behaviour"] = std::move(section);
  }

  // Public records by group: judgments, enforcement, tax, penalties (and bankruptcy).
  if (view.public_records.empty()) {
    document["public_records"] = NoData(
        labels, "public_records",
        "no court, tax or regulator feed has reported a record for this company");
  } else {
    ReportDocument section = Section(labels, "public_records");
    ReportDocument groups = ReportDocument::object();
    for (const char* group : {"judgments", "enforcement", "tax", "penalties", "bankruptcy"}) {
      groups[group] = ReportDocument::array();
    }
    for (const auto& visible : view.public_records) {
      const PublicRecord& r = visible.record;
      const char* group = "judgments";
      switch (r.kind) {
        case PublicRecordKind::kCivilJudgment: group = "judgments"; break;
        case PublicRecordKind::kCourtEnforcement:
        case PublicRecordKind::kDishonestDebtor: group = "enforcement"; break;
        case PublicRecordKind::kTaxArrears:
        case PublicRecordKind::kTaxLien: group = "tax"; break;
        case PublicRecordKind::kAdministrativePenalty: group = "penalties"; break;
        case PublicRecordKind::kBankruptcy: group = "bankruptcy"; break;
      }
      ReportDocument item = ReportDocument::object();
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
      groups[group].push_back(std::move(item));
    }
    section["groups"] = std::move(groups);
    document["public_records"] = std::move(section);
  }

  CREDO_ASSIGN_OR_RETURN(ScoreResult rating,
                         ScoreForSubject(tx, ctx.registry, subject.id, ctx.today,
                                         "company_rating", labels.lang()));
  document["inquiries"] = InquiriesSection(ctx, view);
  document["statements"] = StatementsSection(ctx, view);
  document["rating"] = ScoreSection(labels, "rating", rating);
  return document;
}

}  // namespace credo::report::internal
