#include "ingest/generate/corruption.h"

#include <algorithm>
#include <cctype>

#include "ingest/generate/internal/name_data.h"
#include "ingest/generate/internal/random.h"

namespace credo::ingest::generate {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// A keyboard slip in a Latin name: substitute, drop, double or swap one letter.
std::string LatinTypo(const std::string& name, Rng& rng) {
  if (name.size() < 3) return name + "E";
  std::string result = name;
  size_t position = static_cast<size_t>(rng.Between(1, static_cast<int64_t>(name.size()) - 2));
  switch (rng.Between(0, 3)) {
    case 0: {
      static constexpr std::string_view kLetters = "aeiounrstl";
      char replacement = kLetters[rng.Between(0, kLetters.size() - 1)];
      if (std::isupper(static_cast<unsigned char>(result[position]))) {
        replacement = static_cast<char>(std::toupper(static_cast<unsigned char>(replacement)));
      }
      if (replacement == result[position]) replacement = replacement == 'e' ? 'a' : 'e';
      result[position] = replacement;
      break;
    }
    case 1:
      result.erase(position, 1);
      break;
    case 2:
      result.insert(position, 1, result[position]);
      break;
    default:
      if (result[position] == result[position + 1]) {
        result.erase(position, 1);
      } else {
        std::swap(result[position], result[position + 1]);
      }
      break;
  }
  return result;
}

std::string TransposeDigits(const std::string& id, Rng& rng) {
  // Swap two adjacent, different characters among the first 17 (CN) or all 9 (SSN).
  size_t limit = id.size() == 18 ? 16 : id.size() - 1;
  for (int attempt = 0; attempt < 20; ++attempt) {
    size_t position = static_cast<size_t>(rng.Between(0, static_cast<int64_t>(limit) - 1));
    if (id[position] != id[position + 1]) {
      std::string result = id;
      std::swap(result[position], result[position + 1]);
      return result;
    }
  }
  return id;
}

std::string MistypeDigit(const std::string& id, Rng& rng) {
  size_t limit = id.size() == 18 ? 17 : id.size();
  std::string result = id;
  size_t position = static_cast<size_t>(rng.Between(0, static_cast<int64_t>(limit) - 1));
  char replacement = static_cast<char>('0' + rng.Between(0, 8));
  if (replacement >= result[position]) ++replacement;
  result[position] = replacement;
  return result;
}

}  // namespace

std::string FurnisherView::CorruptionList() const {
  std::string list;
  for (const std::string& tag : corruptions) {
    if (!list.empty()) list += ';';
    list += tag;
  }
  return list;
}

