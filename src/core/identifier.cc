#include "core/identifier.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <string>

#include "core/check_characters.h"
#include "core/cn_regions.h"

namespace credo {
namespace {

constexpr std::string_view kWhitespace = " \t\r\n\f\v";

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(begin, end - begin + 1);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "CN resident identity number ************002X: <rule>". The value is masked because messages
// end up in logs and quarantine tables.
Error Invalid(std::string_view what, std::string_view value, std::string_view rule) {
  std::string message(what);
  if (!value.empty()) {
    message += " ";
    message += MaskIdentifier(value);
  }
  message += ": ";
  message += rule;
  return MakeError(ErrorCode::kInvalidArgument, std::move(message));
}

std::string Quoted(char c) {
  if (std::isprint(static_cast<unsigned char>(c))) return std::string("'") + c + "'";
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned char>(c));
  return buffer;
}

// Keeps the digits of `text`, allowing `separators` between them; fails on anything else.
Result<std::string> DigitsOnly(std::string_view what, std::string_view text,
                               std::string_view separators) {
  std::string digits;
  digits.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if (separators.find(c) == std::string_view::npos) {
      return Invalid(
          what, text,
          "character " + std::to_string(i + 1) + " is " + Quoted(c) + ", expected a digit");
    }
  }
  return digits;
}

constexpr std::string_view kCnResidentIdLabel = "CN resident identity number";

// Everything but the "not in the future" rule, so that Decode can reuse it.
Result<std::string> CheckCnResidentIdShape(std::string_view input) {
  std::string_view text = Trim(input);
  if (text.size() == 15 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    return Invalid(kCnResidentIdLabel, text,
                   "15-digit first-generation numbers are not accepted; convert it to 18 "
                   "characters (insert the century \"19\" before the 2-digit birth year and add "
                   "the GB 11643 check character)");
  }
  if (text.size() != 18) {
    return Invalid(kCnResidentIdLabel, text,
                   "must be 18 characters, got " + std::to_string(text.size()));
  }
  std::string id(text);
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) {
      return Invalid(
          kCnResidentIdLabel, text,
          "character " + std::to_string(i + 1) + " is " + Quoted(id[i]) + ", expected a digit");
    }
  }
  if (id[17] == 'x') id[17] = 'X';
  if (!IsDigit(id[17]) && id[17] != 'X') {
    return Invalid(kCnResidentIdLabel, text,
                   "check character is " + Quoted(id[17]) + ", expected a digit or X");
  }
  // The check character first: it is what catches typing errors (GB 11643 MOD 11-2 detects every
  // single substitution and every adjacent transposition).
  char expected = Gb11643CheckCharacter(std::string_view(id).substr(0, 17));
  if (id[17] != expected) {
    return Invalid(kCnResidentIdLabel, text,
                   std::string("check character is ") + id[17] + ", expected " + expected +
                       " (GB 11643 MOD 11-2)");
  }
  if (FindCnProvince(id) == nullptr) {
    return Invalid(
        kCnResidentIdLabel, text,
        "region code " + id.substr(0, 6) + " has no province " + id.substr(0, 2) + " in GB/T 2260");
  }
  Result<Date> birth = Date::ParseYmdCompact(std::string_view(id).substr(6, 8));
  if (!birth.ok()) {
    return Invalid(kCnResidentIdLabel, text,
                   "birth date " + id.substr(6, 8) + " is not a real calendar date");
  }
  if (birth->year() < 1800) {
    return Invalid(kCnResidentIdLabel, text,
                   "birth year " + std::to_string(birth->year()) + " is before 1800");
  }
  return id;
}

constexpr std::string_view kUsccLabel = "CN unified social credit code";

// GB 32100-2015 table 1 (registration authorities), with the authorities added since: 1 机构编制,
// 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商/市场监管, A
// 中央军委改革和编制办公室, N 农业, Y 其他.
constexpr std::string_view kUsccAuthorities = "123456789ANY";

constexpr std::string_view kSsnLabel = "US SSN";
constexpr std::string_view kEinLabel = "US EIN";

// Prefixes the IRS assigns (IRS "How EINs are assigned and valid EIN prefixes": the campus list
// Andover, Atlanta, Austin, Brookhaven, Cincinnati, Fresno, Kansas City, Memphis, Ogden,
// Philadelphia, Internet and SBA). Every other 2-digit prefix is unassigned:
// 00 07 08 09 17 18 19 28 29 49 69 70 78 79 89 96 97.
constexpr std::array<bool, 100> MakeEinPrefixTable() {
  std::array<bool, 100> valid{};
  for (int prefix = 1; prefix < 100; ++prefix) valid[prefix] = true;
  for (int prefix : {0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97}) {
    valid[prefix] = false;
  }
  return valid;
}
constexpr std::array<bool, 100> kValidEinPrefix = MakeEinPrefixTable();

