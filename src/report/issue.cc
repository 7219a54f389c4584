// Issuing reports and scores through the read gate, keeping issued reports, fetching them again.
#include <algorithm>
#include <cctype>
#include <optional>

#include "compliance/record_writer.h"
#include "compliance/refusal.h"
#include "core/identifier.h"
#include "report/internal/assembly.h"
#include "report/internal/document_codec.h"
#include "report/internal/document.h"
#include "report/labels.h"
#include "report/report.h"

#ifdef CREDO_REPORT_WITH_SUBJECT_SCORING
#include "model/store_registry.h"
#endif

namespace credo::report {
namespace {

constexpr std::string_view kDocumentColumn = "report_issued.document";

constexpr const char* kSchemaV1 = R"SQL(
CREATE TABLE report_issued (
  report_id BIGINT PRIMARY KEY,
  subject_id BIGINT NOT NULL,
  subject_kind TEXT NOT NULL,
  institution TEXT NOT NULL,
  purpose TEXT NOT NULL,
  lang TEXT NOT NULL,
  viewer TEXT NOT NULL,
  query_record_id BIGINT NOT NULL,
  issued_at BIGINT NOT NULL,
  issued_on BIGINT NOT NULL,
  retain_until BIGINT NOT NULL,
  document @BLOB@ NOT NULL
);
CREATE INDEX report_issued_subject ON report_issued (subject_id, report_id);
)SQL";

const SchemaComponent& ReportSchema() {
  static const SchemaComponent component{
      "report", {Migration{1, "issued reports, kept encrypted by inquiry id", kSchemaV1, "", ""}}};
  return component;
}

// The bureau's model registry in the store, when this build has scoring. Null otherwise.
struct Registry {
#ifdef CREDO_REPORT_WITH_SUBJECT_SCORING
  std::unique_ptr<model::StoreModelRegistry> store_registry;
#endif
  const model::ModelRegistry* get() const {
#ifdef CREDO_REPORT_WITH_SUBJECT_SCORING
    return store_registry.get();
#else
    return nullptr;
#endif
  }
};

Result<Registry> OpenRegistry(Store& store) {
  Registry registry;
#ifdef CREDO_REPORT_WITH_SUBJECT_SCORING
  CREDO_ASSIGN_OR_RETURN(registry.store_registry, model::StoreModelRegistry::Open(store));
#else
  (void)store;
#endif
  return registry;
}

// The registry for a read recorded through a RecordWriter (the server, whose Stores live as long
// as it does and whose start installed the model schema): opened once per thread and Store, since
// opening installs the schema in a write transaction, which would queue every read on the
// database's write lock. Scoring reads the model through the read's own transaction
// (model/store_registry.h), so the registry only names where models live.
Result<const model::ModelRegistry*> CachedRegistry(Store& store) {
  struct Entry {
    Store* store = nullptr;
    Registry registry;
  };
  thread_local Entry entry;
  if (entry.store != &store) {
    CREDO_ASSIGN_OR_RETURN(entry.registry, OpenRegistry(store));
    entry.store = &store;
  }
  return entry.registry.get();
}

std::string Dump(const ReportDocument& document, int indent) {
  return document.dump(indent, ' ', false, nlohmann::detail::error_handler_t::replace);
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

Status EnsureReportSchema(Store& store) {
  // Installed already (the usual case): read once per Store, without the write transaction
  // ApplySchema takes.
  return store.EnsureSchema(ReportSchema());
}

Result<SubjectId> ResolveSubjectReference(Store& store, const JurisdictionProfile& profile,
                                          std::string_view reference) {
  // A subject id: digits, shorter than any identifier number the profiles know (9 for SSN/EIN).
  if (AllDigits(reference) && reference.size() < 9) {
    SubjectId id = std::stoll(std::string(reference));
    SubjectId resolved = 0;
    CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
      CREDO_ASSIGN_OR_RETURN(resolved, tx.ResolveSubjectId(id));
      return Ok();
    }));
    return resolved;
  }
  // "kind=value" names the kind; otherwise every kind the profile accepts is tried.
  std::vector<IdentifierKind> kinds;
  std::string_view value = reference;
  if (auto eq = reference.find('='); eq != std::string_view::npos) {
    CREDO_ASSIGN_OR_RETURN(IdentifierKind kind, ParseIdentifierKind(reference.substr(0, eq)));
    kinds.push_back(kind);
    value = reference.substr(eq + 1);
  } else {
    kinds = profile.valid_identifier_kinds;
    kinds.push_back(IdentifierKind::kPhone);
    kinds.push_back(IdentifierKind::kEmail);
  }
  std::vector<Identifier> candidates;
  for (IdentifierKind kind : kinds) {
    auto identifier = MakeIdentifier(kind, value, profile.default_country);
    if (identifier.ok()) candidates.push_back(*identifier);
  }
  if (candidates.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "\"" + MaskIdentifier(value) +
                         "\" is neither a subject id nor a valid identifier of profile " +
                         profile.name + "; give the subject id or kind=value (e.g. cn_resident_id=...)",
                     "report.subject");
  }
  std::vector<SubjectId> found;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    for (const Identifier& identifier : candidates) {
      CREDO_ASSIGN_OR_RETURN(auto ids, tx.FindSubjectsByIdentifier(identifier));
      for (SubjectId id : ids) {
        if (std::find(found.begin(), found.end(), id) == found.end()) found.push_back(id);
      }
    }
    return Ok();
  }));
  if (found.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "no subject holds identifier " + MaskIdentifier(value) +
                         " (searched by blind index)",
                     "report.subject");
  }
  if (found.size() > 1) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     std::to_string(found.size()) + " subjects hold identifier " +
                         MaskIdentifier(value) + "; give the subject id",
                     "report.subject");
  }
  return found.front();
}

