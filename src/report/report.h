// credo report: credit reports, assembled through the compliance read gate and rendered.
//
// What it offers
//   IssueReport authorises the read (compliance::AuthorizeRead: purpose, consent, restricted
//   data), records the inquiry and query-log row, assembles the report from the credit file as
//   the law lets it be seen (compliance::LoadCreditFileView: purged and suppressed items gone,
//   disputes marked, statements attached, inquiries filtered for the viewer), and keeps the
//   issued document (encrypted, it holds identifiers) keyed by its report id, which is the
//   inquiry id, all in one transaction. A refusal leaves only the gate's refusal record.
//   When the context names a RecordWriter (compliance/record_writer.h; the server's group-commit
//   writer), the read is recorded through it first (committed, durable), the report is then
//   assembled in a read transaction of the caller's Store and kept through the writer again; the
//   answer is returned only after both commits, and a read that fails after its record was
//   committed stays recorded (a record may outlive a failed answer, never the reverse).
//   IssueScore does the same. PurgeExpiredReports deletes kept reports after their period;
//   RunRetentionPurge is the whole retention run (negative items, then kept reports) that
//   `credo purge` and the server's scheduled job both call.
//   FetchIssuedReport returns a kept report exactly as issued, to the institution that issued
//   it, to the subject, or to an auditor, while the profile's query-record period runs.
//   IssueScore is the score-only product (POST /v1/scores): same gate, purpose and consent rules.
//   RenderJson / RenderHtml / RenderPdf turn an issued report into its three formats;
//   RenderIssuedJson gives the kept bytes themselves (compact JSON, what the API answers), so a
//   fetch returns the very bytes the pull returned.
//
// The report
//   IssuedReport carries its typed header (ids, who, why, when, language, viewer) and the
//   document: an ordered JSON object whose keys keep their insertion order, so the JSON output
//   is stable (golden tests pin it). Person reports have the sections header, identity,
//   addresses, employment, summary, tradelines, public_records, inquiries, statements, score;
//   company reports header, registration, shareholders, officers, financial_statements,
//   guarantees (loans and guarantees given and received), payment_behaviour, public_records,
//   inquiries, statements, rating. A "report" object first carries id, kind, format_version, lang, viewer, profile. Every section is an object with "label" (in the
//   report's language) and "status": "ok", or "no_data" with a "reason" saying why; a section
//   never shows an empty list that would look like a clean file.
//
// Contract
//   * Errors are Result values: the gate's refusals (kPermissionDenied, kInvalidArgument,
//     kNotFound, kResourceExhausted) pass through unchanged; FetchIssuedReport answers
//     kNotFound for an unknown id or a report past its retention period (the profile's
//     query-record period) and kPermissionDenied for a viewer who may not see it; its refusals
//     are recorded like the gate's (compliance/refusal.h).
//   * The store must have the compliance schema (compliance::EnsureComplianceSchema); the
//     report's own table (component "report") is installed by EnsureReportSchema, which
//     IssueReport / IssueScore / FetchIssuedReport call themselves.
//   * Thread safety: as the Store's (one thread per Store at a time). Rendering is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compliance/context.h"
#include "compliance/read_gate.h"
#include "compliance/retention.h"
#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::report {

//! The document type: an object whose keys keep insertion order (stable JSON).
using ReportDocument = nlohmann::ordered_json;

struct ReportRequest {
  compliance::ReadRequest read;  //!< subject, institution, staff user, purpose, consent
  std::string lang;              //!< "zh" or "en"; empty: the profile's language
  compliance::ViewerKind viewer = compliance::ViewerKind::kInstitution;
  //! Masks a person's identifiers (ID numbers, phones, e-mails: all but the last 4) whatever the
  //! viewer. By default only an institution sees them masked; the bureau's staff who read as
  //! auditor without a documented need for them in clear (the operator report, POST
  //! /v1/subjects/{id}/report) set this. The identity section's "masked" says which it was.
  bool mask_identifiers = false;
};

struct IssuedReport {
  int64_t report_id = 0;  //!< the inquiry id of the read that issued it
  int64_t query_record_id = 0;
  SubjectId subject_id = 0;
  SubjectKind subject_kind = SubjectKind::kPerson;
  std::string institution;
  std::string purpose;
  std::string lang;  //!< "zh" or "en"
  compliance::ViewerKind viewer = compliance::ViewerKind::kInstitution;
  int64_t issued_at = 0;  //!< unix seconds
  Date issued_on;
  ReportDocument document;  //!< the whole report, as issued
  //! `document` as compact JSON, byte for byte the text that was sealed and kept (set by
  //! IssueReport and FetchIssuedReport; empty for an IssuedReport made by hand).
  std::string document_json;
};

