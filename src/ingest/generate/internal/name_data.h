// credo ingest/generate internal: the vocabulary synthetic people and companies are made from:
// Han surnames and given-name characters with their Hanyu Pinyin (and the older or Cantonese
// romanisations furnishers still use), homophone characters (the usual typing error in Chinese),
// US first names with their nicknames, surnames, and real CN district / US city tables.
#pragma once

#include <span>
#include <string_view>

namespace credo::ingest::generate {

struct HanSurname {
  std::string_view han;
  std::string_view pinyin;        //!< Hanyu Pinyin, lower case: "zhang"
  std::string_view old_spelling;  //!< Wade-Giles or Cantonese: "chang", "cheung"
};

struct HanGivenCharacter {
  std::string_view han;
  std::string_view pinyin;
  std::string_view homophone;  //!< another character read the same way, typed by mistake
};

struct UsFirstName {
  std::string_view name;
  std::string_view nickname;  //!< "Bill" for William; empty when there is none in common use
  bool male;
};

struct CnDistrict {
  std::string_view region_code;  //!< GB/T 2260 district code
  std::string_view province_zh;
  std::string_view city_zh;
  std::string_view district_zh;
  std::string_view city_pinyin;
  std::string_view postcode;
  std::string_view area_code;  //!< fixed-line area code without the trunk 0
};

struct UsCity {
  std::string_view city;
  std::string_view state;
  std::string_view zip;
  std::string_view area_code;
};

struct Industry {
  std::string_view name_zh;  //!< the word in a company name: "科技"
  std::string_view code;     //!< GB/T 4754-2017 section letter and division: "I65"
};

std::span<const HanSurname> HanSurnames();
std::span<const HanGivenCharacter> HanGivenCharacters();
std::span<const UsFirstName> UsFirstNames();
std::span<const std::string_view> UsSurnames();
std::span<const std::string_view> UsMiddleInitials();
std::span<const CnDistrict> CnDistricts();
std::span<const std::string_view> CnStreets();
std::span<const UsCity> UsCities();
std::span<const std::string_view> UsStreets();
std::span<const std::string_view> CnCompanyWords();
std::span<const Industry> Industries();
std::span<const std::string_view> CnMobilePrefixes();
std::span<const std::string_view> CnEmailDomains();
std::span<const std::string_view> UsEmailDomains();

}  // namespace credo::ingest::generate
