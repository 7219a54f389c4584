#include "features/internal/events.h"

#include <algorithm>
#include <vector>

#include "features/internal/account_view.h"

namespace credo::features::internal {

std::string NormalizeInstitution(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

InquiryCounts CountHardInquiries(std::span<const Inquiry> inquiries, Date as_of, int months) {
  InquiryCounts counts;
  std::vector<std::string> lenders;
  const Date start = as_of.AddMonths(-months);  // the window is (start, as_of]
  for (const Inquiry& inquiry : inquiries) {
    if (inquiry.kind != InquiryKind::kHard) continue;
    if (inquiry.inquired_on <= start || inquiry.inquired_on > as_of) continue;
    ++counts.inquiries;
    std::string lender = NormalizeInstitution(inquiry.institution);
    if (std::find(lenders.begin(), lenders.end(), lender) == lenders.end()) {
      lenders.push_back(std::move(lender));
    }
  }
  counts.lenders = static_cast<int>(lenders.size());
  return counts;
}

std::optional<Date> LatestHardInquiry(std::span<const Inquiry> inquiries, Date as_of) {
  std::optional<Date> latest;
  for (const Inquiry& inquiry : inquiries) {
    if (inquiry.kind != InquiryKind::kHard || inquiry.inquired_on > as_of) continue;
    if (!latest || inquiry.inquired_on > *latest) latest = inquiry.inquired_on;
  }
  return latest;
}

bool IsOpenOn(const PublicRecord& record, Date as_of) {
  return record.filed_on <= as_of && !(record.resolved_on && *record.resolved_on <= as_of);
}

}  // namespace credo::features::internal
