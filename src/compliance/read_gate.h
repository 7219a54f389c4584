// credo compliance: the read gate and the query records.
//
// Every read of a person's credit data (report, score, attributes, identity, export) goes
// through AuthorizeRead. It refuses unless the purpose is one of the profile's, and, where the
// profile's purpose requires it, a consent is valid on that day for that subject, institution
// and purpose; restricted categories (income, deposits, ...) need a consent that names them.
// An authorised read is recorded in the same transaction: an inquiry (hard or soft by the
// purpose) and a query-log row (who, institution, staff user, time, purpose, consent, what was
// returned). Query records are append-only (database triggers) and no function deletes them.
//
// A read under purpose court_order (司法查询) needs no consent, but it relies on the court order
// as a consented read relies on its consent: it must name the order (ReadRequest::
// order_reference, its case or order number), which is kept in the query-log row and its audit
// entry and shown to the subject with the query record (QueryRecord::order_reference).
//
// Refusals: kPermissionDenied (purpose, consent, restricted data, a self-query not made by the
// subject, a court-order read without its order), kInvalidArgument (no staff user or
// institution, unknown category, a malformed order reference or one on a read of another
// purpose, a self-query's right not proven), kNotFound (unknown subject), kResourceExhausted (free
// self-queries used up, or the one free read after an adverse action notice). Each is
// written as a refusal record into the caller's transaction; ReadThroughGate commits that record
// even though the read is refused.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/context.h"
#include "store/store.h"

