#include "compliance/compliance_report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "compliance/consent.h"
#include "compliance/disputes.h"
#include "compliance/read_gate.h"
#include "compliance/refusal.h"
#include "compliance/retention.h"

namespace credo::compliance {

using json = nlohmann::ordered_json;

namespace {

std::string Iso(const std::optional<Date>& d) { return d ? d->ToIso() : ""; }

Date DayOf(int64_t unix_seconds) {
  int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : -((-unix_seconds + 86399) / 86400);
  return Date::FromDays(static_cast<int32_t>(days));
}

// 条例 Art. 14 para. 1: the ingest rules that reject a prohibited field.
bool IsProhibitedRejection(const JurisdictionProfile& profile, const QuarantineEntry& entry) {
  return entry.rule.find("prohibited") != std::string::npos || profile.IsProhibitedField(entry.field);
}

}  // namespace

bool ComplianceReport::clean() const {
  return reads_without_valid_consent.empty() && disputes_late == 0 && complaints_late == 0 &&
         overdue.empty() && audit_chain.intact &&
         std::all_of(purged.begin(), purged.end(), [](const PurgeLine& p) { return p.days_late == 0; });
}

Result<ComplianceReport> BuildComplianceReport(Store& store, const ComplianceContext& context,
                                               Date from, Date to) {
  if (to < from) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "report period ends (" + to.ToIso() + ") before it starts (" + from.ToIso() + ")");
  }
  ComplianceReport report;
  report.from = from;
  report.to = to;
  report.profile = context.profile->name;
  report.generated_on = context.Today();
  const Date today = context.Today();
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    // Reads: re-check every recorded read against the consent as it stood that day.
    CREDO_ASSIGN_OR_RETURN(auto reads, ListQueryLog(tx, from, to));
    report.reads = static_cast<int64_t>(reads.size());
    for (const auto& read : reads) {
      const PurposeRule* purpose = context.profile->FindPurpose(read.purpose);
      std::string problem;
      if (purpose == nullptr) {
        problem = "purpose " + read.purpose + " is not in profile " + context.profile->name;
      } else if (purpose->requires_consent) {
        if (read.consent_id == 0) {
          problem = "no consent recorded";
        } else {
          auto consent = tx.GetConsent(read.consent_id);
          if (!consent.ok()) {
            problem = "consent " + std::to_string(read.consent_id) + " not found";
          } else if (consent->subject_id != read.subject_id ||
                     consent->institution != read.institution || consent->purpose != read.purpose) {
            problem = "consent " + consent->reference + " is for another subject, institution or purpose";
          } else if (ConsentStateOn(*consent, read.queried_on) != ConsentState::kValid) {
            problem = "consent " + consent->reference + " was " +
                      std::string(ConsentStateName(ConsentStateOn(*consent, read.queried_on))) +
                      " that day";
          }
        }
      }
      if (!problem.empty()) {
        report.reads_without_valid_consent.push_back(
            "query record " + std::to_string(read.query_record_id) + " on " + read.queried_on.ToIso() +
            " by " + read.institution + " (subject " + std::to_string(read.subject_id) + "): " + problem);
      }
    }
    CREDO_ASSIGN_OR_RETURN(auto refusals, ListRefusals(tx, from, to));
    for (const auto& r : refusals) report.refusals_by_rule[r.rule]++;

    CREDO_ASSIGN_OR_RETURN(auto disputes, ListDisputesOpened(tx, from, to));
    for (const auto& d : disputes) {
      ComplianceReport::DisputeLine line;
      line.id = d.id;
      line.subject_id = d.subject_id;
      line.item = FormatItemRef(d.item);
      line.outcome = d.open ? "open" : std::string(DisputeOutcomeName(d.outcome));
      line.opened_on = d.opened_on;
      line.deadline_on = d.deadline_on;
      line.resolved_on = d.resolved_on;
      line.open = d.open;
      line.met_deadline = d.MetDeadline(today);
      report.disputes_by_outcome[line.outcome]++;
      if (!line.met_deadline) ++report.disputes_late;
      report.disputes.push_back(line);
    }
    CREDO_ASSIGN_OR_RETURN(auto complaints, ListComplaints(tx, 0));
    for (const auto& c : complaints) {
      if (c.opened_on < from || c.opened_on > to) continue;
      ++report.complaints;
      if (!c.MetDeadline(today)) ++report.complaints_late;
    }

    // Register what has not been seen yet, then look for late and overdue purges.
    SubjectId after = 0;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(auto ids, tx.ListSubjectIds(after, 500));
      if (ids.empty()) break;
      for (SubjectId id : ids) {
        auto scanned = ScanNegativeItems(tx, context, id);
        if (!scanned.ok()) return scanned.error();
      }
      after = ids.back();
    }
    CREDO_ASSIGN_OR_RETURN(auto items, ListNegativeItems(tx, 0));
    const Date horizon = std::min(to, today);
    for (const auto& n : items) {
      ComplianceReport::PurgeLine line;
      line.subject_id = n.subject_id;
      line.item = FormatItemRef(n.item);
      line.category = n.category;
      line.due_on = n.purge_on;
      line.purged_on = n.purged_on;
      if (n.purged_on && *n.purged_on >= from && *n.purged_on <= to) {
        if (n.purge_on && *n.purged_on > *n.purge_on) line.days_late = n.purged_on->DaysSince(*n.purge_on);
        report.purged.push_back(line);
      } else if (!n.purged_on && n.purge_on && *n.purge_on <= horizon) {
        line.days_late = horizon.DaysSince(*n.purge_on);
        report.overdue.push_back(line);
      }
    }

    // 条例 Art. 14 para. 1: prohibited fields rejected at ingest, from the quarantine.
    CREDO_ASSIGN_OR_RETURN(auto batches, tx.ListBatches(1000000));
    for (const auto& batch : batches) {
      CREDO_ASSIGN_OR_RETURN(auto entries, tx.ListQuarantine(batch.id));
      for (const auto& e : entries) {
        Date day = DayOf(e.created_at);
        if (day < from || day > to || !IsProhibitedRejection(*context.profile, e)) continue;
        report.prohibited_field_rejections.push_back({e.batch_id, e.source, e.line, e.field, e.rule});
      }
    }
    return Ok();
  });
  if (!status.ok()) return status.error();
  CREDO_ASSIGN_OR_RETURN(report.audit_chain, store.VerifyAuditChain());
  return report;
}

