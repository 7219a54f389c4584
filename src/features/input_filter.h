// credo features: the plug-in point for what must not reach attributes.
//
// Negative information that was purged (retention expired) or disputed and suppressed must not
// change an attribute. The compliance module owns those rules; it implements CreditFileFilter and
// the caller passes it to LoadCreditFile / ComputeAttributesForSubject / ExportAttributes. The
// filter runs after the as-of cut and before any attribute is computed, on the same read
// transaction, so it sees the same snapshot and may read its own tables.
//
// Contract: Apply may remove rows from any vector of the file, or mask tradeline months (set a
// month's payment_status to PaymentStatus::kNoData, or erase the month); it must not add rows.
// An error aborts the computation for that subject (and the export). Filters must be usable
// from one thread at a time per instance; ChainedFilter does not own its parts.
#pragma once

#include <vector>

#include "core/result.h"
#include "features/credit_file.h"
#include "store/store.h"

namespace credo::features {

class CreditFileFilter {
 public:
  virtual ~CreditFileFilter() = default;
  virtual Status Apply(Transaction& transaction, CreditFile& file) const = 0;
};

//! Applies several filters in order (each sees the previous one's output).
class ChainedFilter final : public CreditFileFilter {
 public:
  explicit ChainedFilter(std::vector<const CreditFileFilter*> filters)
      : filters_(std::move(filters)) {}
  Status Apply(Transaction& transaction, CreditFile& file) const override;

 private:
  std::vector<const CreditFileFilter*> filters_;
};

}  // namespace credo::features
