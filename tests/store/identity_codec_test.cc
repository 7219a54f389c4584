// The stored identity's codec: the direct reader answers exactly what nlohmann's parser answers
// for everything EncodeIdentity writes, and leaves the rest (other spellings of the same JSON,
// damaged bytes) to that parser.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "store/internal/codec.h"
#include "store/internal/identity_reader.h"
#include "store/internal/identity_writer.h"

namespace credo::store_internal {
namespace {

void ExpectSamePerson(const Person& a, const Person& b) {
  EXPECT_EQ(a.given_name, b.given_name);
  EXPECT_EQ(a.family_name, b.family_name);
  EXPECT_EQ(a.full_name, b.full_name);
  EXPECT_EQ(a.birth_date, b.birth_date);
  EXPECT_EQ(a.identifiers, b.identifiers);
  EXPECT_EQ(a.addresses, b.addresses);
  EXPECT_EQ(a.phones, b.phones);
  EXPECT_EQ(a.emails, b.emails);
  EXPECT_EQ(a.employment, b.employment);
}

void ExpectSameOrganization(const Organization& a, const Organization& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.identifiers, b.identifiers);
  EXPECT_EQ(a.legal_representative, b.legal_representative);
  EXPECT_EQ(a.registered_capital, b.registered_capital);
  EXPECT_EQ(a.established_on, b.established_on);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.industry_code, b.industry_code);
  EXPECT_EQ(a.addresses, b.addresses);
  EXPECT_EQ(a.phones, b.phones);
}

// Pieces that exercise every branch of the string reader: quotes, backslashes, the control
// characters EncodeIdentity writes as escapes, Han characters, a four-byte character.
std::string RandomText(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {
      "a", "Z", " ", "0", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", std::string(1, '\x01'),
      std::string(1, '\x1f'), std::string(1, '\x7f'), "张", "伟", "é", "\xF0\x9F\x98\x80",
      "\xF4\x8F\xBF\xBF", "O'Brien", "-", "{", "}", "[", ","};
  std::string text;
  int length = static_cast<int>(random() % 12);
  for (int i = 0; i < length; ++i) text += kPieces[random() % kPieces.size()];
  return text;
}

std::optional<Date> RandomDate(std::mt19937& random) {
  if (random() % 3 == 0) return std::nullopt;
  return Date::FromDays(static_cast<int32_t>(random() % 80000) - 30000);
}

Address RandomAddress(std::mt19937& random) {
  return {RandomText(random), RandomText(random), RandomText(random), RandomText(random),
          RandomText(random), random() % 2 ? "cn" : "us", RandomDate(random)};
}

Subject RandomPerson(std::mt19937& random) {
  Subject subject;
  subject.kind = SubjectKind::kPerson;
  Person& p = subject.person;
  p.given_name = RandomText(random);
  p.family_name = RandomText(random);
  p.full_name = RandomText(random);
  p.birth_date = RandomDate(random);
  const IdentifierKind kinds[] = {IdentifierKind::kCnResidentId, IdentifierKind::kUsSsn,
                                  IdentifierKind::kPhone, IdentifierKind::kOther};
  for (int i = static_cast<int>(random() % 3); i > 0; --i) {
    p.identifiers.push_back({kinds[random() % 4], RandomText(random)});
  }
  for (int i = static_cast<int>(random() % 3); i > 0; --i) p.addresses.push_back(RandomAddress(random));
  for (int i = static_cast<int>(random() % 3); i > 0; --i) p.phones.push_back(RandomText(random));
  for (int i = static_cast<int>(random() % 2); i > 0; --i) p.emails.push_back(RandomText(random));
  for (int i = static_cast<int>(random() % 2); i > 0; --i) {
    p.employment.push_back({RandomText(random), RandomText(random), RandomDate(random)});
  }
  return subject;
}

Subject RandomOrganization(std::mt19937& random) {
  Subject subject;
  subject.kind = SubjectKind::kOrganization;
  Organization& o = subject.organization;
  o.name = RandomText(random);
  if (random() % 2) o.identifiers.push_back({IdentifierKind::kCnUnifiedSocialCredit, RandomText(random)});
  o.legal_representative = RandomText(random);
  if (random() % 2) {
    o.registered_capital = Money{static_cast<int64_t>(random()) * 1000 - 7, *Currency::Parse("CNY")};
  }
  o.established_on = RandomDate(random);
  const OrganizationStatus statuses[] = {OrganizationStatus::kActive, OrganizationStatus::kRevoked,
                                         OrganizationStatus::kBankrupt, OrganizationStatus::kUnknown};
  o.status = statuses[random() % 4];
  o.industry_code = RandomText(random);
  for (int i = static_cast<int>(random() % 3); i > 0; --i) o.addresses.push_back(RandomAddress(random));
  for (int i = static_cast<int>(random() % 3); i > 0; --i) o.phones.push_back(RandomText(random));
  return subject;
}

