#include "ingest/batch/feed_inquiries.h"

#include <string>
#include <vector>

namespace credo::ingest {
namespace {

//! The furnisher reference kept for a feed-loaded inquiry; "" when none was kept (no reference,
//! or loaded before references were kept).
Result<std::string> ReferenceOf(Transaction& txn, int64_t inquiry_id) {
  SqlValue params[] = {SqlValue::Int(inquiry_id)};
  CREDO_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      txn.Query("SELECT reference FROM ingest_inquiry_references WHERE inquiry_id = ?", params));
  if (rows.empty() || rows[0].empty()) return std::string();
  return rows[0][0].bytes;
}

}  // namespace

Result<bool> FeedInquiryLoaded(Transaction& txn, const Inquiry& inquiry,
                               std::string_view reference) {
  CREDO_ASSIGN_OR_RETURN(std::vector<InquiryRow> rows, txn.ListInquiryRows(inquiry.subject_id));
  for (const InquiryRow& row : rows) {
    if (row.batch_id == 0) continue;  // recorded for a report pull, not loaded from a feed
    const Inquiry& stored = row.inquiry;
    if (stored.inquired_on != inquiry.inquired_on || stored.institution != inquiry.institution ||
        stored.purpose != inquiry.purpose || stored.kind != inquiry.kind) {
      continue;
    }
    CREDO_ASSIGN_OR_RETURN(std::string stored_reference, ReferenceOf(txn, stored.id));
    if (stored_reference == reference) return true;
  }
  return false;
}

Status SaveFeedInquiryReference(Transaction& txn, int64_t inquiry_id, std::string_view reference) {
  SqlValue params[] = {SqlValue::Int(inquiry_id), SqlValue::Text(std::string(reference))};
  return txn.Execute(
      "INSERT INTO ingest_inquiry_references (inquiry_id, reference) VALUES (?, ?) "
      "ON CONFLICT (inquiry_id) DO UPDATE SET reference = excluded.reference",
      params);
}

}  // namespace credo::ingest
