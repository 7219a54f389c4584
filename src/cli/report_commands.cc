// credo report SUBJECT | report fetch ID | report score SUBJECT: credit reports through the
// compliance read gate (thin layer over credo_report). A refusal prints one line
// "credo: error: compliance.read: refused by rule ..." and exits 4 (forbidden) or 2 (bad input).
#include <cstdlib>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "compliance/compliance.h"
#include "core/profile.h"
#include "report/report.h"
#include "store/store.h"

namespace credo::cli {
namespace {

struct Session {
  JurisdictionProfile profile;
  std::unique_ptr<Store> store;
  compliance::ComplianceContext context;
};

std::string User() {
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "unknown";
}

Result<std::unique_ptr<Session>> OpenSession(const CommandContext& ctx) {
  auto session = std::make_unique<Session>();
  auto profile = LoadBuiltinProfile(ctx.profile);
  if (!profile.ok()) {
    Error error = profile.error();
    error.code = ErrorCode::kInvalidArgument;
    return error.WithContext("--profile " + ctx.profile);
  }
  session->profile = std::move(profile).value();
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  options.actor = "cli:" + User();
  CREDO_ASSIGN_OR_RETURN(session->store, OpenStore(options));
  CREDO_TRY(compliance::EnsureComplianceSchema(*session->store));
  session->context = compliance::ComplianceContext(session->profile, SystemClock(), "cli:" + User());
  return session;
}

struct Flags {
  std::string subject, institution, purpose, consent, order_reference, staff, lang, html, pdf,
      viewer = "institution", right, right_reference, notice_on;
  int64_t report_id = 0;
  int64_t viewer_subject = 0;
  bool json = false;
};

Result<compliance::ViewerKind> ParseViewer(const std::string& name) {
  if (name == "institution") return compliance::ViewerKind::kInstitution;
  if (name == "subject") return compliance::ViewerKind::kSubject;
  if (name == "auditor") return compliance::ViewerKind::kAuditor;
  return MakeError(ErrorCode::kInvalidArgument,
                   "\"" + name + "\" is not a viewer; use institution, subject or auditor",
                   "--viewer");
}

Status WriteFile(const std::string& path, const std::string& bytes, const std::string& flag) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    return MakeError(ErrorCode::kInvalidArgument, "cannot write " + path, flag);
  }
  return Ok();
}

// Prints or writes the report in the formats asked for; a one-line summary when none is.
Status Output(CommandContext& ctx, const Flags& f, const report::IssuedReport& issued) {
  if (f.json) *ctx.out << report::RenderJson(issued);
  if (!f.html.empty()) {
    CREDO_TRY(WriteFile(f.html, report::RenderHtml(issued, f.lang), "--html"));
  }
  if (!f.pdf.empty()) {
    CREDO_ASSIGN_OR_RETURN(std::string pdf, report::RenderPdf(issued, f.lang));
    CREDO_TRY(WriteFile(f.pdf, pdf, "--pdf"));
  }
  if (!f.json) {
    const auto& doc = issued.document;
    *ctx.out << "report " << issued.report_id << ": subject " << issued.subject_id << " ("
             << (issued.subject_kind == SubjectKind::kPerson ? "person" : "company") << ") for "
             << issued.institution << ", purpose " << issued.purpose << ", issued "
             << doc["header"].value("issued_at", "") << ", lang " << issued.lang << "\n";
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      if (it.key() == "report" || it.key() == "header") continue;
      *ctx.out << "  " << it.key() << ": " << it.value().value("status", "");
      if (it.value().value("status", "") == "no_data") {
        *ctx.out << " (" << it.value().value("reason", "") << ")";
      } else if (it.key() == "tradelines") {
        *ctx.out << " (" << it.value()["accounts"].size() << " accounts)";
      } else if ((it.key() == "score" || it.key() == "rating") && it.value().contains("score")) {
        *ctx.out << " (" << it.value()["score"] << ", model " << it.value().value("model_id", "")
                 << ")";
      }
      *ctx.out << "\n";
    }
    if (!f.html.empty()) *ctx.out << "  html: " << f.html << "\n";
    if (!f.pdf.empty()) *ctx.out << "  pdf: " << f.pdf << "\n";
  }
  return Ok();
}

Result<compliance::ReadRequest> ReadFor(const Flags& f, SubjectId subject) {
  compliance::ReadRequest read;
  read.subject_id = subject;
  read.institution = f.institution;
  read.staff_user = f.staff.empty() ? User() : f.staff;
  read.purpose = f.purpose;
  read.consent_reference = f.consent;
  read.order_reference = f.order_reference;
  if (!f.right.empty()) {
    auto basis = compliance::ParseSelfQueryBasis(f.right);
    if (!basis.ok()) {
      Error error = basis.error();
      return error.WithContext("--right");
    }
    read.self_query_basis = *basis;
  }
  read.self_query_reference = f.right_reference;
  if (!f.notice_on.empty()) {
    auto day = Date::ParseIso(f.notice_on);
    if (!day.ok()) {
      Error error = day.error();
      return error.WithContext("--notice-on");
    }
    read.adverse_action_notice_on = *day;
  }
  return read;
}

void AddFormatFlags(CLI::App* command, Flags* f) {
  command->add_flag("--json", f->json, "print the report as JSON");
  command->add_option("--html", f->html, "write a printable HTML page to this file");
  command->add_option("--pdf", f->pdf, "write a PDF (score gauge, payment grid, balance trend)");
  command->add_option("--lang", f->lang, "zh or en (default: the report's language)");
}

}  // namespace

