#include "features/load.h"

#include <map>
#include <string>
#include <utility>

#include "features/internal/relation_records.h"

namespace credo::features {

namespace {

// The subject's tradelines with their months and terms known on as_of.
Status ReadTradelines(Transaction& transaction, Date as_of, CreditFile& file) {
  CREDO_ASSIGN_OR_RETURN(std::vector<TradelineRow> rows,
                         transaction.ListTradelines(file.subject.id));
  // Every report's terms known on as_of, by tradeline id then oldest report first.
  CREDO_ASSIGN_OR_RETURN(std::vector<TradelineTerms> terms,
                         transaction.ListSubjectTradelineTerms(file.subject.id, as_of));
  std::map<int64_t, std::vector<TradelineTerms>> terms_by_tradeline;
  for (TradelineTerms& report : terms) {
    terms_by_tradeline[report.tradeline_id].push_back(std::move(report));
  }
  file.tradelines.reserve(rows.size());
  for (TradelineRow& row : rows) {
    TradelineAsOf tradeline;
    CREDO_ASSIGN_OR_RETURN(tradeline.months, transaction.ListTradelineMonths(row.id, as_of));
    if (auto found = terms_by_tradeline.find(row.id); found != terms_by_tradeline.end()) {
      tradeline.terms = std::move(found->second);
    }
    tradeline.row = std::move(row);
    file.tradelines.push_back(std::move(tradeline));
  }
  return Ok();
}

Result<CreditFile> ReadCreditFile(Transaction& transaction, SubjectId subject_id, Date as_of,
                                  CreditFileParts parts) {
  CreditFile file;
  file.requested_id = subject_id;
  file.as_of = as_of;
  file.parts = parts;
  CREDO_ASSIGN_OR_RETURN(file.subject, transaction.GetSubject(subject_id));
  if (parts.Has(CreditFilePart::kTradelines)) {
    CREDO_TRY(ReadTradelines(transaction, as_of, file));
  }
  if (parts.Has(CreditFilePart::kInquiries)) {
    CREDO_ASSIGN_OR_RETURN(std::vector<InquiryRow> inquiries,
                           transaction.ListInquiryRows(file.subject.id, as_of));
    file.inquiries.reserve(inquiries.size());
    for (InquiryRow& row : inquiries) {
      file.inquiry_received_on[row.inquiry.id] = row.received_on;
      file.inquiries.push_back(std::move(row.inquiry));
    }
  }
  if (parts.Has(CreditFilePart::kPublicRecords)) {
    CREDO_ASSIGN_OR_RETURN(std::vector<PublicRecordRow> records,
                           transaction.ListPublicRecordRows(file.subject.id, as_of));
    file.public_records.reserve(records.size());
    for (PublicRecordRow& row : records) {
      file.public_record_received_on[row.record.id] = row.received_on;
      file.public_records.push_back(std::move(row.record));
    }
  }
  if (parts.Has(CreditFilePart::kFinancialStatements)) {
    CREDO_ASSIGN_OR_RETURN(file.financial_statements,
                           transaction.ListFinancialStatements(file.subject.id, as_of));
  }
  if (parts.Has(CreditFilePart::kRelations)) {
    CREDO_ASSIGN_OR_RETURN(file.relations, transaction.ListRelations(file.subject.id));
    file.relation_recorded_on = internal::RelationRecordedOn(file.relations);
  }
  return file;
}

}  // namespace

Result<CreditFile> LoadCreditFile(Transaction& transaction, SubjectId subject_id, Date as_of,
                                  const CreditFileFilter* filter, CreditFileParts parts) {
  auto file = ReadCreditFile(transaction, subject_id, as_of, parts);
  if (!file.ok()) {
    Error error = std::move(file).error();
    const std::string subject = "subject " + std::to_string(subject_id);
    if (error.location.find(subject) == std::string::npos) error.WithContext(subject);
    return error;
  }
  CutToKnownOn(*file);
  if (filter != nullptr) {
    Status filtered = filter->Apply(transaction, *file);
    if (!filtered.ok()) {
      return std::move(filtered).error().WithContext("subject " + std::to_string(subject_id) +
                                                     " filter");
    }
  }
  return std::move(file).value();
}

}  // namespace credo::features
