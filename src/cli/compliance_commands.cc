// credo cli: the compliance command group — consent, gated reads and query records, purge,
// disputes, complaints, statements, subject export and erasure, exports, compliance report.
// Thin: parse flags, call credo_compliance, print. Every rule (and every refusal record) lives in
// the library; a refusal prints one line "credo: error: compliance.<op>: refused by rule ..."
// and exits with the code of its error (4 forbidden or quota, 2 bad input, 3 not found).
#include <cstdlib>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command_context.h"
#include "compliance/compliance.h"
#include "core/profile.h"
#include "report/report.h"
#include "store/store.h"

namespace credo::cli {

void AddComplianceCommands(CLI::App& app, CommandContext& ctx);

namespace {

using namespace credo::compliance;

// Everything a compliance command needs, opened once per command.
struct Session {
  JurisdictionProfile profile;
  std::unique_ptr<Store> store;
  ComplianceContext context;
};

std::string Actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user ? user : "unknown");
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
  options.actor = Actor();
  CREDO_ASSIGN_OR_RETURN(session->store, OpenStore(options));
  CREDO_TRY(EnsureComplianceSchema(*session->store));
  session->context = ComplianceContext(session->profile, SystemClock(), Actor());
  return session;
}

Result<Date> ParseDateFlag(const std::string& text, const std::string& flag) {
  auto date = Date::ParseIso(text);
  if (!date.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "\"" + text + "\" is not a date; write YYYY-MM-DD", flag);
  }
  return date;
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::string Iso(const std::optional<Date>& d) { return d ? d->ToIso() : "-"; }

// Runs `body` with an open session; prints the error and sets the exit code on failure.
template <typename Body>
void WithSession(CommandContext& ctx, Body body) {
  auto session = OpenSession(ctx);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  Status status = body(**session);
  if (!status.ok()) Fail(ctx, status.error());
}

struct Flags {
  // consent
  SubjectId subject = 0;
  std::string institution, purpose, reference, from, to, scope, restricted, artefact, notice;
  int64_t id = 0;
  // read
  std::string staff, consent, order_reference, what = "report", viewer = "institution";
  // purge
  std::string as_of;
  // disputes
  std::string item, reason, statement, outcome, note, account_status, month_status, record_status,
      resolved_on, identity_value;
  bool on_behalf = false, subject_disagrees = false, open_only = false;
  int64_t balance = -1, past_due = -1;
  // complaints
  std::string authority, text, response;
  int64_t dispute = 0;
  // exports
  bool deidentify = false, anonymize = false;
  int k = 5;
  double max_suppression = 0.05;
  std::string out, role = "operator", format = "text";
};

void PrintDispute(std::ostream& out, const DisputeRecord& d) {
  out << "dispute " << d.id << ": subject " << d.subject_id << " " << FormatItemRef(d.item) << " "
      << (d.open ? "open" : std::string(DisputeOutcomeName(d.outcome))) << ", opened "
      << d.opened_on.ToIso() << " by " << d.opened_by << (d.by_operator ? " for the subject" : "")
      << ", deadline " << d.deadline_on.ToIso();
  if (d.resolved_on) out << ", resolved " << d.resolved_on->ToIso();
  if (!d.compliance_condition.empty()) out << ", CCC " << d.compliance_condition;
  out << "\n";
}

std::string ViewJson(const CreditFileView& view, const ReadGrant& grant);

}  // namespace

