// credo core: the one rule for institution ids (API clients, consents, query records, the API).
//
// An institution id names a querying or furnishing institution wherever the bureau stores or
// compares one: the institution of an API client (its key), of a consent, of an inquiry and its
// query record, of an alert subscription. It is 1 to 64 ASCII characters: letters, digits,
// '.', '_', '-' and single spaces between words ("Bank A", "bank-a", "ICBC.SH"); it starts with
// a letter or digit and does not end with a space. No control characters, quotes, slashes or
// other punctuation, so it can stand in a log line, a header, a file name or a URL path segment
// (encoded space) without escaping surprises. Comparison is exact (case-sensitive).
// CheckInstitutionId returns kInvalidArgument naming the field, the rule broken and the value
// (printable characters only; others shown as '?'). Two ids are the bureau's own and never an
// outside institution's: "bureau" (its staff, compliance/operator_access.h) and "self" (the
// subject's own query, compliance/read_gate.h); CheckOutsideInstitutionId refuses them for API
// clients and consents. Header-only; thread-safe (pure).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/result.h"

namespace credo {

inline constexpr size_t kInstitutionIdMaxLength = 64;
inline constexpr std::string_view kInstitutionIdRule =
    "use 1 to 64 characters A-Z a-z 0-9 . _ - and single spaces between words, starting with a "
    "letter or digit";

//! Ok when `id` follows the institution-id rule (see the header comment); `field` names the
//! input in the error (e.g. "institution", "consent.institution").
inline Status CheckInstitutionId(std::string_view id, std::string_view field = "institution") {
  auto printable = [](std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 80)) {
      out.push_back(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f
                        ? c
                        : '?');
    }
    return out;
  };
  auto bad = [&](std::string_view what) -> Status {
    return MakeError(ErrorCode::kInvalidArgument,
                     "institution id \"" + printable(id) + "\" " + std::string(what) + "; " +
                         std::string(kInstitutionIdRule),
                     std::string(field));
  };
  if (id.empty()) return bad("is empty");
  if (id.size() > kInstitutionIdMaxLength) return bad("is longer than 64 characters");
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (i == 0 && !alnum) return bad("does not start with a letter or digit");
    if (c == ' ') {
      if (i + 1 == id.size()) return bad("ends with a space");
      if (id[i + 1] == ' ') return bad("has two spaces in a row");
      continue;
    }
    if (!alnum && c != '.' && c != '_' && c != '-') {
      return bad("has a character that is not allowed at byte " + std::to_string(i));
    }
  }
  return Ok();
}

//! The institution ids the bureau keeps for itself (see the header comment).
inline bool IsReservedInstitutionId(std::string_view id) { return id == "bureau" || id == "self"; }

//! CheckInstitutionId, and not one of the bureau's own ids: for an API client or a consent.
inline Status CheckOutsideInstitutionId(std::string_view id,
                                        std::string_view field = "institution") {
  CREDO_TRY(CheckInstitutionId(id, field));
  if (IsReservedInstitutionId(id)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "institution id \"" + std::string(id) +
                         "\" is the bureau's own (\"bureau\": its staff; \"self\": the subject's "
                         "own query) and cannot name an outside institution",
                     std::string(field));
  }
  return Ok();
}

}  // namespace credo
