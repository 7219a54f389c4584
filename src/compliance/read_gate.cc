#include "compliance/read_gate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "compliance/consent.h"
#include "compliance/internal/consent_choice.h"
#include "compliance/internal/self_query_rules.h"
#include "compliance/internal/sql.h"
#include "compliance/operator_access.h"
#include "compliance/refusal.h"

namespace credo::compliance {

using internal::AsDate;
using internal::AsInt;
using internal::AsText;

namespace {

constexpr const char* kConsentLaw = "征信业管理条例 第18条; PIPL Art. 14, 15; FCRA 604(b)";

bool Contains(const std::vector<std::string>& items, std::string_view value) {
  return std::find(items.begin(), items.end(), value) != items.end();
}

std::string_view KindName(InquiryKind kind) { return kind == InquiryKind::kHard ? "hard" : "soft"; }

// Checks one consent against the request; returns the rule it breaks (empty when valid).
std::string ConsentProblem(const ConsentRecord& record, SubjectId subject, const ReadRequest& request,
                           Date today, std::string& message) {
  const Consent& c = record.consent;
  if (c.subject_id != subject) {
    message = "consent " + c.reference + " is not a consent of subject " +
              std::to_string(request.subject_id);
    return "consent.other_subject";
  }
  if (c.institution != request.institution) {
    message = "consent " + c.reference + " was given to institution " + c.institution + ", not to " +
              request.institution;
    return "consent.other_institution";
  }
  if (c.purpose != request.purpose) {
    message = "consent " + c.reference + " is for purpose " + c.purpose + ", not " + request.purpose;
    return "consent.other_purpose";
  }
  switch (ConsentStateOn(c, today)) {
    case ConsentState::kValid: break;
    case ConsentState::kNotYetValid:
      message = "consent " + c.reference + " is valid only from " + c.granted_on.ToIso();
      return "consent.not_yet_valid";
    case ConsentState::kExpired:
      message = "consent " + c.reference + " expired on " + c.expires_on->ToIso() +
                "; ask the subject for a new consent";
      return "consent.expired";
    case ConsentState::kWithdrawn:
      message = "consent " + c.reference + " was withdrawn on " + c.revoked_on->ToIso() +
                "; withdrawal stops every later read";
      return "consent.withdrawn";
  }
  // 条例 Art. 20: users keep to the agreed scope.
  if (!record.scope.empty()) {
    for (const auto& category : request.what) {
      if (!Contains(record.scope, category) && !Contains(record.restricted_categories, category)) {
        message = "consent " + c.reference + " covers " + internal::JoinList(record.scope) +
                  ", not " + category;
        return "consent.out_of_scope";
      }
    }
  }
  return {};
}

// 条例 第18条 (the law's own cases: 法律规定的其他情形) and FCRA 604(a)(1): a read under a court
// order relies on that order, as a consented read relies on its consent.
constexpr const char* kCourtOrderLaw = "征信业管理条例 第18条; FCRA 604(a)(1)";
constexpr size_t kOrderReferenceMinBytes = 4;
constexpr size_t kOrderReferenceMaxBytes = 128;

// The court-order reference rules (read_gate.h ReadRequest::order_reference); nullopt when the
// request keeps them.
std::optional<GateRefusal> CheckOrderReference(const ReadRequest& request) {
  const std::string& reference = request.order_reference;
  if (request.purpose != kCourtOrderPurpose) {
    if (reference.empty()) return std::nullopt;
    return GateRefusal{ErrorCode::kInvalidArgument, "court_order.reference_unexpected",
                       kCourtOrderLaw,
                                 "order_reference names the court order a read under purpose " +
                                     std::string(kCourtOrderPurpose) + " relies on; purpose " +
                                     request.purpose + " relies on no order: leave it out"};
  }
  if (reference.empty()) {
    return GateRefusal{
        ErrorCode::kPermissionDenied, "court_order.reference_required", kCourtOrderLaw,
        "purpose " + std::string(kCourtOrderPurpose) +
            " reads only under a court order: give the order's reference (its case or order "
            "number, e.g. (2024)京0105执1234号 or 1:24-cv-01234) in order_reference"};
  }
  auto malformed = [](std::string what) {
    return GateRefusal{ErrorCode::kInvalidArgument, "court_order.reference_malformed",
                       kCourtOrderLaw,
                                 "the court order reference " + std::move(what) +
                                     "; give the case or order number as the order states it"};
  };
  if (reference.size() < kOrderReferenceMinBytes || reference.size() > kOrderReferenceMaxBytes) {
    return malformed("is " + std::to_string(reference.size()) + " bytes long, not " +
                     std::to_string(kOrderReferenceMinBytes) + " to " +
                     std::to_string(kOrderReferenceMaxBytes));
  }
  bool digit = false;
  for (char c : reference) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return malformed("holds a control character");
    if (c >= '0' && c <= '9') digit = true;
  }
  if (reference.front() == ' ' || reference.back() == ' ') {
    return malformed("\"" + reference + "\" starts or ends with a space");
  }
  if (!digit) {
    return malformed("\"" + reference + "\" has no digit (no case or order number)");
  }
  return std::nullopt;
}

}  // namespace

