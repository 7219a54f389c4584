#include "monitor/subscriptions.h"

#include <set>
#include <sstream>

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

//! Writes the subscriptions of resolved subject ids (no validation beyond existence).
Result<SubscribeSummary> WriteSubscriptions(Transaction& transaction, std::string_view institution,
                                            const std::vector<SubjectId>& resolved,
                                            const std::vector<TriggerSpec>& triggers,
                                            Date baseline_on, int64_t now) {
  const std::string trigger_text = FormatTriggers(triggers);
  SubscribeSummary summary;
  std::set<SubjectId> done;
  for (SubjectId subject_id : resolved) {
    if (!done.insert(subject_id).second) continue;
    summary.subject_ids.push_back(subject_id);
    std::vector<SqlValue> key = {Text(institution), Int(subject_id)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows, transaction.Query("SELECT id, triggers FROM monitor_subscriptions WHERE "
                                     "institution = ? AND subject_id = ?",
                                     key));
    int64_t id = 0;
    std::string action;
    if (rows.empty()) {
      std::vector<SqlValue> params = {Text(institution), Int(subject_id), Text(trigger_text),
                                      Int(baseline_on.days_since_epoch()), Int(now), Int(now)};
      CREDO_ASSIGN_OR_RETURN(
          auto inserted,
          transaction.Query("INSERT INTO monitor_subscriptions (institution, subject_id, triggers, "
                            "baseline_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                            "RETURNING id",
                            params));
      id = IntAt(inserted.at(0), 0);
      ++summary.added;
      action = "monitor.subscribe";
    } else {
      id = IntAt(rows[0], 0);
      if (TextAt(rows[0], 1) == trigger_text) continue;
      std::vector<SqlValue> params = {Text(trigger_text), Int(now), Int(id)};
      CREDO_TRY(transaction.Execute(
          "UPDATE monitor_subscriptions SET triggers = ?, updated_at = ? WHERE id = ?", params));
      ++summary.updated;
      action = "monitor.subscribe.update";
    }
    AuditEntry entry;
    entry.action = action;
    entry.entity = "monitor_subscriptions";
    entry.entity_id = id;
    entry.subject_id = subject_id;
    entry.detail = "institution=" + std::string(institution) + " triggers=" + trigger_text +
                   " baseline_on=" + baseline_on.ToIso();
    CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  }
  return summary;
}

}  // namespace

Result<SubscribeSummary> Subscribe(Transaction& transaction, std::string_view institution,
                                   const std::vector<SubjectId>& subject_ids,
                                   const std::vector<TriggerSpec>& triggers, Date baseline_on,
                                   int64_t now_unix_seconds) {
  CREDO_TRY(CheckInstitution(institution));
  if (triggers.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no trigger given", "--triggers");
  }
  if (subject_ids.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no subject given; use --subject or --file");
  }
  std::vector<SubjectId> resolved;
  resolved.reserve(subject_ids.size());
  for (SubjectId id : subject_ids) {
    auto surviving = transaction.ResolveSubjectId(id);
    if (!surviving.ok()) {
      if (surviving.error().code == ErrorCode::kNotFound) {
        return MakeError(ErrorCode::kNotFound,
                         "subject " + std::to_string(id) +
                             " does not exist; nothing was subscribed",
                         "--subject");
      }
      return surviving.error();
    }
    resolved.push_back(*surviving);
  }
  return WriteSubscriptions(transaction, Trim(institution), resolved, triggers, baseline_on,
                            now_unix_seconds);
}

Result<SubscribeSummary> SubscribeFromText(Transaction& transaction, std::string_view institution,
                                           std::string_view file_name, std::string_view text,
                                           const std::vector<TriggerSpec>& triggers,
                                           Date baseline_on, int64_t now_unix_seconds) {
  CREDO_TRY(CheckInstitution(institution));
  if (triggers.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "no trigger given", "--triggers");
  }
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
  return WriteSubscriptions(transaction, Trim(institution), resolved, triggers, baseline_on,
                            now_unix_seconds);
}

Result<std::vector<Subscription>> ListSubscriptions(Transaction& transaction,
                                                    std::string_view institution) {
  std::vector<SqlValue> params = {Text(institution)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, transaction.Query("SELECT id, institution, subject_id, triggers, baseline_on, "
                                   "created_at FROM monitor_subscriptions WHERE institution = ? "
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
