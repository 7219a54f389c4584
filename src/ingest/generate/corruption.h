// credo ingest/generate: how one furnisher sees a person, with the errors real files carry.
//
// A furnisher keeps its own copy of a customer's identity, taken when the account was opened and
// updated more or less diligently. MakeFurnisherView draws that copy from the true person:
// typos (a homophone character in a Han name, a letter slip in a Latin one), nicknames and
// romanisation variants (Wade-Giles or Cantonese surnames, given name first, run together),
// transposed or mistyped digits in the identity number, a swapped day and month, missing fields,
// the address before a move, the phone before a change. The same view is used every month (a
// furnisher's typo persists), except that a diligent furnisher picks up moves and new phones in
// the month they happen. Each corruption is named in `corruptions` (and in the ground truth).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/generate/credit.h"
#include "ingest/generate/population.h"

namespace credo::ingest::generate {

//! Corruption tags, as written in truth/person_records.csv.
namespace corruption {
inline constexpr std::string_view kNameTypo = "name_typo";
inline constexpr std::string_view kNickname = "nickname";
inline constexpr std::string_view kRomanisation = "romanisation_variant";
inline constexpr std::string_view kIdTransposition = "id_transposed_digits";
inline constexpr std::string_view kIdTypo = "id_typo";
inline constexpr std::string_view kIdMissing = "id_missing";
inline constexpr std::string_view kBirthDateSwap = "birth_day_month_swapped";
inline constexpr std::string_view kBirthDateMissing = "birth_date_missing";
inline constexpr std::string_view kPhoneMissing = "phone_missing";
inline constexpr std::string_view kOldPhone = "old_phone";
inline constexpr std::string_view kEmailMissing = "email_missing";
inline constexpr std::string_view kOldAddress = "old_address";
inline constexpr std::string_view kAddressLine2Missing = "address_line2_missing";
}  // namespace corruption

struct FurnisherView {
  // CN: Han name and a romanised name as the furnisher keeps them.
  std::string name_han;    //!< "张伟" (may carry a homophone typo)
  std::string name_latin;  //!< "ZHANG WEI", "Wei Zhang", "CHANG WEI"; US: "WILLIAM J SMITH"
  // US names.
  std::string first_name, middle_name, last_name;
  std::optional<Date> birth_date;
  std::string national_id;  //!< as recorded (may be invalid when corrupted); empty if missing
  TrueAddress address;
  std::string phone;  //!< E.164 or empty
  std::string email;  //!< or empty
  std::vector<std::string> corruptions;

  std::string CorruptionList() const;  //!< "name_typo;old_phone", or empty
};

//! The view of `person` held by `furnisher` in reported month `month`.
FurnisherView MakeFurnisherView(const WorldPlan& plan, const TruePerson& person,
                                Furnisher furnisher, int month);

//! Corrupts a company name the way court and tax feeds write it (full-width brackets, 有限责任公司
//! for 有限公司, a dropped city prefix); returns the name unchanged when `rng_value` says no.
std::string VaryCompanyName(const std::string& name, uint64_t rng_value);

}  // namespace credo::ingest::generate
