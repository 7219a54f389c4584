#include "core/identifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/check_characters.h"

namespace credo {
namespace {

using ::testing::HasSubstr;

Date Today() { return Date::FromYmd(2026, 11, 22).value(); }

// A valid CN resident identity number for a region, birth date and sequence.
std::string MakeCnId(std::string_view first17) {
  return std::string(first17) + Gb11643CheckCharacter(first17);
}

// --- CN resident identity number (GB 11643-1999) ---

TEST(ValidateCnResidentId, AcceptsTheStandardsExamples) {
  // GB 11643-1999 section 8 examples: Beijing Chaoyang 1949-12-31 and Guangdong 1880-01-01.
  EXPECT_EQ(ValidateCnResidentId("11010519491231002X", Today()).value(), "11010519491231002X");
  EXPECT_EQ(ValidateCnResidentId("440524188001010014", Today()).value(), "440524188001010014");
}

TEST(ValidateCnResidentId, NormalisesLowerCaseXAndSurroundingSpace) {
  EXPECT_EQ(ValidateCnResidentId(" 11010519491231002x\n", Today()).value(), "11010519491231002X");
}

TEST(ValidateCnResidentId, NamesTheCheckCharacterRule) {
  Result<std::string> result = ValidateCnResidentId("110105194912310027", Today());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(result.error().message, HasSubstr("check character is 7, expected X"));
  // The value is masked in the message.
  EXPECT_THAT(result.error().message, ::testing::Not(HasSubstr("19491231")));
}

TEST(ValidateCnResidentId, EverySingleSubstitutionIsCaughtByTheCheckCharacter) {
  for (std::string valid : {std::string("11010519491231002X"), std::string("440524188001010014"),
                            MakeCnId("31011519870704123"), MakeCnId("51010720001231567")}) {
    for (size_t position = 0; position < 18; ++position) {
      for (char replacement : std::string("0123456789X")) {
        if (replacement == valid[position]) continue;
        if (replacement == 'X' && position != 17) continue;  // X is only a check character
        std::string mutated = valid;
        mutated[position] = replacement;
        Result<std::string> result = ValidateCnResidentId(mutated, Today());
        ASSERT_FALSE(result.ok()) << mutated;
        EXPECT_THAT(result.error().message, HasSubstr("check character")) << mutated;
      }
    }
  }
}

TEST(ValidateCnResidentId, EveryAdjacentTranspositionIsCaught) {
  for (std::string valid : {std::string("11010519491231002X"), std::string("440524188001010014"),
                            MakeCnId("31011519870704123"), MakeCnId("42010219650315876")}) {
    for (size_t position = 0; position + 1 < 18; ++position) {
      if (valid[position] == valid[position + 1]) continue;
      std::string mutated = valid;
      std::swap(mutated[position], mutated[position + 1]);
      Result<std::string> result = ValidateCnResidentId(mutated, Today());
      ASSERT_FALSE(result.ok()) << mutated;
      if (mutated[16] != 'X') {
        // MOD 11-2 guarantees detection of adjacent transpositions of digits.
        EXPECT_THAT(result.error().message, HasSubstr("check character")) << mutated;
      }
    }
  }
}

TEST(ValidateCnResidentId, RejectsWrongLength) {
  Result<std::string> result = ValidateCnResidentId("1101051949123100", Today());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("must be 18 characters, got 16"));
}

TEST(ValidateCnResidentId, ExplainsFirstGenerationNumbers) {
  Result<std::string> result = ValidateCnResidentId("110105491231002", Today());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("15-digit first-generation"));
}

TEST(ValidateCnResidentId, RejectsNonDigits) {
  Result<std::string> result = ValidateCnResidentId("11010519491231A02X", Today());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("character 15 is 'A', expected a digit"));
}

TEST(ValidateCnResidentId, RejectsUnknownProvince) {
  // 99 is no province; the check character is right so only the region rule fails.
  Result<std::string> result = ValidateCnResidentId(MakeCnId("99010519491231002"), Today());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("region code 990105 has no province 99"));
}