namespace {

// Assembles the report the grant allows from `tx` and seals its document for keeping.
Status AssembleReport(Transaction& tx, const compliance::ComplianceContext& context,
                      const ReportRequest& request, const compliance::ReadRequest& read,
                      const compliance::ReadGrant& grant, const Labels& labels,
                      const model::ModelRegistry* registry, const std::string& lang,
                      IssuedReport& report, std::string& sealed, Date& retain_until) {
  CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(grant.subject_id));
  internal::AssemblyContext ctx;
  ctx.context = &context;
  ctx.grant = &grant;
  ctx.labels = &labels;
  ctx.viewer = request.viewer;
  ctx.mask_identifiers = request.mask_identifiers;
  ctx.institution = read.institution;
  ctx.purpose = read.purpose;
  ctx.issued_at = context.Now();
  ctx.today = context.Today();
  ctx.registry = registry;
  CREDO_ASSIGN_OR_RETURN(ReportDocument document,
                         subject.kind == SubjectKind::kPerson
                             ? internal::AssemblePersonReport(tx, ctx, subject)
                             : internal::AssembleCompanyReport(tx, ctx, subject));
  report.report_id = grant.inquiry_id;
  report.query_record_id = grant.query_record_id;
  report.subject_id = grant.subject_id;
  report.subject_kind = subject.kind;
  report.institution = read.institution;
  report.purpose = read.purpose;
  report.lang = lang;
  report.viewer = request.viewer;
  report.issued_at = ctx.issued_at;
  report.issued_on = ctx.today;
  retain_until = ctx.today.AddYears(context.profile->query_record_retention_years);
  // Serialised once: the same bytes are kept (compressed, then sealed) and answered
  // (RenderIssuedJson).
  report.document_json = Dump(document, -1);
  CREDO_ASSIGN_OR_RETURN(sealed,
                         tx.Encrypt(kDocumentColumn, internal::CompressDocument(report.document_json)));
  report.document = std::move(document);
  return Ok();
}