namespace internal {

Result<ConsentChoice> ChooseConsent(Transaction& tx, const ComplianceContext& context,
                                    const ReadRequest& request, SubjectId subject,
                                    const PurposeRule& purpose,
                                    const std::vector<std::string>& restricted_asked) {
  ConsentChoice choice;
  if (!purpose.requires_consent && restricted_asked.empty() && request.consent_reference.empty()) {
    return choice;
  }
  const Date today = context.Today();
  auto refuse = [&choice](std::string rule, std::string law, std::string message) {
    choice.consent.reset();
    choice.rule = std::move(rule);
    choice.legal_basis = std::move(law);
    choice.message = std::move(message);
    return choice;
  };
  CREDO_ASSIGN_OR_RETURN(std::vector<ConsentRecord> consents, ListConsentRecords(tx, subject));
  const ConsentRecord* chosen = nullptr;
  if (!request.consent_reference.empty()) {
    // The named consent: for another institution, purpose, expired or withdrawn is refused
    // even if another consent would do; the requester relied on this one.
    const ConsentRecord* named = nullptr;
    for (const auto& record : consents) {
      if (record.consent.reference == request.consent_reference &&
          record.consent.institution == request.institution) {
        named = &record;
      }
    }
    if (named == nullptr) {
      for (const auto& record : consents) {
        if (record.consent.reference == request.consent_reference) named = &record;
      }
    }
    if (named == nullptr) {
      return refuse("consent.missing", kConsentLaw,
                    "subject " + std::to_string(request.subject_id) + " has no consent " +
                        request.consent_reference);
    }
    std::string message;
    std::string rule = ConsentProblem(*named, subject, request, today, message);
    if (!rule.empty()) return refuse(rule, kConsentLaw, message);
    chosen = named;
  } else {
    std::string first_rule;
    std::string first_message;
    for (const auto& record : consents) {
      std::string message;
      std::string rule = ConsentProblem(record, subject, request, today, message);
      if (rule.empty()) {
        bool names_all = std::all_of(restricted_asked.begin(), restricted_asked.end(),
                                     [&](const std::string& category) {
                                       return Contains(record.restricted_categories, category);
                                     });
        if (chosen == nullptr || names_all) chosen = &record;
        if (names_all) break;
      } else if (first_rule.empty() && record.consent.institution == request.institution) {
        first_rule = rule;
        first_message = message;
      }
    }
    if (chosen == nullptr && purpose.requires_consent) {
      if (first_rule.empty()) {
        first_rule = "consent.missing";
        first_message = "institution " + request.institution + " holds no consent of subject " +
                        std::to_string(request.subject_id) + " for purpose " + request.purpose;
      }
      return refuse(first_rule, kConsentLaw, first_message);
    }
  }
  for (const auto& category : restricted_asked) {
    if (chosen == nullptr || !Contains(chosen->restricted_categories, category)) {
      return refuse("restricted.no_consent", "征信业管理条例 第14条第2款; PIPL Art. 29",
                    "restricted data \"" + category +
                        "\" is shown only under a written consent that names it");
    }
  }
  if (chosen != nullptr) choice.consent = *chosen;
  return choice;
}

}  // namespace internal