void AddReportCommands(CLI::App& app, CommandContext& ctx) {
  static Flags flags;
  Flags* f = &flags;
  CLI::App* report = app.add_subcommand(
      "report", "Issue a credit report through the read gate (purpose, consent, query record)");
  report->add_option("subject", f->subject,
                     "subject id, or an identifier (resident id, USCC, SSN, EIN, phone, e-mail; "
                     "or kind=value)");
  report->add_option("--institution", f->institution, "the institution that asks");
  report->add_option("--purpose", f->purpose, "purpose code of the profile");
  report->add_option("--consent", f->consent, "the consent reference relied on");
  report->add_option("--order-reference", f->order_reference,
                     "purpose court_order: the court order's case or order number");
  report->add_option("--staff", f->staff, "staff user at the institution (default: $USER)");
  report->add_option("--right", f->right,
                     "purpose self_query: free (default), paid or adverse_action (FCRA 612(b))");
  report->add_option("--right-reference", f->right_reference,
                     "--right paid: the receipt number; --right adverse_action: who sent the "
                     "notice");
  report->add_option("--notice-on", f->notice_on,
                     "--right adverse_action: the date of the adverse action notice (YYYY-MM-DD)");
  report->add_option("--viewer", f->viewer,
                     "institution (masked identifiers, hard inquiries), subject (self-query) "
                     "or auditor");
  AddFormatFlags(report, f);

  CLI::App* fetch = report->add_subcommand("fetch", "Fetch an issued report again, as issued");
  fetch->add_option("report_id", f->report_id, "the report id (the inquiry id)")->required();
  fetch->add_option("--institution", f->institution, "the institution that obtained it");
  fetch->add_option("--viewer", f->viewer, "institution, subject or auditor");
  fetch->add_option("--subject", f->viewer_subject, "the subject's id (for --viewer subject)");
  AddFormatFlags(fetch, f);

  CLI::App* score = report->add_subcommand("score", "Score only, through the same read gate");
  score->add_option("subject", f->subject, "subject id or identifier")->required();
  score->add_option("--institution", f->institution, "the institution that asks")->required();
  score->add_option("--purpose", f->purpose, "purpose code of the profile")->required();
  score->add_option("--consent", f->consent, "the consent reference relied on");
  score->add_option("--order-reference", f->order_reference,
                    "purpose court_order: the court order's case or order number");
  score->add_option("--staff", f->staff, "staff user at the institution (default: $USER)");
  score->add_option("--lang", f->lang, "zh or en (reason texts)");

  report->callback([&ctx, f, report, fetch, score]() {
    if (fetch->parsed() || score->parsed()) return;
    if (f->subject.empty() || f->institution.empty() || f->purpose.empty()) {
      Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                          "give SUBJECT, --institution and --purpose (see credo report --help)",
                          "report"));
      return;
    }
    (void)report;
    auto session = OpenSession(ctx);
    if (!session.ok()) return (void)Fail(ctx, session.error());
    Session& s = **session;
    Status status = [&]() -> Status {
      CREDO_ASSIGN_OR_RETURN(compliance::ViewerKind viewer, ParseViewer(f->viewer));
      CREDO_ASSIGN_OR_RETURN(SubjectId subject,
                             report::ResolveSubjectReference(*s.store, s.profile, f->subject));
      report::ReportRequest request;
      CREDO_ASSIGN_OR_RETURN(request.read, ReadFor(*f, subject));
      request.lang = f->lang;
      request.viewer = viewer;
      CREDO_ASSIGN_OR_RETURN(report::IssuedReport issued,
                             report::IssueReport(*s.store, s.context, request));
      return Output(ctx, *f, issued);
    }();
    if (!status.ok()) Fail(ctx, status.error());
  });

  fetch->callback([&ctx, f]() {
    auto session = OpenSession(ctx);
    if (!session.ok()) return (void)Fail(ctx, session.error());
    Session& s = **session;
    Status status = [&]() -> Status {
      report::ReportViewerIdentity viewer;
      CREDO_ASSIGN_OR_RETURN(viewer.kind, ParseViewer(f->viewer));
      viewer.institution = f->institution;
      viewer.subject_id = f->viewer_subject;
      if (viewer.kind == compliance::ViewerKind::kInstitution && viewer.institution.empty()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "an institution fetches its own reports: give --institution",
                         "report fetch");
      }
      CREDO_ASSIGN_OR_RETURN(report::IssuedReport issued,
                             report::FetchIssuedReport(*s.store, s.context, f->report_id, viewer));
      return Output(ctx, *f, issued);
    }();
    if (!status.ok()) Fail(ctx, status.error());
  });

  score->callback([&ctx, f]() {
    auto session = OpenSession(ctx);
    if (!session.ok()) return (void)Fail(ctx, session.error());
    Session& s = **session;
    Status status = [&]() -> Status {
      CREDO_ASSIGN_OR_RETURN(SubjectId subject,
                             report::ResolveSubjectReference(*s.store, s.profile, f->subject));
      report::ScoreRequest request;
      CREDO_ASSIGN_OR_RETURN(request.read, ReadFor(*f, subject));
      request.lang = f->lang;
      CREDO_ASSIGN_OR_RETURN(report::ScoreResult result,
                             report::IssueScore(*s.store, s.context, request));
      *ctx.out << report::RenderScoreJson(result);
      return Ok();
    }();
    if (!status.ok()) Fail(ctx, status.error());
  });
}

}  // namespace credo::cli