FurnisherView MakeFurnisherView(const WorldPlan& plan, const TruePerson& person,
                                Furnisher furnisher, int month) {
  Rng rng(plan.seed, Stream::kFurnisherView, static_cast<uint64_t>(person.index),
          static_cast<uint64_t>(furnisher) + 1);
  FurnisherView view;
  auto tag = [&view](std::string_view name) { view.corruptions.emplace_back(name); };
  // Draw every decision up front in a fixed order, so that the view is the same each month.
  double name_draw = rng.Uniform();
  double romanisation_draw = rng.Uniform();
  int romanisation_kind = static_cast<int>(rng.Between(0, 3));
  double id_draw = rng.Uniform();
  double birth_draw = rng.Uniform();
  double phone_draw = rng.Uniform();
  double email_draw = rng.Uniform();
  double line2_draw = rng.Uniform();
  bool diligent = rng.Chance(0.5);  // picks up moves and phone changes when they happen

  if (person.cn) {
    view.name_han = person.FullNameHan();
    if (name_draw < 0.04 && !person.given_syllables.empty()) {
      // A homophone typed for one given-name character (same pinyin, different character).
      auto given = HanGivenCharacters();
      size_t which = static_cast<size_t>(rng.Between(0, person.given_syllables.size() - 1));
      view.name_han = person.family_han;
      for (size_t i = 0; i < person.given_syllables.size(); ++i) {
        const auto& character = given[person.given_syllables[i]];
        view.name_han += std::string(i == which ? character.homophone : character.han);
      }
      tag(corruption::kNameTypo);
    }
    // The internet lender keeps only the Han name; the card issuer also a romanised one.
    bool keeps_latin = furnisher != Furnisher::kOnlineLender;
    std::string family = person.family_pinyin;
    std::string given_name = person.given_pinyin;
    view.name_latin = Upper(family) + " " + Upper(given_name);
    if (keeps_latin && romanisation_draw < 0.10) {
      switch (romanisation_kind) {
        case 0:
          view.name_latin = Upper(person.family_old_spelling) + " " + Upper(given_name);
          break;
        case 1:
          view.name_latin = Capitalised(given_name) + " " + Capitalised(family);
          break;
        case 2:
          view.name_latin = Upper(family + given_name);
          break;
        default:
          view.name_latin = Capitalised(family) + " " + Capitalised(given_name);
          break;
      }
      if (view.name_latin != Upper(family) + " " + Upper(given_name))
        tag(corruption::kRomanisation);
    }
  } else {
    view.first_name = Upper(person.first_name);
    view.middle_name = Upper(person.middle_name);
    view.last_name = Upper(person.last_name);
    if (romanisation_draw < 0.12 && !person.nickname.empty()) {
      view.first_name = Upper(person.nickname);
      tag(corruption::kNickname);
    }
    if (name_draw < 0.04) {
      if (rng.Chance(0.5)) {
        view.last_name = LatinTypo(view.last_name, rng);
      } else {
        view.first_name = LatinTypo(view.first_name, rng);
      }
      tag(corruption::kNameTypo);
    }
    view.name_latin = view.first_name + (view.middle_name.empty() ? "" : " " + view.middle_name) +
                      " " + view.last_name;
  }

  view.national_id = person.national_id;
  if (id_draw < 0.02) {
    view.national_id.clear();
    tag(corruption::kIdMissing);
  } else if (id_draw < 0.035) {
    std::string transposed = TransposeDigits(person.national_id, rng);
    if (transposed != person.national_id) {
      view.national_id = transposed;
      tag(corruption::kIdTransposition);
    }
  } else if (id_draw < 0.045) {
    view.national_id = MistypeDigit(person.national_id, rng);
    tag(corruption::kIdTypo);
  }

  view.birth_date = person.birth_date;
  if (birth_draw < 0.03) {
    view.birth_date.reset();
    tag(corruption::kBirthDateMissing);
  } else if (birth_draw < 0.045 && person.birth_date.day() <= 12 &&
             person.birth_date.day() != person.birth_date.month()) {
    view.birth_date =
        Date::FromYmd(person.birth_date.year(), person.birth_date.day(), person.birth_date.month())
            .value();
    tag(corruption::kBirthDateSwap);
  }

  // Contact points as of `month`: before a move or phone change the old ones are simply true.
  bool moved = person.previous_address.has_value() && month >= person.moved_month;
  if (person.previous_address.has_value() && month < person.moved_month) {
    view.address = *person.previous_address;
  } else if (moved && !diligent) {
    view.address = *person.previous_address;
    tag(corruption::kOldAddress);
  } else {
    view.address = person.address;
  }
  if (!view.address.line2.empty() && line2_draw < 0.10) {
    view.address.line2.clear();
    tag(corruption::kAddressLine2Missing);
  }

  bool phone_changed = !person.old_phone.empty() && month >= person.phone_changed_month;
  if (!person.old_phone.empty() && month < person.phone_changed_month) {
    view.phone = person.old_phone;
  } else if (phone_changed && !diligent) {
    view.phone = person.old_phone;
    tag(corruption::kOldPhone);
  } else {
    view.phone = person.phone;
  }
  if (phone_draw < 0.05) {
    view.phone.clear();
    tag(corruption::kPhoneMissing);
  }

  view.email = person.email;
  if (!view.email.empty() && email_draw < 0.15) {
    view.email.clear();
    tag(corruption::kEmailMissing);
  }
  return view;
}

std::string VaryCompanyName(const std::string& name, uint64_t rng_value) {
  static constexpr std::string_view kLimited = "有限公司";
  static constexpr std::string_view kShares = "股份有限公司";
  switch (rng_value % 10) {
    case 0:  // 有限公司 -> 有限责任公司 (the long form of the same legal type)
      if (!name.ends_with(kShares) && name.ends_with(kLimited)) {
        return name.substr(0, name.size() - kLimited.size()) + "有限责任公司";
      }
      return name;
    case 1: {  // the city moved into full-width brackets: 北京华信科技有限公司 ->
               // 华信科技（北京）有限公司
      std::string_view suffix = name.ends_with(kShares) ? kShares : kLimited;
      if (name.size() < 6 + suffix.size()) return name;
      std::string city = name.substr(0, 6);  // two Han characters in UTF-8
      std::string middle = name.substr(6, name.size() - 6 - suffix.size());
      return middle + "（" + city + "）" + std::string(suffix);
    }
    case 2:  // the city prefix dropped
      return name.size() > 6 ? name.substr(6) : name;
    default:
      return name;
  }
}

}  // namespace credo::ingest::generate