TEST(IdentityCodecTest, EveryEncodedPersonAndOrganizationIsReadDirectlyAndExactly) {
  std::mt19937 random(20261123);
  for (int i = 0; i < 2000; ++i) {
    Subject person = RandomPerson(random);
    std::string bytes = EncodeIdentity(person);
    Subject read;
    read.kind = SubjectKind::kPerson;
    ASSERT_TRUE(ReadIdentityDirect(bytes, read)) << bytes;
    ExpectSamePerson(read.person, person.person);

    Subject organization = RandomOrganization(random);
    bytes = EncodeIdentity(organization);
    read = Subject{};
    read.kind = SubjectKind::kOrganization;
    ASSERT_TRUE(ReadIdentityDirect(bytes, read)) << bytes;
    ExpectSameOrganization(read.organization, organization.organization);
  }
}

TEST(IdentityCodecTest, TheDirectWriterWritesExactlyWhatTheJsonLibraryWrites) {
  std::mt19937 random(20261124);
  for (int i = 0; i < 5000; ++i) {
    for (const Subject& subject : {RandomPerson(random), RandomOrganization(random)}) {
      std::string direct;
      ASSERT_TRUE(WriteIdentityDirect(subject, direct));
      const std::string reference = EncodeIdentityWithJsonLibrary(subject);
      ASSERT_EQ(direct, reference);
      EXPECT_EQ(EncodeIdentity(subject), reference);
    }
  }
}

TEST(IdentityCodecTest, TextThatIsNotUtf8IsLeftToTheJsonLibraryWhichRefusesIt) {
  // Overlong, a surrogate, past U+10FFFF, a lone continuation byte, a truncated sequence.
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "a\x80",
                                "\xE4\xB8", "\xFF"}) {
    Subject person;
    person.kind = SubjectKind::kPerson;
    person.person.full_name = "zhang " + bad;
    std::string direct;
    EXPECT_FALSE(WriteIdentityDirect(person, direct)) << bad;
    EXPECT_THROW(EncodeIdentity(person), nlohmann::json::type_error) << bad;
  }
}

TEST(IdentityCodecTest, ReadingIntoAUsedSubjectReplacesEveryList) {
  std::mt19937 random(7);
  Subject first = RandomPerson(random);
  first.person.phones = {"+8613800000000", "+8613900000000"};
  Subject second = RandomPerson(random);
  second.person.phones.clear();
  Subject read = first;
  ASSERT_TRUE(ReadIdentityDirect(EncodeIdentity(second), read));
  ExpectSamePerson(read.person, second.person);
}

TEST(IdentityCodecTest, OtherSpellingsOfTheSameJsonGoToTheGeneralParser) {
  Subject person;
  person.kind = SubjectKind::kPerson;
  person.person.full_name = "张伟";
  person.person.birth_date = Date::FromDays(3000);
  std::string bytes = EncodeIdentity(person);
  nlohmann::json json = nlohmann::json::parse(bytes);

  // Spaces and new lines: still read directly.
  Subject read;
  ASSERT_TRUE(ReadIdentityDirect(json.dump(2), read));
  ExpectSamePerson(read.person, person.person);

  // A \u escape beyond ASCII, a key the reader does not know, a date written as a fraction: the
  // direct reader declines, and DecodeIdentity reads them through the general parser.
  std::string escaped = bytes;
  escaped.replace(escaped.find("张伟"), std::string("张伟").size(), "\\u5f20\\u4f1f");
  nlohmann::json extra = json;
  extra["nickname"] = "Wei";
  nlohmann::json fraction = json;
  fraction["birth_date"] = 3000.0;
  for (const std::string& other : {escaped, extra.dump(), fraction.dump()}) {
    Subject direct;
    EXPECT_FALSE(ReadIdentityDirect(other, direct)) << other;
    Subject decoded;
    ASSERT_TRUE(DecodeIdentity(other, decoded).ok()) << other;
    ExpectSamePerson(decoded.person, person.person);
  }
}

TEST(IdentityCodecTest, DamagedBytesAreADataLossErrorWhicheverReaderSeesThem) {
  Subject organization;
  organization.kind = SubjectKind::kOrganization;
  organization.organization.name = "Acme Trading Co";
  std::string bytes = EncodeIdentity(organization);
  nlohmann::json json = nlohmann::json::parse(bytes);
  nlohmann::json missing = json;
  missing.erase("industry_code");
  nlohmann::json wrong_type = json;
  wrong_type["phones"] = "+8613800000000";
  const std::string damaged[] = {bytes.substr(0, bytes.size() / 2), bytes + "x", "", "null",
                                 missing.dump(), wrong_type.dump(), "[" + bytes + "]"};
  for (const std::string& bad : damaged) {
    Subject read;
    read.kind = SubjectKind::kOrganization;
    EXPECT_FALSE(ReadIdentityDirect(bad, read)) << bad;
    Status status = DecodeIdentity(bad, read);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.error().code, ErrorCode::kDataLoss);
  }
}

}  // namespace
}  // namespace credo::store_internal