std::string ComplianceReportJson(const ComplianceReport& r) {
  json j;
  j["period"] = {{"from", r.from.ToIso()}, {"to", r.to.ToIso()}};
  j["profile"] = r.profile;
  j["generated_on"] = r.generated_on.ToIso();
  j["clean"] = r.clean();
  j["reads"] = {{"total", r.reads},
                {"without_valid_consent", r.reads_without_valid_consent.size()},
                {"violations", r.reads_without_valid_consent}};
  j["refusals_by_rule"] = r.refusals_by_rule;
  json disputes = json::array();
  for (const auto& d : r.disputes) {
    disputes.push_back({{"id", d.id}, {"subject_id", d.subject_id}, {"item", d.item},
                        {"outcome", d.outcome}, {"opened_on", d.opened_on.ToIso()},
                        {"deadline_on", d.deadline_on.ToIso()}, {"resolved_on", Iso(d.resolved_on)},
                        {"met_deadline", d.met_deadline}});
  }
  j["disputes"] = {{"by_outcome", r.disputes_by_outcome}, {"late", r.disputes_late}, {"cases", disputes}};
  j["complaints"] = {{"total", r.complaints}, {"late", r.complaints_late}};
  auto purge_lines = [](const std::vector<ComplianceReport::PurgeLine>& lines) {
    json out = json::array();
    for (const auto& p : lines) {
      out.push_back({{"subject_id", p.subject_id}, {"item", p.item}, {"category", p.category},
                     {"due_on", Iso(p.due_on)}, {"purged_on", Iso(p.purged_on)},
                     {"days_late", p.days_late}});
    }
    return out;
  };
  j["purge"] = {{"purged", purge_lines(r.purged)}, {"overdue", purge_lines(r.overdue)}};
  json rejections = json::array();
  for (const auto& e : r.prohibited_field_rejections) {
    rejections.push_back({{"batch", e.batch_id}, {"source", e.source}, {"line", e.line},
                          {"field", e.field}, {"rule", e.rule}});
  }
  j["prohibited_field_rejections"] = rejections;
  j["audit_chain"] = {{"intact", r.audit_chain.intact},
                      {"entries_checked", r.audit_chain.entries_checked},
                      {"first_bad_sequence", r.audit_chain.first_bad_sequence},
                      {"problem", r.audit_chain.problem}};
  return j.dump(2);
}

std::string ComplianceReportText(const ComplianceReport& r) {
  std::ostringstream out;
  out << "Compliance report " << r.from.ToIso() << " to " << r.to.ToIso() << " (profile " << r.profile
      << ", generated " << r.generated_on.ToIso() << ")\n";
  out << "Overall: " << (r.clean() ? "clean" : "FINDINGS") << "\n\n";
  out << "Reads: " << r.reads << ", without valid consent: " << r.reads_without_valid_consent.size() << "\n";
  for (const auto& v : r.reads_without_valid_consent) out << "  ! " << v << "\n";
  out << "Refusals:";
  if (r.refusals_by_rule.empty()) out << " none";
  out << "\n";
  for (const auto& [rule, count] : r.refusals_by_rule) out << "  " << rule << ": " << count << "\n";
  out << "Disputes opened: " << r.disputes.size() << ", late: " << r.disputes_late << "\n";
  for (const auto& [outcome, count] : r.disputes_by_outcome) out << "  " << outcome << ": " << count << "\n";
  for (const auto& d : r.disputes) {
    out << "  #" << d.id << " subject " << d.subject_id << " " << d.item << " " << d.outcome
        << " opened " << d.opened_on.ToIso() << " deadline " << d.deadline_on.ToIso()
        << (d.met_deadline ? " on time" : " LATE") << "\n";
  }
  out << "Complaints: " << r.complaints << ", late: " << r.complaints_late << "\n";
  out << "Negative items purged: " << r.purged.size() << "\n";
  for (const auto& p : r.purged) {
    out << "  subject " << p.subject_id << " " << p.item << " (" << p.category << ") due "
        << Iso(p.due_on) << " purged " << Iso(p.purged_on)
        << (p.days_late ? " LATE by " + std::to_string(p.days_late) + " days" : "") << "\n";
  }
  out << "Overdue for purge: " << r.overdue.size() << "\n";
  for (const auto& p : r.overdue) {
    out << "  ! subject " << p.subject_id << " " << p.item << " (" << p.category << ") due "
        << Iso(p.due_on) << ", " << p.days_late << " days overdue\n";
  }
  out << "Prohibited-field rejections at ingest: " << r.prohibited_field_rejections.size() << "\n";
  for (const auto& e : r.prohibited_field_rejections) {
    out << "  batch " << e.batch_id << " " << e.source << " line " << e.line << " field " << e.field
        << " rule " << e.rule << "\n";
  }
  out << "Audit chain: "
      << (r.audit_chain.intact ? "intact" : "BROKEN at " + std::to_string(r.audit_chain.first_bad_sequence) +
                                                ": " + r.audit_chain.problem)
      << " (" << r.audit_chain.entries_checked << " entries)\n";
  return out.str();
}

}  // namespace credo::compliance
