#include "resolve/strong_identifier.h"

namespace credo::resolve {

std::optional<std::string> StrongIdentifierKey(IdentifierKind kind, std::string_view text) {
  Result<std::string> normalized = MakeError(ErrorCode::kInvalidArgument, "not strong");
  std::string_view prefix;
  switch (kind) {
    case IdentifierKind::kCnResidentId:
      normalized = ValidateCnResidentId(text);
      prefix = "cn_resident_id:";
      break;
    case IdentifierKind::kCnUnifiedSocialCredit:
      normalized = ValidateCnUnifiedSocialCreditCode(text);
      prefix = "cn_uscc:";
      break;
    case IdentifierKind::kUsSsn:
      normalized = ValidateUsSsn(text);
      prefix = "us_ssn:";
      break;
    case IdentifierKind::kUsEin:
      normalized = ValidateUsEin(text);
      prefix = "us_ein:";
      break;
    default:
      return std::nullopt;
  }
  if (!normalized.ok()) return std::nullopt;
  return std::string(prefix) + normalized.value();
}

}  // namespace credo::resolve
