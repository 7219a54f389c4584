#include "monitor/evaluate.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "compliance/monitoring_gate.h"
#include "core/error.h"
#include "features/compute.h"
#include "features/load.h"
#include "monitor/internal/circle_party.h"
#include "monitor/internal/detectors.h"
#include "monitor/internal/sql.h"
#include "monitor/internal/touched.h"
#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
#include "model/products.h"
#include "model/score_history.h"
#include "model/store_schema.h"
#endif
#ifdef CREDO_MONITOR_HAS_FRAUD
#include "fraud/fraud.h"
#endif

namespace credo::monitor {
namespace {

using internal::Finding;
using internal::Int;
using internal::IntAt;
using internal::TextAt;

struct SubscriptionRow {
  int64_t id = 0;
  std::string institution;
  SubjectId subject_id = 0;
  std::vector<TriggerSpec> triggers;
  Date baseline_on;
  std::string purpose;            //!< empty: made before purposes were kept (account_review)
  std::string consent_reference;  //!< the consent the institution named; empty: any valid one
};

//! Asks the monitoring gate once per subscription and run whether it may be evaluated today.
class MonitoringGate {
 public:
  //! `skipped` counts the subscriptions refused (once each).
  MonitoringGate(Transaction& transaction, const compliance::ComplianceContext& context,
                 int64_t& skipped)
      : transaction_(transaction), context_(context), skipped_(skipped) {}

  Result<bool> Allows(const SubscriptionRow& subscription) {
    auto found = allowed_.find(subscription.id);
    if (found != allowed_.end()) return found->second;
    compliance::MonitoringRequest request;
    request.subject_id = subscription.subject_id;
    request.institution = subscription.institution;
    request.purpose = subscription.purpose.empty() ? std::string(compliance::kAccountReviewPurpose)
                                                   : subscription.purpose;
    request.consent_reference = subscription.consent_reference;
    CREDO_ASSIGN_OR_RETURN(compliance::MonitoringDecision decision,
                           compliance::DecideMonitoring(transaction_, context_, request));
    const bool allowed = decision.allowed();
    allowed_.emplace(subscription.id, allowed);
    if (!allowed) ++skipped_;
    return allowed;
  }

 private:
  Transaction& transaction_;
  const compliance::ComplianceContext& context_;
  int64_t& skipped_;
  std::map<int64_t, bool> allowed_;
};

//! The subscriptions of `subjects` the monitoring gate allows today.
Result<std::vector<SubscriptionRow>> SubscriptionsOf(Transaction& transaction,
                                                     const std::vector<SubjectId>& subjects,
                                                     MonitoringGate& gate) {
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         internal::QueryInChunks(transaction,
                                                 "SELECT id, institution, subject_id, triggers, "
                                                 "baseline_on, purpose, consent_reference FROM "
                                                 "monitor_subscriptions WHERE subject_id IN ",
                                                 "", subjects));
  std::vector<SubscriptionRow> subscriptions;
  subscriptions.reserve(rows.size());
  std::map<std::string, std::vector<TriggerSpec>> parsed;  // trigger text is shared widely
  for (const SqlRow& row : rows) {
    SubscriptionRow subscription;
    subscription.id = IntAt(row, 0);
    subscription.institution = TextAt(row, 1);
    subscription.subject_id = IntAt(row, 2);
    const std::string& text = TextAt(row, 3);
    auto found = parsed.find(text);
    if (found == parsed.end()) {
      CREDO_ASSIGN_OR_RETURN(auto triggers, ParseTriggers(text));
      found = parsed.emplace(text, std::move(triggers)).first;
    }
    subscription.triggers = found->second;
    subscription.baseline_on = Date::FromDays(static_cast<int32_t>(IntAt(row, 4)));
    subscription.purpose = TextAt(row, 5);
    subscription.consent_reference = TextAt(row, 6);
    CREDO_ASSIGN_OR_RETURN(bool allowed, gate.Allows(subscription));
    if (!allowed) continue;  // no consent (any more): no alert, the baseline stays
    subscriptions.push_back(std::move(subscription));
  }
  std::sort(subscriptions.begin(), subscriptions.end(),
            [](const SubscriptionRow& a, const SubscriptionRow& b) {
              return std::tie(a.subject_id, a.id) < std::tie(b.subject_id, b.id);
            });
  return subscriptions;
}

//! Credit files of one subject by as-of date. The first (latest) date is read with
//! features::LoadCreditFile; an earlier date is derived from it, re-reading only the tradelines'
//! as-reported months as known on that date and cutting the rest to it (features::CutToKnownOn),
//! which is what LoadCreditFile would return, for a third of the reads.
class FileCache {
 public:
  FileCache(Transaction& transaction, SubjectId subject_id)
      : transaction_(transaction), subject_id_(subject_id) {}

