// Velocity counters: a few indexed range queries over fraud_points, folded per window in memory.
#include "fraud/velocity.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace credo::fraud {

namespace {

constexpr int64_t kMonthSeconds = 30 * 24 * 3600;

// Latest time each distinct key was seen; the windows are then counted from the latest time.
class DistinctLatest {
 public:
  void See(const std::string& key, int64_t at) {
    auto [it, inserted] = latest_.try_emplace(key, at);
    if (!inserted) it->second = std::max(it->second, at);
  }
  WindowCounts Count(int64_t now) const {
    WindowCounts counts;
    for (const auto& [key, at] : latest_) {
      for (VelocityWindow window : kVelocityWindows) {
        if (at > now - VelocityWindowSeconds(window)) ++counts.counts[static_cast<size_t>(window)];
      }
    }
    return counts;
  }

 private:
  std::unordered_map<std::string, int64_t> latest_;
};

std::string SubjectKey(int64_t subject) { return std::to_string(subject); }

// Distinct applicants holding one point, within 30 days of now.
Result<WindowCounts> ApplicantsPerPoint(Transaction& transaction, PointKind kind,
                                        const std::string& normalised, SubjectId subject,
                                        bool count_event, int64_t now) {
  DistinctLatest applicants;
  const SqlValue params[] = {
      SqlValue::Text(std::string(PointKindName(kind))),
      SqlValue::Blob(transaction.BlindIndex(PointNamespace(kind), normalised)),
      SqlValue::Int(now - kMonthSeconds), SqlValue::Int(now)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      transaction.Query("SELECT subject_id, MAX(occurred_at) FROM fraud_points WHERE kind = ? AND "
                        "blind_index = ? AND occurred_at > ? AND occurred_at <= ? "
                        "GROUP BY subject_id",
                        params));
  for (const SqlRow& row : rows) applicants.See(SubjectKey(row[0].int_value), row[1].int_value);
  if (count_event) applicants.See(SubjectKey(subject), now);
  return applicants.Count(now);
}

}  // namespace

std::string_view VelocityWindowName(VelocityWindow window) {
  switch (window) {
    case VelocityWindow::kHour: return "1h";
    case VelocityWindow::kDay: return "1d";
    case VelocityWindow::kWeek: return "7d";
    case VelocityWindow::kMonth: return "30d";
  }
  return "?";
}

int64_t VelocityWindowSeconds(VelocityWindow window) {
  switch (window) {
    case VelocityWindow::kHour: return 3600;
    case VelocityWindow::kDay: return 24 * 3600;
    case VelocityWindow::kWeek: return 7 * 24 * 3600;
    case VelocityWindow::kMonth: return kMonthSeconds;
  }
  return 0;
}

