// The sections every report has, person or company: the inquiries the viewer may see (the query
// records: 条例 第22条; FCRA 609(a)(3)) and the statements the subject added to its file (条例
// 第16条 practice, FCRA 611(b)).
#include "report/internal/assembly.h"
#include "report/internal/document.h"

namespace credo::report::internal {

ReportDocument InquiriesSection(const AssemblyContext& ctx,
                                const compliance::CreditFileView& view) {
  const Labels& labels = *ctx.labels;
  // Already filtered for the viewer by the view: hard to everyone, soft to the subject and
  // auditors.
  if (view.query_records.empty()) {
    return NoData(labels, "inquiries", "no inquiry visible to this viewer in the query-record period");
  }
  ReportDocument section = Section(labels, "inquiries");
  section["soft_shown"] = ctx.viewer != compliance::ViewerKind::kInstitution;
  ReportDocument items = ReportDocument::array();
  for (const auto& record : view.query_records) {
    ReportDocument item = ObjectWithRoom(6);
    item["inquiry_id"] = record.inquiry_id;
    item["date"] = record.queried_on.ToIso();
    item["institution"] = record.institution;
    item["purpose"] = record.purpose;
    item["kind"] = record.kind == InquiryKind::kHard ? "hard" : "soft";
    if (ctx.viewer == compliance::ViewerKind::kAuditor) item["staff_user"] = record.staff_user;
    items.push_back(std::move(item));
  }
  section["inquiries"] = std::move(items);
  return section;
}

ReportDocument StatementsSection(const AssemblyContext& ctx,
                                 const compliance::CreditFileView& view) {
  const Labels& labels = *ctx.labels;
  if (view.statements.empty()) {
    return NoData(labels, "statements", "the subject has added no statement to this file");
  }
  ReportDocument section = Section(labels, "statements");
  ReportDocument items = ReportDocument::array();
  for (const auto& statement : view.statements) {
    ReportDocument item = ReportDocument::object();
    item["added_on"] = statement.added_on.ToIso();
    item["item"] = statement.item ? ReportDocument(compliance::FormatItemRef(*statement.item))
                                  : ReportDocument(nullptr);
    item["text"] = statement.text;
    items.push_back(std::move(item));
  }
  section["statements"] = std::move(items);
  return section;
}

}  // namespace credo::report::internal
