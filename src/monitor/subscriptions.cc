#include "monitor/subscriptions.h"

#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "compliance/refusal.h"
#include "core/error.h"
#include "core/identifier.h"
#include "monitor/internal/sql.h"

namespace credo::monitor {
namespace {

using internal::Int;
using internal::IntAt;
using internal::Text;
using internal::TextAt;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                           text.front() == '\xEF' || text.front() == '\xBB' ||
                           text.front() == '\xBF')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

Status CheckInstitution(std::string_view institution) {
  if (Trim(institution).empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the institution is empty; give the institution code that subscribes",
                     "--institution");
  }
  return Ok();
}

//! A subject the gate let through, with what it granted.
struct GatedSubject {
  SubjectId subject_id = 0;
  compliance::MonitoringGrant grant;
};

//! Writes the subscriptions of subjects the gate allowed (no validation beyond it).
Result<SubscribeSummary> WriteSubscriptions(Transaction& transaction,
                                            const SubscribeRequest& request,
                                            std::string_view institution,
                                            const std::vector<GatedSubject>& gated, int64_t now) {
  const std::string trigger_text = FormatTriggers(request.triggers);
  SubscribeSummary summary;
  for (const GatedSubject& subject : gated) {
    const SubjectId subject_id = subject.subject_id;
    const int64_t consent_id = subject.grant.consent_id;
    summary.subject_ids.push_back(subject_id);
    std::vector<SqlValue> key = {Text(institution), Int(subject_id)};
    CREDO_ASSIGN_OR_RETURN(auto rows,
                           transaction.Query("SELECT id, triggers, purpose, consent_reference, "
                                             "consent_id FROM monitor_subscriptions WHERE "
                                             "institution = ? AND subject_id = ?",
                                             key));
    int64_t id = 0;
    std::string action;
    if (rows.empty()) {
      std::vector<SqlValue> params = {Text(institution),
                                      Int(subject_id),
                                      Text(trigger_text),
                                      Int(request.baseline_on.days_since_epoch()),
                                      Int(now),
                                      Int(now),
                                      Text(request.purpose),
                                      Text(request.consent_reference),
                                      Int(consent_id)};
      CREDO_ASSIGN_OR_RETURN(
          auto inserted,
          transaction.Query("INSERT INTO monitor_subscriptions (institution, subject_id, triggers, "
                            "baseline_on, created_at, updated_at, purpose, consent_reference, "
                            "consent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            params));
      id = IntAt(inserted.at(0), 0);
      ++summary.added;
      action = "monitor.subscribe";
    } else {
      id = IntAt(rows[0], 0);
      if (TextAt(rows[0], 1) == trigger_text && TextAt(rows[0], 2) == request.purpose &&
          TextAt(rows[0], 3) == request.consent_reference && IntAt(rows[0], 4) == consent_id) {
        continue;
      }
      std::vector<SqlValue> params = {Text(trigger_text),    Int(now),
                                      Text(request.purpose), Text(request.consent_reference),
                                      Int(consent_id),       Int(id)};
      CREDO_TRY(transaction.Execute(
          "UPDATE monitor_subscriptions SET triggers = ?, updated_at = ?, purpose = ?, "
          "consent_reference = ?, consent_id = ? WHERE id = ?",
          params));
      ++summary.updated;
      action = "monitor.subscribe.update";
    }
    AuditEntry entry;
    entry.action = action;
    entry.entity = "monitor_subscriptions";
    entry.entity_id = id;
    entry.subject_id = subject_id;
    entry.detail = "institution=" + std::string(institution) + " triggers=" + trigger_text +
                   " baseline_on=" + request.baseline_on.ToIso() + " purpose=" + request.purpose +
                   " consent=" + std::to_string(consent_id);
    CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  }
  return summary;
}

//! One Error for the refusals of a request: the rule's own when one subject was asked for,
//! else the first rule's code with every refused subject named.
Error RefusalError(const std::vector<compliance::RuleBreak>& refused, size_t asked) {
  Error error = compliance::ToError(refused.front());
  if (refused.size() == 1 && asked == 1) return error;
  constexpr size_t kNamed = 20;
  std::string message = "monitoring refused for " + std::to_string(refused.size()) + " of " +
                        std::to_string(asked) + " subject(s); nothing was subscribed:";
  for (size_t i = 0; i < refused.size() && i < kNamed; ++i) {
    message += "\n  subject " + std::to_string(refused[i].subject_id) + ": " +
               compliance::ToError(refused[i]).message;
  }
  if (refused.size() > kNamed) {
    message += "\n  ... and " + std::to_string(refused.size() - kNamed) +
               " more (each is recorded as a refusal)";
  }
  error.message = std::move(message);
  return error;
}

using Resolver = std::function<Result<std::vector<SubjectId>>(Transaction&)>;

//! Resolves the subjects, passes each through the monitoring gate and writes the subscriptions,
//! in one transaction; on a refusal only the refusal records are committed.
Result<SubscribeSummary> SubscribeThroughGate(Store& store,
                                              const compliance::ComplianceContext& context,
                                              const SubscribeRequest& request,
                                              const Resolver& resolve) {
  const std::string institution(Trim(request.institution));
  SubscribeSummary summary;
  std::optional<Error> refusal;
  CREDO_TRY(store.WithTransaction([&](Transaction& transaction) -> Status {
    summary = SubscribeSummary();
    refusal.reset();
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> resolved, resolve(transaction));
    std::vector<GatedSubject> gated;
    std::vector<compliance::RuleBreak> refused;
    std::set<SubjectId> done;
    for (SubjectId subject_id : resolved) {
      if (!done.insert(subject_id).second) continue;
      compliance::MonitoringRequest asked;
      asked.subject_id = subject_id;
      asked.institution = institution;
      asked.staff_user = request.staff_user;
      asked.purpose = request.purpose;
      asked.consent_reference = request.consent_reference;
      CREDO_ASSIGN_OR_RETURN(compliance::MonitoringDecision decision,
                             compliance::DecideMonitoring(transaction, context, asked));
      if (decision.refusal) {
        refused.push_back(*decision.refusal);
      } else {
        gated.push_back({subject_id, decision.grant});
      }
    }
    if (!refused.empty()) {
      for (const compliance::RuleBreak& rule_break : refused) {
        CREDO_TRY(compliance::WriteRefusal(transaction, context, rule_break));
      }
      refusal = RefusalError(refused, done.size());
      return Ok();  // commit the refusal records, nothing else was written
    }
    CREDO_ASSIGN_OR_RETURN(
        summary, WriteSubscriptions(transaction, request, institution, gated, context.Now()));
    return Ok();
  }));
  if (refusal) return *refusal;
  return summary;
}

Status CheckRequest(const SubscribeRequest& request) {
  CREDO_TRY(CheckInstitution(request.institution));
  if (request.triggers.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no trigger given", "--triggers");
  }
  return Ok();
}

//! The subjects of a subscription file (see SubscribeFromText).
Result<std::vector<SubjectId>> ResolveFile(Transaction& transaction, std::string_view file_name,
                                           std::string_view text) {
  std::vector<SubjectId> resolved;
  std::vector<std::string> problems;
  int64_t line_number = 0;
  size_t start = 0;
  const std::string file(file_name);
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? text.npos
                                                                              : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto bad = [&](const std::string& reason) {
      problems.push_back(file + ":" + std::to_string(line_number) + ": " + reason);
    };
    size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      bad("expected 'kind,value' (e.g. cn_resident_id,110105194912310021 or subject_id,42)");
      continue;
    }
    std::string_view kind_text = Trim(line.substr(0, comma));
    std::string_view value = Trim(line.substr(comma + 1));
    if (line_number == 1 && kind_text == "kind" && value == "value") continue;  // header
    if (value.empty()) {
      bad("the value after '" + std::string(kind_text) + ",' is empty");
      continue;
    }
    if (kind_text == "subject_id") {
      int64_t id = 0;
      std::istringstream in{std::string(value)};
      if (!(in >> id) || !in.eof() || id <= 0) {
        bad("subject_id '" + std::string(value) + "' is not a positive whole number");
        continue;
      }
      auto surviving = transaction.ResolveSubjectId(id);
      if (!surviving.ok()) {
        if (surviving.error().code != ErrorCode::kNotFound) return surviving.error();
        bad("unknown subject: no subject has id " + std::to_string(id));
        continue;
      }
      resolved.push_back(*surviving);
      continue;
    }
    auto kind = ParseIdentifierKind(kind_text);
    if (!kind.ok()) {
      bad("unknown identifier kind '" + std::string(kind_text) +
          "' (use cn_resident_id, cn_uscc, us_ssn, us_ein, phone, email, other or subject_id)");
      continue;
    }
    auto identifier = MakeIdentifier(*kind, value);
    if (!identifier.ok()) {
      bad("invalid " + std::string(kind_text) + " " + MaskIdentifier(value) + ": " +
          identifier.error().message);
      continue;
    }
    CREDO_ASSIGN_OR_RETURN(auto subjects, transaction.FindSubjectsByIdentifier(*identifier));
    if (subjects.empty()) {
      bad("unknown subject: no subject holds " + std::string(kind_text) + " " +
          MaskIdentifier(identifier->value));
      continue;
    }
    if (subjects.size() > 1) {
      bad("ambiguous: " + std::to_string(subjects.size()) + " subjects hold " +
          std::string(kind_text) + " " + MaskIdentifier(identifier->value) +
          "; subscribe them by subject_id");
      continue;
    }
    resolved.push_back(subjects[0]);
  }
  if (!problems.empty()) {
    std::string message = "the subscription file was refused whole (nothing subscribed): " +
                          std::to_string(problems.size()) + " bad line(s); fix them and retry:";
    for (const std::string& problem : problems) message += "\n  " + problem;
    return MakeError(ErrorCode::kInvalidArgument, message, file);
  }
  if (resolved.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "the subscription file names no subject", file);
  }
  return resolved;
}

}  // namespace