TEST(ValidateCnResidentId, RejectsImpossibleBirthDate) {
  Result<std::string> result = ValidateCnResidentId(MakeCnId("11010520230229002"), Today());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("birth date 20230229 is not a real calendar date"));
  EXPECT_TRUE(ValidateCnResidentId(MakeCnId("11010520240229002"), Today()).ok());  // leap year
}

TEST(ValidateCnResidentId, RejectsBirthDateInTheFuture) {
  std::string id = MakeCnId("11010520261123002");
  Result<std::string> result = ValidateCnResidentId(id, Today());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("is in the future"));
  EXPECT_TRUE(ValidateCnResidentId(id, Date::FromYmd(2026, 11, 23).value()).ok());
}

TEST(DecodeCnResidentId, ReadsBirthDateRegionAndSex) {
  CnResidentIdInfo info = DecodeCnResidentId("11010519491231002X").value();
  EXPECT_EQ(info.region_code, "110105");
  EXPECT_EQ(info.birth_date, Date::FromYmd(1949, 12, 31).value());
  EXPECT_FALSE(info.male);  // sequence 002 is even: female
  EXPECT_TRUE(DecodeCnResidentId("440524188001010014").value().male);  // 001: male
  EXPECT_FALSE(DecodeCnResidentId("440524188001010015").ok());
}

// --- CN unified social credit code (GB 32100-2015) ---

TEST(ValidateCnUnifiedSocialCreditCode, AcceptsTheStandardsExampleAndRealCodes) {
  EXPECT_EQ(ValidateCnUnifiedSocialCreditCode("91350100M000100Y43").value(), "91350100M000100Y43");
  EXPECT_TRUE(ValidateCnUnifiedSocialCreditCode("914403001922038216").ok());  // Huawei
  EXPECT_TRUE(ValidateCnUnifiedSocialCreditCode("91440300708461136T").ok());  // Tencent
  EXPECT_EQ(ValidateCnUnifiedSocialCreditCode("91440300708461136t").value(), "91440300708461136T");
}

TEST(ValidateCnUnifiedSocialCreditCode, NamesTheCheckCharacterRule) {
  // The standard's counter-example: 91350100M000100Y4Z has check character Z, expected 3.
  Result<std::string> result = ValidateCnUnifiedSocialCreditCode("91350100M000100Y4Z");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("not in the GB 32100 alphabet"));
  result = ValidateCnUnifiedSocialCreditCode("91350100M000100Y4A");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("check character is A, expected 3"));
}

TEST(ValidateCnUnifiedSocialCreditCode, EverySingleSubstitutionAndTranspositionIsCaught) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (std::string valid : {std::string("91350100M000100Y43"), std::string("914403001922038216"),
                            std::string("91440300708461136T")}) {
    for (size_t position = 0; position < 18; ++position) {
      for (char replacement : alphabet) {
        if (replacement == valid[position]) continue;
        std::string mutated = valid;
        mutated[position] = replacement;
        Result<std::string> result = ValidateCnUnifiedSocialCreditCode(mutated);
        ASSERT_FALSE(result.ok()) << mutated;
        EXPECT_THAT(result.error().message, HasSubstr("check character")) << mutated;
      }
    }
    for (size_t position = 0; position + 1 < 18; ++position) {
      if (valid[position] == valid[position + 1]) continue;
      std::string mutated = valid;
      std::swap(mutated[position], mutated[position + 1]);
      Result<std::string> result = ValidateCnUnifiedSocialCreditCode(mutated);
      ASSERT_FALSE(result.ok()) << mutated;
      EXPECT_THAT(result.error().message, HasSubstr("check character")) << mutated;
    }
  }
}

TEST(ValidateCnUnifiedSocialCreditCode, ChecksTheEmbeddedOrganisationCode) {
  // Organisation code 19220382 with check 2 instead of 1; the outer check character is
  // recomputed so that only the GB 11714 rule fails.
  std::string first17 = "91440300192203822";
  std::string code = first17 + Gb32100CheckCharacter(first17);
  Result<std::string> result = ValidateCnUnifiedSocialCreditCode(code);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message,
              HasSubstr("organisation code 192203822 has check character 2, expected 1"));
}

