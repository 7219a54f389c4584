#include "compliance/internal/self_query_rules.h"

#include "compliance/internal/sql.h"

namespace credo::compliance::internal {
namespace {

constexpr const char* kFreeLaw = "征信业管理条例 第17条; FCRA 612(a)";
constexpr const char* kPaidLaw = "FCRA 612(f); 征信业管理条例 第17条";
constexpr const char* kAdverseActionLaw = "FCRA 612(b)";
constexpr size_t kReferenceMinBytes = 2;
constexpr size_t kReferenceMaxBytes = 128;

GateRefusal Problem(ErrorCode code, std::string rule, const char* law, std::string message) {
  return GateRefusal{code, std::move(rule), law, std::move(message)};
}

// A receipt number or an institution's name: printable, trimmed, of a sensible length.
std::optional<std::string> ReferenceFault(const std::string& reference) {
  if (reference.size() < kReferenceMinBytes || reference.size() > kReferenceMaxBytes) {
    return "is " + std::to_string(reference.size()) + " bytes long, not " +
           std::to_string(kReferenceMinBytes) + " to " + std::to_string(kReferenceMaxBytes);
  }
  for (char c : reference) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return std::string("holds a control character");
  }
  if (reference.front() == ' ' || reference.back() == ' ') {
    return "\"" + reference + "\" starts or ends with a space";
  }
  return std::nullopt;
}

std::string OtherRights(const JurisdictionProfile& profile) {
  std::string text =
      "a paid self-query (right \"paid\", with the payment's receipt number as its reference)";
  if (profile.adverse_action_free_report_days > 0) {
    text += ", or a free one within " + std::to_string(profile.adverse_action_free_report_days) +
            " days of an adverse action notice (right \"adverse_action\", naming who sent it "
            "and the notice's date)";
  }
  return text;
}

Result<std::optional<GateRefusal>> CheckFree(Transaction& tx,
                                                  const ComplianceContext& context,
                                                  const ReadRequest& request, SubjectId subject,
                                                  Date today) {
  const int allowed = context.profile->free_self_queries_per_year;
  CREDO_ASSIGN_OR_RETURN(int used, CountSelfQueries(tx, subject, today));
  if (used < allowed) return std::optional<GateRefusal>();
  return std::optional<GateRefusal>(Problem(
      ErrorCode::kResourceExhausted, "self_query.free_limit", kFreeLaw,
      "subject " + std::to_string(request.subject_id) + " has used " + std::to_string(used) +
          " of " + std::to_string(allowed) + " free self-queries in " +
          std::to_string(today.year()) + "; the next free one is available on " +
          std::to_string(today.year() + 1) + "-01-01; until then " +
          OtherRights(*context.profile)));
}

Result<std::optional<GateRefusal>> CheckAdverseAction(Transaction& tx,
                                                           const ComplianceContext& context,
                                                           const ReadRequest& request,
                                                           SubjectId subject, Date today) {
  using Found = std::optional<GateRefusal>;
  const int days = context.profile->adverse_action_free_report_days;
  if (days <= 0) {
    return Found(Problem(ErrorCode::kPermissionDenied, "self_query.adverse_action_not_in_profile",
                         kAdverseActionLaw,
                         "profile " + context.profile->name +
                             " gives no free report after an adverse action; use one of the "
                             "year's free self-queries or " + OtherRights(*context.profile)));
  }
  if (request.self_query_reference.empty() || !request.adverse_action_notice_on) {
    return Found(Problem(ErrorCode::kInvalidArgument, "self_query.adverse_action_notice_required",
                         kAdverseActionLaw,
                         "a free report after an adverse action names the notice: who sent it "
                         "(self_query_reference) and the day it was sent "
                         "(adverse_action_notice_on, YYYY-MM-DD)"));
  }
  if (auto fault = ReferenceFault(request.self_query_reference)) {
    return Found(Problem(ErrorCode::kInvalidArgument, "self_query.reference_malformed",
                         kAdverseActionLaw,
                         "the name of who sent the adverse action notice " + *fault));
  }
  const Date notice = *request.adverse_action_notice_on;
  if (notice > today) {
    return Found(Problem(ErrorCode::kInvalidArgument, "self_query.adverse_action_notice_future",
                         kAdverseActionLaw,
                         "the adverse action notice is dated " + notice.ToIso() +
                             ", after today (" + today.ToIso() + ")"));
  }
  if (today.DaysSince(notice) > days) {
    return Found(Problem(ErrorCode::kPermissionDenied, "self_query.adverse_action_expired",
                         kAdverseActionLaw,
                         "the adverse action notice of " + notice.ToIso() + " is " +
                             std::to_string(today.DaysSince(notice)) + " days old; the free report "
                             "is asked for within " + std::to_string(days) + " days"));
  }
  std::vector<SqlValue> params = {Int(subject), Text(std::string(kSelfQueryPurpose)),
                                  Text(std::string(SelfQueryBasisName(
                                      SelfQueryBasis::kAdverseAction))),
                                  Text(request.self_query_reference), DateValue(notice)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT COUNT(*) FROM compliance_query_log WHERE subject_id = ? AND "
                          "purpose = ? AND self_query_basis = ? AND self_query_reference = ? AND "
                          "adverse_action_notice_on = ?",
                          params));
  if (!rows.empty() && AsInt(rows[0][0]) > 0) {
    return Found(Problem(ErrorCode::kResourceExhausted, "self_query.adverse_action_used",
                         kAdverseActionLaw,
                         "the free report for the adverse action notice of " + notice.ToIso() +
                             " from " + request.self_query_reference +
                             " was already given; use one of the year's free self-queries or a "
                             "paid one"));
  }
  return Found();
}

}  // namespace

