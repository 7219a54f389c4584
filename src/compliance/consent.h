// credo compliance: the consent registry.
//
// A consent lets one institution query one subject for one purpose from valid_from to valid_to
// (inclusive) until it is withdrawn. The store keeps the core row (store.h Consent); this module
// keeps its terms: scope (which data categories), restricted categories it names (条例 Art. 14
// para. 2: income, deposits, ...), the written-consent artefact and the notice version shown.
// Withdrawal (PIPL Art. 15) takes effect the day it is made, stops future reads at once and
// never rewrites the past: reads already made stay recorded as lawful.
//
// Errors: every refusal is a recorded RuleBreak (refusal.h): kPermissionDenied for a purpose
// not in the profile, kInvalidArgument for malformed terms, kNotFound for an unknown subject or
// consent, kFailedPrecondition for withdrawing twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compliance/context.h"
#include "store/store.h"

namespace credo::compliance {

struct ConsentGrant {
  SubjectId subject_id = 0;
  std::string institution;
  std::string purpose;    //!< a purpose code of the profile
  std::string reference;  //!< the institution's reference for the signed consent
  std::vector<std::string> scope;  //!< data categories ("report", "score", ...); empty: all
  std::vector<std::string> restricted_categories;  //!< from profile.consent_required_fields
  std::string artefact_reference;  //!< where the signed (written) consent is kept
  std::string notice_version;      //!< the consent notice text version the subject saw
  Date valid_from;
  std::optional<Date> valid_to;
};

struct ConsentRecord {
  Consent consent;  //!< the store's row (granted_on = valid_from, expires_on = valid_to)
  std::vector<std::string> scope;
  std::vector<std::string> restricted_categories;
  std::string artefact_reference;
  std::string notice_version;
  int64_t withdrawn_at = 0;  //!< unix seconds, 0 while not withdrawn
  std::string withdrawn_by;
};

enum class ConsentState { kValid, kNotYetValid, kExpired, kWithdrawn };
std::string_view ConsentStateName(ConsentState state);
//! The state of a consent on a day: valid from granted_on through expires_on, and no longer
//! from the day it was revoked.
ConsentState ConsentStateOn(const Consent& consent, Date day);

//! The data categories a read may name: report, score, attributes, identity, export, plus the
//! profile's consent_required_fields (restricted categories).
std::vector<std::string> ReadableCategories(const JurisdictionProfile& profile);

//! Registers a consent (audited). Refused: purpose not in the profile (条例 Art. 18, 19; FCRA
//! 604), unknown restricted category, restricted categories without the written artefact and
//! notice version (条例 Art. 14 para. 2; PIPL Art. 29), valid_to before valid_from, unknown
//! subject, a reference the institution already used for this subject.
Result<int64_t> AddConsent(Store& store, const ComplianceContext& context, const ConsentGrant& grant);
//! Withdraws a consent from today on (PIPL Art. 15; GDPR Art. 7(3)); audited.
Status WithdrawConsent(Store& store, const ComplianceContext& context, int64_t consent_id);
Result<ConsentRecord> GetConsentRecord(Transaction& tx, int64_t consent_id);
Result<std::vector<ConsentRecord>> ListConsentRecords(Transaction& tx, SubjectId subject_id);

}  // namespace credo::compliance
