#include "ingest/standardize/contact.h"

#include "core/identifier.h"
#include "ingest/standardize/text.h"

namespace credo::ingest {

Result<std::string> StandardizePhone(std::string_view text, std::string_view default_country) {
  CREDO_ASSIGN_OR_RETURN(std::string normalized, NormalizeText(text, TextCase::kKeep));
  auto phone = NormalizePhone(normalized, default_country);
  if (!phone.ok()) {
    return MakeError(phone.error().code, "phone " + MaskIdentifier(normalized) + ": " +
                                             phone.error().message);
  }
  return std::move(phone).value();
}

Result<std::string> StandardizeEmail(std::string_view text) {
  CREDO_ASSIGN_OR_RETURN(std::string normalized, NormalizeText(text, TextCase::kLower));
  auto email = NormalizeEmail(normalized);
  if (!email.ok()) {
    return MakeError(email.error().code, "e-mail " + MaskIdentifier(normalized) + ": " +
                                             email.error().message);
  }
  return std::move(email).value();
}

}  // namespace credo::ingest