TEST(ValidateCnUnifiedSocialCreditCode, ChecksAuthorityEntityTypeAndRegion) {
  auto with_check = [](std::string first17) { return first17 + Gb32100CheckCharacter(first17); };
  Result<std::string> result = ValidateCnUnifiedSocialCreditCode(with_check("B1440300192203821"));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("registration authority code 'B'"));
  result = ValidateCnUnifiedSocialCreditCode(with_check("90440300192203821"));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("entity type code '0'"));
  result = ValidateCnUnifiedSocialCreditCode(with_check("91990300192203821"));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("region code 990300 has no province 99"));
  // Central-level registrations use region 100000.
  EXPECT_TRUE(ValidateCnUnifiedSocialCreditCode(with_check("11100000192203821")).ok());
}

TEST(ValidateCnUnifiedSocialCreditCode, RejectsWrongLength) {
  Result<std::string> result = ValidateCnUnifiedSocialCreditCode("91350100M000100Y4");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("must be 18 characters, got 17"));
}

// --- US SSN ---

TEST(ValidateUsSsn, AcceptsValidNumbersWithOrWithoutDashes) {
  EXPECT_EQ(ValidateUsSsn("123-45-6789").value(), "123456789");
  EXPECT_EQ(ValidateUsSsn("123 45 6789").value(), "123456789");
  EXPECT_EQ(ValidateUsSsn("665999999").value(), "665999999");
  EXPECT_EQ(ValidateUsSsn("899-99-9999").value(), "899999999");
}

TEST(ValidateUsSsn, RejectsNeverAssignedRanges) {
  struct Case {
    const char* ssn;
    const char* rule;
  };
  for (const Case& c : std::vector<Case>{{"000-12-3456", "area number 000"},
                                         {"666-12-3456", "area number 666"},
                                         {"900-12-3456", "area numbers 900-999"},
                                         {"987-65-4320", "area numbers 900-999"},
                                         {"999-12-3456", "area numbers 900-999"},
                                         {"123-00-4567", "group number 00"},
                                         {"123-45-0000", "serial number 0000"},
                                         {"078-05-1120", "advertising number"},
                                         {"219-09-9999", "advertising number"},
                                         {"12-345-678", "must be 9 digits"},
                                         {"123-45-678A", "expected a digit"}}) {
    Result<std::string> result = ValidateUsSsn(c.ssn);
    ASSERT_FALSE(result.ok()) << c.ssn;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(result.error().message, HasSubstr(c.rule)) << c.ssn;
  }
}

TEST(ValidateUsSsn, TheNumericCheckAgreesWithTheTextOne) {
  // UsSsnProblem (the Metro 2 validator's allocation-free check) must name the rule that
  // ValidateUsSsn reports, and accept exactly what it accepts: every area, each with groups and
  // serials at and around the edges, and the two voided numbers.
  std::vector<uint32_t> numbers = {78051120, 219099999, 78051121, 219099998};
  for (uint32_t area = 0; area < 1000; ++area) {
    for (uint32_t group : {0u, 1u, 9u, 99u}) {
      for (uint32_t serial : {0u, 1u, 1120u, 9999u}) {
        numbers.push_back(area * 1000000 + group * 10000 + serial);
      }
    }
  }
  for (uint32_t number : numbers) {
    char text[16];
    std::snprintf(text, sizeof text, "%09u", number);
    Result<std::string> result = ValidateUsSsn(text);
    std::string_view problem = UsSsnProblem(number);
    ASSERT_EQ(result.ok(), problem.empty()) << text;
    if (!result.ok()) {
      EXPECT_THAT(result.error().message, HasSubstr(std::string(problem))) << text;
    }
  }
}

// --- US EIN ---

TEST(ValidateUsEin, AcceptsEveryIrsCampusPrefix) {
  // IRS "How EINs are assigned and valid EIN prefixes".
  for (int prefix :
       {10, 12, 60, 67, 50, 53, 1,  2,  3,  4,  5,  6,  11, 13, 14, 16, 21, 22, 23, 25, 34,
        51, 52, 54, 55, 56, 57, 58, 59, 65, 30, 32, 35, 36, 37, 38, 61, 15, 24, 40, 44, 94,
        95, 80, 90, 33, 39, 41, 42, 43, 46, 48, 62, 63, 64, 66, 68, 71, 72, 73, 74, 75, 76,
        77, 82, 83, 84, 85, 86, 87, 88, 91, 92, 93, 98, 99, 20, 26, 27, 45, 47, 81, 31}) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d-1234567", prefix);
    EXPECT_TRUE(ValidateUsEin(text).ok()) << text;
  }
  EXPECT_EQ(ValidateUsEin("12-3456789").value(), "123456789");
}