void AddComplianceCommands(CLI::App& app, CommandContext& ctx) {
  static Flags flags;
  Flags* f = &flags;

  // consent ---------------------------------------------------------------------------------
  CLI::App* consent = app.add_subcommand("consent", "Register, withdraw and list consents");
  consent->require_subcommand(1);
  CLI::App* add = consent->add_subcommand("add", "Register a subject's consent for an institution and purpose");
  add->add_option("--subject", f->subject, "subject id")->required();
  add->add_option("--institution", f->institution, "institution the consent is given to")->required();
  add->add_option("--purpose", f->purpose, "purpose code of the profile")->required();
  add->add_option("--reference", f->reference, "the institution's reference of the signed consent")->required();
  add->add_option("--from", f->from, "first valid day (YYYY-MM-DD)")->required();
  add->add_option("--to", f->to, "last valid day (YYYY-MM-DD)");
  add->add_option("--scope", f->scope, "data categories, comma separated (default: all)");
  add->add_option("--restricted", f->restricted, "restricted categories it names (income, deposits, ...)");
  add->add_option("--artefact", f->artefact, "where the signed consent is kept");
  add->add_option("--notice", f->notice, "version of the consent notice the subject saw");
  add->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      ConsentGrant grant;
      grant.subject_id = f->subject;
      grant.institution = f->institution;
      grant.purpose = f->purpose;
      grant.reference = f->reference;
      CREDO_ASSIGN_OR_RETURN(grant.valid_from, ParseDateFlag(f->from, "--from"));
      if (!f->to.empty()) {
        CREDO_ASSIGN_OR_RETURN(Date to, ParseDateFlag(f->to, "--to"));
        grant.valid_to = to;
      }
      grant.scope = SplitComma(f->scope);
      grant.restricted_categories = SplitComma(f->restricted);
      grant.artefact_reference = f->artefact;
      grant.notice_version = f->notice;
      CREDO_ASSIGN_OR_RETURN(int64_t id, AddConsent(*s.store, s.context, grant));
      *ctx.out << "credo: consent " << id << " registered: subject " << f->subject << ", "
               << f->institution << ", " << f->purpose << ", valid from " << f->from
               << (f->to.empty() ? "" : " to " + f->to) << "\n";
      return Ok();
    });
  });
  CLI::App* withdraw = consent->add_subcommand("withdraw", "Withdraw a consent from today on");
  withdraw->add_option("ID", f->id, "consent id")->required();
  withdraw->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_TRY(WithdrawConsent(*s.store, s.context, f->id));
      *ctx.out << "credo: consent " << f->id << " withdrawn on " << s.context.Today().ToIso()
               << "; earlier reads stay on record\n";
      return Ok();
    });
  });
  CLI::App* list = consent->add_subcommand("list", "List a subject's consents");
  list->add_option("--subject", f->subject, "subject id")->required();
  list->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      return s.store->WithReadTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(auto records, ListConsentRecords(tx, f->subject));
        for (const auto& r : records) {
          *ctx.out << "consent " << r.consent.id << ": " << r.consent.institution << " "
                   << r.consent.purpose << " ref " << r.consent.reference << " valid "
                   << r.consent.granted_on.ToIso() << ".." << Iso(r.consent.expires_on) << " "
                   << ConsentStateName(ConsentStateOn(r.consent, s.context.Today()));
          if (!r.restricted_categories.empty()) {
            *ctx.out << " restricted";
            for (const auto& category : r.restricted_categories) *ctx.out << " " << category;
          }
          *ctx.out << "\n";
        }
        if (records.empty()) *ctx.out << "no consents for subject " << f->subject << "\n";
        return Ok();
      });
    });
  });

  // compliance read | queries | report ----------------------------------------------------------
  CLI::App* compliance = app.add_subcommand("compliance", "Gated reads, query records and the compliance report");
  compliance->require_subcommand(1);
  CLI::App* read = compliance->add_subcommand(
      "read", "Read a subject's file through the consent gate (recorded as an inquiry); prints JSON");
  read->add_option("--subject", f->subject, "subject id")->required();
  read->add_option("--institution", f->institution, "reading institution")->required();
  read->add_option("--staff", f->staff, "staff user making the read")->required();
  read->add_option("--purpose", f->purpose, "purpose code of the profile")->required();
  read->add_option("--consent", f->consent, "consent reference relied on");
  read->add_option("--order-reference", f->order_reference,
                   "purpose court_order: the court order's case or order number");
  read->add_option("--what", f->what, "data categories, comma separated");
  read->add_option("--viewer", f->viewer, "institution or subject (which query records are shown)");
  read->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      ReadRequest request;
      request.subject_id = f->subject;
      request.institution = f->institution;
      request.staff_user = f->staff;
      request.purpose = f->purpose;
      request.consent_reference = f->consent;
      request.what = SplitComma(f->what);
      request.order_reference = f->order_reference;
      ViewOptions options;
      options.viewer = f->viewer == "subject" ? ViewerKind::kSubject : ViewerKind::kInstitution;
      std::string json;
      CREDO_ASSIGN_OR_RETURN(
          ReadGrant grant,
          ReadThroughGate(*s.store, s.context, request, [&](Transaction& tx, const ReadGrant& g) -> Status {
            CREDO_ASSIGN_OR_RETURN(CreditFileView view, LoadCreditFileView(tx, s.context, g.subject_id, options));
            json = ViewJson(view, g);
            return Ok();
          }));
      (void)grant;
      *ctx.out << json << "\n";
      return Ok();
    });
  });
  CLI::App* queries = compliance->add_subcommand("queries", "A subject's query records as a viewer sees them");
  queries->add_option("--subject", f->subject, "subject id")->required();
  queries->add_option("--viewer", f->viewer, "subject, institution or auditor");
  queries->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      ViewerKind viewer = f->viewer == "subject"   ? ViewerKind::kSubject
                          : f->viewer == "auditor" ? ViewerKind::kAuditor
                                                   : ViewerKind::kInstitution;
      return s.store->WithReadTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(auto records, ListQueryRecords(tx, s.context, f->subject, viewer));
        for (const auto& q : records) {
          *ctx.out << q.queried_on.ToIso() << " " << q.institution << " " << q.purpose << " "
                   << (q.kind == InquiryKind::kHard ? "hard" : "soft")
                   << (q.staff_user.empty() ? "" : " staff " + q.staff_user)
                   << (q.consent_reference.empty() ? "" : " consent " + q.consent_reference)
                   << (q.self_query_basis.empty() ? "" : " right " + q.self_query_basis)
                   << (q.self_query_reference.empty() ? "" : " " + q.self_query_reference)
                   << (q.adverse_action_notice_on ? " notice " + q.adverse_action_notice_on->ToIso()
                                                  : "")
                   << "\n";
        }
        *ctx.out << records.size() << " query record(s)\n";
        return Ok();
      });
    });
  });
  CLI::App* report = compliance->add_subcommand("report", "The compliance report for a period");
  report->add_option("--from", f->from, "first day (YYYY-MM-DD)")->required();
  report->add_option("--to", f->to, "last day (YYYY-MM-DD)")->required();
  report->add_option("--format", f->format, "text or json");
  report->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_ASSIGN_OR_RETURN(Date from, ParseDateFlag(f->from, "--from"));
      CREDO_ASSIGN_OR_RETURN(Date to, ParseDateFlag(f->to, "--to"));
      CREDO_ASSIGN_OR_RETURN(ComplianceReport r, BuildComplianceReport(*s.store, s.context, from, to));
      *ctx.out << (f->format == "json" ? ComplianceReportJson(r) + "\n" : ComplianceReportText(r));
      return Ok();
    });
  });

  // purge -------------------------------------------------------------------------------------
  CLI::App* purge = app.add_subcommand("purge", "Delete negative information whose retention period has passed");
  purge->add_option("--as-of", f->as_of, "purge as of this day (default today; never in the future)");
  purge->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      Date as_of = s.context.Today();
      if (!f->as_of.empty()) {
        CREDO_ASSIGN_OR_RETURN(as_of, ParseDateFlag(f->as_of, "--as-of"));
      }
      CREDO_ASSIGN_OR_RETURN(report::RetentionOutcome outcome,
                             report::RunRetentionPurge(*s.store, s.context, as_of));
      const PurgeResult& result = outcome.items;
      for (const auto& n : result.purged) {
        *ctx.out << "purged subject " << n.subject_id << " " << FormatItemRef(n.item) << " ("
                 << n.category << ", due " << Iso(n.purge_on) << ")\n";
      }
      for (int64_t report_id : outcome.reports.report_ids) {
        *ctx.out << "deleted kept report " << report_id << " (its period has passed)\n";
      }
      *ctx.out << "credo: purge as of " << as_of.ToIso() << ": " << result.subjects_scanned
               << " subject(s), " << result.negative_items << " negative item(s), "
               << result.purged.size() << " purged, " << outcome.reports.report_ids.size()
               << " kept report(s) deleted\n";
      return Ok();
    });
  });

  // disputes ----------------------------------------------------------------------------------
  CLI::App* disputes = app.add_subcommand("disputes", "Disputes (异议, FCRA 611): open, list, show, resolve, sweep");
  disputes->require_subcommand(1);
  CLI::App* open = disputes->add_subcommand("open", "Open a dispute on an item of a subject's file");
  open->add_option("--subject", f->subject, "subject id")->required();
  open->add_option("--item", f->item, "tradeline:ID, tradeline:ID:YYYY-MM, public_record:ID or identity:FIELD")->required();
  open->add_option("--reason", f->reason, "what the subject says is wrong")->required();
  open->add_flag("--on-behalf", f->on_behalf, "an operator opens it on the subject's behalf");
  open->add_option("--statement", f->statement, "the subject's statement, shown on later reports");
  open->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_ASSIGN_OR_RETURN(ItemRef item, ParseItemRef(f->item));
      DisputeRequest request{f->subject, item, f->reason, f->on_behalf, f->statement};
      CREDO_ASSIGN_OR_RETURN(int64_t id, OpenDispute(*s.store, s.context, request));
      return s.store->WithReadTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(DisputeRecord d, GetDispute(tx, id));
        *ctx.out << "credo: dispute " << id << " opened on " << FormatItemRef(item)
                 << "; marked disputed (XB); furnisher notified; answer due by "
                 << d.deadline_on.ToIso() << "\n";
        return Ok();
      });
    });
  });
  CLI::App* dlist = disputes->add_subcommand("list", "List disputes");
  dlist->add_option("--subject", f->subject, "subject id (default: all)");
  dlist->add_flag("--open", f->open_only, "only open disputes");
  dlist->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      return s.store->WithReadTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(auto list_rows, ListDisputes(tx, f->subject, f->open_only));
        for (const auto& d : list_rows) PrintDispute(*ctx.out, d);
        *ctx.out << list_rows.size() << " dispute(s)\n";
        return Ok();
      });
    });
  });
  CLI::App* show = disputes->add_subcommand("show", "Show one dispute");
  show->add_option("ID", f->id, "dispute id")->required();
  show->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      return s.store->WithReadTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(DisputeRecord d, GetDispute(tx, f->id));
        PrintDispute(*ctx.out, d);
        *ctx.out << "  reason: " << d.reason << "\n";
        if (!d.resolution_note.empty()) *ctx.out << "  resolution: " << d.resolution_note << "\n";
        *ctx.out << "  deadline " << (d.MetDeadline(s.context.Today()) ? "met or running" : "MISSED") << "\n";
        return Ok();
      });
    });
  });
  CLI::App* resolve = disputes->add_subcommand("resolve", "Close a dispute with the furnisher's answer");
  resolve->add_option("ID", f->id, "dispute id")->required();
  resolve->add_option("--outcome", f->outcome, "corrected, deleted, verified or undeterminable")->required();
  resolve->add_option("--note", f->note, "the furnisher's answer or the findings");
  resolve->add_flag("--subject-disagrees", f->subject_disagrees, "the subject still disagrees (XC)");
  resolve->add_option("--account-status", f->account_status, "corrected Metro 2 account status (e.g. 11)");
  resolve->add_option("--month-status", f->month_status, "corrected payment status of the month (e.g. 0)");
  resolve->add_option("--balance", f->balance, "corrected balance in minor units");
  resolve->add_option("--past-due", f->past_due, "corrected amount past due in minor units");
  resolve->add_option("--record-status", f->record_status, "corrected public-record status");
  resolve->add_option("--resolved-on", f->resolved_on, "corrected public-record resolution day");
  resolve->add_option("--identity-value", f->identity_value, "corrected identity value");
  resolve->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      DisputeResolution r;
      CREDO_ASSIGN_OR_RETURN(r.outcome, ParseDisputeOutcome(f->outcome));
      r.note = f->note;
      r.subject_disagrees = f->subject_disagrees;
      if (!f->account_status.empty()) {
        CREDO_ASSIGN_OR_RETURN(AccountStatus status, ParseMetro2AccountStatus(f->account_status));
        r.correction.account_status = status;
      }
      if (!f->month_status.empty()) {
        CREDO_ASSIGN_OR_RETURN(PaymentStatus status, ParsePaymentStatus(f->month_status[0]));
        r.correction.month_status = status;
      }
      if (f->balance >= 0) r.correction.balance = f->balance;
      if (f->past_due >= 0) r.correction.past_due = f->past_due;
      if (!f->record_status.empty()) r.correction.record_status = f->record_status;
      if (!f->resolved_on.empty()) {
        CREDO_ASSIGN_OR_RETURN(Date day, ParseDateFlag(f->resolved_on, "--resolved-on"));
        r.correction.resolved_on = day;
      }
      if (!f->identity_value.empty()) r.correction.identity_value = f->identity_value;
      CREDO_TRY(ResolveDispute(*s.store, s.context, f->id, r));
      *ctx.out << "credo: dispute " << f->id << " resolved: " << f->outcome << "\n";
      return Ok();
    });
  });
  CLI::App* sweep = disputes->add_subcommand("sweep", "Suppress items whose dispute passed its deadline unanswered");
  sweep->callback([&ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_ASSIGN_OR_RETURN(auto closed, SweepDisputeDeadlines(*s.store, s.context));
      for (const auto& d : closed) PrintDispute(*ctx.out, d);
      *ctx.out << "credo: " << closed.size() << " overdue dispute(s) closed in the subject's favour\n";
      return Ok();
    });
  });

  // complaints --------------------------------------------------------------------------------
  CLI::App* complaints = app.add_subcommand("complaints", "Complaints to the regulator (条例 Art. 26)");
  complaints->require_subcommand(1);
  CLI::App* copen = complaints->add_subcommand("open", "Record a complaint");
  copen->add_option("--subject", f->subject, "subject id")->required();
  copen->add_option("--authority", f->authority, "authority it was made to")->required();
  copen->add_option("--text", f->text, "what it says")->required();
  copen->add_option("--dispute", f->dispute, "the dispute it is about");
  copen->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_ASSIGN_OR_RETURN(int64_t id, OpenComplaint(*s.store, s.context,
                                                       {f->subject, f->dispute, f->authority, f->text}));
      *ctx.out << "credo: complaint " << id << " recorded\n";
      return Ok();
    });
  });
  CLI::App* clist = complaints->add_subcommand("list", "List complaints");
  clist->add_option("--subject", f->subject, "subject id (default: all)");
  clist->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      return s.store->WithReadTransaction([&](Transaction& tx) -> Status {
        CREDO_ASSIGN_OR_RETURN(auto rows, ListComplaints(tx, f->subject));
        for (const auto& c : rows) {
          *ctx.out << "complaint " << c.id << ": subject " << c.subject_id << " to " << c.authority
                   << (c.dispute_id ? " about dispute " + std::to_string(c.dispute_id) : "")
                   << ", opened " << c.opened_on.ToIso() << ", due " << c.deadline_on.ToIso() << ", "
                   << (c.open ? "open" : "closed " + Iso(c.closed_on)) << "\n";
        }
        *ctx.out << rows.size() << " complaint(s)\n";
        return Ok();
      });
    });
  });
  CLI::App* cresolve = complaints->add_subcommand("resolve", "Close a complaint with the reply given");
  cresolve->add_option("ID", f->id, "complaint id")->required();
  cresolve->add_option("--response", f->response, "the reply")->required();
  cresolve->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_TRY(ResolveComplaint(*s.store, s.context, f->id, f->response));
      *ctx.out << "credo: complaint " << f->id << " closed\n";
      return Ok();
    });
  });

  // statements --------------------------------------------------------------------------------
  CLI::App* statements = app.add_subcommand("statements", "The subject's statements shown on reports");
  statements->require_subcommand(1);
  CLI::App* sadd = statements->add_subcommand("add", "Add a statement of the subject");
  sadd->add_option("--subject", f->subject, "subject id")->required();
  sadd->add_option("--text", f->text, "the statement")->required();
  sadd->add_option("--item", f->item, "the item it is about");
  sadd->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      std::optional<ItemRef> item;
      if (!f->item.empty()) {
        CREDO_ASSIGN_OR_RETURN(ItemRef parsed, ParseItemRef(f->item));
        item = parsed;
      }
      CREDO_ASSIGN_OR_RETURN(int64_t id, AddStatement(*s.store, s.context, f->subject, f->text, item));
      *ctx.out << "credo: statement " << id << " added\n";
      return Ok();
    });
  });

  // subject export | erase (the store group owns "subject"; add to it when it exists) -----------
  CLI::App* subject = nullptr;
  try {
    subject = app.get_subcommand("subject");
  } catch (const CLI::OptionNotFound&) {
    subject = app.add_subcommand("subject", "A subject's file");
  }
  CLI::App* sexport = subject->add_subcommand("export", "Everything held about a subject, as JSON (access right)");
  sexport->add_option("ID", f->id, "subject id")->required();
  sexport->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_ASSIGN_OR_RETURN(std::string json, ExportSubjectData(*s.store, s.context, f->id));
      *ctx.out << json << "\n";
      return Ok();
    });
  });
  CLI::App* erase = subject->add_subcommand("erase", "Erasure request: erase what the law allows, record why the rest stays");
  erase->add_option("ID", f->id, "subject id")->required();
  erase->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      CREDO_ASSIGN_OR_RETURN(ErasureDecision d, RequestErasure(*s.store, s.context, f->id));
      for (const auto& e : d.erased) *ctx.out << "erased: " << e << "\n";
      for (const auto& r : d.refused) *ctx.out << "kept: " << r.category << " (" << r.legal_basis << ")\n";
      *ctx.out << "credo: erasure request " << d.request_id << " recorded\n";
      return Ok();
    });
  });

  // export ------------------------------------------------------------------------------------
  CLI::App* exporter = app.add_subcommand("export", "De-identified (--deidentify) or anonymised (--anonymize --k K) export");
  exporter->add_flag("--deidentify", f->deidentify, "keyed pseudonyms; still personal data (JSON lines)");
  exporter->add_flag("--anonymize", f->anonymize, "generalise to k-anonymity (CSV)");
  exporter->add_option("--k", f->k, "k for --anonymize");
  exporter->add_option("--max-suppression", f->max_suppression, "share of records that may be suppressed");
  exporter->add_option("--role", f->role, "the caller's role (operator)");
  exporter->add_option("--out", f->out, "output file")->required();
  exporter->callback([f, &ctx] {
    WithSession(ctx, [&](Session& s) -> Status {
      if (f->deidentify == f->anonymize) {
        return MakeError(ErrorCode::kInvalidArgument, "give exactly one of --deidentify and --anonymize",
                         "export");
      }
      ExportSummary summary;
      if (f->deidentify) {
        CREDO_ASSIGN_OR_RETURN(summary, ExportDeidentified(*s.store, s.context, {f->role, f->out}));
        *ctx.out << "credo: de-identified export of " << summary.records_written << " subject(s) to "
                 << summary.out_path << " (still personal data: keep it under the bureau's controls)\n";
      } else {
        AnonymisedExportOptions options;
        options.role = f->role;
        options.k = f->k;
        options.max_suppression = f->max_suppression;
        options.out_path = f->out;
        CREDO_ASSIGN_OR_RETURN(summary, ExportAnonymised(*s.store, s.context, options));
        *ctx.out << "credo: anonymised export to " << summary.out_path << ": " << summary.records_written
                 << " record(s), " << summary.records_suppressed << " suppressed, k=" << summary.k
                 << " verified (smallest class " << summary.smallest_class << "), levels age "
                 << summary.generalisation_levels["age"] << " region "
                 << summary.generalisation_levels["region"] << " amount "
                 << summary.generalisation_levels["amount"] << "\n";
      }
      return Ok();
    });
  });
}

namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string ViewJson(const CreditFileView& view, const ReadGrant& grant) {
  std::ostringstream out;
  out << "{\n  \"subject_id\": " << view.subject_id << ",\n  \"query_record\": " << grant.query_record_id
      << ",\n  \"inquiry_kind\": \"" << (grant.inquiry_kind == InquiryKind::kHard ? "hard" : "soft")
      << "\",\n  \"legal_basis\": " << JsonString(grant.legal_basis) << ",\n  \"tradelines\": [";
  for (size_t i = 0; i < view.tradelines.size(); ++i) {
    const auto& t = view.tradelines[i];
    const Tradeline& tl = t.row.tradeline;
    out << (i ? "," : "") << "\n    {\"id\": " << t.row.id << ", \"furnisher\": " << JsonString(tl.key.furnisher)
        << ", \"status\": \"" << Metro2AccountStatusCode(tl.status) << "\", \"balance\": "
        << tl.balance.minor_units << ", \"payment_history\": \"" << tl.history.ToCodes()
        << "\", \"compliance_condition\": \"" << tl.compliance_condition << "\", \"disputed\": "
        << (t.disputed ? "true" : "false") << "}";
  }
  out << "\n  ],\n  \"public_records\": [";
  for (size_t i = 0; i < view.public_records.size(); ++i) {
    const auto& r = view.public_records[i];
    out << (i ? "," : "") << "\n    {\"id\": " << r.record.id << ", \"kind\": \""
        << PublicRecordKindName(r.record.kind) << "\", \"status\": " << JsonString(r.record.status)
        << ", \"disputed\": " << (r.disputed ? "true" : "false") << "}";
  }
  out << "\n  ],\n  \"dispute_marks\": [";
  for (size_t i = 0; i < view.dispute_marks.size(); ++i) {
    const auto& m = view.dispute_marks[i];
    out << (i ? "," : "") << "\n    {\"dispute\": " << m.dispute_id << ", \"item\": \""
        << FormatItemRef(m.item) << "\", \"open\": " << (m.open ? "true" : "false")
        << ", \"compliance_condition\": \"" << m.compliance_condition << "\"}";
  }
  out << "\n  ],\n  \"statements\": [";
  for (size_t i = 0; i < view.statements.size(); ++i) {
    out << (i ? ", " : "") << JsonString(view.statements[i].text);
  }
  out << "],\n  \"query_records\": [";
  for (size_t i = 0; i < view.query_records.size(); ++i) {
    const auto& q = view.query_records[i];
    out << (i ? "," : "") << "\n    {\"date\": \"" << q.queried_on.ToIso() << "\", \"institution\": "
        << JsonString(q.institution) << ", \"purpose\": \"" << q.purpose << "\", \"kind\": \""
        << (q.kind == InquiryKind::kHard ? "hard" : "soft") << "\"}";
  }
  out << "\n  ]\n}";
  return out.str();
}

}  // namespace

}  // namespace credo::cli
