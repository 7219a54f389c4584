#include "compliance/consent.h"

#include <algorithm>

#include "compliance/internal/sql.h"
#include "compliance/refusal.h"
#include "core/institution.h"

namespace credo::compliance {

using internal::AsInt;
using internal::AsText;

namespace {

constexpr const char* kOperationAdd = "consent.add";

bool Contains(const std::vector<std::string>& items, std::string_view value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

Status FillTerms(Transaction& tx, ConsentRecord& record) {
  std::vector<SqlValue> params = {internal::Int(record.consent.id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT scope, restricted_categories, artefact_reference, "
                          "notice_version, withdrawn_at, withdrawn_by FROM "
                          "compliance_consent_terms WHERE consent_id = ?",
                          params));
  if (rows.empty()) return Ok();  // a consent registered by another path: no extra terms
  record.scope = internal::SplitList(AsText(rows[0][0]));
  record.restricted_categories = internal::SplitList(AsText(rows[0][1]));
  record.artefact_reference = AsText(rows[0][2]);
  record.notice_version = AsText(rows[0][3]);
  record.withdrawn_at = AsInt(rows[0][4]);
  record.withdrawn_by = AsText(rows[0][5]);
  return Ok();
}

}  // namespace

std::string_view ConsentStateName(ConsentState state) {
  switch (state) {
    case ConsentState::kValid: return "valid";
    case ConsentState::kNotYetValid: return "not_yet_valid";
    case ConsentState::kExpired: return "expired";
    case ConsentState::kWithdrawn: return "withdrawn";
  }
  return "valid";
}

ConsentState ConsentStateOn(const Consent& consent, Date day) {
  if (consent.revoked_on && day >= *consent.revoked_on) return ConsentState::kWithdrawn;
  if (day < consent.granted_on) return ConsentState::kNotYetValid;
  if (consent.expires_on && day > *consent.expires_on) return ConsentState::kExpired;
  return ConsentState::kValid;
}

std::vector<std::string> ReadableCategories(const JurisdictionProfile& profile) {
  std::vector<std::string> categories = {"report", "score", "attributes", "identity", "export"};
  for (const auto& field : profile.consent_required_fields) categories.push_back(field);
  return categories;
}

Result<int64_t> AddConsent(Store& store, const ComplianceContext& context,
                           const ConsentGrant& grant) {
  int64_t consent_id = 0;
  Status status = Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = kOperationAdd;
    base.subject_id = grant.subject_id;
    base.institution = grant.institution;
    base.purpose = grant.purpose;
    // 条例 Art. 18-19, 征信业务管理办法 Art. 12, FCRA 604: a consent is for an agreed purpose
    // of the profile.
    const PurposeRule* purpose = context.profile->FindPurpose(grant.purpose);
    if (purpose == nullptr) {
      RuleBreak r = base;
      r.rule = "purpose.unknown";
      r.legal_basis = "征信业管理条例 第18条; 征信业务管理办法 第12条; FCRA 604(a)";
      std::string codes;
      for (const auto& p : context.profile->purposes) codes += (codes.empty() ? "" : ", ") + p.code;
      r.message = "purpose \"" + grant.purpose + "\" is not a purpose of profile " +
                  context.profile->name + "; purposes are " + codes;
      return refuse(r);
    }
    if (grant.institution.empty() || grant.reference.empty()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "consent.incomplete";
      r.legal_basis = "征信业管理条例 第18条; PIPL Art. 14";
      r.message = "a consent names the institution and the reference of the signed consent";
      return refuse(r);
    }
    // One institution-id rule for consents, API clients and the API (core/institution.h), so a
    // consent always names an institution a client can be (条例 Art. 18: consent to that user).
    if (Status id = CheckOutsideInstitutionId(grant.institution, "consent.institution"); !id.ok()) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "consent.institution_id";
      r.legal_basis = "征信业管理条例 第18条";
      r.message = id.error().message;
      return refuse(r);
    }
    if (grant.valid_to && *grant.valid_to < grant.valid_from) {
      RuleBreak r = base;
      r.code = ErrorCode::kInvalidArgument;
      r.rule = "consent.valid_to_before_valid_from";
      r.legal_basis = "PIPL Art. 14";
      r.message = "valid_to " + grant.valid_to->ToIso() + " is before valid_from " +
                  grant.valid_from.ToIso();
      return refuse(r);
    }
    auto readable = ReadableCategories(*context.profile);
    for (const auto& category : grant.scope) {
      if (!Contains(readable, category)) {
        RuleBreak r = base;
        r.code = ErrorCode::kInvalidArgument;
        r.rule = "consent.unknown_category";
        r.legal_basis = "征信业管理条例 第20条";
        r.message = "scope category \"" + category + "\" is not one of " + internal::JoinList(readable);
        return refuse(r);
      }
    }
    for (const auto& category : grant.restricted_categories) {
      if (!context.profile->NeedsConsent(category)) {
        RuleBreak r = base;
        r.code = ErrorCode::kInvalidArgument;
        r.rule = "consent.unknown_restricted_category";
        r.legal_basis = "征信业管理条例 第14条第2款";
        r.message = "\"" + category + "\" is not a restricted category of profile " +
                    context.profile->name + "; they are " +
                    internal::JoinList(context.profile->consent_required_fields);
        return refuse(r);
      }
    }
    // 条例 Art. 14 para. 2, PIPL Art. 29: restricted (sensitive) data needs a separate written
    // consent given after the adverse consequences were explained: keep the artefact and the
    // notice version.
    if (!grant.restricted_categories.empty() &&
        (grant.artefact_reference.empty() || grant.notice_version.empty())) {
      RuleBreak r = base;
      r.rule = "restricted.written_consent_missing";
      r.legal_basis = "征信业管理条例 第14条第2款; PIPL Art. 29";
      r.message = "restricted categories " + internal::JoinList(grant.restricted_categories) +
                  " need the written consent artefact and the notice version the subject saw";
      return refuse(r);
    }
    auto subject = tx.ResolveSubjectId(grant.subject_id);
    if (!subject.ok()) {
      RuleBreak r = base;
      r.code = ErrorCode::kNotFound;
      r.rule = "subject.unknown";
      r.legal_basis = "征信业管理条例 第13条";
      r.message = "no subject " + std::to_string(grant.subject_id) + " in the bureau";
      return refuse(r);
    }
    CREDO_ASSIGN_OR_RETURN(auto existing, tx.ListConsents(*subject));
    for (const auto& c : existing) {
      if (c.institution == grant.institution && c.reference == grant.reference) {
        RuleBreak r = base;
        r.code = ErrorCode::kAlreadyExists;
        r.rule = "consent.duplicate_reference";
        r.legal_basis = "征信业管理条例 第18条";
        r.message = "institution " + grant.institution + " already registered consent reference " +
                    grant.reference + " (consent " + std::to_string(c.id) + ")";
        return refuse(r);
      }
    }
    Consent consent;
    consent.subject_id = *subject;
    consent.institution = grant.institution;
    consent.purpose = grant.purpose;
    consent.reference = grant.reference;
    consent.granted_on = grant.valid_from;
    consent.expires_on = grant.valid_to;
    CREDO_ASSIGN_OR_RETURN(consent_id, tx.InsertConsent(consent));
    std::vector<SqlValue> params = {internal::Int(consent_id),
                                    internal::Int(*subject),
                                    internal::Text(internal::JoinList(grant.scope)),
                                    internal::Text(internal::JoinList(grant.restricted_categories)),
                                    internal::Text(grant.artefact_reference),
                                    internal::Text(grant.notice_version),
                                    internal::Int(context.Now())};
    CREDO_TRY(tx.Execute(
        "INSERT INTO compliance_consent_terms (consent_id, subject_id, scope, "
        "restricted_categories, artefact_reference, notice_version, recorded_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?)",
        params));
    AuditEntry entry;
    entry.actor = context.actor;
    entry.action = "consent.terms";
    entry.entity = "compliance_consent_terms";
    entry.entity_id = consent_id;
    entry.subject_id = *subject;
    entry.detail = "institution=" + grant.institution + " purpose=" + grant.purpose +
                   " scope=" + internal::JoinList(grant.scope) +
                   " restricted=" + internal::JoinList(grant.restricted_categories) +
                   " notice=" + grant.notice_version + " valid_from=" + grant.valid_from.ToIso() +
                   " valid_to=" + (grant.valid_to ? grant.valid_to->ToIso() : "open");
    CREDO_TRY(tx.AppendAudit(std::move(entry)));
    return Ok();
  });
  if (!status.ok()) return status.error();
  return consent_id;
}