bool ReadGrant::MayShow(std::string_view category) const { return Contains(what, category); }

std::string_view SelfQueryBasisName(SelfQueryBasis basis) {
  switch (basis) {
    case SelfQueryBasis::kFree: return "free";
    case SelfQueryBasis::kPaid: return "paid";
    case SelfQueryBasis::kAdverseAction: return "adverse_action";
  }
  return "free";
}

Result<SelfQueryBasis> ParseSelfQueryBasis(std::string_view name) {
  for (SelfQueryBasis basis :
       {SelfQueryBasis::kFree, SelfQueryBasis::kPaid, SelfQueryBasis::kAdverseAction}) {
    if (SelfQueryBasisName(basis) == name) return basis;
  }
  return MakeError(ErrorCode::kInvalidArgument, "unknown self-query right \"" + std::string(name) +
                                                    "\"; use free, paid or adverse_action");
}

Result<ReadGrant> AuthorizeRead(Transaction& tx, const ComplianceContext& context,
                                const ReadRequest& request) {
  RuleBreak base;
  base.operation = "read";
  base.subject_id = request.subject_id;
  base.institution = request.institution;
  base.staff_user = request.staff_user;
  base.purpose = request.purpose;
  auto refuse = [&](ErrorCode code, std::string rule, std::string law,
                    std::string message) -> Result<ReadGrant> {
    RuleBreak r = base;
    r.code = code;
    r.rule = std::move(rule);
    r.legal_basis = std::move(law);
    r.message = std::move(message);
    CREDO_TRY(WriteRefusal(tx, context, r));
    return ToError(r);
  };
  auto refuse_with = [&](GateRefusal refusal) -> Result<ReadGrant> {
    return refuse(refusal.code, std::move(refusal.rule), std::move(refusal.legal_basis),
                  std::move(refusal.message));
  };
  const Date today = context.Today();

  // 条例 Art. 18, FCRA 604(a): every read names a permissible purpose of the profile.
  const PurposeRule* purpose = context.profile->FindPurpose(request.purpose);
  if (purpose == nullptr) {
    std::string codes;
    for (const auto& p : context.profile->purposes) codes += (codes.empty() ? "" : ", ") + p.code;
    return refuse(ErrorCode::kPermissionDenied, "purpose.unknown",
                  "征信业管理条例 第18条; FCRA 604(a)",
                  "purpose \"" + request.purpose + "\" is not a purpose of profile " +
                      context.profile->name + "; purposes are " + codes);
  }
  // 条例 Art. 22: the query log names the institution and the staff member.
  if (request.institution.empty() || request.staff_user.empty()) {
    return refuse(ErrorCode::kInvalidArgument, "read.requester_unnamed", "征信业管理条例 第22条",
                  "a read names the institution and the staff user who makes it");
  }
  // 条例 Art. 17: the self-query is the subject's own. Only the self-service channel makes it,
  // and that channel makes nothing else.
  const bool self_purpose = request.purpose == kSelfQueryPurpose;
  const bool self_channel = request.institution == kSelfQueryInstitution;
  if (self_purpose && !self_channel) {
    return refuse(ErrorCode::kPermissionDenied, "self_query.subject_only", "征信业管理条例 第17条",
                  "purpose " + request.purpose +
                      " is the subject's own query through the bureau's self-service channel; "
                      "institution " + request.institution +
                      " reads under one of its permissible purposes, with the subject's consent "
                      "where the purpose needs it");
  }
  if (self_channel && !self_purpose) {
    return refuse(ErrorCode::kPermissionDenied, "self_query.channel_purpose",
                  "征信业管理条例 第17条",
                  "the self-service channel reads only under purpose " +
                      std::string(kSelfQueryPurpose) + ", not " + request.purpose);
  }
  auto subject = tx.ResolveSubjectId(request.subject_id);
  if (!subject.ok()) {
    return refuse(ErrorCode::kNotFound, "subject.unknown", "征信业管理条例 第18条",
                  "no subject " + std::to_string(request.subject_id) + " in the bureau");
  }
  // The bureau's staff read only under an operator purpose with an open case of the subject,
  // and institutions never under one (operator_access.h; 条例 第20条, 第22条, 第25条; FCRA 611).
  CREDO_ASSIGN_OR_RETURN(auto operator_problem, CheckOperatorRead(tx, context, request, *subject));
  if (operator_problem) return refuse_with(std::move(*operator_problem));
  auto readable = ReadableCategories(*context.profile);
  std::vector<std::string> restricted_asked;
  for (const auto& category : request.what) {
    if (!Contains(readable, category)) {
      return refuse(ErrorCode::kInvalidArgument, "read.unknown_category", "征信业管理条例 第20条",
                    "data category \"" + category + "\" is not one of " +
                        internal::JoinList(readable));
    }
    if (context.profile->NeedsConsent(category)) restricted_asked.push_back(category);
  }
  // 条例 Art. 18, FCRA 604(a)(1): a read under a court order names the order, and only such a
  // read names one.
  if (auto order = CheckOrderReference(request)) return refuse_with(std::move(*order));
  // 条例 Art. 17, FCRA 612: a self-query is one of the year's free ones, a paid one, or the free
  // one after an adverse action notice (internal/self_query_rules.h); no other read names a right.
  CREDO_ASSIGN_OR_RETURN(auto self_query_problem,
                         internal::CheckSelfQueryRight(tx, context, request, *subject, today));
  if (self_query_problem) return refuse_with(std::move(*self_query_problem));

  // Consent: required by the purpose (条例 Art. 18; FCRA 604(b)), or by restricted data asked
  // for (条例 Art. 14 para. 2; PIPL Art. 29) whatever the purpose (internal/consent_choice.h,
  // the one consent check, which monitoring uses too).
  CREDO_ASSIGN_OR_RETURN(
      internal::ConsentChoice consent,
      internal::ChooseConsent(tx, context, request, *subject, *purpose, restricted_asked));
  if (consent.refused()) {
    return refuse(ErrorCode::kPermissionDenied, consent.rule, consent.legal_basis, consent.message);
  }
  const ConsentRecord* chosen = consent.consent ? &*consent.consent : nullptr;

  // Record the read: inquiry + query-log row, in the caller's transaction (条例 Art. 22;
  // FCRA 609(a)(3)).
  ReadGrant grant;
  grant.subject_id = *subject;
  grant.inquiry_kind = purpose->hard_inquiry ? InquiryKind::kHard : InquiryKind::kSoft;
  grant.legal_basis = purpose->legal_basis;
  grant.what = request.what;
  grant.consent_id = chosen ? chosen->consent.id : 0;
  Inquiry inquiry;
  inquiry.subject_id = *subject;
  inquiry.institution = request.institution;
  inquiry.purpose = request.purpose;
  inquiry.kind = grant.inquiry_kind;
  inquiry.inquired_on = today;
  inquiry.consent_reference = chosen ? chosen->consent.reference : "";
  CREDO_ASSIGN_OR_RETURN(grant.inquiry_id, tx.InsertInquiry(inquiry));
  std::vector<SqlValue> params = {internal::Int(grant.inquiry_id),
                                  internal::Int(*subject),
                                  internal::Text(request.institution),
                                  internal::Text(request.staff_user),
                                  internal::Text(request.purpose),
                                  internal::Text(purpose->legal_basis),
                                  internal::Text(std::string(KindName(grant.inquiry_kind))),
                                  internal::Int(grant.consent_id),
                                  internal::Text(inquiry.consent_reference),
                                  internal::Text(internal::JoinList(request.what)),
                                  internal::DateValue(today),
                                  internal::Int(context.Now()),
                                  internal::Text(request.order_reference),
                                  internal::Text(self_purpose ? std::string(SelfQueryBasisName(
                                                                    request.self_query_basis))
                                                              : std::string()),
                                  internal::Text(request.self_query_reference),
                                  internal::OptionalDate(request.adverse_action_notice_on)};
  CREDO_ASSIGN_OR_RETURN(
      grant.query_record_id,
      internal::InsertReturningId(tx,
                                  "INSERT INTO compliance_query_log (inquiry_id, subject_id, "
                                  "institution, staff_user, purpose, "
                                  "legal_basis, inquiry_kind, consent_id, consent_reference, "
                                  "returned, queried_on, queried_at, "
                                  "order_reference, self_query_basis, self_query_reference, "
                                  "adverse_action_notice_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?, ?, ?, ?, ?)",
                                  params));
  AuditEntry entry;
  entry.actor = request.staff_user;
  entry.action = "compliance.read";
  entry.entity = "compliance_query_log";
  entry.entity_id = grant.query_record_id;
  entry.subject_id = *subject;
  entry.detail = "institution=" + request.institution + " purpose=" + request.purpose +
                 " kind=" + std::string(KindName(grant.inquiry_kind)) +
                 " consent=" + std::to_string(grant.consent_id) +
                 (request.order_reference.empty() ? "" : " order=" + request.order_reference) +
                 (self_purpose ? " right=" + std::string(SelfQueryBasisName(request.self_query_basis))
                               : std::string()) +
                 " returned=" + internal::JoinList(request.what);
  CREDO_TRY(tx.AppendAudit(std::move(entry)));
  return grant;
}