// Keeps the issued report (its sealed document) in `tx`.
Status KeepReport(Transaction& tx, const IssuedReport& report, const std::string& sealed,
                  Date retain_until) {
  const SqlValue params[] = {
      SqlValue::Int(report.report_id),
      SqlValue::Int(report.subject_id),
      SqlValue::Text(report.subject_kind == SubjectKind::kPerson ? "person" : "company"),
      SqlValue::Text(report.institution),
      SqlValue::Text(report.purpose),
      SqlValue::Text(report.lang),
      SqlValue::Text(std::string(internal::ViewerName(report.viewer))),
      SqlValue::Int(report.query_record_id),
      SqlValue::Int(report.issued_at),
      SqlValue::Int(report.issued_on.days_since_epoch()),
      SqlValue::Int(retain_until.days_since_epoch()),
      SqlValue::Blob(sealed)};
  return tx.Execute(
      "INSERT INTO report_issued (report_id, subject_id, subject_kind, institution, purpose, "
      "lang, viewer, query_record_id, issued_at, issued_on, retain_until, document) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params);
}

// Authorises and records a read through the context's RecordWriter: returns once the inquiry,
// its query-log row and audit entry (or the refusal record) are committed.
Result<compliance::ReadGrant> RecordReadThroughWriter(const compliance::ComplianceContext& context,
                                                      const compliance::ReadRequest& read) {
  std::optional<Error> refusal;
  compliance::ReadGrant grant;
  CREDO_TRY(context.record_writer->Commit([&](Transaction& tx) -> Status {
    refusal.reset();
    auto authorised = compliance::AuthorizeRead(tx, context, read);
    if (!authorised.ok()) {
      refusal = authorised.error();
      return Ok();  // commit the refusal record, nothing else was written
    }
    grant = std::move(authorised).value();
    return Ok();
  }));
  if (refusal) return *refusal;
  return grant;
}

}  // namespace

Result<IssuedReport> IssueReport(Store& store, const compliance::ComplianceContext& context,
                                 const ReportRequest& request) {
  CREDO_ASSIGN_OR_RETURN(std::string lang, ResolveLanguage(*context.profile, request.lang));
  if (request.viewer == compliance::ViewerKind::kSubject &&
      request.read.purpose != compliance::kSelfQueryPurpose) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a subject's own report is a self-query: use purpose " +
                         std::string(compliance::kSelfQueryPurpose),
                     "report.viewer");
  }
  CREDO_TRY(EnsureReportSchema(store));
  const Labels labels(*context.profile, lang);
  compliance::ReadRequest read = request.read;
  if (read.what.empty()) read.what = {"report"};
  IssuedReport report;
  std::string sealed;
  Date retain_until;

  if (context.record_writer != nullptr) {
    // Through the writer: the read is recorded (committed) first, then assembled in a read
    // transaction of this Store (seeing its own inquiry, as in one transaction), then kept;
    // the answer is returned only after both commits. A read that fails after it was recorded
    // stays recorded: a record may outlive a failed answer, never the reverse.
    CREDO_ASSIGN_OR_RETURN(const model::ModelRegistry* registry, CachedRegistry(store));
    CREDO_ASSIGN_OR_RETURN(compliance::ReadGrant grant, RecordReadThroughWriter(context, read));
    CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
      return AssembleReport(tx, context, request, read, grant, labels, registry, lang, report,
                            sealed, retain_until);
    }));
    CREDO_TRY(context.record_writer->Commit(
        [&](Transaction& tx) { return KeepReport(tx, report, sealed, retain_until); }));
    return report;
  }

  CREDO_ASSIGN_OR_RETURN(Registry registry, OpenRegistry(store));
  auto granted = compliance::ReadThroughGate(
      store, context, read,
      [&](Transaction& tx, const compliance::ReadGrant& grant) -> Status {
        CREDO_TRY(AssembleReport(tx, context, request, read, grant, labels, registry.get(), lang,
                                 report, sealed, retain_until));
        return KeepReport(tx, report, sealed, retain_until);
      });
  if (!granted.ok()) return granted.error();
  return report;
}