constexpr std::string_view kPhoneLabel = "phone number";

// CN fixed line without the trunk 0: area code (2 digits for 10 and 2x, otherwise 3) and a 7- or
// 8-digit subscriber number.
Result<std::string> NormalizeCnFixedLine(std::string_view original, std::string_view number) {
  if (number.empty() || number[0] == '0') {
    return Invalid(kPhoneLabel, original, "CN area codes do not start with 00");
  }
  if (number[0] == '1' && (number.size() < 2 || number[1] != '0')) {
    return Invalid(kPhoneLabel, original, "CN area code 01x exists only as 010 (Beijing)");
  }
  bool two_digit_area = number[0] == '1' || number[0] == '2';
  size_t area_length = two_digit_area ? 2 : 3;
  size_t subscriber = number.size() > area_length ? number.size() - area_length : 0;
  if (subscriber < 7 || subscriber > 8) {
    return Invalid(kPhoneLabel, original,
                   "CN fixed-line numbers have a " + std::to_string(area_length) +
                       "-digit area code and 7 or 8 subscriber digits, got " +
                       std::to_string(subscriber) + " subscriber digits");
  }
  return "+86" + std::string(number);
}

// `national` is the number after +86 (`international`) or as dialled inside China.
Result<std::string> NormalizeCnPhone(std::string_view original, std::string_view national,
                                     bool international) {
  // Mobile: 11 digits, 1 then 3-9 (MIIT numbering plan: 13x-19x).
  if (national.size() == 11 && national[0] == '1') {
    if (national[1] < '3' || national[1] > '9') {
      return Invalid(kPhoneLabel, original,
                     "CN mobile numbers start 13 to 19, got 1" + std::string(1, national[1]));
    }
    return "+86" + std::string(national);
  }
  if (!national.empty() && national[0] == '0') {
    return NormalizeCnFixedLine(original, national.substr(1));  // E.164 drops the trunk 0
  }
  if (international) return NormalizeCnFixedLine(original, national);
  return Invalid(kPhoneLabel, original,
                 "a CN number is an 11-digit mobile (1[3-9] and 9 digits) or a fixed line "
                 "starting with its area code 0xx, got " +
                     std::to_string(national.size()) + " digits");
}

Result<std::string> NormalizeNanpPhone(std::string_view original, std::string_view national) {
  if (national.size() != 10) {
    return Invalid(kPhoneLabel, original,
                   "a NANP number has 10 digits (area code, exchange, line), got " +
                       std::to_string(national.size()));
  }
  char area_first = national[0];
  if (area_first < '2') {
    return Invalid(kPhoneLabel, original,
                   std::string("NANP area codes start 2-9, got ") + area_first);
  }
  if (national[1] == '1' && national[2] == '1') {
    return Invalid(
        kPhoneLabel, original,
        "N11 codes (" + std::string(national.substr(0, 3)) + ") are service codes, not area codes");
  }
  if (national[1] == '9') {
    return Invalid(kPhoneLabel, original,
                   "area codes N9X (" + std::string(national.substr(0, 3)) +
                       ") are reserved for NANP expansion");
  }
  if (national[3] < '2') {
    return Invalid(kPhoneLabel, original,
                   std::string("NANP exchange codes start 2-9, got ") + national[3]);
  }
  if (national[4] == '1' && national[5] == '1') {
    return Invalid(kPhoneLabel, original,
                   "N11 exchange codes (" + std::string(national.substr(3, 3)) +
                       ") are not assigned to subscribers");
  }
  return "+1" + std::string(national);
}