Status WithdrawConsent(Store& store, const ComplianceContext& context, int64_t consent_id) {
  return Guarded(store, context, [&](Transaction& tx, const Refuse& refuse) -> Status {
    RuleBreak base;
    base.operation = "consent.withdraw";
    auto consent = tx.GetConsent(consent_id);
    if (!consent.ok()) {
      RuleBreak r = base;
      r.code = ErrorCode::kNotFound;
      r.rule = "consent.unknown";
      r.legal_basis = "PIPL Art. 15";
      r.message = "no consent " + std::to_string(consent_id);
      return refuse(r);
    }
    base.subject_id = consent->subject_id;
    base.institution = consent->institution;
    base.purpose = consent->purpose;
    if (consent->revoked_on) {
      RuleBreak r = base;
      r.code = ErrorCode::kFailedPrecondition;
      r.rule = "consent.already_withdrawn";
      r.legal_basis = "PIPL Art. 15";
      r.message = "consent " + std::to_string(consent_id) + " was withdrawn on " +
                  consent->revoked_on->ToIso();
      return refuse(r);
    }
    // PIPL Art. 15, GDPR Art. 7(3): effective from today; earlier reads stay lawful.
    CREDO_TRY(tx.RevokeConsent(consent_id, context.Today()));
    std::vector<SqlValue> params = {internal::Int(context.Now()), internal::Text(context.actor),
                                    internal::Int(consent_id)};
    CREDO_TRY(tx.Execute(
        "UPDATE compliance_consent_terms SET withdrawn_at = ?, withdrawn_by = ? WHERE "
        "consent_id = ?",
        params));
    AuditEntry entry;
    entry.actor = context.actor;
    entry.action = "consent.withdraw";
    entry.entity = "consents";
    entry.entity_id = consent_id;
    entry.subject_id = consent->subject_id;
    entry.detail = "withdrawn_on=" + context.Today().ToIso() + " institution=" +
                   consent->institution + " purpose=" + consent->purpose;
    CREDO_TRY(tx.AppendAudit(std::move(entry)));
    return Ok();
  });
}

Result<ConsentRecord> GetConsentRecord(Transaction& tx, int64_t consent_id) {
  ConsentRecord record;
  CREDO_ASSIGN_OR_RETURN(record.consent, tx.GetConsent(consent_id));
  CREDO_TRY(FillTerms(tx, record));
  return record;
}

Result<std::vector<ConsentRecord>> ListConsentRecords(Transaction& tx, SubjectId subject_id) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(auto consents, tx.ListConsents(surviving));
  std::vector<ConsentRecord> out;
  for (auto& consent : consents) {
    ConsentRecord record;
    record.consent = std::move(consent);
    CREDO_TRY(FillTerms(tx, record));
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace credo::compliance