  Result<const features::CreditFile*> Get(Date as_of) {
    auto found = files_.find(as_of);
    if (found != files_.end()) return &found->second;
    if (files_.empty() || files_.rbegin()->first < as_of) {
      CREDO_ASSIGN_OR_RETURN(auto file, features::LoadCreditFile(transaction_, subject_id_, as_of));
      return &files_.emplace(as_of, std::move(file)).first->second;
    }
    features::CreditFile file = files_.rbegin()->second;  // the latest: a superset
    file.as_of = as_of;
    for (features::TradelineAsOf& tradeline : file.tradelines) {
      CREDO_ASSIGN_OR_RETURN(tradeline.months,
                             transaction_.ListTradelineMonths(tradeline.row.id, as_of));
    }
    features::CutToKnownOn(file);
    return &files_.emplace(as_of, std::move(file)).first->second;
  }
  Result<const features::AttributeSet*> Attributes(Date as_of) {
    auto found = attributes_.find(as_of);
    if (found != attributes_.end()) return &found->second;
    CREDO_ASSIGN_OR_RETURN(const features::CreditFile* file, Get(as_of));
    return &attributes_.emplace(as_of, features::ComputeAttributes(*file)).first->second;
  }

 private:
  Transaction& transaction_;
  SubjectId subject_id_;
  std::map<Date, features::CreditFile> files_;
  std::map<Date, features::AttributeSet> attributes_;
};

Alert ToAlert(const SubscriptionRow& subscription, Finding finding, Date as_of, int64_t now) {
  Alert alert;
  alert.institution = subscription.institution;
  alert.subject_id = subscription.subject_id;
  alert.trigger = finding.trigger;
  alert.severity = finding.severity;
  alert.evidence_key = std::move(finding.evidence_key);
  alert.evidence = std::move(finding.evidence);
  alert.summary = std::move(finding.summary);
  alert.as_of = as_of;
  alert.created_at = now;
  return alert;
}

#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
//! Score drop or grade downgrade: the latest recorded score of the product, computed for a date
//! after `before_date` and not after `as_of`, against the one before it by the same model (a new
//! champion model re-scoring the book is no drop; see model::LatestScoreChange).
Status DetectScoreDrop(Transaction& transaction, const features::CreditFile& after,
                       const TriggerSpec& spec, Date before_date, Date as_of,
                       std::vector<Finding>& findings) {
  const std::string product =
      !spec.product.empty() ? spec.product
      : after.subject.kind == SubjectKind::kPerson ? std::string(model::kPersonScoreProduct)
                                                    : std::string(model::kCompanyRatingProduct);
  auto change = model::LatestScoreChange(transaction, after.subject.id, product);
  if (!change.ok()) {
    if (change.error().code == ErrorCode::kNotFound) return Ok();  // never scored
    return change.error();
  }
  if (!change->previous || change->latest.as_of <= before_date || change->latest.as_of > as_of) {
    return Ok();
  }
  const bool dropped = -change->points_change >= spec.points;
  if (!dropped && !change->grade_downgrade) return Ok();
  nlohmann::json evidence;
  evidence["product"] = product;
  evidence["model_id"] = change->latest.model_id;
  evidence["score_before"] = change->previous->score;
  evidence["score_after"] = change->latest.score;
  evidence["scored_before_as_of"] = change->previous->as_of.ToIso();
  evidence["scored_after_as_of"] = change->latest.as_of.ToIso();
  evidence["points_change"] = change->points_change;
  if (!change->latest.grade.empty()) {
    evidence["grade_before"] = change->previous->grade;
    evidence["grade_after"] = change->latest.grade;
  }
  Finding finding;
  finding.trigger = TriggerKind::kScoreDrop;
  finding.severity = change->grade_downgrade || -change->points_change >= 2 * spec.points
                         ? Severity::kHigh
                         : Severity::kMedium;
  finding.evidence_key = "product=" + product + ";as_of=" + change->latest.as_of.ToIso() +
                         ";score=" + std::to_string(change->latest.score);
  finding.evidence = evidence.dump();
  finding.summary = product + " " + std::to_string(change->previous->score) + " -> " +
                    std::to_string(change->latest.score) + " (" +
                    std::to_string(change->points_change) + " points)";
  if (change->grade_downgrade) {
    finding.summary += ", grade " + change->previous->grade + " -> " + change->latest.grade;
  }
  findings.push_back(std::move(finding));
  return Ok();
}
#endif

#ifdef CREDO_MONITOR_HAS_FRAUD
Severity FromFraudSeverity(fraud::Severity severity) {
  switch (severity) {
    case fraud::Severity::kLow: return Severity::kLow;
    case fraud::Severity::kMedium: return Severity::kMedium;
    case fraud::Severity::kHigh: return Severity::kHigh;
    case fraud::Severity::kCritical: return Severity::kCritical;
  }
  return Severity::kHigh;
}

//! Each fraud rule that fires for the subject (fraud::AssessSubject with the default rules)
//! raises once per rule.
Status DetectFraud(Transaction& transaction, SubjectId subject, int64_t now,
                   std::vector<Finding>& findings) {
  CREDO_ASSIGN_OR_RETURN(fraud::FraudAssessment assessment,
                         fraud::AssessSubject(transaction, subject, nullptr, now,
                                              fraud::DefaultFraudRules()));
  for (const fraud::FiredRule& rule : assessment.fired) {
    nlohmann::json evidence;
    evidence["rule"] = rule.id;
    evidence["description"] = rule.description;
    evidence["value"] = rule.value;
    evidence["threshold"] = rule.threshold;
    evidence["fraud_score"] = assessment.score;
    if (assessment.ring_id) evidence["ring_id"] = *assessment.ring_id;
    Finding finding;
    finding.trigger = TriggerKind::kFraud;
    finding.severity = FromFraudSeverity(rule.severity);
    finding.evidence_key = "rule=" + rule.id;
    finding.evidence = evidence.dump();
    finding.summary = "fraud rule " + rule.id + " fired: " + rule.description;
    findings.push_back(std::move(finding));
  }
  return Ok();
}
#endif

//! What the bureau knew before: the baseline, or the day before as_of when the baseline is not
//! earlier (another batch of the same date was evaluated already).
Date BeforeDate(const SubscriptionRow& subscription, Date as_of) {
  return std::min(subscription.baseline_on, as_of.AddDays(-1));
}

Status EvaluateSubscription(Transaction& transaction, const SubscriptionRow& subscription,
                            FileCache& cache, Date as_of, int64_t now,
                            std::vector<Finding>& findings) {
  (void)transaction;
  (void)now;
  const Date before_date = BeforeDate(subscription, as_of);
  CREDO_ASSIGN_OR_RETURN(const features::CreditFile* after, cache.Get(as_of));  // latest first
  CREDO_ASSIGN_OR_RETURN(const features::CreditFile* before, cache.Get(before_date));
  const auto& triggers = subscription.triggers;
  const bool charge_off = FindTrigger(triggers, TriggerKind::kChargeOff) != nullptr;
  for (const TriggerSpec& spec : triggers) {
    switch (spec.kind) {
      case TriggerKind::kDelinquency:
        internal::DetectDelinquency(*before, *after, spec, charge_off, findings);
        break;
      case TriggerKind::kChargeOff:
        internal::DetectChargeOff(*before, *after, findings);
        break;
      case TriggerKind::kPublicRecord:
        internal::DetectPublicRecords(*before, *after, findings);
        break;
      case TriggerKind::kInquiries:
        internal::DetectInquiries(*before, *after, spec, subscription.institution, findings);
        break;
      case TriggerKind::kUtilisation: {
        if (after->subject.kind != SubjectKind::kPerson) break;
        CREDO_ASSIGN_OR_RETURN(auto then, cache.Attributes(before_date));
        CREDO_ASSIGN_OR_RETURN(auto current, cache.Attributes(as_of));
        internal::DetectUtilisation(*then, *current, spec, findings);
        break;
      }
      case TriggerKind::kFinancial: {
        if (after->subject.kind != SubjectKind::kOrganization) break;
        CREDO_ASSIGN_OR_RETURN(auto then, cache.Attributes(before_date));
        CREDO_ASSIGN_OR_RETURN(auto current, cache.Attributes(as_of));
        internal::DetectFinancial(*after, *then, *current, spec, findings);
        break;
      }
      case TriggerKind::kScoreDrop:
#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
        CREDO_TRY(DetectScoreDrop(transaction, *after, spec, before_date, as_of, findings));
#endif
        break;
      case TriggerKind::kFraud:
#ifdef CREDO_MONITOR_HAS_FRAUD
        CREDO_TRY(DetectFraud(transaction, after->subject.id, now, findings));
#endif
        break;
      case TriggerKind::kRelatedParty:  // evaluated from the related subject's side
        break;
    }
  }
  return Ok();
}

//! How `subscribed` relates to the defaulting subject `other` through `link`.
std::string RoleOf(const internal::RelatedLink& link, SubjectId subscribed) {
  if (link.kind == "guarantee") {
    return link.from == subscribed ? "guaranteed_party" : "guarantor";
  }
  return link.from == subscribed ? "subsidiary" : "shareholder";
}

}  // namespace

