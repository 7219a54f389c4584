// credo monitor internal: which subjects a batch touched, the date it reports up to, and the
// related-party links (guarantees, shareholdings) around a set of subjects, read in bulk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::monitor::internal {

Result<std::vector<SubjectId>> SubjectsOfBatch(Transaction& transaction, BatchId batch_id);
//! The latest date the batch's rows report (months, inquiries, public records, statements).
Result<std::optional<Date>> LatestDateOfBatch(Transaction& transaction, BatchId batch_id);

struct RelatedLink {
  SubjectId from = 0;  //!< guarantor or shareholder
  SubjectId to = 0;    //!< borrower or company
  std::string kind;    //!< "guarantee" or "shareholding"
  double percent = 0;
  int64_t amount = 0;
  std::string currency;
};
//! Guarantee and shareholding relations with either end in `subjects`.
Result<std::vector<RelatedLink>> RelatedLinks(Transaction& transaction,
                                              const std::vector<SubjectId>& subjects);

//! Runs `sql_prefix` + "(?, ?, ...)" + `sql_suffix` over `ids` in chunks (IN lists).
Result<std::vector<SqlRow>> QueryInChunks(Transaction& transaction, const std::string& sql_prefix,
                                          const std::string& sql_suffix,
                                          const std::vector<int64_t>& ids, size_t chunk = 500);

}  // namespace credo::monitor::internal
