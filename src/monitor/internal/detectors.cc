#include "monitor/internal/detectors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace credo::monitor::internal {
namespace {

// How bad the account's state is now: a derogatory event paid in full (61-65) is no longer a
// negative state (its months keep their statuses), so it counts 0, not the event's severity.
int AccountStatusSeverity(AccountStatus status) {
  return IsNegativeStatus(status) ? Metro2StatusSeverity(status) : 0;
}

std::string MonthText(Date month) { return month.ToIso().substr(0, 7); }

const features::TradelineAsOf* FindTradeline(const features::CreditFile& file, int64_t id) {
  for (const auto& tradeline : file.tradelines) {
    if (tradeline.row.id == id) return &tradeline;
  }
  return nullptr;
}

std::string NormalizeInstitution(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

Severity PublicRecordSeverity(PublicRecordKind kind) {
  switch (kind) {
    case PublicRecordKind::kBankruptcy:
    case PublicRecordKind::kCourtEnforcement:
    case PublicRecordKind::kDishonestDebtor: return Severity::kCritical;
    case PublicRecordKind::kCivilJudgment:
    case PublicRecordKind::kTaxLien:
    case PublicRecordKind::kTaxArrears: return Severity::kHigh;
    case PublicRecordKind::kAdministrativePenalty: return Severity::kMedium;
  }
  return Severity::kHigh;
}

std::optional<double> Value(const features::AttributeSet& set, std::string_view name) {
  const features::AttributeValue* value = set.Find(name);
  if (value == nullptr) return std::nullopt;
  return *value;
}

double Round4(double value) { return std::round(value * 10000.0) / 10000.0; }

//! The tradeline-status change common to the delinquency and charge-off triggers.
struct StatusChange {
  const features::TradelineAsOf* tradeline = nullptr;
  TradelineState before;
  TradelineState after;
  bool known_before = false;
};

std::vector<StatusChange> WorsenedTradelines(const features::CreditFile& before,
                                             const features::CreditFile& after) {
  std::vector<StatusChange> changes;
  for (const auto& tradeline : after.tradelines) {
    auto now = CurrentTradelineState(tradeline, after.as_of);
    if (!now || now->severity == 0) continue;
    StatusChange change;
    change.tradeline = &tradeline;
    change.after = *now;
    if (const auto* earlier = FindTradeline(before, tradeline.row.id)) {
      if (auto then = CurrentTradelineState(*earlier, before.as_of)) {
        change.before = *then;
        change.known_before = true;
      }
    }
    if (change.after.severity > change.before.severity) changes.push_back(change);
  }
  return changes;
}

Finding StatusFinding(TriggerKind trigger, Severity severity, const StatusChange& change) {
  const Tradeline& tradeline = change.tradeline->row.tradeline;
  nlohmann::json evidence;
  evidence["tradeline_id"] = change.tradeline->row.id;
  evidence["furnisher"] = tradeline.key.furnisher;
  evidence["month"] = MonthText(change.after.month);
  evidence["delinquent_since"] = MonthText(change.after.since);
  evidence["status_before"] = change.known_before ? std::string(SeverityLabel(change.before.severity))
                                                  : std::string("not known");
  evidence["status_after"] = std::string(SeverityLabel(change.after.severity));
  evidence["code_after"] = change.after.code;
  evidence["past_due"] = tradeline.past_due.minor_units;
  evidence["currency"] = std::string(tradeline.past_due.currency.code());
  Finding finding;
  finding.trigger = trigger;
  finding.severity = severity;
  // One alert per tradeline, status and delinquency episode: the same status reported again
  // next month is the same evidence; a new episode after a cure is new evidence.
  finding.evidence_key = "tradeline=" + std::to_string(change.tradeline->row.id) +
                         ";severity=" + std::to_string(change.after.severity) +
                         ";since=" + MonthText(change.after.since);
  finding.evidence = evidence.dump();
  finding.summary = "tradeline " + std::to_string(change.tradeline->row.id) + " at " +
                    tradeline.key.furnisher + ": " +
                    std::string(SeverityLabel(change.after.severity)) + " in " +
                    MonthText(change.after.month) + " (was " +
                    (change.known_before ? std::string(SeverityLabel(change.before.severity))
                                         : std::string("not known")) +
                    ")";
  return finding;
}

}  // namespace

std::string_view SeverityLabel(int severity) {
  switch (severity) {
    case 0: return "current";
    case 1: return "30 days past due";
    case 2: return "60 days past due";
    case 3: return "90 days past due";
    case 4: return "120 days past due";
    case 5: return "150 days past due";
    case 6: return "180+ days past due";
    case 7: return "in collection";
    case 8: return "foreclosure or repossession";
    case 9: return "charged off";
  }
  return "unknown";
}

std::optional<TradelineState> CurrentTradelineState(const features::TradelineAsOf& tradeline,
                                                    Date as_of) {
  std::optional<TradelineState> state;
  const auto& months = tradeline.months;
  for (size_t i = months.size(); i-- > 0;) {
    if (months[i].reported_on > as_of) continue;
    if (months[i].payment_status == PaymentStatus::kNoData) continue;
    TradelineState month_state;
    month_state.severity = PaymentStatusSeverity(months[i].payment_status);
    month_state.month = months[i].month;
    month_state.since = months[i].month;
    month_state.code = std::string(1, static_cast<char>(months[i].payment_status));
    if (month_state.severity > 0) {
      for (size_t j = i; j-- > 0;) {
        if (months[j].reported_on > as_of) continue;
        if (months[j].payment_status == PaymentStatus::kNoData) continue;
        if (PaymentStatusSeverity(months[j].payment_status) == 0) break;
        month_state.since = months[j].month;
      }
    }
    state = month_state;
    break;
  }
  const Tradeline& row = tradeline.row.tradeline;
  if (row.reported_on <= as_of) {  // the stored (latest) report is known on as_of
    const int account_severity = AccountStatusSeverity(row.status);
    if (!state || account_severity > state->severity) {
      TradelineState account_state;
      account_state.severity = account_severity;
      account_state.month = Date::FromYmd(row.reported_on.year(), row.reported_on.month(), 1)
                                .value_or(row.reported_on);
      account_state.since = state && state->severity > 0 ? state->since : account_state.month;
      account_state.code = "account_status=" + std::string(Metro2AccountStatusCode(row.status));
      state = account_state;
    }
  }
  return state;
}

void DetectDelinquency(const features::CreditFile& before, const features::CreditFile& after,
                       const TriggerSpec& spec, bool charge_off_subscribed,
                       std::vector<Finding>& out) {
  const int min_level = spec.min_days / 30;
  for (const StatusChange& change : WorsenedTradelines(before, after)) {
    const int level = change.after.severity;
    if (level < min_level) continue;
    if (level >= 7 && charge_off_subscribed) continue;  // the charge-off trigger reports it
    Severity severity = level >= 7 ? Severity::kCritical
                        : level >= 2 ? Severity::kHigh
                                     : Severity::kMedium;
    out.push_back(StatusFinding(TriggerKind::kDelinquency, severity, change));
  }
}

void DetectChargeOff(const features::CreditFile& before, const features::CreditFile& after,
                     std::vector<Finding>& out) {
  for (const StatusChange& change : WorsenedTradelines(before, after)) {
    if (change.after.severity < 7 || change.before.severity >= 7) continue;
    out.push_back(StatusFinding(TriggerKind::kChargeOff, Severity::kCritical, change));
  }
}

void DetectPublicRecords(const features::CreditFile& before, const features::CreditFile& after,
                         std::vector<Finding>& out) {
  std::set<int64_t> known;
  for (const PublicRecord& record : before.public_records) known.insert(record.id);
  for (const PublicRecord& record : after.public_records) {
    if (known.count(record.id) != 0) continue;
    nlohmann::json evidence;
    evidence["public_record_id"] = record.id;
    evidence["kind"] = std::string(PublicRecordKindName(record.kind));
    evidence["authority"] = record.authority;
    evidence["filed_on"] = record.filed_on.ToIso();
    evidence["amount"] = record.amount.minor_units;
    evidence["currency"] = std::string(record.amount.currency.code());
    evidence["status"] = record.status;
    Finding finding;
    finding.trigger = TriggerKind::kPublicRecord;
    finding.severity = PublicRecordSeverity(record.kind);
    finding.evidence_key = "public_record=" + std::to_string(record.id);
    finding.evidence = evidence.dump();
    finding.summary = "new " + std::string(PublicRecordKindName(record.kind)) + " filed on " +
                      record.filed_on.ToIso() + " by " + record.authority;
    out.push_back(std::move(finding));
  }
}

void DetectInquiries(const features::CreditFile& before, const features::CreditFile& after,
                     const TriggerSpec& spec, std::string_view institution,
                     std::vector<Finding>& out) {
  std::set<int64_t> known;
  for (const Inquiry& inquiry : before.inquiries) known.insert(inquiry.id);
  const std::string own = NormalizeInstitution(institution);
  const Date window_start = after.as_of.AddDays(-spec.days);
  int count = 0;
  int fresh = 0;
  int64_t latest_new = 0;
  std::set<std::string> lenders;
  for (const Inquiry& inquiry : after.inquiries) {
    if (inquiry.kind != InquiryKind::kHard) continue;
    if (inquiry.inquired_on <= window_start || inquiry.inquired_on > after.as_of) continue;
    std::string lender = NormalizeInstitution(inquiry.institution);
    if (lender == own) continue;
    ++count;
    lenders.insert(lender);
    if (known.count(inquiry.id) == 0) {
      ++fresh;
      latest_new = std::max(latest_new, inquiry.id);
    }
  }
  if (count < spec.count || fresh == 0) return;
  nlohmann::json evidence;
  evidence["inquiries_in_window"] = count;
  evidence["new_inquiries"] = fresh;
  evidence["other_institutions"] = lenders.size();
  evidence["window_days"] = spec.days;
  evidence["window_end"] = after.as_of.ToIso();
  Finding finding;
  finding.trigger = TriggerKind::kInquiries;
  finding.severity = count >= 2 * spec.count ? Severity::kHigh : Severity::kMedium;
  finding.evidence_key = "latest_inquiry=" + std::to_string(latest_new);
  finding.evidence = evidence.dump();
  finding.summary = std::to_string(count) + " hard inquiries by " +
                    std::to_string(lenders.size()) + " other institution(s) in " +
                    std::to_string(spec.days) + " days (" + std::to_string(fresh) + " new)";
  out.push_back(std::move(finding));
}

void DetectUtilisation(const features::AttributeSet& before_attributes,
                       const features::AttributeSet& after_attributes, const TriggerSpec& spec,
                       std::vector<Finding>& out) {
  // The baseline is the utilisation on the baseline date from the terms every account's
  // report stated as known then (the store keeps each report's limit and balance), so a limit
  // cut and a balance rise both show. Without a utilisation then: no revolving balance means 0%
  // whatever the limits (a new card drawn to its limit is a spike); a revolving balance on
  // accounts that reported no limit has no defined utilisation, and nothing is compared.
  auto then = Value(before_attributes, "revolving_utilization");
  auto now = Value(after_attributes, "revolving_utilization");
  if (!now) return;
  if (!then && Value(before_attributes, "revolving_balance").value_or(0.0) > 0) return;
  const double base = then.value_or(0.0);
  if (*now - base + 1e-9 < spec.increase) return;
  nlohmann::json evidence;
  evidence["attribute"] = "revolving_utilization";
  evidence["before"] = Round4(base);
  evidence["after"] = Round4(*now);
  evidence["before_as_of"] = before_attributes.as_of.ToIso();
  evidence["after_as_of"] = after_attributes.as_of.ToIso();
  for (const char* name : {"revolving_balance", "revolving_credit_limit"}) {
    auto before_value = Value(before_attributes, name);
    auto after_value = Value(after_attributes, name);
    evidence[std::string(name) + "_before"] =
        before_value ? nlohmann::json(*before_value) : nlohmann::json(nullptr);
    evidence[std::string(name) + "_after"] =
        after_value ? nlohmann::json(*after_value) : nlohmann::json(nullptr);
  }
  Finding finding;
  finding.trigger = TriggerKind::kUtilisation;
  finding.severity = *now >= 0.9 ? Severity::kMedium : Severity::kLow;
  finding.evidence_key = "as_of=" + after_attributes.as_of.ToIso() +
                         ";after=" + std::to_string(static_cast<int>(std::round(*now * 100)));
  finding.evidence = evidence.dump();
  finding.summary = "revolving utilisation rose from " +
                    std::to_string(static_cast<int>(std::round(base * 100))) + "% to " +
                    std::to_string(static_cast<int>(std::round(*now * 100))) + "%";
  out.push_back(std::move(finding));
}

void DetectFinancial(const features::CreditFile& after,
                     const features::AttributeSet& before_attributes,
                     const features::AttributeSet& after_attributes, const TriggerSpec& spec,
                     std::vector<Finding>& out) {
  if (after.subject.kind != SubjectKind::kOrganization) return;
  Date latest_period;
  for (const auto& statement : after.financial_statements) {
    latest_period = std::max(latest_period, statement.statement.period_end);
  }
  nlohmann::json crossed = nlohmann::json::array();
  std::vector<std::string> names;
  bool distress = false;
  auto zone_then = Value(before_attributes, "altman_z_double_prime_zone");
  auto zone_now = Value(after_attributes, "altman_z_double_prime_zone");
  if (zone_then && zone_now && *zone_now > *zone_then) {
    static constexpr std::string_view kZones[] = {"safe", "grey", "distress"};
    auto label = [](double zone) {
      int index = std::clamp(static_cast<int>(zone), 0, 2);
      return std::string(kZones[index]);
    };
    crossed.push_back({{"metric", "altman_z_double_prime_zone"},
                       {"before", label(*zone_then)},
                       {"after", label(*zone_now)}});
    names.push_back("Altman Z'' zone " + label(*zone_then) + " -> " + label(*zone_now));
    distress = *zone_now >= 2;
  }
  struct Threshold {
    std::string_view name;
    double limit;
    bool below;  //!< alert when the value falls below (else rises above)
  };
  const Threshold thresholds[] = {
      {"current_ratio", spec.current_ratio_below, true},
      {"debt_to_equity", spec.debt_to_equity_above, false},
      {"ebit_interest_coverage", spec.interest_coverage_below, true},
  };
  for (const Threshold& threshold : thresholds) {
    auto then = Value(before_attributes, threshold.name);
    auto now = Value(after_attributes, threshold.name);
    if (!then || !now) continue;
    bool was_fine = threshold.below ? *then >= threshold.limit : *then <= threshold.limit;
    bool is_bad = threshold.below ? *now < threshold.limit : *now > threshold.limit;
    if (!was_fine || !is_bad) continue;
    crossed.push_back({{"metric", std::string(threshold.name)},
                       {"before", Round4(*then)},
                       {"after", Round4(*now)},
                       {"threshold", threshold.limit}});
    names.push_back(std::string(threshold.name) + (threshold.below ? " below " : " above ") +
                    std::to_string(threshold.limit).substr(0, 4));
  }
  if (crossed.empty()) return;
  nlohmann::json evidence;
  evidence["latest_statement_period_end"] = latest_period.ToIso();
  evidence["changes"] = crossed;
  std::string metrics;
  for (const auto& item : crossed) {
    if (!metrics.empty()) metrics += "+";
    metrics += item["metric"].get<std::string>();
  }
  Finding finding;
  finding.trigger = TriggerKind::kFinancial;
  finding.severity = distress ? Severity::kHigh : Severity::kMedium;
  finding.evidence_key = "period_end=" + latest_period.ToIso() + ";metrics=" + metrics;
  finding.evidence = evidence.dump();
  std::string summary = "financial deterioration: ";
  for (size_t i = 0; i < names.size(); ++i) summary += (i ? ", " : "") + names[i];
  finding.summary = summary;
  out.push_back(std::move(finding));
}

std::optional<DefaultEvent> DetectDefault(const features::CreditFile& before,
                                          const features::CreditFile& after) {
  for (const StatusChange& change : WorsenedTradelines(before, after)) {
    if (change.after.severity < 3 || change.before.severity >= 3) continue;
    DefaultEvent event;
    event.key = "tradeline=" + std::to_string(change.tradeline->row.id) +
                ";severity=" + std::to_string(change.after.severity);
    event.description = std::string(SeverityLabel(change.after.severity)) + " on tradeline " +
                        std::to_string(change.tradeline->row.id) + " in " +
                        MonthText(change.after.month);
    return event;
  }
  std::set<int64_t> known;
  for (const PublicRecord& record : before.public_records) known.insert(record.id);
  for (const PublicRecord& record : after.public_records) {
    if (known.count(record.id) != 0) continue;
    if (record.kind != PublicRecordKind::kCourtEnforcement &&
        record.kind != PublicRecordKind::kDishonestDebtor &&
        record.kind != PublicRecordKind::kBankruptcy) {
      continue;
    }
    DefaultEvent event;
    event.key = "public_record=" + std::to_string(record.id);
    event.description = "new " + std::string(PublicRecordKindName(record.kind)) + " filed on " +
                        record.filed_on.ToIso();
    return event;
  }
  return std::nullopt;
}

}  // namespace credo::monitor::internal