Result<std::vector<SubjectId>> TouchedSubjectsOfBatch(Transaction& transaction, BatchId batch_id) {
  CREDO_TRY(transaction.GetBatch(batch_id));
  return internal::SubjectsOfBatch(transaction, batch_id);
}

Result<EvaluationSummary> EvaluateTouched(Store& store, const EvaluationRequest& request) {
  if (request.compliance == nullptr || request.compliance->profile == nullptr ||
      request.compliance->clock == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "EvaluationRequest.compliance is required (profile and clock): monitoring "
                     "runs only while the monitoring gate allows it "
                     "(compliance/monitoring_gate.h)");
  }
  const Clock& clock = request.clock != nullptr ? *request.clock : SystemClock();
  const int64_t now = clock.NowUnixSeconds();
  EvaluationSummary summary;
  std::vector<Alert> alerts;
  std::vector<int64_t> evaluated_ids;
#ifdef CREDO_MONITOR_HAS_SCORE_HISTORY
  CREDO_TRY(model::EnsureModelSchema(store));  // the score history may not exist yet
#endif

  CREDO_TRY(store.WithReadTransaction([&](Transaction& transaction) -> Status {
    summary.skipped_subscriptions = 0;
    MonitoringGate gate(transaction, *request.compliance, summary.skipped_subscriptions);
    std::set<SubjectId> touched;
    for (SubjectId id : request.subject_ids) {
      auto surviving = transaction.ResolveSubjectId(id);
      if (!surviving.ok()) {
        if (surviving.error().code == ErrorCode::kNotFound) {
          return MakeError(ErrorCode::kNotFound, "subject " + std::to_string(id) +
                                                     " does not exist; nothing was evaluated");
        }
        return surviving.error();
      }
      touched.insert(*surviving);
    }
    std::optional<Date> as_of = request.as_of;
    if (request.batch_id) {
      auto batch = transaction.GetBatch(*request.batch_id);
      if (!batch.ok()) {
        if (batch.error().code == ErrorCode::kNotFound) {
          return MakeError(ErrorCode::kNotFound, "there is no batch " +
                                                     std::to_string(*request.batch_id) +
                                                     "; see credo batches");
        }
        return batch.error();
      }
      CREDO_ASSIGN_OR_RETURN(auto subjects, internal::SubjectsOfBatch(transaction, *request.batch_id));
      touched.insert(subjects.begin(), subjects.end());
      if (!as_of) {
        CREDO_ASSIGN_OR_RETURN(as_of, internal::LatestDateOfBatch(transaction, *request.batch_id));
      }
    }
    if (request.all_subscribed) {
      CREDO_ASSIGN_OR_RETURN(
          auto rows, transaction.Query("SELECT DISTINCT subject_id FROM monitor_subscriptions"));
      for (const SqlRow& row : rows) touched.insert(IntAt(row, 0));
    }
    summary.as_of = as_of.value_or(clock.Today());
    summary.touched_subjects = static_cast<int64_t>(touched.size());
    const std::vector<SubjectId> touched_ids(touched.begin(), touched.end());
    CREDO_ASSIGN_OR_RETURN(auto subscriptions, SubscriptionsOf(transaction, touched_ids, gate));

    // The touched subjects' own subscriptions.
    std::vector<Finding> findings;
    for (size_t start = 0; start < subscriptions.size();) {
      size_t end = start;
      while (end < subscriptions.size() &&
             subscriptions[end].subject_id == subscriptions[start].subject_id) {
        ++end;
      }
      FileCache cache(transaction, subscriptions[start].subject_id);
      for (size_t i = start; i < end; ++i) {
        const SubscriptionRow& subscription = subscriptions[i];
        findings.clear();
        CREDO_TRY(EvaluateSubscription(transaction, subscription, cache, summary.as_of, now,
                                       findings));
        for (Finding& finding : findings) {
          alerts.push_back(ToAlert(subscription, std::move(finding), summary.as_of, now));
        }
        evaluated_ids.push_back(subscription.id);
        ++summary.evaluated_subscriptions;
      }
      start = end;
    }

    // Related parties: a touched subject that defaulted raises an alert on the subscriptions of
    // its guarantors, guaranteed parties and major shareholders / subsidiaries.
    CREDO_ASSIGN_OR_RETURN(
        auto any_related,
        transaction.Query("SELECT 1 FROM monitor_subscriptions WHERE triggers = '' OR triggers "
                          "LIKE '%related_party%' LIMIT 1"));
    if (any_related.empty()) return Ok();
    CREDO_ASSIGN_OR_RETURN(auto links, internal::RelatedLinks(transaction, touched_ids));
    std::set<SubjectId> other_ends;
    for (const auto& link : links) {
      if (touched.count(link.from) != 0) other_ends.insert(link.to);
      if (touched.count(link.to) != 0) other_ends.insert(link.from);
    }
    CREDO_ASSIGN_OR_RETURN(
        auto related_subscriptions,
        SubscriptionsOf(transaction, std::vector<SubjectId>(other_ends.begin(), other_ends.end()),
                        gate));
    std::map<SubjectId, std::vector<const SubscriptionRow*>> by_subject;
    for (const auto& subscription : related_subscriptions) {
      if (FindTrigger(subscription.triggers, TriggerKind::kRelatedParty) != nullptr) {
        by_subject[subscription.subject_id].push_back(&subscription);
      }
    }
    CREDO_ASSIGN_OR_RETURN(auto circles, internal::GuaranteeCirclesAround(transaction, touched_ids));
    std::set<std::pair<int64_t, SubjectId>> alerted;  // (subscription, related) raised directly
    std::map<SubjectId, std::unique_ptr<FileCache>> caches;
    for (const auto& link : links) {
      for (int side = 0; side < 2; ++side) {
        const SubjectId defaulting = side == 0 ? link.from : link.to;
        const SubjectId subscribed = side == 0 ? link.to : link.from;
        if (defaulting == subscribed || touched.count(defaulting) == 0) continue;
        auto found = by_subject.find(subscribed);
        if (found == by_subject.end()) continue;
        for (const SubscriptionRow* subscription : found->second) {
          const TriggerSpec* spec = FindTrigger(subscription->triggers, TriggerKind::kRelatedParty);
          if (link.kind == "shareholding" && link.percent + 1e-9 < spec->share) continue;
          auto& cache = caches[defaulting];
          if (!cache) cache = std::make_unique<FileCache>(transaction, defaulting);
          CREDO_ASSIGN_OR_RETURN(const features::CreditFile* after, cache->Get(summary.as_of));
          CREDO_ASSIGN_OR_RETURN(const features::CreditFile* before,
                                 cache->Get(BeforeDate(*subscription, summary.as_of)));
          auto event = internal::DetectDefault(*before, *after);
          if (!event) continue;
          const std::string role = RoleOf(link, subscribed);
          nlohmann::json evidence;
          evidence["related_subject_id"] = defaulting;
          evidence["relation"] = link.kind;
          evidence["related_role"] = role;
          if (link.kind == "shareholding") evidence["percent"] = link.percent;
          if (link.kind == "guarantee") {
            evidence["amount"] = link.amount;
            evidence["currency"] = link.currency;
          }
          evidence["event"] = event->description;
          auto circle = circles.find(subscribed);
          if (circle != circles.end() &&
              std::binary_search(circle->second.members.begin(), circle->second.members.end(),
                                 defaulting)) {
            evidence["circle_id"] = circle->second.circle_id;
          }
          Finding finding;
          finding.trigger = TriggerKind::kRelatedParty;
          finding.severity = Severity::kHigh;
          finding.evidence_key = "related=" + std::to_string(defaulting) + ";" + event->key;
          finding.evidence = evidence.dump();
          finding.summary = "related party " + std::to_string(defaulting) + " (" + role +
                            ", " + link.kind + ") defaulted: " + event->description;
          alerts.push_back(ToAlert(*subscription, std::move(finding), summary.as_of, now));
          alerted.insert({subscription->id, defaulting});
        }
      }
    }

    // Guarantee circles: a touched member that defaulted or got worse raises an alert on the
    // related-party subscriptions of every other member of its circle (the risk travels round
    // the chain of guarantees), naming the circle; pairs alerted above through a direct link
    // are not alerted twice.
    std::set<SubjectId> co_members;
    for (SubjectId member : touched) {
      auto circle = circles.find(member);
      if (circle == circles.end()) continue;
      co_members.insert(circle->second.members.begin(), circle->second.members.end());
    }
    if (co_members.empty()) return Ok();
    CREDO_ASSIGN_OR_RETURN(
        auto circle_subscriptions,
        SubscriptionsOf(transaction, std::vector<SubjectId>(co_members.begin(), co_members.end()),
                        gate));
    std::map<SubjectId, std::vector<const SubscriptionRow*>> circle_subscribers;
    for (const auto& subscription : circle_subscriptions) {
      if (FindTrigger(subscription.triggers, TriggerKind::kRelatedParty) != nullptr) {
        circle_subscribers[subscription.subject_id].push_back(&subscription);
      }
    }
    for (SubjectId defaulting : touched) {
      auto circle = circles.find(defaulting);
      if (circle == circles.end()) continue;
      for (SubjectId member : circle->second.members) {
        if (member == defaulting) continue;
        auto found = circle_subscribers.find(member);
        if (found == circle_subscribers.end()) continue;
        for (const SubscriptionRow* subscription : found->second) {
          if (alerted.count({subscription->id, defaulting}) != 0) continue;
          auto& cache = caches[defaulting];
          if (!cache) cache = std::make_unique<FileCache>(transaction, defaulting);
          CREDO_ASSIGN_OR_RETURN(const features::CreditFile* after, cache->Get(summary.as_of));
          CREDO_ASSIGN_OR_RETURN(const features::CreditFile* before,
                                 cache->Get(BeforeDate(*subscription, summary.as_of)));
          auto event = internal::DetectDefaultOrWorsening(*before, *after);
          if (!event) continue;
          alerts.push_back(ToAlert(*subscription,
                                   internal::CircleFinding(circle->second, defaulting, *event),
                                   summary.as_of, now));
        }
      }
    }
    return Ok();
  }));

  CREDO_TRY(store.WithTransaction([&](Transaction& transaction) -> Status {
    summary.alerts_raised = 0;
    summary.alerts_existing = 0;
    summary.by_trigger.clear();
    summary.new_alert_ids.clear();
    for (const Alert& alert : alerts) {
      CREDO_ASSIGN_OR_RETURN(RaiseOutcome outcome, RaiseAlert(transaction, alert));
      if (outcome.created) {
        ++summary.alerts_raised;
        ++summary.by_trigger[std::string(TriggerName(alert.trigger))];
        summary.new_alert_ids.push_back(outcome.alert_id);
      } else {
        ++summary.alerts_existing;
      }
    }
    const int64_t as_of_days = summary.as_of.days_since_epoch();
    for (int64_t id : evaluated_ids) {
      std::vector<SqlValue> params = {Int(as_of_days), Int(now), Int(id), Int(as_of_days)};
      CREDO_TRY(transaction.Execute(
          "UPDATE monitor_subscriptions SET baseline_on = ?, updated_at = ? WHERE id = ? AND "
          "baseline_on < ?",
          params));
    }
    AuditEntry entry;
    entry.action = "monitor.evaluate";
    entry.entity = "monitor_alerts";
    entry.detail = "as_of=" + summary.as_of.ToIso() +
                   (request.batch_id ? " batch=" + std::to_string(*request.batch_id) : "") +
                   " touched=" + std::to_string(summary.touched_subjects) +
                   " evaluated=" + std::to_string(summary.evaluated_subscriptions) +
                   " skipped_by_gate=" + std::to_string(summary.skipped_subscriptions) +
                   " alerts=" + std::to_string(summary.alerts_raised);
    CREDO_TRY(transaction.AppendAudit(std::move(entry)));
    return Ok();
  }));
  return summary;
}

}  // namespace credo::monitor
