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

#include <cstdint>
#include <functional>
#include <vector>

#include "core/date.h"
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

//! Items of one subject's file that must not reach attributes, by store id.
struct SuppressedItems {
  std::vector<int64_t> tradelines;  //!< whole accounts (TradelineRow::id)
  struct Month {
    int64_t tradeline_id = 0;
    Date month;  //!< any day of the month
  };
  std::vector<Month> tradeline_months;  //!< single months of a payment history
  std::vector<int64_t> public_records;  //!< PublicRecord::id
  std::vector<int64_t> inquiries;       //!< Inquiry::id
};

//! The filter most suppression rules need: a lookup returns the suppressed items of the file's
//! subject (e.g. the compliance module's purged and suppressed item references, converted), and
//! the filter removes those accounts, public records and inquiries and blanks those months
//! (payment status kNoData; the month's balance stays, it is not negative information).
class SuppressionFilter final : public CreditFileFilter {
 public:
  using Lookup = std::function<Result<SuppressedItems>(Transaction&, const CreditFile&)>;
  explicit SuppressionFilter(Lookup lookup) : lookup_(std::move(lookup)) {}
  Status Apply(Transaction& transaction, CreditFile& file) const override;

 private:
  Lookup lookup_;
};

//! Applies `items` to `file` (what SuppressionFilter does after its lookup).
void ApplySuppression(const SuppressedItems& items, CreditFile& file);

}  // namespace credo::features
