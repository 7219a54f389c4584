#include "ingest/batch/quarantine.h"

#include "ingest/batch/state.h"

namespace credo::ingest {
namespace {

std::string CsvField(std::string_view text) {
  bool quote = text.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<std::vector<QuarantineEntry>> ListQuarantineEntries(Store& store,
                                                           std::optional<BatchId> batch_id,
                                                           int64_t max_batches) {
  std::vector<QuarantineEntry> entries;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    if (batch_id) {
      CREDO_TRY(txn.GetBatch(*batch_id));
      CREDO_ASSIGN_OR_RETURN(entries, txn.ListQuarantine(*batch_id));
      return Ok();
    }
    CREDO_ASSIGN_OR_RETURN(auto batches, txn.ListBatches(max_batches));
    for (auto it = batches.rbegin(); it != batches.rend(); ++it) {
      CREDO_ASSIGN_OR_RETURN(auto some, txn.ListQuarantine(it->id));
      entries.insert(entries.end(), some.begin(), some.end());
    }
    return Ok();
  }));
  return entries;
}

Result<QuarantineEntry> FindQuarantineEntry(Store& store, int64_t id, int64_t max_batches) {
  CREDO_ASSIGN_OR_RETURN(auto entries, ListQuarantineEntries(store, std::nullopt, max_batches));
  for (QuarantineEntry& entry : entries) {
    if (entry.id == id) return std::move(entry);
  }
  return MakeError(ErrorCode::kNotFound, "no quarantine entry " + std::to_string(id) +
                                             "; `credo quarantine list` shows the entries");
}

void WriteQuarantineCsv(const std::vector<QuarantineEntry>& entries, std::ostream& out) {
  out << "id,batch_id,source,line,byte_offset,field,rule,masked_value,message\n";
  for (const QuarantineEntry& entry : entries) {
    out << entry.id << ',' << entry.batch_id << ',' << CsvField(entry.source) << ','
        << entry.line << ',' << entry.byte_offset << ',' << CsvField(entry.field) << ','
        << CsvField(entry.rule) << ',' << CsvField(entry.masked_value) << ','
        << CsvField(entry.message) << '\n';
  }
}

Result<DqReport> ReadDqReport(Store& store, BatchId batch_id) {
  CREDO_ASSIGN_OR_RETURN(int version, store.SchemaVersion("ingest"));
  if (version == 0) {
    return MakeError(ErrorCode::kNotFound, "no batch has been ingested into this bureau yet");
  }
  DqReport report;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(report, LoadDqReport(txn, batch_id));
    return Ok();
  }));
  return report;
}

}  // namespace credo::ingest
