// Velocity counters: a few indexed range queries over fraud_points, folded per window in memory.
#include "fraud/velocity.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

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

// Surviving ids of the applicants in fraud_points rows: an application recorded under a subject
// merged since counts for the survivor (so the merged and the surviving record of one person
// are one applicant, not two).
class Survivors {
 public:
  explicit Survivors(Transaction& transaction) : transaction_(transaction) {}
  Result<SubjectId> Of(SubjectId id) {
    auto found = cache_.find(id);
    if (found != cache_.end()) return found->second;
    auto surviving = transaction_.ResolveSubjectId(id);
    // A subject deleted since (purge) stays itself: its applications still happened.
    SubjectId value = id;
    if (surviving.ok()) {
      value = *surviving;
    } else if (surviving.error().code != ErrorCode::kNotFound) {
      return surviving.error();
    }
    cache_.emplace(id, value);
    return value;
  }

 private:
  Transaction& transaction_;
  std::unordered_map<SubjectId, SubjectId> cache_;
};

// Distinct applicants holding one point, within 30 days of now.
Result<WindowCounts> ApplicantsPerPoint(Transaction& transaction, PointKind kind,
                                        const std::string& normalised, SubjectId subject,
                                        bool count_event, int64_t now, Survivors& survivors) {
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
  for (const SqlRow& row : rows) {
    CREDO_ASSIGN_OR_RETURN(SubjectId applicant, survivors.Of(row[0].int_value));
    applicants.See(SubjectKey(applicant), row[1].int_value);
  }
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
  Survivors survivors(transaction);
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
                                                count_event, now, survivors));
    }
  }

  // The subject's own applications: phones, addresses, institutions, count.
  DistinctLatest phones;
  DistinctLatest addresses;
  DistinctLatest institutions;
  DistinctLatest applications;
  if (installed) {
    // The survivor's applications and those recorded under subjects merged into it.
    CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids, transaction.ListMergedSubjectIds(subject));
    ids.insert(ids.begin(), subject);
    std::string placeholders;
    std::vector<SqlValue> params;
    for (SubjectId id : ids) {
      placeholders += placeholders.empty() ? "?" : ", ?";
      params.push_back(SqlValue::Int(id));
    }
    params.push_back(SqlValue::Int(now - kMonthSeconds));
    params.push_back(SqlValue::Int(now));
    CREDO_ASSIGN_OR_RETURN(
        std::vector<SqlRow> rows,
        transaction.Query("SELECT kind, blind_index, occurred_at, application_id FROM fraud_points "
                          "WHERE subject_id IN (" + placeholders + ") AND occurred_at > ? AND "
                          "occurred_at <= ? AND kind IN ('phone', 'address', 'institution')",
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
  // The bureau's own hard inquiries are applications for credit too: 多头借贷 counts the lenders
  // that pulled the subject's file (DOMAIN 6), whether or not each also posted a fraud check.
  // Inquiries move to the survivor on a merge, so the survivor's list has them all. An inquiry
  // is dated by its day (midnight UTC); soft inquiries (the subject's own, account reviews) and
  // future dates do not count.
  {
    constexpr int64_t kSecondsPerDay = 24 * 3600;
    CREDO_ASSIGN_OR_RETURN(std::vector<Inquiry> inquiries, transaction.ListInquiries(subject));
    for (const Inquiry& inquiry : inquiries) {
      if (inquiry.kind != InquiryKind::kHard) continue;
      const int64_t at = static_cast<int64_t>(inquiry.inquired_on.days_since_epoch()) * kSecondsPerDay;
      if (at <= now - kMonthSeconds || at > now) continue;
      const std::string name = NormalizeInstitution(inquiry.institution);
      if (name.empty()) continue;
      institutions.See(transaction.BlindIndex(PointNamespace(PointKind::kInstitution), name), at);
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