TEST(ValidateUsEin, RejectsUnassignedPrefixes) {
  for (int prefix : {0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97}) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d1234567", prefix);
    Result<std::string> result = ValidateUsEin(text);
    ASSERT_FALSE(result.ok()) << text;
    EXPECT_THAT(result.error().message, HasSubstr("is not assigned by any IRS campus"));
  }
  EXPECT_FALSE(ValidateUsEin("12-345678").ok());
}

// --- Phones ---

TEST(NormalizePhone, CnMobileInEveryCommonSpelling) {
  for (const char* text : {"13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678",
                           "+8613812345678", "008613812345678", "8613812345678"}) {
    EXPECT_EQ(NormalizePhone(text, "cn").value(), "+8613812345678") << text;
  }
  EXPECT_EQ(NormalizePhone("+86 199 0000 1111", "us").value(), "+8619900001111");
}

TEST(NormalizePhone, CnFixedLines) {
  EXPECT_EQ(NormalizePhone("010-12345678", "cn").value(), "+861012345678");
  EXPECT_EQ(NormalizePhone("(021) 6123 4567", "cn").value(), "+862161234567");
  EXPECT_EQ(NormalizePhone("0755-1234567", "cn").value(), "+867551234567");
  EXPECT_EQ(NormalizePhone("+86 21 6123 4567", "cn").value(), "+862161234567");
}

TEST(NormalizePhone, RejectsInvalidCnNumbers) {
  Result<std::string> result = NormalizePhone("12812345678", "cn");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("CN mobile numbers start 13 to 19"));
  result = NormalizePhone("1381234567", "cn");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("11-digit mobile"));
  EXPECT_FALSE(NormalizePhone("011-12345678", "cn").ok());
  EXPECT_FALSE(NormalizePhone("0755-123456", "cn").ok());
  result = NormalizePhone("138-1234-567a", "cn");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("expected a digit"));
}

TEST(NormalizePhone, UsNanp) {
  for (const char* text : {"(415) 555-2671", "415-555-2671", "4155552671", "1 415 555 2671",
                           "+1 (415) 555-2671", "011 1 415 555 2671"}) {
    EXPECT_EQ(NormalizePhone(text, "us").value(), "+14155552671") << text;
  }
  EXPECT_EQ(NormalizePhone("011 86 138 1234 5678", "us").value(), "+8613812345678");
}

TEST(NormalizePhone, RejectsWhatNanpRulesExclude) {
  struct Case {
    const char* phone;
    const char* rule;
  };
  for (const Case& c : std::vector<Case>{{"(115) 555-2671", "area codes start 2-9"},
                                         {"(411) 555-2671", "N11 codes"},
                                         {"(595) 555-2671", "reserved for NANP expansion"},
                                         {"(415) 155-2671", "exchange codes start 2-9"},
                                         {"(415) 911-2671", "N11 exchange codes"},
                                         {"555-2671", "has 10 digits"}}) {
    Result<std::string> result = NormalizePhone(c.phone, "us");
    ASSERT_FALSE(result.ok()) << c.phone;
    EXPECT_THAT(result.error().message, HasSubstr(c.rule)) << c.phone;
  }
}

TEST(NormalizePhone, OtherCountriesNeedTheirCountryCode) {
  EXPECT_EQ(NormalizePhone("+44 20 7946 0958", "cn").value(), "+442079460958");
  EXPECT_FALSE(NormalizePhone("+44 20", "cn").ok());
  Result<std::string> result = NormalizePhone("20 7946 0958", "gb");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("default country \"gb\" is not supported"));
  EXPECT_FALSE(NormalizePhone("   ", "cn").ok());
}

// --- E-mail ---

TEST(NormalizeEmail, LowerCasesValidAddresses) {
  EXPECT_EQ(NormalizeEmail(" Alice.Smith+credit@Example.COM ").value(),
            "alice.smith+credit@example.com");
  EXPECT_EQ(NormalizeEmail("wang_wei@mail.sina.com.cn").value(), "wang_wei@mail.sina.com.cn");
}