Result<SubscribeSummary> Subscribe(Store& store, const compliance::ComplianceContext& context,
                                   const SubscribeRequest& request,
                                   const std::vector<SubjectId>& subject_ids) {
  CREDO_TRY(CheckRequest(request));
  if (subject_ids.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no subject given; use --subject or --file");
  }
  return SubscribeThroughGate(
      store, context, request, [&](Transaction& transaction) -> Result<std::vector<SubjectId>> {
        std::vector<SubjectId> resolved;
        resolved.reserve(subject_ids.size());
        for (SubjectId id : subject_ids) {
          auto surviving = transaction.ResolveSubjectId(id);
          if (!surviving.ok()) {
            if (surviving.error().code == ErrorCode::kNotFound) {
              return MakeError(
                  ErrorCode::kNotFound,
                  "subject " + std::to_string(id) + " does not exist; nothing was subscribed",
                  "--subject");
            }
            return surviving.error();
          }
          resolved.push_back(*surviving);
        }
        return resolved;
      });
}

Result<SubscribeSummary> SubscribeFromText(Store& store,
                                           const compliance::ComplianceContext& context,
                                           const SubscribeRequest& request,
                                           std::string_view file_name, std::string_view text) {
  CREDO_TRY(CheckRequest(request));
  return SubscribeThroughGate(store, context, request,
                              [&](Transaction& transaction) -> Result<std::vector<SubjectId>> {
                                return ResolveFile(transaction, file_name, text);
                              });
}