Result<ReadGrant> ReadThroughGate(Store& store, const ComplianceContext& context,
                                  const ReadRequest& request,
                                  const std::function<Status(Transaction&, const ReadGrant&)>& read) {
  std::optional<Error> refusal;
  ReadGrant grant;
  Status status = store.WithTransaction([&](Transaction& tx) -> Status {
    auto authorised = AuthorizeRead(tx, context, request);
    if (!authorised.ok()) {
      refusal = authorised.error();
      return Ok();  // commit the refusal record, nothing else was written
    }
    grant = std::move(authorised).value();
    return read(tx, grant);
  });
  if (!status.ok()) return status.error();
  if (refusal) return *refusal;
  return grant;
}

namespace {

QueryRecord FromLogRow(const SqlRow& row) {
  QueryRecord r;
  r.query_record_id = AsInt(row[0]);
  r.inquiry_id = AsInt(row[1]);
  r.subject_id = AsInt(row[2]);
  r.institution = AsText(row[3]);
  r.staff_user = AsText(row[4]);
  r.purpose = AsText(row[5]);
  r.legal_basis = AsText(row[6]);
  r.kind = AsText(row[7]) == "hard" ? InquiryKind::kHard : InquiryKind::kSoft;
  r.consent_id = AsInt(row[8]);
  r.consent_reference = AsText(row[9]);
  r.returned = AsText(row[10]);
  r.queried_on = AsDate(row[11]);
  r.queried_at = AsInt(row[12]);
  r.order_reference = AsText(row[13]);
  r.self_query_basis = AsText(row[14]);
  r.self_query_reference = AsText(row[15]);
  r.adverse_action_notice_on = internal::AsOptionalDate(row[16]);
  return r;
}

constexpr const char* kLogColumns =
    "id, inquiry_id, subject_id, institution, staff_user, purpose, legal_basis, inquiry_kind, "
    "consent_id, consent_reference, returned, queried_on, queried_at, order_reference, "
    "self_query_basis, self_query_reference, adverse_action_notice_on";

}  // namespace