Result<VelocityCounts> MeasureVelocity(Transaction& transaction, SubjectId subject_id,
                                       const ApplicationEvent* event, int64_t now) {
  CREDO_ASSIGN_OR_RETURN(bool installed, FraudSchemaInstalled(transaction));
  CREDO_ASSIGN_OR_RETURN(SubjectId subject, transaction.ResolveSubjectId(subject_id));
  VelocityCounts counts;
  // An event not recorded yet is one more application, made now.
  const bool count_event = event != nullptr && event->id == 0;

  if (event != nullptr) {
    struct Target {
      PointKind kind;
      const std::string* value;
      WindowCounts* counts;
    };
    const Target targets[] = {
        {PointKind::kPhone, &event->phone, &counts.applicants_per_phone},
        {PointKind::kEmail, &event->email, &counts.applicants_per_email},
        {PointKind::kAddress, &event->address, &counts.applicants_per_address},
        {PointKind::kDevice, &event->device_id, &counts.applicants_per_device},
        {PointKind::kIp, &event->ip, &counts.applicants_per_ip},
    };
    for (const Target& target : targets) {
      if (target.value->empty()) continue;
      if (!installed) {  // no stored applications: only the event itself
        if (count_event) target.counts->counts = {1, 1, 1, 1};
        continue;
      }
      CREDO_ASSIGN_OR_RETURN(*target.counts,
                             ApplicantsPerPoint(transaction, target.kind, *target.value, subject,
                                                count_event, now));
    }
  }

  // The subject's own applications: phones, addresses, institutions, count.
  DistinctLatest phones;
  DistinctLatest addresses;
  DistinctLatest institutions;
  DistinctLatest applications;
  if (installed) {
    const SqlValue params[] = {SqlValue::Int(subject), SqlValue::Int(now - kMonthSeconds),
                               SqlValue::Int(now)};
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        transaction.Query("SELECT kind, blind_index, occurred_at, application_id FROM fraud_points "
                          "WHERE subject_id = ? AND occurred_at > ? AND occurred_at <= ? AND "
                          "kind IN ('phone', 'address', 'institution')",
                          params));
    for (const SqlRow& row : rows) {
      const std::string& kind = row[0].bytes;
      const int64_t at = row[2].int_value;
      if (kind == "phone") {
        phones.See(row[1].bytes, at);
      } else if (kind == "address") {
        addresses.See(row[1].bytes, at);
      } else {
        institutions.See(row[1].bytes, at);
        applications.See(std::to_string(row[3].int_value), at);
      }
    }
  }
  if (count_event) {
    auto index = [&](PointKind kind, const std::string& value) {
      return transaction.BlindIndex(PointNamespace(kind), value);
    };
    if (!event->phone.empty()) phones.See(index(PointKind::kPhone, event->phone), now);
    if (!event->address.empty()) addresses.See(index(PointKind::kAddress, event->address), now);
    institutions.See(index(PointKind::kInstitution, event->institution), now);
    applications.See("event", now);
  }
  counts.phones_per_subject = phones.Count(now);
  counts.addresses_per_subject = addresses.Count(now);
  counts.institutions_per_subject = institutions.Count(now);
  counts.applications_per_subject = applications.Count(now);

  // Contact points given with the claimed identifier, by any subject.
  if (event != nullptr && event->identifier) {
    DistinctLatest identifier_phones;
    DistinctLatest identifier_addresses;
    const std::string claimed =
        std::string(IdentifierKindName(event->identifier->kind)) + ":" +
        NormalizeIdentifierForIndex(event->identifier->kind, event->identifier->value);
    if (installed) {
      const SqlValue params[] = {
          SqlValue::Blob(transaction.BlindIndex(PointNamespace(PointKind::kIdentifier), claimed)),
          SqlValue::Int(now - kMonthSeconds), SqlValue::Int(now)};
      CREDO_ASSIGN_OR_RETURN(
          std::vector<SqlRow> rows,
          transaction.Query(
              "SELECT other.kind, other.blind_index, other.occurred_at FROM fraud_points claimed "
              "JOIN fraud_points other ON other.application_id = claimed.application_id "
              "WHERE claimed.kind = 'identifier' AND claimed.blind_index = ? AND "
              "claimed.occurred_at > ? AND claimed.occurred_at <= ? AND "
              "other.kind IN ('phone', 'address')",
              params));
      for (const SqlRow& row : rows) {
        (row[0].bytes == "phone" ? identifier_phones : identifier_addresses)
            .See(row[1].bytes, row[2].int_value);
      }
    }
    if (count_event) {
      if (!event->phone.empty()) {
        identifier_phones.See(
            transaction.BlindIndex(PointNamespace(PointKind::kPhone), event->phone), now);
      }
      if (!event->address.empty()) {
        identifier_addresses.See(
            transaction.BlindIndex(PointNamespace(PointKind::kAddress), event->address), now);
      }
    }
    counts.phones_per_identifier = identifier_phones.Count(now);
    counts.addresses_per_identifier = identifier_addresses.Count(now);
  }
  return counts;
}

}  // namespace credo::fraud