Result<IssuedReport> FetchIssuedReport(Store& store, const compliance::ComplianceContext& context,
                                       int64_t report_id, const ReportViewerIdentity& viewer) {
  CREDO_TRY(EnsureReportSchema(store));
  IssuedReport report;
  std::optional<compliance::RuleBreak> refusal;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& tx) -> Status {
    const SqlValue params[] = {SqlValue::Int(report_id)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT subject_id, subject_kind, institution, purpose, lang, viewer, "
                 "query_record_id, issued_at, issued_on, retain_until, document "
                 "FROM report_issued WHERE report_id = ?",
                 params));
    if (rows.empty()) {
      return MakeError(ErrorCode::kNotFound, "no issued report " + std::to_string(report_id),
                       "report.fetch");
    }
    const SqlRow& row = rows.front();
    report.report_id = report_id;
    report.subject_id = row[0].int_value;
    report.subject_kind = row[1].bytes == "person" ? SubjectKind::kPerson : SubjectKind::kOrganization;
    report.institution = row[2].bytes;
    report.purpose = row[3].bytes;
    report.lang = row[4].bytes;
    CREDO_ASSIGN_OR_RETURN(report.viewer, internal::ParseViewerName(row[5].bytes));
    report.query_record_id = row[6].int_value;
    report.issued_at = row[7].int_value;
    report.issued_on = Date::FromDays(static_cast<int32_t>(row[8].int_value));
    const Date retain_until = Date::FromDays(static_cast<int32_t>(row[9].int_value));

    compliance::RuleBreak rule;
    rule.operation = "report.fetch";
    rule.subject_id = report.subject_id;
    rule.institution = viewer.institution;
    rule.purpose = report.purpose;
    switch (viewer.kind) {
      case compliance::ViewerKind::kInstitution:
        if (viewer.institution != report.institution) {
          rule.rule = "report.other_institution";
          rule.legal_basis = "征信业管理条例 第20条; FCRA 604(f)";
          rule.message = "report " + std::to_string(report_id) + " was issued to another "
                         "institution; an institution fetches only the reports it obtained";
          refusal = rule;
        }
        break;
      case compliance::ViewerKind::kSubject: {
        auto surviving = tx.ResolveSubjectId(viewer.subject_id);
        if (!surviving.ok() || *surviving != report.subject_id) {
          rule.rule = "report.other_subject";
          rule.legal_basis = "征信业管理条例 第17条; FCRA 609";
          rule.message = "report " + std::to_string(report_id) + " is not about this subject";
          refusal = rule;
        }
        break;
      }
      case compliance::ViewerKind::kAuditor:
        break;
    }
    if (!refusal && context.Today() >= retain_until) {
      rule.code = ErrorCode::kNotFound;
      rule.rule = "report.retention_expired";
      rule.legal_basis = "征信业管理条例 第16条; PIPL Art. 19";
      rule.message = "report " + std::to_string(report_id) + " was kept until " +
                     retain_until.AddDays(-1).ToIso() + " and is no longer available";
      refusal = rule;
    }
    if (refusal) return Ok();
    CREDO_ASSIGN_OR_RETURN(std::string kept, tx.Decrypt(kDocumentColumn, row[10].bytes));
    CREDO_ASSIGN_OR_RETURN(report.document_json,
                           internal::ExpandDocument(kept, "issued report " + std::to_string(report_id)));
    report.document = ReportDocument::parse(report.document_json, nullptr, false);
    if (report.document.is_discarded()) {
      return MakeError(ErrorCode::kDataLoss,
                       "issued report " + std::to_string(report_id) + " does not parse as JSON",
                       "report.fetch");
    }
    return Ok();
  }));
  if (refusal) {
    CREDO_TRY(compliance::RecordRefusal(store, context, *refusal));
    return compliance::ToError(*refusal);
  }
  return report;
}

