// credo report (internal): assembling the sections of person and company reports from what the
// compliance view lets the viewer see. Called inside the read gate's transaction.
#pragma once

#include <string>

#include "compliance/credit_file_view.h"
#include "compliance/read_gate.h"
#include "model/registry.h"
#include "report/labels.h"
#include "report/report.h"

namespace credo::report::internal {

struct AssemblyContext {
  const compliance::ComplianceContext* context = nullptr;
  const compliance::ReadGrant* grant = nullptr;
  const Labels* labels = nullptr;
  compliance::ViewerKind viewer = compliance::ViewerKind::kInstitution;
  bool mask_identifiers = false;  //!< ReportRequest::mask_identifiers
  std::string institution;
  std::string purpose;
  int64_t issued_at = 0;
  Date today;
  //! The bureau's model registry (null: scoring is not available in this build).
  const model::ModelRegistry* registry = nullptr;
};

//! The "report" object and the header section shared by both kinds of report.
ReportDocument ReportMeta(const AssemblyContext& ctx, const Subject& subject);
Result<ReportDocument> HeaderSection(Transaction& tx, const AssemblyContext& ctx,
                                     const Subject& subject,
                                     const compliance::CreditFileView& view);

Result<ReportDocument> AssemblePersonReport(Transaction& tx, const AssemblyContext& ctx,
                                            const Subject& subject);
Result<ReportDocument> AssembleCompanyReport(Transaction& tx, const AssemblyContext& ctx,
                                             const Subject& subject);

//! The score of `subject` as of ctx.today with the active model of `product` (inside `tx`),
//! suppressed and disputed items left out. No active model is a ScoreResult with
//! available == false and the reason, not an error.
Result<ScoreResult> ScoreForSubject(Transaction& tx, const model::ModelRegistry* registry,
                                    SubjectId subject, Date as_of, std::string_view product,
                                    std::string_view lang);
//! {"label", "status", score fields or the no-data reason}.
ReportDocument ScoreSection(const Labels& labels, std::string_view key, const ScoreResult& score);
//! The score's fields as JSON (shared by the section and RenderScoreJson).
ReportDocument ScoreFields(const ScoreResult& score);

//! The inquiries the viewer may see and the subject's statements: sections of every report.
ReportDocument InquiriesSection(const AssemblyContext& ctx, const compliance::CreditFileView& view);
ReportDocument StatementsSection(const AssemblyContext& ctx, const compliance::CreditFileView& view);

//! Whether identifiers are masked in this report: for an institution, or when the request
//! asked for it (ReportRequest::mask_identifiers).
bool IdentifiersMasked(const AssemblyContext& ctx);
//! Masks all but the last four characters of an identifier unless the report shows them whole.
std::string MaskFor(const AssemblyContext& ctx, std::string_view value);

}  // namespace credo::report::internal
