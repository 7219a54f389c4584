#include "features/credit_file.h"

#include <algorithm>

#include "features/internal/account_view.h"

namespace credo::features {

std::vector<TradelineMonth> MonthsFromReport(const Tradeline& tradeline, int64_t tradeline_id) {
  std::vector<TradelineMonth> months;
  const bool has_history = !tradeline.history.months.empty();
  Date month = internal::FirstOfMonth(has_history ? tradeline.history.as_of : tradeline.reported_on);
  size_t count = has_history ? tradeline.history.months.size() : 1;
  count = std::min(count, PaymentHistory::kMaxMonths);
  for (size_t i = 0; i < count; ++i, month = month.AddMonths(-1)) {
    TradelineMonth row;
    row.tradeline_id = tradeline_id;
    row.subject_id = tradeline.subject_id;
    row.month = month;
    row.payment_status = has_history ? tradeline.history.months[i] : PaymentStatus::kNoData;
    row.reported_on = tradeline.reported_on;
    if (i == 0) {
      row.balance = tradeline.balance.minor_units;
      row.past_due = tradeline.past_due.minor_units;
    } else if (row.payment_status == PaymentStatus::kNoData) {
      continue;  // the store records no row for an unknown older month
    }
    months.push_back(row);
  }
  std::reverse(months.begin(), months.end());
  return months;
}

void CutToKnownOn(CreditFile& file) {
  const Date as_of = file.as_of;
  for (TradelineAsOf& tradeline : file.tradelines) {
    std::vector<TradelineMonth>& months = tradeline.months;
    std::erase_if(months, [as_of](const TradelineMonth& m) { return m.reported_on > as_of; });
    // Latest report per month wins; keep oldest month first.
    std::stable_sort(months.begin(), months.end(),
                     [](const TradelineMonth& a, const TradelineMonth& b) {
                       if (a.month != b.month) return a.month < b.month;
                       return a.reported_on < b.reported_on;
                     });
    std::vector<TradelineMonth> latest;
    latest.reserve(months.size());
    for (TradelineMonth& m : months) {
      if (!latest.empty() && latest.back().month == m.month) {
        latest.back() = std::move(m);
      } else {
        latest.push_back(std::move(m));
      }
    }
    months = std::move(latest);
  }
  std::erase_if(file.tradelines, [as_of](const TradelineAsOf& t) {
    return t.months.empty() && t.row.tradeline.reported_on > as_of;
  });
  std::erase_if(file.inquiries, [as_of](const Inquiry& i) { return i.inquired_on > as_of; });
  std::erase_if(file.public_records,
                [as_of](const PublicRecord& r) { return r.filed_on > as_of; });
  std::erase_if(file.financial_statements, [as_of](const FinancialStatementRow& s) {
    return s.statement.period_end > as_of;
  });
  std::erase_if(file.relations, [as_of](const RelationRow& r) {
    return r.relation.since && *r.relation.since > as_of;
  });
}

}  // namespace credo::features
