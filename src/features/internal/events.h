// credo features (internal): counting dated events (inquiries, public records) in windows.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/records.h"

namespace credo::features::internal {

//! Institution name folded for distinct counting: surrounding spaces trimmed, ASCII lower-cased,
//! inner runs of spaces collapsed.
std::string NormalizeInstitution(std::string_view name);

struct InquiryCounts {
  int inquiries = 0;
  int lenders = 0;
};
//! Hard inquiries dated in (as_of - months, as_of] and the distinct institutions among them.
InquiryCounts CountHardInquiries(std::span<const Inquiry> inquiries, Date as_of, int months);
//! The latest hard inquiry date on or before as_of.
std::optional<Date> LatestHardInquiry(std::span<const Inquiry> inquiries, Date as_of);

//! A public record is open on as_of when filed on or before it and not resolved on or before it.
bool IsOpenOn(const PublicRecord& record, Date as_of);

}  // namespace credo::features::internal