Result<std::optional<GateRefusal>> CheckSelfQueryRight(Transaction& tx,
                                                             const ComplianceContext& context,
                                                             const ReadRequest& request,
                                                             SubjectId subject, Date today) {
  using Found = std::optional<GateRefusal>;
  const bool named = request.self_query_basis != SelfQueryBasis::kFree ||
                     !request.self_query_reference.empty() ||
                     request.adverse_action_notice_on.has_value();
  if (request.purpose != kSelfQueryPurpose) {
    if (!named) return Found();
    return Found(Problem(ErrorCode::kInvalidArgument, "self_query.basis_unexpected", kFreeLaw,
                         "self_query_basis, self_query_reference and adverse_action_notice_on "
                         "belong to a self-query; purpose " + request.purpose +
                             " takes none of them"));
  }
  switch (request.self_query_basis) {
    case SelfQueryBasis::kFree:
      if (!request.self_query_reference.empty() || request.adverse_action_notice_on) {
        return Found(Problem(ErrorCode::kInvalidArgument, "self_query.basis_unexpected", kFreeLaw,
                             "a free self-query names no payment and no notice; say which right "
                             "the reference is for (self_query_basis paid or adverse_action)"));
      }
      return CheckFree(tx, context, request, subject, today);
    case SelfQueryBasis::kPaid:
      if (request.adverse_action_notice_on) {
        return Found(Problem(ErrorCode::kInvalidArgument, "self_query.basis_unexpected", kPaidLaw,
                             "a paid self-query names no adverse action notice"));
      }
      if (request.self_query_reference.empty()) {
        return Found(Problem(ErrorCode::kPermissionDenied,
                             "self_query.payment_reference_required", kPaidLaw,
                             "a paid self-query names the payment: give its receipt number in "
                             "self_query_reference"));
      }
      if (auto fault = ReferenceFault(request.self_query_reference)) {
        return Found(Problem(ErrorCode::kInvalidArgument, "self_query.reference_malformed",
                             kPaidLaw, "the payment's receipt number " + *fault));
      }
      return Found();
    case SelfQueryBasis::kAdverseAction:
      return CheckAdverseAction(tx, context, request, subject, today);
  }
  return Found();
}

}  // namespace credo::compliance::internal
