#include "ingest/batch/dq.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace credo::ingest {
namespace {

std::string Percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f%%", fraction * 100.0);
  return buffer;
}

}  // namespace

void DqReport::Count(const CanonicalRecord& record, const ValidatedRecord& validated) {
  ++records;
  switch (validated.outcome) {
    case RecordOutcome::kAccepted: ++accepted; break;
    case RecordOutcome::kAcceptedWithWarnings: ++accepted_with_warnings; break;
    case RecordOutcome::kRejected: ++rejected; break;
  }
  if (validated.outcome != RecordOutcome::kRejected && validated.delinquent) ++delinquent;
  for (const Finding& finding : validated.findings) ++by_rule[finding.rule];
  for (const AssociatedConsumerOut& consumer : validated.associated) {
    if (!consumer.usable()) ++associated_rejected;
  }
  for (size_t i = 0; i < kRecordFieldCount; ++i) {
    if (record.present[i]) ++field_present[std::string(RecordFieldName(static_cast<RecordField>(i)))];
  }
}

void DqReport::CompareWith(const DqReport& previous, const DriftThresholds& thresholds) {
  DqDrift d;
  d.previous_batch_id = previous.batch_id;
  d.previous_records = previous.records;
  d.previous_delinquent_share = previous.delinquent_share();
  d.record_count_change = previous.records == 0
                              ? 0.0
                              : static_cast<double>(records) / previous.records - 1.0;
  d.delinquent_share_change = delinquent_share() - d.previous_delinquent_share;
  if (previous.records > 0 && std::fabs(d.record_count_change) > thresholds.record_count_change) {
    warnings.push_back("record count changed by " + Percent(d.record_count_change) + " (" +
                       std::to_string(previous.records) + " -> " + std::to_string(records) +
                       ") since batch " + std::to_string(previous.batch_id) +
                       "; check the file is complete");
  }
  if (std::fabs(d.delinquent_share_change) > thresholds.delinquent_share_points) {
    warnings.push_back("share of delinquent statuses moved from " +
                       Percent(d.previous_delinquent_share) + " to " +
                       Percent(delinquent_share()) + " since batch " +
                       std::to_string(previous.batch_id) + "; check the status mapping");
  }
  drift = d;
}

std::string DqReport::ToJson() const {
  nlohmann::json j;
  j["batch_id"] = batch_id;
  j["source"] = source;
  j["feed"] = feed;
  j["records"] = records;
  j["accepted"] = accepted;
  j["accepted_with_warnings"] = accepted_with_warnings;
  j["rejected"] = rejected;
  j["delinquent"] = delinquent;
  j["duplicates"] = duplicates;
  j["associated_written"] = associated_written;
  j["associated_removed"] = associated_removed;
  j["associated_rejected"] = associated_rejected;
  j["by_rule"] = by_rule;
  j["field_present"] = field_present;
  if (drift) {
    j["drift"] = {{"previous_batch_id", drift->previous_batch_id},
                  {"previous_records", drift->previous_records},
                  {"previous_delinquent_share", drift->previous_delinquent_share},
                  {"record_count_change", drift->record_count_change},
                  {"delinquent_share_change", drift->delinquent_share_change}};
  }
  j["warnings"] = warnings;
  return j.dump();
}

Result<DqReport> DqReport::FromJson(std::string_view json) {
  try {
    nlohmann::json j = nlohmann::json::parse(json);
    DqReport report;
    report.batch_id = j.at("batch_id").get<int64_t>();
    report.source = j.at("source").get<std::string>();
    report.feed = j.value("feed", std::string());
    report.records = j.at("records").get<int64_t>();
    report.accepted = j.at("accepted").get<int64_t>();
    report.accepted_with_warnings = j.at("accepted_with_warnings").get<int64_t>();
    report.rejected = j.at("rejected").get<int64_t>();
    report.delinquent = j.value("delinquent", int64_t{0});
    report.duplicates = j.value("duplicates", int64_t{0});  // absent in reports before it
    report.associated_written = j.value("associated_written", int64_t{0});  // likewise
    report.associated_removed = j.value("associated_removed", int64_t{0});
    report.associated_rejected = j.value("associated_rejected", int64_t{0});
    report.by_rule = j.at("by_rule").get<std::map<std::string, int64_t>>();
    report.field_present = j.at("field_present").get<std::map<std::string, int64_t>>();
    if (j.contains("drift")) {
      const auto& d = j["drift"];
      DqDrift drift;
      drift.previous_batch_id = d.at("previous_batch_id").get<int64_t>();
      drift.previous_records = d.at("previous_records").get<int64_t>();
      drift.previous_delinquent_share = d.at("previous_delinquent_share").get<double>();
      drift.record_count_change = d.at("record_count_change").get<double>();
      drift.delinquent_share_change = d.at("delinquent_share_change").get<double>();
      report.drift = drift;
    }
    report.warnings = j.at("warnings").get<std::vector<std::string>>();
    return report;
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorCode::kDataLoss,
                     std::string("stored data-quality report is not readable: ") + e.what());
  }
}

std::string DqReport::ToText() const {
  std::string text;
  text += "batch " + std::to_string(batch_id) + " (" + source + ", " + feed + ")\n";
  text += "records: " + std::to_string(records) + "  accepted: " + std::to_string(accepted) +
          "  with warnings: " + std::to_string(accepted_with_warnings) +
          "  rejected: " + std::to_string(rejected) + "\n";
  if (duplicates > 0) {
    text += "already in the bureau (not written again): " + std::to_string(duplicates) + "\n";
  }
  if (associated_written > 0 || associated_removed > 0 || associated_rejected > 0) {
    text += "associated consumers (J1/J2): copies written " + std::to_string(associated_written) +
            "  removed " + std::to_string(associated_removed) + "  quarantined " +
            std::to_string(associated_rejected) + "\n";
  }
  text += "delinquent share: " + Percent(delinquent_share()) + "\n";
  if (!by_rule.empty()) {
    text += "findings by rule:\n";
    for (const auto& [rule, count] : by_rule) {
      text += "  " + rule + ": " + std::to_string(count) + "\n";
    }
  }
  if (records > 0 && !field_present.empty()) {
    text += "field completeness:\n";
    for (const auto& [field, count] : field_present) {
      text += "  " + field + ": " + Percent(static_cast<double>(count) / records) + "\n";
    }
  }
  if (drift) {
    text += "drift since batch " + std::to_string(drift->previous_batch_id) +
            ": records " + std::to_string(drift->previous_records) + " -> " +
            std::to_string(records) + " (" + Percent(drift->record_count_change) +
            "), delinquent share " + Percent(drift->previous_delinquent_share) + " -> " +
            Percent(delinquent_share()) + "\n";
  } else {
    text += "drift: no earlier batch from this source\n";
  }
  for (const std::string& warning : warnings) text += "warning: " + warning + "\n";
  return text;
}

}  // namespace credo::ingest
