// The report object and the header section (report id, time, who asked and why, alerts and
// dispute notices), shared by person and company reports.
#include "compliance/items.h"
#include "report/internal/assembly.h"
#include "report/internal/document.h"

#ifdef CREDO_REPORT_WITH_FRAUD
#include "fraud/fraud.h"
#endif

namespace credo::report::internal {
namespace {

Result<ReportDocument> AlertsJson(Transaction& tx, const AssemblyContext& ctx,
                                  const Subject& subject) {
  ReportDocument alerts = ReportDocument::object();
#ifdef CREDO_REPORT_WITH_FRAUD
  CREDO_ASSIGN_OR_RETURN(fraud::FraudAssessment assessment,
                         fraud::AssessSubject(tx, subject.id, nullptr, ctx.issued_at,
                                              fraud::DefaultFraudRules()));
  alerts["status"] = "ok";
  alerts["fraud_score"] = assessment.score;
  ReportDocument fired = ReportDocument::array();
  for (const auto& rule : assessment.fired) {
    ReportDocument item = ReportDocument::object();
    item["rule"] = rule.id;
    item["description"] = rule.description;
    item["evidence"] = rule.evidence;
    fired.push_back(std::move(item));
  }
  alerts["alerts"] = std::move(fired);
#else
  (void)tx;
  (void)ctx;
  (void)subject;
  alerts["status"] = "no_data";
  alerts["reason"] = ctx.labels->Reason("this build has no fraud module, so no alert was checked");
#endif
  return alerts;
}

}  // namespace

ReportDocument ReportMeta(const AssemblyContext& ctx, const Subject& subject) {
  ReportDocument meta = ReportDocument::object();
  meta["id"] = ctx.grant->inquiry_id;
  meta["kind"] = subject.kind == SubjectKind::kPerson ? "person" : "company";
  meta["format_version"] = 1;
  meta["lang"] = ctx.labels->lang();
  meta["viewer"] = std::string(ViewerName(ctx.viewer));
  meta["profile"] = ctx.context->profile->name;
  return meta;
}

Result<ReportDocument> HeaderSection(Transaction& tx, const AssemblyContext& ctx,
                                     const Subject& subject,
                                     const compliance::CreditFileView& view) {
  ReportDocument header = Section(*ctx.labels, "header");
  header["report_id"] = ctx.grant->inquiry_id;
  header["issued_at"] = TimestampText(ctx.issued_at);
  header["issued_on"] = ctx.today.ToIso();
  header["subject_id"] = ctx.grant->subject_id;
  header["institution"] = ctx.institution;
  header["purpose"] = ctx.purpose;
  header["legal_basis"] = ctx.grant->legal_basis;
  header["inquiry_kind"] = ctx.grant->inquiry_kind == InquiryKind::kHard ? "hard" : "soft";
  header["query_record_id"] = ctx.grant->query_record_id;
  header["consent_id"] = ctx.grant->consent_id;
  CREDO_ASSIGN_OR_RETURN(header["alerts"], AlertsJson(tx, ctx, subject));
  ReportDocument notices = ReportDocument::array();
  for (const auto& mark : view.dispute_marks) {
    ReportDocument notice = ReportDocument::object();
    notice["dispute_id"] = mark.dispute_id;
    notice["item"] = compliance::FormatItemRef(mark.item);
    notice["open"] = mark.open;
    notice["outcome"] = std::string(compliance::DisputeOutcomeName(mark.outcome));
    notice["compliance_condition"] = mark.compliance_condition;
    notice["opened_on"] = mark.opened_on.ToIso();
    notice["deadline_on"] = mark.deadline_on.ToIso();
    notice["note"] = mark.note;
    notices.push_back(std::move(notice));
  }
  header["dispute_notices"] = std::move(notices);
  return header;
}

}  // namespace credo::report::internal
