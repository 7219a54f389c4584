// credo decision: the customers of a bureau as decision support sees them: each subject's
// attributes (features module, as of a date, no look-ahead) and its value (customer_value.h).
//
// LoadCustomer reads one subject (LoadCreditFile + ComputeAttributes + ComputeCustomerValue);
// LoadPortfolio reads every surviving subject of one kind in id order, in pages, each page in
// its own read transaction. CustomerMeasure looks a name up among the attributes and the value
// measures ("value.balance" ...), so tier grids, rules and k-means can name either.
// Errors: those of the store and of LoadCreditFile (kNotFound for an unknown subject).
// Thread safety: as the store's (one Store per thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "decision/customer_value.h"
#include "features/attribute.h"
#include "features/credit_file.h"
#include "store/store.h"

namespace credo::decision {

struct CustomerRecord {
  SubjectId subject_id = 0;
  SubjectKind kind = SubjectKind::kPerson;
  std::string name;  //!< display name (person's full name or company's registered name)
  features::AttributeSet attributes;
  CustomerValue value;
};

//! Attribute value or value measure by name; nullopt when missing or unknown.
std::optional<double> CustomerMeasure(const CustomerRecord& record, std::string_view name);
//! Every name CustomerMeasure knows for `kind`: the attributes, then the value measures.
std::vector<std::string> KnownMeasureNames(SubjectKind kind);
bool IsKnownMeasure(SubjectKind kind, std::string_view name);

//! Builds a record from a file already loaded (no store access).
CustomerRecord MakeCustomerRecord(const features::CreditFile& file,
                                  const ValueAssumptions& assumptions);

Result<CustomerRecord> LoadCustomer(Store& store, SubjectId subject_id, Date as_of,
                                    const ValueAssumptions& assumptions);

struct PortfolioOptions {
  std::optional<SubjectKind> kind;  //!< nullopt: every subject
  int64_t page_size = 500;
  int64_t limit = 0;  //!< 0: no limit
};
Result<std::vector<CustomerRecord>> LoadPortfolio(Store& store, Date as_of,
                                                  const ValueAssumptions& assumptions,
                                                  const PortfolioOptions& options = {});

}  // namespace credo::decision