Result<ScoreResult> IssueScore(Store& store, const compliance::ComplianceContext& context,
                               const ScoreRequest& request) {
  CREDO_ASSIGN_OR_RETURN(std::string lang, ResolveLanguage(*context.profile, request.lang));
  compliance::ReadRequest read = request.read;
  read.what = {"score"};
  ScoreResult result;
  auto score = [&](Transaction& tx, const compliance::ReadGrant& grant,
                   const model::ModelRegistry* registry) -> Status {
    CREDO_ASSIGN_OR_RETURN(Subject subject, tx.GetSubject(grant.subject_id));
    const std::string_view product =
        subject.kind == SubjectKind::kPerson ? "person_score" : "company_rating";
    CREDO_ASSIGN_OR_RETURN(result, internal::ScoreForSubject(tx, registry, subject.id,
                                                             context.Today(), product, lang));
    result.inquiry_id = grant.inquiry_id;
    return Ok();
  };

  if (context.record_writer != nullptr) {
    // Recorded (committed) first, then scored in a read transaction: see IssueReport.
    CREDO_ASSIGN_OR_RETURN(const model::ModelRegistry* registry, CachedRegistry(store));
    CREDO_ASSIGN_OR_RETURN(compliance::ReadGrant grant, RecordReadThroughWriter(context, read));
    CREDO_TRY(store.WithReadTransaction(
        [&](Transaction& tx) -> Status { return score(tx, grant, registry); }));
    return result;
  }

  CREDO_ASSIGN_OR_RETURN(Registry registry, OpenRegistry(store));
  auto granted = compliance::ReadThroughGate(
      store, context, read, [&](Transaction& tx, const compliance::ReadGrant& grant) -> Status {
        return score(tx, grant, registry.get());
      });
  if (!granted.ok()) return granted.error();
  return result;
}

Result<ReportPurge> PurgeExpiredReports(Store& store, const compliance::ComplianceContext& context,
                                        Date as_of) {
  if (as_of > context.Today()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "purge date " + as_of.ToIso() + " is after today (" +
                         context.Today().ToIso() + "); kept reports are deleted only once their "
                         "period has passed",
                     "report.purge");
  }
  CREDO_TRY(EnsureReportSchema(store));
  ReportPurge purge;
  purge.as_of = as_of;
  CREDO_TRY(store.WithTransaction([&](Transaction& tx) -> Status {
    purge.report_ids.clear();
    // retain_until is the first day a report is no longer kept (FetchIssuedReport).
    const SqlValue params[] = {SqlValue::Int(as_of.days_since_epoch())};
    CREDO_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT report_id, subject_id, issued_on, retain_until, institution "
                            "FROM report_issued WHERE retain_until <= ? ORDER BY report_id",
                            params));
    for (const SqlRow& row : rows) {
      const int64_t report_id = row[0].int_value;
      const SqlValue id[] = {SqlValue::Int(report_id)};
      CREDO_TRY(tx.Execute("DELETE FROM report_issued WHERE report_id = ?", id));
      AuditEntry entry;
      entry.actor = context.actor;
      entry.action = "report.purge_issued";
      entry.entity = "report_issued";
      entry.entity_id = report_id;
      entry.subject_id = row[1].int_value;
      // 条例 第16条, PIPL Art. 19: kept no longer than the period; the query record stays.
      entry.detail =
          "issued_on=" + Date::FromDays(static_cast<int32_t>(row[2].int_value)).ToIso() +
          " kept_until=" + Date::FromDays(static_cast<int32_t>(row[3].int_value - 1)).ToIso() +
          " institution=" + row[4].bytes + " as_of=" + as_of.ToIso() +
          " law=征信业管理条例 第16条; PIPL Art. 19";
      CREDO_TRY(tx.AppendAudit(std::move(entry)));
      purge.report_ids.push_back(report_id);
    }
    return Ok();
  }));
  return purge;
}

Result<RetentionOutcome> RunRetentionPurge(Store& store,
                                           const compliance::ComplianceContext& context,
                                           Date as_of) {
  RetentionOutcome outcome;
  CREDO_ASSIGN_OR_RETURN(outcome.items, compliance::Purge(store, context, as_of));
  CREDO_ASSIGN_OR_RETURN(outcome.reports, PurgeExpiredReports(store, context, as_of));
  return outcome;
}

std::string RenderJson(const IssuedReport& report) { return Dump(report.document, 2) + "\n"; }

std::string RenderIssuedJson(const IssuedReport& report) {
  if (report.document_json.empty()) return Dump(report.document, -1) + "\n";
  std::string out;
  out.reserve(report.document_json.size() + 1);
  out += report.document_json;
  out += '\n';
  return out;
}

std::string RenderScoreJson(const ScoreResult& score) {
  ReportDocument out = ReportDocument::object();
  out["inquiry_id"] = score.inquiry_id;
  ReportDocument fields = internal::ScoreFields(score);
  for (auto& item : fields.items()) out[item.key()] = item.value();
  return Dump(out, 2) + "\n";
}

}  // namespace credo::report