Result<std::vector<QueryRecord>> ListQueryRecords(Transaction& tx, const ComplianceContext& context,
                                                  SubjectId subject_id, ViewerKind viewer) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  CREDO_ASSIGN_OR_RETURN(auto inquiries, tx.ListInquiries(surviving));
  std::vector<SqlValue> params = {internal::Int(surviving)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kLogColumns +
                              " FROM compliance_query_log WHERE subject_id = ? ORDER BY id",
                          params));
  std::map<int64_t, QueryRecord> logged;
  for (const auto& row : rows) {
    QueryRecord r = FromLogRow(row);
    logged[r.inquiry_id] = r;
  }
  // The profile's query-record period (条例: configurable, CRC shows 2 years; FCRA 609(a)(3)).
  const Date since = context.Today().AddYears(-context.profile->query_record_retention_years);
  std::vector<QueryRecord> out;
  for (const auto& inquiry : inquiries) {
    if (inquiry.inquired_on < since) continue;
    // FCRA 609(a)(3) and CRC practice: soft inquiries are shown only to the subject.
    if (viewer == ViewerKind::kInstitution && inquiry.kind == InquiryKind::kSoft) continue;
    QueryRecord r;
    auto found = logged.find(inquiry.id);
    if (found != logged.end()) {
      r = found->second;
    } else {
      r.inquiry_id = inquiry.id;
      r.subject_id = surviving;
      r.institution = inquiry.institution;
      r.purpose = inquiry.purpose;
      r.kind = inquiry.kind;
      r.queried_on = inquiry.inquired_on;
      r.consent_reference = inquiry.consent_reference;
      if (const PurposeRule* p = context.profile->FindPurpose(inquiry.purpose)) {
        r.legal_basis = p->legal_basis;
      }
    }
    if (viewer != ViewerKind::kAuditor) r.staff_user.clear();
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const QueryRecord& a, const QueryRecord& b) {
    if (a.queried_on != b.queried_on) return a.queried_on > b.queried_on;
    return a.inquiry_id > b.inquiry_id;
  });
  return out;
}

