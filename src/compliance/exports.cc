#include "compliance/exports.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "compliance/credit_file_view.h"
#include "compliance/refusal.h"

namespace credo::compliance {

using json = nlohmann::ordered_json;

namespace {

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

// A keyed pseudonym: HMAC-SHA256 under the bureau's key; 128 bits in hex.
std::string Pseudonym(Transaction& tx, std::string_view kind, std::string_view value) {
  std::string normalised = std::string(kind) + ":" + std::string(value);
  return Hex(tx.BlindIndex("compliance.pseudonym", normalised)).substr(0, 32);
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::optional<int> AgeOn(const Subject& subject, Date today) {
  if (subject.kind != SubjectKind::kPerson || !subject.person.birth_date) return std::nullopt;
  Date birth = *subject.person.birth_date;
  int age = today.year() - birth.year();
  if (today.month() < birth.month() || (today.month() == birth.month() && today.day() < birth.day())) {
    --age;
  }
  return age;
}

std::string RegionOf(const Subject& subject) {
  const auto& addresses = subject.kind == SubjectKind::kPerson ? subject.person.addresses
                                                               : subject.organization.addresses;
  for (const auto& a : addresses) {
    if (!a.postcode.empty()) return a.postcode;
  }
  for (const auto& a : addresses) {
    if (!a.region.empty()) return a.region;
  }
  return {};
}

RuleBreak RoleRefusal(const std::string& operation, const std::string& role) {
  RuleBreak r;
  r.code = ErrorCode::kPermissionDenied;
  r.operation = operation;
  r.rule = "export.operator_role_required";
  r.legal_basis = "PIPL Art. 51, 73; 征信业管理条例 第22条";
  r.message = "exports of personal data need the operator role (given: \"" + role + "\")";
  return r;
}

int64_t WorstSeverity(const CreditFileView& view) {
  int worst = 0;
  for (const auto& t : view.tradelines) {
    for (auto s : t.row.tradeline.history.months) worst = std::max(worst, PaymentStatusSeverity(s));
  }
  return worst;
}

int64_t NegativeMonths(const CreditFileView& view) {
  int64_t count = 0;
  for (const auto& t : view.tradelines) {
    for (auto s : t.row.tradeline.history.months) count += PaymentStatusSeverity(s) > 0 ? 1 : 0;
  }
  return count;
}

}  // namespace

std::string GeneraliseAge(const std::optional<int>& age, int level) {
  if (!age || level >= kMaxGeneralisationLevel) return "*";
  static const int widths[] = {1, 5, 10, 20};
  int width = widths[level];
  if (width == 1) return std::to_string(*age);
  int low = (*age / width) * width;
  return std::to_string(low) + "-" + std::to_string(low + width - 1);
}

std::string GeneraliseRegion(const std::string& region, int level) {
  if (region.empty() || level >= kMaxGeneralisationLevel) return "*";
  // Level 0 keeps it whole; then keep 4, 2, 1 leading characters (postcode / region-code prefixes).
  static const size_t keep[] = {std::string::npos, 4, 2, 1};
  size_t n = keep[level];
  if (n == std::string::npos || region.size() <= n) return region;
  return region.substr(0, n) + std::string(region.size() - n, '*');
}

std::string GeneraliseAmount(const std::optional<int64_t>& amount, int level) {
  if (!amount || level >= kMaxGeneralisationLevel) return "*";
  static const int64_t widths[] = {100, 1000, 10000, 100000};
  int64_t width = widths[level];
  int64_t value = std::max<int64_t>(0, *amount);
  int64_t low = (value / width) * width;
  return std::to_string(low) + "-" + std::to_string(low + width - 1);
}

int64_t SmallestEquivalenceClass(const std::vector<std::vector<std::string>>& rows,
                                 size_t quasi_columns) {
  std::map<std::vector<std::string>, int64_t> classes;
  for (const auto& row : rows) {
    classes[std::vector<std::string>(row.begin(), row.begin() + quasi_columns)]++;
  }
  int64_t smallest = 0;
  for (const auto& [key, count] : classes) {
    if (smallest == 0 || count < smallest) smallest = count;
  }
  return smallest;
}

Result<AnonymisedTable> Anonymise(const std::vector<QuasiIdentifiers>& records,
                                  const std::vector<std::vector<std::string>>& payload, int k,
                                  double max_suppression) {
  if (k < 2) {
    return MakeError(ErrorCode::kInvalidArgument, "k must be at least 2 (got " + std::to_string(k) + ")");
  }
  if (payload.size() != records.size()) {
    return MakeError(ErrorCode::kInternal, "payload and records differ in length");
  }
  int levels[3] = {0, 0, 0};
  const int64_t allowed = static_cast<int64_t>(max_suppression * static_cast<double>(records.size()));
  auto key_of = [&](const QuasiIdentifiers& q) {
    return std::vector<std::string>{GeneraliseAge(q.age, levels[0]), GeneraliseRegion(q.region, levels[1]),
                                    GeneraliseAmount(q.amount, levels[2])};
  };
  std::map<std::vector<std::string>, int64_t> classes;
  while (true) {
    classes.clear();
    for (const auto& q : records) classes[key_of(q)]++;
    int64_t small = 0;
    for (const auto& [key, count] : classes) small += count < k ? count : 0;
    if (small <= allowed) break;
    // Generalise the attribute with the most distinct values that can still be generalised.
    int best = -1;
    size_t best_distinct = 0;
    for (int attribute = 0; attribute < 3; ++attribute) {
      if (levels[attribute] >= kMaxGeneralisationLevel) continue;
      std::set<std::string> distinct;
      for (const auto& [key, count] : classes) distinct.insert(key[attribute]);
      if (best == -1 || distinct.size() > best_distinct) {
        best = attribute;
        best_distinct = distinct.size();
      }
    }
    if (best == -1) break;  // fully generalised: what is still rare is suppressed below
    ++levels[best];
  }
  AnonymisedTable table;
  table.age_level = levels[0];
  table.region_level = levels[1];
  table.amount_level = levels[2];
  for (size_t i = 0; i < records.size(); ++i) {
    auto key = key_of(records[i]);
    if (classes[key] < k) {
      ++table.suppressed;
      continue;
    }
    std::vector<std::string> row = key;
    row.insert(row.end(), payload[i].begin(), payload[i].end());
    table.rows.push_back(std::move(row));
    table.source_index.push_back(i);
  }
  // Verify before anyone writes it.
  if (!table.rows.empty() && SmallestEquivalenceClass(table.rows, 3) < k) {
    return MakeError(ErrorCode::kInternal, "anonymisation failed its own k-anonymity check");
  }
  return table;
}

Result<ExportSummary> ExportDeidentified(Store& store, const ComplianceContext& context,
                                         const DeidentifiedExportOptions& options) {
  ExportSummary summary;
  summary.out_path = options.out_path;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    if (options.role != kOperatorRole) return refuse(RoleRefusal("export.deidentified", options.role));
    std::ofstream out(options.out_path, std::ios::binary | std::ios::trunc);
    if (!out) {
      return MakeError(ErrorCode::kUnavailable, "cannot write " + options.out_path);
    }
    ViewOptions view_options;
    view_options.viewer = ViewerKind::kAuditor;
    view_options.for_model_inputs = true;
    SubjectId after = 0;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(auto ids, tx.ListSubjectIds(after, 500));
      if (ids.empty()) break;
      for (SubjectId id : ids) {
        ++summary.subjects_read;
        CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
        CREDO_ASSIGN_OR_RETURN(CreditFileView view, LoadCreditFileView(tx, context, id, view_options));
        json j;
        j["subject"] = Pseudonym(tx, "subject", std::to_string(id));
        j["kind"] = subject.kind == SubjectKind::kPerson ? "person" : "organization";
        if (subject.kind == SubjectKind::kPerson && subject.person.birth_date) {
          j["birth_year"] = subject.person.birth_date->year();
        }
        j["region"] = RegionOf(subject);
        json tradelines = json::array();
        for (const auto& t : view.tradelines) {
          const Tradeline& tl = t.row.tradeline;
          tradelines.push_back({{"account", Pseudonym(tx, "account", tl.key.furnisher + "/" + tl.key.account_number)},
                                {"furnisher", tl.key.furnisher},
                                {"account_type", tl.metro2_account_type},
                                {"status", std::string(Metro2AccountStatusCode(tl.status))},
                                {"opened_on", tl.opened_on.ToIso()},
                                {"reported_on", tl.reported_on.ToIso()},
                                {"credit_limit", tl.credit_limit.minor_units},
                                {"balance", tl.balance.minor_units},
                                {"past_due", tl.past_due.minor_units},
                                {"payment_history", tl.history.ToCodes()}});
        }
        j["tradelines"] = tradelines;
        json records = json::array();
        for (const auto& r : view.public_records) {
          records.push_back({{"kind", std::string(PublicRecordKindName(r.record.kind))},
                             {"filed_on", r.record.filed_on.ToIso()},
                             {"amount", r.record.amount.minor_units},
                             {"status", r.record.status}});
        }
        j["public_records"] = records;
        int64_t hard = 0;
        for (const auto& q : view.query_records) hard += q.kind == InquiryKind::kHard ? 1 : 0;
        j["hard_inquiries"] = hard;
        out << j.dump() << "\n";
        ++summary.records_written;
      }
      after = ids.back();
    }
    out.close();
    if (!out) return MakeError(ErrorCode::kUnavailable, "writing " + options.out_path + " failed");
    AuditEntry entry;
    entry.actor = context.actor;
    entry.action = "compliance.export.deidentified";
    entry.entity = "export";
    entry.detail = "records=" + std::to_string(summary.records_written) + " file=" + options.out_path;
    CREDO_TRY(tx.AppendAudit(std::move(entry)));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return summary;
}

Result<ExportSummary> ExportAnonymised(Store& store, const ComplianceContext& context,
                                       const AnonymisedExportOptions& options) {
  ExportSummary summary;
  summary.out_path = options.out_path;
  summary.k = options.k;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    if (options.role != kOperatorRole) return refuse(RoleRefusal("export.anonymised", options.role));
    if (options.k < 2 || options.max_suppression < 0 || options.max_suppression > 1) {
      RuleBreak r;
      r.code = ErrorCode::kInvalidArgument;
      r.operation = "export.anonymised";
      r.rule = "export.k_too_small";
      r.legal_basis = "PIPL Art. 73(4)";
      r.message = "k must be at least 2 and max_suppression in [0, 1] (k=" + std::to_string(options.k) + ")";
      return refuse(r);
    }
    ViewOptions view_options;
    view_options.viewer = ViewerKind::kAuditor;
    view_options.for_model_inputs = true;
    std::vector<QuasiIdentifiers> quasi;
    std::vector<std::vector<std::string>> payload;
    SubjectId after = 0;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(auto ids, tx.ListSubjectIds(after, 500));
      if (ids.empty()) break;
      for (SubjectId id : ids) {
        CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(id));
        if (subject.kind != SubjectKind::kPerson) continue;  // anonymisation is about persons
        ++summary.subjects_read;
        CREDO_ASSIGN_OR_RETURN(CreditFileView view, LoadCreditFileView(tx, context, id, view_options));
        QuasiIdentifiers q;
        q.age = AgeOn(subject, context.Today());
        q.region = RegionOf(subject);
        int64_t balance = 0;
        for (const auto& t : view.tradelines) balance += t.row.tradeline.balance.minor_units;
        q.amount = balance / 100;
        quasi.push_back(q);
        payload.push_back({std::to_string(view.tradelines.size()), std::to_string(WorstSeverity(view)),
                           std::to_string(NegativeMonths(view)),
                           std::to_string(view.public_records.size())});
      }
      after = ids.back();
    }
    CREDO_ASSIGN_OR_RETURN(AnonymisedTable table,
                           Anonymise(quasi, payload, options.k, options.max_suppression));
    summary.records_written = static_cast<int64_t>(table.rows.size());
    summary.records_suppressed = table.suppressed;
    summary.generalisation_levels = {{"age", table.age_level},
                                     {"region", table.region_level},
                                     {"amount", table.amount_level}};
    summary.smallest_class = SmallestEquivalenceClass(table.rows, 3);
    std::ofstream out(options.out_path, std::ios::binary | std::ios::trunc);
    if (!out) return MakeError(ErrorCode::kUnavailable, "cannot write " + options.out_path);
    out << "age_band,region,total_balance_band,tradelines,worst_status_severity,negative_months,"
           "public_records\n";
    for (const auto& row : table.rows) {
      for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvField(row[i]);
      out << "\n";
    }
    out.close();
    if (!out) return MakeError(ErrorCode::kUnavailable, "writing " + options.out_path + " failed");
    AuditEntry entry;
    entry.actor = context.actor;
    entry.action = "compliance.export.anonymised";
    entry.entity = "export";
    entry.detail = "k=" + std::to_string(options.k) + " records=" + std::to_string(summary.records_written) +
                   " suppressed=" + std::to_string(summary.records_suppressed) +
                   " levels(age,region,amount)=" + std::to_string(table.age_level) + "," +
                   std::to_string(table.region_level) + "," + std::to_string(table.amount_level) +
                   " file=" + options.out_path;
    CREDO_TRY(tx.AppendAudit(std::move(entry)));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return summary;
}

}  // namespace credo::compliance