TEST(NormalizeEmail, NamesTheRuleBroken) {
  struct Case {
    const char* email;
    const char* rule;
  };
  for (const Case& c : std::vector<Case>{{"alice.example.com", "has no '@'"},
                                         {"a@b@example.com", "more than one '@'"},
                                         {"@example.com", "before '@' is empty"},
                                         {".alice@example.com", "may not start or end with '.'"},
                                         {"al..ice@example.com", "contain '..'"},
                                         {"al ice@example.com", "contains ' '"},
                                         {"alice@", "domain after '@' is empty"},
                                         {"alice@localhost", "domain has no '.'"},
                                         {"alice@example..com", "empty label"},
                                         {"alice@-example.com", "starts or ends with '-'"},
                                         {"alice@exam_ple.com", "domain contains '_'"},
                                         {"alice@example.c", "top-level domain"},
                                         {"alice@example.c0m", "top-level domain"}}) {
    Result<std::string> result = NormalizeEmail(c.email);
    ASSERT_FALSE(result.ok()) << c.email;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(result.error().message, HasSubstr(c.rule)) << c.email;
  }
}

// --- Kinds, MakeIdentifier, masking ---

TEST(IdentifierKind, NamesRoundTrip) {
  for (IdentifierKind kind :
       {IdentifierKind::kCnResidentId, IdentifierKind::kCnUnifiedSocialCredit,
        IdentifierKind::kUsSsn, IdentifierKind::kUsEin, IdentifierKind::kPhone,
        IdentifierKind::kEmail, IdentifierKind::kAccountNumber, IdentifierKind::kOther}) {
    EXPECT_EQ(ParseIdentifierKind(IdentifierKindName(kind)).value(), kind);
  }
  Result<IdentifierKind> unknown = ParseIdentifierKind("passport");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.error().message, HasSubstr("unknown identifier kind \"passport\""));
}

TEST(IdentifierKind, StrongKindsAreTheNationalIdentifiers) {
  EXPECT_TRUE(IsStrongIdentifier(IdentifierKind::kCnResidentId));
  EXPECT_TRUE(IsStrongIdentifier(IdentifierKind::kCnUnifiedSocialCredit));
  EXPECT_TRUE(IsStrongIdentifier(IdentifierKind::kUsSsn));
  EXPECT_TRUE(IsStrongIdentifier(IdentifierKind::kUsEin));
  EXPECT_FALSE(IsStrongIdentifier(IdentifierKind::kPhone));
  EXPECT_FALSE(IsStrongIdentifier(IdentifierKind::kEmail));
  EXPECT_FALSE(IsStrongIdentifier(IdentifierKind::kAccountNumber));
  EXPECT_FALSE(IsStrongIdentifier(IdentifierKind::kOther));
}

TEST(MakeIdentifier, ValidatesAndNormalisesByKind) {
  EXPECT_EQ(MakeIdentifier(IdentifierKind::kUsSsn, "123-45-6789").value(),
            (Identifier{IdentifierKind::kUsSsn, "123456789"}));
  EXPECT_EQ(MakeIdentifier(IdentifierKind::kPhone, "(415) 555-2671", "us").value().value,
            "+14155552671");
  EXPECT_EQ(MakeIdentifier(IdentifierKind::kAccountNumber, "  ACC-001 ").value().value, "ACC-001");
  EXPECT_FALSE(MakeIdentifier(IdentifierKind::kOther, "   ").ok());
  EXPECT_FALSE(MakeIdentifier(IdentifierKind::kCnResidentId, "110105194912310027").ok());
  EXPECT_FALSE(MakeIdentifier(IdentifierKind::kEmail, "nobody").ok());
}

TEST(MaskIdentifier, KeepsOnlyTheLastFour) {
  EXPECT_EQ(MaskIdentifier("11010519491231002X"), "**************002X");
  EXPECT_EQ(MaskIdentifier("12345"), "*2345");
  EXPECT_EQ(MaskIdentifier("1234"), "****");
  EXPECT_EQ(MaskIdentifier(""), "");
}

}  // namespace
}  // namespace credo
