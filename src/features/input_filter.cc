#include "features/input_filter.h"

#include <algorithm>

#include "features/internal/account_view.h"

namespace credo::features {

Status ChainedFilter::Apply(Transaction& transaction, CreditFile& file) const {
  for (const CreditFileFilter* filter : filters_) {
    if (filter != nullptr) CREDO_TRY(filter->Apply(transaction, file));
  }
  return Ok();
}

namespace {
bool Contains(const std::vector<int64_t>& ids, int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}
}  // namespace

void ApplySuppression(const SuppressedItems& items, CreditFile& file) {
  std::erase_if(file.tradelines,
                [&](const TradelineAsOf& t) { return Contains(items.tradelines, t.row.id); });
  for (const SuppressedItems::Month& suppressed : items.tradeline_months) {
    const int month = internal::MonthIndex(suppressed.month);
    for (TradelineAsOf& tradeline : file.tradelines) {
      if (tradeline.row.id != suppressed.tradeline_id) continue;
      for (TradelineMonth& row : tradeline.months) {
        if (internal::MonthIndex(row.month) == month) row.payment_status = PaymentStatus::kNoData;
      }
    }
  }
  std::erase_if(file.public_records,
                [&](const PublicRecord& r) { return Contains(items.public_records, r.id); });
  std::erase_if(file.inquiries,
                [&](const Inquiry& i) { return Contains(items.inquiries, i.id); });
}

Status SuppressionFilter::Apply(Transaction& transaction, CreditFile& file) const {
  if (!lookup_) return Ok();
  CREDO_ASSIGN_OR_RETURN(SuppressedItems items, lookup_(transaction, file));
  ApplySuppression(items, file);
  return Ok();
}

}  // namespace credo::features
