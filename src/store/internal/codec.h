// credo store internal: how core values are written in columns. These names are the stored
// format (stable across releases), independent of display names elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/records.h"
#include "core/result.h"
#include "core/subject.h"
#include "core/tradeline.h"

namespace credo::store_internal {

std::string_view IdentifierKindCode(IdentifierKind kind);
Result<IdentifierKind> IdentifierKindFromCode(std::string_view code);
std::string_view SubjectKindCode(SubjectKind kind);
Result<SubjectKind> SubjectKindFromCode(std::string_view code);
std::string_view AccountKindCode(AccountKind kind);
Result<AccountKind> AccountKindFromCode(std::string_view code);
std::string_view AccountStatusCode(AccountStatus status);
Result<AccountStatus> AccountStatusFromCode(std::string_view code);
std::string_view InquiryKindCode(InquiryKind kind);
Result<InquiryKind> InquiryKindFromCode(std::string_view code);
std::string_view OrganizationStatusCode(OrganizationStatus status);
Result<OrganizationStatus> OrganizationStatusFromCode(std::string_view code);

//! The identity of a subject (person or organization fields) as JSON bytes, before encryption
//! (identity_writer.h writes them; text that is not valid UTF-8 takes the next function's path).
std::string EncodeIdentity(const Subject& subject);
//! The same bytes through nlohmann's document and dump: the reference of the direct writer
//! (throws nlohmann's type_error on text that is not valid UTF-8).
std::string EncodeIdentityWithJsonLibrary(const Subject& subject);
//! Fills subject.person or subject.organization; kDataLoss when the bytes are not an identity.
Status DecodeIdentity(std::string_view bytes, Subject& subject);

inline std::optional<int64_t> DaysOf(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return date->days_since_epoch();
}

}  // namespace credo::store_internal