namespace credo::compliance {

//! The purpose code of a subject's own query (条例 Art. 17; FCRA 609, 612).
inline constexpr std::string_view kSelfQueryPurpose = "self_query";
//! The institution a subject's own query is made as: the bureau's self-service channel
//! (`/v1/me/report`, the counter). A self-query is refused under any other institution, and
//! this institution reads under no other purpose (rules self_query.subject_only and
//! self_query.channel_purpose): an institution cannot take the subject's free, soft,
//! consent-free read for itself.
inline constexpr std::string_view kSelfQueryInstitution = "self";
//! The purpose code of a read under a court order (条例 第18条: 法律规定的其他情形; FCRA
//! 604(a)(1)). No consent; the read names the order (ReadRequest::order_reference): rules
//! court_order.reference_required (kPermissionDenied: none given) and
//! court_order.reference_malformed (kInvalidArgument: not 4 to 128 bytes, a control character,
//! a leading or trailing space, or no digit, i.e. no case or order number). An order reference
//! on a read of any other purpose is refused too (court_order.reference_unexpected).
inline constexpr std::string_view kCourtOrderPurpose = "court_order";

//! Which right a self-query uses (ReadRequest::self_query_basis).
enum class SelfQueryBasis {
  kFree,           //!< one of the year's free self-queries (条例 第17条; FCRA 612(a))
  kPaid,           //!< beyond the free ones, for a fee (FCRA 612(f)); names the payment
  kAdverseAction,  //!< FCRA 612(b): free, within the profile's days of an adverse action notice
};
std::string_view SelfQueryBasisName(SelfQueryBasis basis);  //!< "free", "paid", "adverse_action"
Result<SelfQueryBasis> ParseSelfQueryBasis(std::string_view name);

// Every field has a default, so a request built from its first fields is complete.
struct ReadRequest {
  SubjectId subject_id = 0;
  std::string institution;        //!< who reads (a self-query: kSelfQueryInstitution)
  std::string staff_user;         //!< the person at the institution (条例 Art. 22)
  std::string purpose;            //!< a purpose code of the profile
  std::string consent_reference;  //!< the consent relied on; empty: any valid one on file
  std::vector<std::string> what = {"report"};  //!< data categories asked for
  //! Operator purposes (operator_access.h): the dispute or complaint the read is for; 0: any
  //! open case of the subject.
  int64_t case_id = 0;
  //! Purpose court_order only (kCourtOrderPurpose): the reference of the order the read is made
  //! under, its case or order number as the order states it ("(2024)京0105执1234号",
  //! "1:24-cv-01234"). Required for that purpose, refused for any other.
  std::string order_reference{};
  //! Purpose self_query only. kFree counts against the profile's free self-queries of the
  //! calendar year and needs nothing else. kPaid needs `self_query_reference`, the payment's
  //! receipt number. kAdverseAction needs `self_query_reference`, the institution that sent the
  //! notice, and `adverse_action_notice_on`, the notice's date, no more than the profile's
  //! adverse_action_free_report_days before today; one such read per notice. Neither of the last
  //! two uses up a free one. Rules: self_query.basis_unexpected (another purpose),
  //! self_query.payment_reference_required, self_query.reference_malformed (2 to 128 bytes, no
  //! control character, no leading or trailing space), self_query.adverse_action_not_in_profile,
  //! self_query.adverse_action_notice_required, self_query.adverse_action_notice_future,
  //! self_query.adverse_action_expired, self_query.adverse_action_used.
  SelfQueryBasis self_query_basis = SelfQueryBasis::kFree;
  std::string self_query_reference{};
  std::optional<Date> adverse_action_notice_on{};
};

struct ReadGrant {
  SubjectId subject_id = 0;  //!< the surviving subject id
  int64_t query_record_id = 0;
  int64_t inquiry_id = 0;
  InquiryKind inquiry_kind = InquiryKind::kHard;
  int64_t consent_id = 0;  //!< 0 when the purpose needs none
  std::string legal_basis;
  std::vector<std::string> what;  //!< the categories granted (and recorded as returned)
  bool MayShow(std::string_view category) const;
};

//! Authorises and records a read inside `tx` (see the header comment).
Result<ReadGrant> AuthorizeRead(Transaction& tx, const ComplianceContext& context,
                                const ReadRequest& request);

//! Authorises, records and runs `read` in one transaction. On a refusal only the refusal record
//! is committed and the refusal is returned; if `read` fails, nothing is recorded.
Result<ReadGrant> ReadThroughGate(Store& store, const ComplianceContext& context,
                                  const ReadRequest& request,
                                  const std::function<Status(Transaction&, const ReadGrant&)>& read);

//! Who is looking at a subject's query records.
enum class ViewerKind {
  kSubject,      //!< the subject: sees hard and soft inquiries (FCRA 609(a)(3))
  kInstitution,  //!< another user: sees hard inquiries only
  kAuditor,      //!< compliance: sees everything, with staff users
};

struct QueryRecord {
  int64_t inquiry_id = 0;
  int64_t query_record_id = 0;  //!< 0 for inquiries reported by furnishers (no read here)
  SubjectId subject_id = 0;
  std::string institution;
  std::string staff_user;  //!< only for kAuditor
  std::string purpose;
  std::string legal_basis;
  InquiryKind kind = InquiryKind::kHard;
  Date queried_on;
  int64_t queried_at = 0;
  int64_t consent_id = 0;
  std::string consent_reference;
  std::string returned;
  //! The court order a court_order read was made under (ReadRequest::order_reference); empty for
  //! other reads and for inquiries reported by furnishers. Shown to every viewer of the record.
  std::string order_reference{};
  //! Self-queries: the right used ("free", "paid", "adverse_action"), its reference (receipt or
  //! the institution that sent the notice) and the notice's date; empty for other reads.
  std::string self_query_basis;
  std::string self_query_reference{};
  std::optional<Date> adverse_action_notice_on{};
};

//! The subject's query records inside the profile's query-record period, newest first, filtered
//! for the viewer: hard inquiries to every viewer, soft ones only to the subject and auditors.
Result<std::vector<QueryRecord>> ListQueryRecords(Transaction& tx, const ComplianceContext& context,
                                                  SubjectId subject_id, ViewerKind viewer);
//! Every query-log row whose day is in [from, to] (for the compliance report), oldest first.
Result<std::vector<QueryRecord>> ListQueryLog(Transaction& tx, Date from, Date to);
//! Free self-queries the subject made in the calendar year of `day` (paid ones and those after
//! an adverse action are not counted).
Result<int> CountSelfQueries(Transaction& tx, SubjectId subject_id, Date day);

}  // namespace credo::compliance
