#include "core/profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace credo {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadSourceFile(const std::string& relative) {
  std::ifstream file(std::string(CREDO_SOURCE_DIR) + "/" + relative);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

bool HasKind(const JurisdictionProfile& profile, IdentifierKind kind) {
  return std::find(profile.valid_identifier_kinds.begin(), profile.valid_identifier_kinds.end(),
                   kind) != profile.valid_identifier_kinds.end();
}

TEST(BuiltinProfiles, NamesAreCnAndUs) {
  EXPECT_THAT(BuiltinProfileNames(), ElementsAre("cn", "us"));
}

TEST(BuiltinProfiles, CnMatchesDomainSection1) {
  JurisdictionProfile cn = LoadBuiltinProfile("cn").value();
  EXPECT_EQ(cn.name, "cn");
  EXPECT_EQ(cn.default_country, "cn");
  EXPECT_EQ(cn.currency, "CNY");
  EXPECT_EQ(cn.negative_retention_years, 5);  // 条例 Art. 16
  EXPECT_EQ(cn.bankruptcy_retention_years, 5);
  EXPECT_EQ(cn.collection_clock_delay_days, 0);
  EXPECT_EQ(cn.dispute_days, 20);                 // Art. 25
  EXPECT_EQ(cn.complaint_days, 30);               // Art. 26
  EXPECT_EQ(cn.free_self_queries_per_year, 2);    // Art. 17
  EXPECT_GE(cn.query_record_retention_years, 5);  // DOMAIN.md 1.1: default at least 5 years
  EXPECT_TRUE(HasKind(cn, IdentifierKind::kCnResidentId));
  EXPECT_TRUE(HasKind(cn, IdentifierKind::kCnUnifiedSocialCredit));
  EXPECT_FALSE(HasKind(cn, IdentifierKind::kUsSsn));
  EXPECT_FALSE(HasKind(cn, IdentifierKind::kUsEin));
  // Art. 14 para. 1: one entry per prohibited category.
  for (const char* field :
       {"religion", "genes", "fingerprints", "blood_type", "disease", "medical_history"}) {
    EXPECT_TRUE(cn.IsProhibitedField(field)) << field;
  }
  // Art. 14 para. 2: restricted categories need written consent.
  for (const char* field :
       {"income", "deposits", "securities", "commercial_insurance", "real_estate", "tax_amount"}) {
    EXPECT_TRUE(cn.NeedsConsent(field)) << field;
  }
  EXPECT_FALSE(cn.IsProhibitedField("income"));
  EXPECT_FALSE(cn.NeedsConsent("name"));
  const PurposeRule* loan = cn.FindPurpose("credit_application");
  ASSERT_NE(loan, nullptr);
  EXPECT_TRUE(loan->hard_inquiry);
  EXPECT_TRUE(loan->requires_consent);  // Art. 18
  EXPECT_THAT(loan->legal_basis, HasSubstr("第18条"));
  const PurposeRule* self = cn.FindPurpose("self_query");
  ASSERT_NE(self, nullptr);
  EXPECT_FALSE(self->hard_inquiry);
  EXPECT_FALSE(self->requires_consent);
  EXPECT_EQ(cn.FindPurpose("prescreen"), nullptr);
}

TEST(BuiltinProfiles, UsMatchesDomainSection2) {
  JurisdictionProfile us = LoadBuiltinProfile("us").value();
  EXPECT_EQ(us.name, "us");
  EXPECT_EQ(us.default_country, "us");
  EXPECT_EQ(us.currency, "USD");
  EXPECT_EQ(us.negative_retention_years, 7);       // FCRA 605(a)(5)
  EXPECT_EQ(us.bankruptcy_retention_years, 10);    // 605(a)(1)
  EXPECT_EQ(us.collection_clock_delay_days, 180);  // 605(c)
  EXPECT_EQ(us.dispute_days, 30);                  // 611(a)(1)
  EXPECT_EQ(us.free_self_queries_per_year, 1);     // 612(a)
  EXPECT_GE(us.query_record_retention_years, 2);   // 609(a)(3): 2 years for employment
  EXPECT_TRUE(HasKind(us, IdentifierKind::kUsSsn));
  EXPECT_TRUE(HasKind(us, IdentifierKind::kUsEin));
  EXPECT_FALSE(HasKind(us, IdentifierKind::kCnResidentId));
  const PurposeRule* application = us.FindPurpose("credit_application");
  ASSERT_NE(application, nullptr);
  EXPECT_TRUE(application->hard_inquiry);
  EXPECT_EQ(application->legal_basis, "FCRA 604(a)(3)(A)");
  const PurposeRule* prescreen = us.FindPurpose("prescreen");
  ASSERT_NE(prescreen, nullptr);
  EXPECT_FALSE(prescreen->hard_inquiry);  // soft: shown only to the consumer
  EXPECT_EQ(prescreen->legal_basis, "FCRA 604(c)");
  const PurposeRule* employment = us.FindPurpose("employment");
  ASSERT_NE(employment, nullptr);
  EXPECT_TRUE(employment->requires_consent);  // 604(b)(2)
  EXPECT_FALSE(employment->hard_inquiry);
  EXPECT_TRUE(us.FindPurpose("account_review") != nullptr);
  EXPECT_FALSE(us.FindPurpose("account_review")->hard_inquiry);
}

