// credo core: identifiers of persons and companies, with their official validity rules.
//
// Each Validate* returns the normalised value or an Error (kInvalidArgument) whose message names
// the rule broken ("check digit is 7, expected X"). Strong identifiers (a valid CN resident
// identity number, CN unified social credit code, US SSN or US EIN) link records at once in
// resolution; phone and e-mail are contact points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace credo {

enum class IdentifierKind {
  kCnResidentId,          //!< 居民身份证号码, GB 11643-1999, 18 characters
  kCnUnifiedSocialCredit, //!< 统一社会信用代码, GB 32100-2015, 18 characters
  kUsSsn,                 //!< US Social Security Number, 9 digits
  kUsEin,                 //!< US Employer Identification Number, 9 digits
  kPhone,                 //!< a phone number, stored in E.164 form
  kEmail,                 //!< an e-mail address, stored lower-cased
  kAccountNumber,         //!< a furnisher's account number (unique only within the furnisher)
  kOther,                 //!< anything else a feed carries (passport, licence): compared exactly
};

//! "cn_resident_id", "cn_uscc", "us_ssn", "us_ein", "phone", "email", "account_number", "other".
std::string_view IdentifierKindName(IdentifierKind kind);
Result<IdentifierKind> ParseIdentifierKind(std::string_view name);
//! True for the kinds that identify one subject on their own when valid.
bool IsStrongIdentifier(IdentifierKind kind);

struct Identifier {
  IdentifierKind kind = IdentifierKind::kOther;
  std::string value;  //!< normalised (upper-case X in CN ids, digits only for SSN/EIN, E.164)
  bool operator==(const Identifier&) const = default;
};

//! CN resident identity number: 18 characters, 6-digit region code whose province prefix exists,
//! a real birth date YYYYMMDD not in the future of `today`, 3-digit sequence, MOD 11-2 check
//! character (0-9 or X). A lower-case x is accepted and normalised to X.
Result<std::string> ValidateCnResidentId(std::string_view text, Date today = SystemClock().Today());
//! Birth date and sex (odd sequence = male) embedded in a valid CN resident identity number.
struct CnResidentIdInfo {
  std::string region_code;  //!< 6 digits
  Date birth_date;
  bool male = false;
};
Result<CnResidentIdInfo> DecodeCnResidentId(std::string_view valid_id);

//! CN unified social credit code: 18 characters of 0-9 A-H J-N P-R T-U W-Y (no I O S V Z),
//! registration authority and entity type codes, 6-digit region, 9-character organisation code
//! with its own GB 11714 check, and the GB 32100 MOD 31 check character.
Result<std::string> ValidateCnUnifiedSocialCreditCode(std::string_view text);

//! US SSN: 9 digits (dashes and spaces allowed in the input); area not 000, 666 or 900-999,
//! group not 00, serial not 0000.
Result<std::string> ValidateUsSsn(std::string_view text);
//! The rule ValidateUsSsn finds broken by a 9-digit SSN given as its number (0 to 999999999),
//! or an empty view when there is none: the same checks without text or allocation, for
//! validating millions of records.
std::string_view UsSsnProblem(uint32_t nine_digits);

//! US EIN: 9 digits ("12-3456789" accepted) whose 2-digit prefix is one the IRS assigns.
Result<std::string> ValidateUsEin(std::string_view text);

//! Phone to E.164 ("+8613812345678", "+14155552671"). `default_country` is "cn" or "us" and is
//! used when the number has no country code. CN mobiles: 11 digits starting 13-19. US: NANP,
//! area code and exchange not starting 0 or 1.
Result<std::string> NormalizePhone(std::string_view text, std::string_view default_country);

//! E-mail: one '@', a non-empty local part, a domain with a dot and valid labels; lower-cased.
Result<std::string> NormalizeEmail(std::string_view text);

//! Validates `text` as `kind` and returns it normalised (kAccountNumber/kOther: trimmed).
Result<Identifier> MakeIdentifier(IdentifierKind kind, std::string_view text,
                                  std::string_view default_country = "cn");

//! For messages and logs: all but the last 4 characters replaced by '*'.
std::string MaskIdentifier(std::string_view value);

}  // namespace credo
