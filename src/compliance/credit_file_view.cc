#include "compliance/credit_file_view.h"

#include <algorithm>

#include "compliance/retention.h"

namespace credo::compliance {
namespace {

Date FirstOfMonth(Date d) { return Date::FromYmd(d.year(), d.month(), 1).value(); }

bool IsOpenOn(const std::vector<DisputeMark>& marks, const ItemRef& item) {
  return std::any_of(marks.begin(), marks.end(),
                     [&](const DisputeMark& m) { return m.open && m.item == item; });
}

}  // namespace

Result<CreditFileView> LoadCreditFileView(Transaction& tx, const ComplianceContext& context,
                                          SubjectId subject_id, const ViewOptions& options) {
  CreditFileView view;
  CREDO_ASSIGN_OR_RETURN(view.subject_id, tx.ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(SuppressionSet suppressions, LoadSuppressions(tx, view.subject_id));
  CREDO_ASSIGN_OR_RETURN(auto disputes, ListDisputes(tx, view.subject_id, false));
  // The latest dispute per item decides its mark.
  for (const auto& d : disputes) {
    if (!d.open && d.compliance_condition.empty() && d.outcome != DisputeOutcome::kUndeterminable) {
      continue;
    }
    DisputeMark mark;
    mark.dispute_id = d.id;
    mark.item = d.item;
    mark.open = d.open;
    mark.outcome = d.outcome;
    mark.compliance_condition = d.compliance_condition;
    mark.opened_on = d.opened_on;
    mark.deadline_on = d.deadline_on;
    if (d.outcome == DisputeOutcome::kUndeterminable) mark.note = d.resolution_note;
    // 条例 第25条: once the dispute is handled the item is no longer marked; the case stays a
    // notice (outcome, dates, findings) without a compliance condition. Metro 2 profiles keep XH
    // or XC on the item (ComplianceContext::disputes).
    if (!d.open && !context.disputes.resolved_condition_on_item) mark.compliance_condition.clear();
    auto same = std::find_if(view.dispute_marks.begin(), view.dispute_marks.end(),
                             [&](const DisputeMark& m) { return m.item == d.item; });
    if (same != view.dispute_marks.end()) {
      *same = mark;
    } else {
      view.dispute_marks.push_back(mark);
    }
  }
  // Marks of suppressed items are not shown: the item is gone.
  view.dispute_marks.erase(
      std::remove_if(view.dispute_marks.begin(), view.dispute_marks.end(),
                     [&](const DisputeMark& m) { return suppressions.IsSuppressed(m.item); }),
      view.dispute_marks.end());

  CREDO_ASSIGN_OR_RETURN(auto tradelines, tx.ListTradelines(view.subject_id));
  for (auto& row : tradelines) {
    if (suppressions.TradelineSuppressed(row.id)) continue;  // FCRA 605; 条例 Art. 16
    ItemRef whole{ItemKind::kTradeline, row.id, Date(), ""};
    VisibleTradeline visible;
    visible.disputed = IsOpenOn(view.dispute_marks, whole);
    if (options.for_model_inputs && visible.disputed) continue;  // GDPR Art. 18; PIPL Art. 46
    PaymentHistory& history = row.tradeline.history;
    Date as_of = FirstOfMonth(history.as_of);
    for (size_t i = 0; i < history.months.size(); ++i) {
      Date month = as_of.AddMonths(-static_cast<int>(i));
      ItemRef month_item{ItemKind::kTradelineMonth, row.id, month, ""};
      if (suppressions.MonthSuppressed(row.id, month)) {
        history.months[i] = PaymentStatus::kNoData;
        visible.suppressed_months.push_back(month);
        continue;
      }
      if (IsOpenOn(view.dispute_marks, month_item)) {
        visible.disputed = true;
        visible.disputed_months.push_back(month);
        if (options.for_model_inputs) history.months[i] = PaymentStatus::kNoData;
      }
    }
    // Metro 2 compliance condition of the account: its own dispute first, else a month's.
    for (const auto& mark : view.dispute_marks) {
      if (mark.item.id != row.id || mark.compliance_condition.empty()) continue;
      if (mark.item.kind == ItemKind::kTradeline ||
          (mark.item.kind == ItemKind::kTradelineMonth && row.tradeline.compliance_condition.empty())) {
        row.tradeline.compliance_condition = mark.compliance_condition;
      }
    }
    if (visible.disputed) row.tradeline.compliance_condition = "XB";
    visible.row = std::move(row);
    view.tradelines.push_back(std::move(visible));
  }
  CREDO_ASSIGN_OR_RETURN(auto records, tx.ListPublicRecords(view.subject_id));
  for (auto& record : records) {
    if (suppressions.PublicRecordSuppressed(record.id)) continue;
    VisiblePublicRecord visible;
    visible.disputed = IsOpenOn(view.dispute_marks, ItemRef{ItemKind::kPublicRecord, record.id, Date(), ""});
    if (options.for_model_inputs && visible.disputed) continue;
    visible.record = std::move(record);
    view.public_records.push_back(std::move(visible));
  }
  for (const auto& s : suppressions.all()) {
    if (s.item.kind == ItemKind::kIdentityField) view.suppressed_identity_fields.push_back(s.item.field);
  }
  for (const auto& mark : view.dispute_marks) {
    if (mark.open && mark.item.kind == ItemKind::kIdentityField) {
      view.disputed_identity_fields.push_back(mark.item.field);
    }
  }
  CREDO_ASSIGN_OR_RETURN(view.query_records,
                         ListQueryRecords(tx, context, view.subject_id, options.viewer));
  CREDO_ASSIGN_OR_RETURN(view.statements, ListStatements(tx, view.subject_id));
  return view;
}

}  // namespace credo::compliance