TEST(BuiltinProfiles, EveryReportSectionIsLabelledInBothLanguages) {
  for (const std::string& name : BuiltinProfileNames()) {
    JurisdictionProfile profile = LoadBuiltinProfile(name).value();
    ASSERT_EQ(ReportSectionKeys().size(), 20u);
    for (std::string_view section : ReportSectionKeys()) {
      std::string en = profile.Label(section, "en");
      std::string zh = profile.Label(section, "zh");
      EXPECT_NE(en, section) << name << " " << section;
      EXPECT_NE(zh, section) << name << " " << section;
      EXPECT_NE(en, zh) << name << " " << section;
    }
  }
  JurisdictionProfile cn = LoadBuiltinProfile("cn").value();
  EXPECT_EQ(cn.Label("inquiries", "zh"), "查询记录");
  EXPECT_EQ(cn.Label("disputes", "zh"), "异议标注");
  EXPECT_EQ(cn.Label("no_such_section", "en"), "no_such_section");
}

TEST(BuiltinProfiles, TheEmbeddedTextIsTheFileInTheRepository) {
  // The binary carries profiles/cn.toml as built; parsing the file on disk gives the same profile.
  JurisdictionProfile from_file =
      ParseProfile(ReadSourceFile("profiles/cn.toml"), "profiles/cn.toml").value();
  JurisdictionProfile builtin = LoadBuiltinProfile("cn").value();
  EXPECT_EQ(from_file.negative_retention_years, builtin.negative_retention_years);
  EXPECT_EQ(from_file.labels_zh, builtin.labels_zh);
  EXPECT_EQ(from_file.purposes.size(), builtin.purposes.size());
}

TEST(LoadBuiltinProfile, NameIsCaseInsensitive) {
  EXPECT_EQ(LoadBuiltinProfile("US").value().name, "us");
}

TEST(LoadBuiltinProfile, UnknownNameListsTheKnownOnes) {
  Result<JurisdictionProfile> result = LoadBuiltinProfile("eu");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(result.error().message, HasSubstr("unknown jurisdiction profile \"eu\""));
  EXPECT_THAT(result.error().message, HasSubstr("cn, us"));
}

// A profile text with one line replaced, to make each malformed case from a valid file.
std::string CnWith(std::string_view from, std::string_view to) {
  std::string text = ReadSourceFile("profiles/cn.toml");
  size_t position = text.find(from);
  EXPECT_NE(position, std::string::npos) << from;
  if (position != std::string::npos) text.replace(position, from.size(), to);
  return text;
}

int LineOf(const std::string& text, std::string_view needle) {
  size_t position = text.find(needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + position, '\n'));
}

TEST(ParseProfile, MalformedTomlNamesSourceLineAndColumn) {
  std::string text = CnWith("dispute_days = 20", "dispute_days = = 20");
  Result<JurisdictionProfile> result = ParseProfile(text, "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(result.error().message, HasSubstr("malformed TOML"));
  EXPECT_THAT(result.error().location,
              HasSubstr("bureau.toml:" + std::to_string(LineOf(text, "dispute_days = ="))));
}

TEST(ParseProfile, UnknownIdentifierKindNamesLineAndKey) {
  std::string text = CnWith("valid_kinds = [\"cn_resident_id\"", "valid_kinds = [\"passport\"");
  Result<JurisdictionProfile> result = ParseProfile(text, "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().location,
            "bureau.toml:" + std::to_string(LineOf(text, "valid_kinds = [")));
  EXPECT_THAT(result.error().message, HasSubstr("key identifiers.valid_kinds[0]"));
  EXPECT_THAT(result.error().message, HasSubstr("unknown identifier kind \"passport\""));
}

TEST(ParseProfile, WrongTypeNamesTheKey) {
  std::string text = CnWith("negative_years = 5", "negative_years = \"five\"");
  Result<JurisdictionProfile> result = ParseProfile(text, "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message,
              HasSubstr("key retention.negative_years: expected an integer, got a string"));
  EXPECT_EQ(result.error().location,
            "bureau.toml:" + std::to_string(LineOf(text, "negative_years = \"five\"")));
}

TEST(ParseProfile, MisspeltKeyIsRefused) {
  std::string text = CnWith("dispute_days = 20", "dispute_day = 20");
  Result<JurisdictionProfile> result = ParseProfile(text, "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("key deadlines.dispute_day: unknown key"));
}

TEST(ParseProfile, MissingKeyAndOutOfRangeValue) {
  Result<JurisdictionProfile> result = ParseProfile(CnWith("dispute_days = 20", ""), "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("key deadlines.dispute_days: missing"));
  result = ParseProfile(CnWith("dispute_days = 20", "dispute_days = 0"), "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("value 0 is outside 1..365"));
}

TEST(ParseProfile, MissingLabelIsRefused) {
  Result<JurisdictionProfile> result =
      ParseProfile(CnWith("rating = \"信用评级\"", ""), "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("key labels.zh.rating: missing"));
  result = ParseProfile(CnWith("rating = \"信用评级\"", "ratings = \"信用评级\""), "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("labels.zh.ratings: unknown report section"));
}

TEST(ParseProfile, DuplicatePurposeIsRefused) {
  Result<JurisdictionProfile> result = ParseProfile(
      CnWith("code = \"credit_card_application\"", "code = \"credit_application\""), "bureau.toml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("purpose \"credit_application\" is defined twice"));
}

}  // namespace
}  // namespace credo