Result<std::vector<Subscription>> ListSubscriptions(Transaction& transaction,
                                                    std::string_view institution) {
  std::vector<SqlValue> params = {Text(institution)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query("SELECT id, institution, subject_id, triggers, baseline_on, "
                                   "created_at, purpose, consent_reference, consent_id FROM "
                                   "monitor_subscriptions WHERE institution = ? "
                                   "ORDER BY subject_id",
                                   params));
  std::vector<Subscription> subscriptions;
  subscriptions.reserve(rows.size());
  for (const SqlRow& row : rows) {
    Subscription subscription;
    subscription.id = IntAt(row, 0);
    subscription.institution = TextAt(row, 1);
    subscription.subject_id = IntAt(row, 2);
    CREDO_ASSIGN_OR_RETURN(subscription.triggers, ParseTriggers(TextAt(row, 3)));
    subscription.baseline_on = Date::FromDays(static_cast<int32_t>(IntAt(row, 4)));
    subscription.created_at = IntAt(row, 5);
    subscription.purpose = TextAt(row, 6);
    subscription.consent_reference = TextAt(row, 7);
    subscription.consent_id = IntAt(row, 8);
    subscriptions.push_back(std::move(subscription));
  }
  return subscriptions;
}

Status Unsubscribe(Transaction& transaction, std::string_view institution, SubjectId subject_id) {
  std::vector<SqlValue> params = {Text(institution), Int(subject_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query("DELETE FROM monitor_subscriptions WHERE institution = ? AND "
                                   "subject_id = ? RETURNING id",
                                   params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound, "institution " + std::string(institution) +
                                               " has no subscription for subject " +
                                               std::to_string(subject_id));
  }
  AuditEntry entry;
  entry.action = "monitor.unsubscribe";
  entry.entity = "monitor_subscriptions";
  entry.entity_id = IntAt(rows[0], 0);
  entry.subject_id = subject_id;
  entry.detail = "institution=" + std::string(institution);
  CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  return Ok();
}

}  // namespace credo::monitor