bool IsEmailLocalCharacter(char c) {
  // RFC 5322 atext (dot-atom form); quoted local parts are not accepted.
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+/=?^_`{|}~-.").find(c) != std::string_view::npos;
}

}  // namespace

std::string_view IdentifierKindName(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::kCnResidentId:
      return "cn_resident_id";
    case IdentifierKind::kCnUnifiedSocialCredit:
      return "cn_uscc";
    case IdentifierKind::kUsSsn:
      return "us_ssn";
    case IdentifierKind::kUsEin:
      return "us_ein";
    case IdentifierKind::kPhone:
      return "phone";
    case IdentifierKind::kEmail:
      return "email";
    case IdentifierKind::kAccountNumber:
      return "account_number";
    case IdentifierKind::kOther:
      return "other";
  }
  return "other";
}

Result<IdentifierKind> ParseIdentifierKind(std::string_view name) {
  for (IdentifierKind kind :
       {IdentifierKind::kCnResidentId, IdentifierKind::kCnUnifiedSocialCredit,
        IdentifierKind::kUsSsn, IdentifierKind::kUsEin, IdentifierKind::kPhone,
        IdentifierKind::kEmail, IdentifierKind::kAccountNumber, IdentifierKind::kOther}) {
    if (IdentifierKindName(kind) == name) return kind;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown identifier kind \"" + std::string(name) +
                       "\"; expected one of cn_resident_id, cn_uscc, us_ssn, us_ein, phone, "
                       "email, account_number, other");
}

bool IsStrongIdentifier(IdentifierKind kind) {
  switch (kind) {
    case IdentifierKind::kCnResidentId:
    case IdentifierKind::kCnUnifiedSocialCredit:
    case IdentifierKind::kUsSsn:
    case IdentifierKind::kUsEin:
      return true;
    default:
      return false;
  }
}

Result<std::string> ValidateCnResidentId(std::string_view text, Date today) {
  CREDO_ASSIGN_OR_RETURN(std::string id, CheckCnResidentIdShape(text));
  Date birth = Date::ParseYmdCompact(std::string_view(id).substr(6, 8)).value();
  if (birth > today) {
    return Invalid(
        kCnResidentIdLabel, Trim(text),
        "birth date " + birth.ToIso() + " is in the future (today is " + today.ToIso() + ")");
  }
  return id;
}

Result<CnResidentIdInfo> DecodeCnResidentId(std::string_view valid_id) {
  CREDO_ASSIGN_OR_RETURN(std::string id, CheckCnResidentIdShape(valid_id));
  CnResidentIdInfo info;
  info.region_code = id.substr(0, 6);
  info.birth_date = Date::ParseYmdCompact(std::string_view(id).substr(6, 8)).value();
  info.male = (id[16] - '0') % 2 == 1;
  return info;
}

Result<std::string> ValidateCnUnifiedSocialCreditCode(std::string_view input) {
  std::string_view text = Trim(input);
  if (text.size() != 18) {
    return Invalid(kUsccLabel, text, "must be 18 characters, got " + std::to_string(text.size()));
  }
  std::string code(text);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (size_t i = 0; i < code.size(); ++i) {
    if (Gb32100CharacterValue(code[i]) < 0) {
      return Invalid(kUsccLabel, text,
                     "character " + std::to_string(i + 1) + " is " + Quoted(code[i]) +
                         ", not in the GB 32100 alphabet 0-9 A-H J-N P-R T-U W-Y (no I O S V Z)");
    }
  }
  char expected = Gb32100CheckCharacter(std::string_view(code).substr(0, 17));
  if (code[17] != expected) {
    return Invalid(kUsccLabel, text,
                   std::string("check character is ") + code[17] + ", expected " + expected +
                       " (GB 32100 MOD 31)");
  }
  if (kUsccAuthorities.find(code[0]) == std::string_view::npos) {
    return Invalid(
        kUsccLabel, text,
        "registration authority code " + Quoted(code[0]) + " is not assigned (1-9, A, N, Y)");
  }
  if (code[1] < '1' || code[1] > '9') {
    return Invalid(kUsccLabel, text, "entity type code " + Quoted(code[1]) + " is not a digit 1-9");
  }
  for (size_t i = 2; i < 8; ++i) {
    if (!IsDigit(code[i])) {
      return Invalid(kUsccLabel, text, "region code " + code.substr(2, 6) + " is not 6 digits");
    }
  }
  // Central-level registrations carry region 100000; every other code names a province.
  if (code.substr(2, 2) != "10" && FindCnProvince(std::string_view(code).substr(2, 6)) == nullptr) {
    return Invalid(kUsccLabel, text,
                   "region code " + code.substr(2, 6) + " has no province " + code.substr(2, 2) +
                       " in GB/T 2260");
  }
  char expected_org = Gb11714CheckCharacter(std::string_view(code).substr(8, 8));
  if (code[16] != expected_org) {
    return Invalid(kUsccLabel, text,
                   "organisation code " + code.substr(8, 9) + " has check character " + code[16] +
                       ", expected " + std::string(1, expected_org) + " (GB 11714 MOD 11)");
  }
  return code;
}

std::string_view UsSsnProblem(uint32_t nine_digits) {
  uint32_t area = nine_digits / 1000000;
  uint32_t group = nine_digits / 10000 % 100;
  uint32_t serial = nine_digits % 10000;
  if (area == 0) return "area number 000 is never assigned";
  if (area == 666) return "area number 666 is never assigned";
  if (area >= 900) {
    return "area numbers 900-999 are not SSNs (ITINs and advertising numbers use them)";
  }
  if (group == 0) return "group number 00 is never assigned";
  if (serial == 0) return "serial number 0000 is never assigned";
  // 078-05-1120 was printed on a sample card in wallets sold by Woolworth from 1938; the number
  // belonged to the manufacturer's secretary, over 40,000 people used it as their own and the
  // SSA voided it. 219-09-9999 appeared on a sample card in a 1940 Social Security Board pamphlet.
  // Both are shared by many people and so identify no one.
  if (nine_digits == 78051120 || nine_digits == 219099999) {
    return "is a voided advertising number printed on sample cards, used by many people";
  }
  return {};
}

Result<std::string> ValidateUsSsn(std::string_view input) {
  std::string_view text = Trim(input);
  CREDO_ASSIGN_OR_RETURN(std::string ssn, DigitsOnly(kSsnLabel, text, "- "));
  if (ssn.size() != 9) {
    return Invalid(kSsnLabel, text, "must be 9 digits, got " + std::to_string(ssn.size()));
  }
  uint32_t number = 0;
  for (char digit : ssn) number = number * 10 + static_cast<uint32_t>(digit - '0');
  std::string_view problem = UsSsnProblem(number);
  if (!problem.empty()) return Invalid(kSsnLabel, text, problem);
  return ssn;
}

Result<std::string> ValidateUsEin(std::string_view input) {
  std::string_view text = Trim(input);
  CREDO_ASSIGN_OR_RETURN(std::string ein, DigitsOnly(kEinLabel, text, "- "));
  if (ein.size() != 9) {
    return Invalid(kEinLabel, text, "must be 9 digits, got " + std::to_string(ein.size()));
  }
  int prefix = (ein[0] - '0') * 10 + (ein[1] - '0');
  if (!kValidEinPrefix[prefix]) {
    return Invalid(kEinLabel, text,
                   "prefix " + ein.substr(0, 2) +
                       " is not assigned by any IRS campus (unassigned: 00 07 08 09 17 18 19 28 "
                       "29 49 69 70 78 79 89 96 97)");
  }
  return ein;
}

Result<std::string> NormalizePhone(std::string_view input, std::string_view default_country) {
  std::string_view text = Trim(input);
  if (text.empty()) return Invalid(kPhoneLabel, {}, "is empty");
  bool international = false;
  std::string_view rest = text;
  if (rest.front() == '+') {
    international = true;
    rest.remove_prefix(1);
  }
  CREDO_ASSIGN_OR_RETURN(std::string digits, DigitsOnly(kPhoneLabel, rest, " -()."));
  if (!international && digits.size() > 2 && digits.starts_with("00")) {
    international = true;  // international call prefix 00 (CN and most of the world)
    digits.erase(0, 2);
  } else if (!international && default_country == "us" && digits.size() > 3 &&
             digits.starts_with("011")) {
    international = true;  // NANP international call prefix
    digits.erase(0, 3);
  }
  if (digits.empty()) return Invalid(kPhoneLabel, text, "has no digits");
  if (international) {
    if (digits.starts_with("86")) {
      return NormalizeCnPhone(text, std::string_view(digits).substr(2), true);
    }
    if (digits.starts_with("1"))
      return NormalizeNanpPhone(text, std::string_view(digits).substr(1));
    if (digits[0] == '0') return Invalid(kPhoneLabel, text, "country codes do not start with 0");
    // Other countries: E.164 allows at most 15 digits; their national plans are not checked.
    if (digits.size() < 8 || digits.size() > 15) {
      return Invalid(kPhoneLabel, text,
                     "an E.164 number has 8 to 15 digits, got " + std::to_string(digits.size()));
    }
    return "+" + digits;
  }
  if (default_country == "cn") {
    // A CN mobile sometimes arrives with the country code but without '+' ("8613812345678").
    if (digits.size() == 13 && digits.starts_with("861")) {
      return NormalizeCnPhone(text, std::string_view(digits).substr(2), true);
    }
    return NormalizeCnPhone(text, digits, false);
  }
  if (default_country == "us") {
    if (digits.size() == 11 && digits[0] == '1') {
      return NormalizeNanpPhone(text, std::string_view(digits).substr(1));  // 1 + 10 digits
    }
    return NormalizeNanpPhone(text, digits);
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "default country \"" + std::string(default_country) +
                       "\" is not supported for phone numbers without a country code; use cn or "
                       "us, or write the number with +country code");
}

Result<std::string> NormalizeEmail(std::string_view input) {
  constexpr std::string_view kLabel = "e-mail address";
  std::string_view text = Trim(input);
  // E-mail addresses are not identifiers to mask in full, but they are personal data: the same
  // masking applies in messages.
  size_t at = text.find('@');
  if (at == std::string_view::npos) return Invalid(kLabel, text, "has no '@'");
  if (text.find('@', at + 1) != std::string_view::npos) {
    return Invalid(kLabel, text, "has more than one '@'");
  }
  std::string_view local = text.substr(0, at);
  std::string_view domain = text.substr(at + 1);
  if (local.empty()) return Invalid(kLabel, text, "the part before '@' is empty");
  if (local.size() > 64) return Invalid(kLabel, text, "the part before '@' is over 64 characters");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return Invalid(kLabel, text,
                   "the part before '@' may not start or end with '.' or contain '..'");
  }
  for (char c : local) {
    if (!IsEmailLocalCharacter(c)) {
      return Invalid(kLabel, text, "the part before '@' contains " + Quoted(c));
    }
  }
  if (domain.empty()) return Invalid(kLabel, text, "the domain after '@' is empty");
  if (domain.size() > 253) return Invalid(kLabel, text, "the domain is over 253 characters");
  if (domain.find('.') == std::string_view::npos) {
    return Invalid(kLabel, text, "the domain has no '.'");
  }
  size_t label_start = 0;
  std::string_view last_label;
  while (label_start <= domain.size()) {
    size_t dot = domain.find('.', label_start);
    if (dot == std::string_view::npos) dot = domain.size();
    std::string_view label = domain.substr(label_start, dot - label_start);
    if (label.empty()) return Invalid(kLabel, text, "the domain has an empty label");
    if (label.size() > 63) return Invalid(kLabel, text, "a domain label is over 63 characters");
    if (label.front() == '-' || label.back() == '-') {
      return Invalid(kLabel, text, "a domain label starts or ends with '-'");
    }
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return Invalid(kLabel, text, "the domain contains " + Quoted(c));
      }
    }
    last_label = label;
    label_start = dot + 1;
  }
  if (last_label.size() < 2 || last_label.find_first_of("0123456789-") != std::string_view::npos) {
    return Invalid(kLabel, text, "the top-level domain must be 2 or more letters");
  }
  std::string normalized(text);
  for (char& c : normalized) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return normalized;
}

Result<Identifier> MakeIdentifier(IdentifierKind kind, std::string_view text,
                                  std::string_view default_country) {
  Identifier identifier;
  identifier.kind = kind;
  switch (kind) {
    case IdentifierKind::kCnResidentId: {
      CREDO_ASSIGN_OR_RETURN(identifier.value, ValidateCnResidentId(text));
      break;
    }
    case IdentifierKind::kCnUnifiedSocialCredit: {
      CREDO_ASSIGN_OR_RETURN(identifier.value, ValidateCnUnifiedSocialCreditCode(text));
      break;
    }
    case IdentifierKind::kUsSsn: {
      CREDO_ASSIGN_OR_RETURN(identifier.value, ValidateUsSsn(text));
      break;
    }
    case IdentifierKind::kUsEin: {
      CREDO_ASSIGN_OR_RETURN(identifier.value, ValidateUsEin(text));
      break;
    }
    case IdentifierKind::kPhone: {
      CREDO_ASSIGN_OR_RETURN(identifier.value, NormalizePhone(text, default_country));
      break;
    }
    case IdentifierKind::kEmail: {
      CREDO_ASSIGN_OR_RETURN(identifier.value, NormalizeEmail(text));
      break;
    }
    case IdentifierKind::kAccountNumber:
    case IdentifierKind::kOther: {
      std::string_view trimmed = Trim(text);
      if (trimmed.empty()) {
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(IdentifierKindName(kind)) + ": is empty");
      }
      identifier.value = std::string(trimmed);
      break;
    }
  }
  return identifier;
}

std::string MaskIdentifier(std::string_view value) {
  // Values of 4 characters or fewer are masked completely: showing "the last 4" would show all.
  if (value.size() <= 4) return std::string(value.size(), '*');
  std::string masked(value.size() - 4, '*');
  masked.append(value.substr(value.size() - 4));
  return masked;
}

}  // namespace credo
