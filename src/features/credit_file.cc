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

TradelineTerms TermsFromReport(const Tradeline& tradeline, int64_t tradeline_id) {
  TradelineTerms terms;
  terms.tradeline_id = tradeline_id;
  terms.reported_on = tradeline.reported_on;
  terms.status = tradeline.status;
  terms.closed_on = tradeline.closed_on;
  terms.last_payment_on = tradeline.last_payment_on;
  terms.first_delinquency_on = tradeline.first_delinquency_on;
  terms.credit_limit = tradeline.credit_limit;
  terms.high_credit = tradeline.high_credit;
  terms.balance = tradeline.balance;
  terms.past_due = tradeline.past_due;
  terms.scheduled_payment = tradeline.scheduled_payment;
  terms.actual_payment = tradeline.actual_payment;
  terms.compliance_condition = tradeline.compliance_condition;
  terms.special_comment = tradeline.special_comment;
  return terms;
}

namespace {

//! Sets the report fields of `tradeline` to `terms` and its payment profile to the known months
//! (most recent first from the report's month, up to 84), so nothing later shows through.
void ApplyTerms(const TradelineTerms& terms, const std::vector<TradelineMonth>& months,
                Tradeline& tradeline) {
  tradeline.reported_on = terms.reported_on;
  tradeline.status = terms.status;
  tradeline.closed_on = terms.closed_on;
  tradeline.last_payment_on = terms.last_payment_on;
  tradeline.first_delinquency_on = terms.first_delinquency_on;
  tradeline.credit_limit = terms.credit_limit;
  tradeline.high_credit = terms.high_credit;
  tradeline.balance = terms.balance;
  tradeline.past_due = terms.past_due;
  tradeline.scheduled_payment = terms.scheduled_payment;
  tradeline.actual_payment = terms.actual_payment;
  tradeline.compliance_condition = terms.compliance_condition;
  tradeline.special_comment = terms.special_comment;
  PaymentHistory history;
  Date month = internal::FirstOfMonth(terms.reported_on);
  if (!months.empty() && months.back().month > month) month = months.back().month;
  history.as_of = month == internal::FirstOfMonth(terms.reported_on) ? terms.reported_on : month;
  auto it = months.rbegin();
  for (size_t i = 0; i < PaymentHistory::kMaxMonths && it != months.rend();
       ++i, month = month.AddMonths(-1)) {
    while (it != months.rend() && it->month > month) ++it;
    const bool found = it != months.rend() && it->month == month;
    history.months.push_back(found ? it->payment_status : PaymentStatus::kNoData);
  }
  while (!history.months.empty() && history.months.back() == PaymentStatus::kNoData) {
    history.months.pop_back();
  }
  tradeline.history = std::move(history);
}

Date ReceivedOn(const std::map<int64_t, Date>& received, int64_t id, Date own_date) {
  auto found = received.find(id);
  return found == received.end() ? own_date : std::max(found->second, own_date);
}

}  // namespace

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
    // Terms: the latest report known on as_of (ties: the one stored last) sets the row.
    std::vector<TradelineTerms>& terms = tradeline.terms;
    std::erase_if(terms, [as_of](const TradelineTerms& t) { return t.reported_on > as_of; });
    std::stable_sort(terms.begin(), terms.end(),
                     [](const TradelineTerms& a, const TradelineTerms& b) {
                       if (a.reported_on != b.reported_on) return a.reported_on < b.reported_on;
                       return a.id < b.id;
                     });
    if (!terms.empty()) ApplyTerms(terms.back(), months, tradeline.row.tradeline);
  }
  std::erase_if(file.tradelines, [as_of](const TradelineAsOf& t) {
    return t.months.empty() && t.row.tradeline.reported_on > as_of;
  });
  std::erase_if(file.inquiries, [&file, as_of](const Inquiry& i) {
    return ReceivedOn(file.inquiry_received_on, i.id, i.inquired_on) > as_of;
  });
  std::erase_if(file.public_records, [&file, as_of](const PublicRecord& r) {
    return ReceivedOn(file.public_record_received_on, r.id, r.filed_on) > as_of;
  });
  std::erase_if(file.financial_statements, [as_of](const FinancialStatementRow& s) {
    return std::max(s.received_on, s.statement.period_end) > as_of;
  });
  std::erase_if(file.relations,
                [&file](const RelationRow& r) { return !RelationKnownOn(file, r); });
}

bool RelationKnownOn(const CreditFile& file, const RelationRow& row) {
  if (row.relation.since) return *row.relation.since <= file.as_of;
  auto found = file.relation_recorded_on.find(row.id);
  return found == file.relation_recorded_on.end() || found->second.first <= file.as_of;
}

bool RelationAmountKnownOn(const CreditFile& file, const RelationRow& row) {
  auto found = file.relation_recorded_on.find(row.id);
  if (found == file.relation_recorded_on.end()) return true;
  const RelationRecorded& recorded = found->second;
  return recorded.latest <= file.as_of || recorded.first > file.as_of;
}

}  // namespace credo::features