Result<std::vector<QueryRecord>> ListQueryLog(Transaction& tx, Date from, Date to) {
  std::vector<SqlValue> params = {internal::DateValue(from), internal::DateValue(to)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kLogColumns +
                   " FROM compliance_query_log WHERE queried_on >= ? AND queried_on <= ? ORDER BY id",
               params));
  std::vector<QueryRecord> out;
  for (const auto& row : rows) out.push_back(FromLogRow(row));
  return out;
}

Result<int> CountSelfQueries(Transaction& tx, SubjectId subject_id, Date day) {
  CREDO_ASSIGN_OR_RETURN(Date first, Date::FromYmd(day.year(), 1, 1));
  CREDO_ASSIGN_OR_RETURN(Date last, Date::FromYmd(day.year(), 12, 31));
  std::vector<SqlValue> params = {internal::Int(subject_id),
                                  internal::Text(std::string(kSelfQueryPurpose)),
                                  internal::DateValue(first), internal::DateValue(last)};
  CREDO_ASSIGN_OR_RETURN(auto rows,
                         tx.Query("SELECT COUNT(*) FROM compliance_query_log WHERE subject_id = ? "
                                  "AND purpose = ? AND queried_on >= ? AND queried_on <= ? "
                                  "AND self_query_basis IN ('', 'free')",
                                  params));
  return rows.empty() ? 0 : static_cast<int>(AsInt(rows[0][0]));
}

}  // namespace credo::compliance