//! Who asks for a kept report again.
struct ReportViewerIdentity {
  compliance::ViewerKind kind = compliance::ViewerKind::kInstitution;
  std::string institution;  //!< kInstitution: must be the institution that issued it
  SubjectId subject_id = 0; //!< kSubject: must be the report's subject
};

struct ScoreReason {
  std::string code;  //!< the characteristic that lowered the score
  std::string text;  //!< in the report's language
};

struct ScoreResult {
  int64_t inquiry_id = 0;  //!< 0 when the score is part of a report (the report id is the inquiry)
  SubjectId subject_id = 0;
  bool available = false;  //!< false: no score, `unavailable_reason` says why
  std::string unavailable_reason;
  double score = 0;
  double range_min = 0;
  double range_max = 0;
  Date as_of;
  std::string model_id;
  std::string grade;                    //!< master-scale grade (company ratings), else empty
  double probability_of_default = 0;
  std::vector<ScoreReason> reasons;  //!< at most four (five with an inquiries reason)
};

struct ScoreRequest {
  compliance::ReadRequest read;  //!< `what` is set to {"score"} by IssueScore
  std::string lang;
};

//! Installs the report module's table (component "report"); idempotent.
Status EnsureReportSchema(Store& store);

//! Resolves SUBJECT given as a subject id ("42") or an identifier value valid under the profile
//! (resident id, USCC, SSN, EIN, phone, e-mail): kNotFound when no subject holds it,
//! kInvalidArgument when it is neither, kFailedPrecondition when several subjects hold it.
Result<SubjectId> ResolveSubjectReference(Store& store, const JurisdictionProfile& profile,
                                          std::string_view reference);

//! What PurgeExpiredReports removed.
struct ReportPurge {
  Date as_of;
  std::vector<int64_t> report_ids;  //!< kept reports deleted, ascending
};

//! Deletes every kept report whose retention period (the profile's query-record period from
//! its issue day) has ended by `as_of` (FetchIssuedReport already refuses them from that day on),
//! each with an audit entry (action report.purge_issued) in the same transaction. The query
//! records of those reads stay: they have their own period and are never deleted here.
//! kInvalidArgument when `as_of` is after the context's today (a purge cannot run ahead).
Result<ReportPurge> PurgeExpiredReports(Store& store, const compliance::ComplianceContext& context,
                                        Date as_of);

//! One retention run as of `as_of`: compliance::Purge (negative information past its period,
//! each suppression audited), then PurgeExpiredReports. Stops at the first error; what the
//! first step committed stays (each step is its own transaction and complete in itself).
struct RetentionOutcome {
  compliance::PurgeResult items;
  ReportPurge reports;
};
Result<RetentionOutcome> RunRetentionPurge(Store& store,
                                           const compliance::ComplianceContext& context,
                                           Date as_of);

//! Authorises, records, assembles and keeps a report (see the header comment).
Result<IssuedReport> IssueReport(Store& store, const compliance::ComplianceContext& context,
                                 const ReportRequest& request);

//! A kept report exactly as issued (see the header comment for who may fetch it).
Result<IssuedReport> FetchIssuedReport(Store& store, const compliance::ComplianceContext& context,
                                       int64_t report_id, const ReportViewerIdentity& viewer);

//! The score-only product: authorises and records the read of category "score", then scores.
//! When no active model exists the result says so (available == false); it is not an error.
Result<ScoreResult> IssueScore(Store& store, const compliance::ComplianceContext& context,
                               const ScoreRequest& request);

//! The report as JSON (stable key order; two-space indent): for people (`credo report`).
std::string RenderJson(const IssuedReport& report);
//! The report as issued: the kept compact JSON (`document_json`, serialised once when the report
//! was assembled) and a newline; the same key order as RenderJson. The API's JSON answer.
std::string RenderIssuedJson(const IssuedReport& report);
//! A self-contained, printable HTML page (all text escaped). `lang` empty: the report's own.
std::string RenderHtml(const IssuedReport& report, std::string_view lang = {});
//! A PDF drawn with cairo: score gauge, payment grid, balance trend. `lang` empty: the report's.
Result<std::string> RenderPdf(const IssuedReport& report, std::string_view lang = {});

//! The score as JSON (for POST /v1/scores).
std::string RenderScoreJson(const ScoreResult& score);

}  // namespace credo::report
