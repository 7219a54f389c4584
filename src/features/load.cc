#include "features/load.h"

#include <string>
#include <utility>

namespace credo::features {

namespace {

Result<CreditFile> ReadCreditFile(Transaction& transaction, SubjectId subject_id, Date as_of) {
  CreditFile file;
  file.requested_id = subject_id;
  file.as_of = as_of;
  CREDO_ASSIGN_OR_RETURN(file.subject, transaction.GetSubject(subject_id));
  CREDO_ASSIGN_OR_RETURN(std::vector<TradelineRow> rows,
                         transaction.ListTradelines(file.subject.id));
  file.tradelines.reserve(rows.size());
  for (TradelineRow& row : rows) {
    TradelineAsOf tradeline;
    CREDO_ASSIGN_OR_RETURN(tradeline.months, transaction.ListTradelineMonths(row.id, as_of));
    tradeline.row = std::move(row);
    file.tradelines.push_back(std::move(tradeline));
  }
  CREDO_ASSIGN_OR_RETURN(file.inquiries, transaction.ListInquiries(file.subject.id));
  CREDO_ASSIGN_OR_RETURN(file.public_records, transaction.ListPublicRecords(file.subject.id));
  CREDO_ASSIGN_OR_RETURN(file.financial_statements,
                         transaction.ListFinancialStatements(file.subject.id));
  CREDO_ASSIGN_OR_RETURN(file.relations, transaction.ListRelations(file.subject.id));
  return file;
}

}  // namespace

Result<CreditFile> LoadCreditFile(Transaction& transaction, SubjectId subject_id, Date as_of,
                                  const CreditFileFilter* filter) {
  auto file = ReadCreditFile(transaction, subject_id, as_of);
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
