#include "ingest/generate/population.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "core/check_characters.h"
#include "ingest/generate/generate.h"
#include "ingest/generate/internal/name_data.h"
#include "ingest/generate/internal/random.h"

namespace credo::ingest::generate {
namespace {

// A bijection of [0, space) for space < 2^32: x -> (x * multiplier + offset) mod space. Gives every
// entity a unique identifier or phone number that still looks random.
class Scatter {
 public:
  Scatter(uint64_t space, uint64_t seed, uint64_t salt) : space_(space) {
    uint64_t state = seed ^ (salt * 0x9E3779B97F4A7C15ULL);
    offset_ = SplitMix64(state) % space;
    multiplier_ = (SplitMix64(state) % space) | 1;
    while (std::gcd(multiplier_, space_) != 1) multiplier_ += 2;
  }
  uint64_t operator()(uint64_t x) const {
    // Every space here is below 2^32, so the product fits in 64 bits.
    return ((x % space_) * multiplier_ + offset_) % space_;
  }

 private:
  uint64_t space_;
  uint64_t multiplier_ = 1;
  uint64_t offset_ = 0;
};

constexpr int kFirstBirthYear = 1950;
constexpr int kLastBirthYear = 2005;
constexpr uint64_t kSequencePairs = 499;  // sequences 001..998, odd = male

int32_t BirthDaySpan() {
  static const int32_t span = Date::FromYmd(kLastBirthYear, 12, 31)
                                  ->DaysSince(Date::FromYmd(kFirstBirthYear, 1, 1).value()) +
                              1;
  return span;
}

bool IsCnPerson(const WorldPlan& plan, int64_t index) {
  Rng rng(plan.seed, Stream::kPerson, static_cast<uint64_t>(index));
  return rng.Uniform() < plan.cn_share;
}

std::string Pad(int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

const std::vector<int>& NanpExchanges() {
  static const std::vector<int> exchanges = [] {
    std::vector<int> list;
    for (int exchange = 200; exchange <= 999; ++exchange) {
      if (exchange % 100 == 11) continue;  // N11 codes are not assigned to subscribers
      list.push_back(exchange);
    }
    return list;
  }();
  return exchanges;
}

// Phone slots: the current phone of person i is slot i, the old one slot persons + i, the
// phone of fraud ring r slot 2 * persons + r. Distinct slots give distinct numbers.
std::string CnMobileForSlot(const WorldPlan& plan, uint64_t slot) {
  auto prefixes = CnMobilePrefixes();
  static constexpr uint64_t kSubscribers = 100000000;
  Scatter scatter(prefixes.size() * kSubscribers, plan.seed, 11);
  uint64_t code = scatter(slot);
  return "+86" + std::string(prefixes[code / kSubscribers]) +
         Pad(static_cast<int64_t>(code % kSubscribers), 8);
}

// US phone slot -> (city, exchange, line); the city is returned so that the address matches.
std::string UsPhoneForSlot(const WorldPlan& plan, uint64_t slot, size_t* city_index) {
  auto cities = UsCities();
  const auto& exchanges = NanpExchanges();
  uint64_t per_city = exchanges.size() * 10000;
  Scatter scatter(cities.size() * per_city, plan.seed, 12);
  uint64_t code = scatter(slot);
  size_t city = code / per_city;
  uint64_t rest = code % per_city;
  if (city_index != nullptr) *city_index = city;
  return "+1" + std::string(cities[city].area_code) + std::to_string(exchanges[rest / 10000]) +
         Pad(static_cast<int64_t>(rest % 10000), 4);
}

TrueAddress CnAddress(Rng& rng, const CnDistrict& district) {
  TrueAddress address;
  address.line1 = std::string(rng.Pick(CnStreets())) + std::to_string(rng.Between(1, 999)) + "号";
  address.line2 = std::to_string(rng.Between(1, 30)) + "栋" + std::to_string(rng.Between(1, 28)) +
                  Pad(rng.Between(1, 6), 2) + "室";
  address.district = std::string(district.district_zh);
  address.region_code = std::string(district.region_code);
  address.city = std::string(district.city_zh);
  address.region = std::string(district.province_zh);
  address.postcode = std::string(district.postcode);
  address.country = "cn";
  return address;
}

TrueAddress UsAddress(Rng& rng, const UsCity& city) {
  TrueAddress address;
  address.line1 = std::to_string(rng.Between(1, 9899)) + " " + std::string(rng.Pick(UsStreets()));
  if (rng.Chance(0.3)) address.line2 = "APT " + std::to_string(rng.Between(1, 40));
  address.city = std::string(city.city);
  for (char& c : address.city) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  address.region = std::string(city.state);
  address.postcode = std::string(city.zip);
  address.country = "us";
  return address;
}

}  // namespace

std::string PersonId(int64_t index) { return std::string(1, 'P').append(Pad(index, 8)); }
std::string CompanyId(int64_t index) { return std::string(1, 'C').append(Pad(index, 8)); }

Date WorldPlan::MonthEnd(int month) const {
  size_t slot = static_cast<size_t>(month + kCachedMonthsBefore);
  if (month >= -kCachedMonthsBefore && slot < month_ends.size()) return month_ends[slot];
  Date first = first_month.AddMonths(month);
  Date start = Date::FromYmd(first.year(), first.month(), 1).value();
  return start.AddMonths(1).AddDays(-1);
}

std::string WorldPlan::MonthTag(int month) const {
  Date end = MonthEnd(month);
  return std::to_string(end.year()) + Pad(end.month(), 2);
}

int WorldPlan::FraudRingOf(int64_t person) const {
  for (size_t ring = 0; ring < fraud_rings.size(); ++ring) {
    if (std::binary_search(fraud_rings[ring].begin(), fraud_rings[ring].end(), person)) {
      return static_cast<int>(ring);
    }
  }
  return -1;
}

int WorldPlan::GuaranteeCircleOf(int64_t company) const {
  for (size_t circle = 0; circle < guarantee_circles.size(); ++circle) {
    const auto& members = guarantee_circles[circle];
    if (std::find(members.begin(), members.end(), company) != members.end()) {
      return static_cast<int>(circle);
    }
  }
  return -1;
}

WorldPlan MakeWorldPlan(const GeneratorOptions& options) {
  WorldPlan plan;
  plan.seed = options.seed;
  plan.persons = options.persons;
  plan.companies = options.companies;
  plan.months = options.months;
  plan.cn_share = options.cn_share;
  plan.joint_account_share = options.joint_account_share;
  plan.first_month =
      Date::FromYmd(options.first_month.year(), options.first_month.month(), 1).value();
  for (int month = -WorldPlan::kCachedMonthsBefore; month < 60; ++month) {
    plan.month_ends.push_back(plan.MonthEnd(month));
  }
  Rng rng(options.seed, Stream::kRun, 0);
  // Fraud rings: six CN persons each sharing a phone and an address; one ring per 20,000
  // persons (at least one when there are 20 persons or more).
  if (options.persons >= 20 && options.cn_share > 0) {
    int64_t rings = std::max<int64_t>(1, options.persons / 20000);
    std::set<int64_t> used;
    for (int64_t ring = 0; ring < rings; ++ring) {
      std::vector<int64_t> members;
      for (int attempt = 0; attempt < 10000 && members.size() < 6; ++attempt) {
        int64_t candidate = rng.Between(0, options.persons - 1);
        if (used.count(candidate) != 0 || !IsCnPerson(plan, candidate)) continue;
        used.insert(candidate);
        members.push_back(candidate);
      }
      std::sort(members.begin(), members.end());
      if (members.size() >= 3) plan.fraud_rings.push_back(std::move(members));
    }
  }
  // Guarantee circles (担保圈): 3 to 5 companies guaranteeing each other in a cycle; one per 500
  // companies (at least one when there are 3 companies or more).
  if (options.companies >= 3) {
    int64_t circles = std::max<int64_t>(1, options.companies / 500);
    std::set<int64_t> used;
    for (int64_t circle = 0; circle < circles; ++circle) {
      int64_t size = std::min<int64_t>(rng.Between(3, 5), options.companies);
      std::vector<int64_t> members;
      for (int attempt = 0; attempt < 10000 && static_cast<int64_t>(members.size()) < size;
           ++attempt) {
        int64_t candidate = rng.Between(0, options.companies - 1);
        if (used.insert(candidate).second) members.push_back(candidate);
      }
      if (members.size() >= 3) plan.guarantee_circles.push_back(std::move(members));
    }
  }
  return plan;
}

TruePerson MakePerson(const WorldPlan& plan, int64_t index) {
  Rng rng(plan.seed, Stream::kPerson, static_cast<uint64_t>(index));
  TruePerson person;
  person.index = index;
  person.id = PersonId(index);
  person.cn = rng.Uniform() < plan.cn_share;  // first draw: IsCnPerson repeats it
  person.male = rng.Chance(0.5);
  person.fraud_ring = plan.FraudRingOf(index);
  person.risk = rng.Normal();
  if (person.fraud_ring >= 0) person.risk += 1.5;
  double income_noise = rng.Normal();

  if (person.cn) {
    auto surnames = HanSurnames();
    const HanSurname& surname =
        rng.Chance(0.02) ? surnames[30 + rng.Between(0, 1)] : surnames[rng.Between(0, 29)];
    person.family_han = std::string(surname.han);
    person.family_pinyin = std::string(surname.pinyin);
    person.family_old_spelling = std::string(surname.old_spelling);
    int syllables = rng.Chance(0.3) ? 1 : 2;
    auto given = HanGivenCharacters();
    for (int i = 0; i < syllables; ++i) {
      int pick = static_cast<int>(rng.Between(0, static_cast<int64_t>(given.size()) - 1));
      person.given_syllables.push_back(pick);
      person.given_han += given[pick].han;
      person.given_pinyin += given[pick].pinyin;
    }
    // Identity number: (district, birth day, sequence pair) is a bijection of the index, so no
    // two persons share a number; odd sequences are male (GB 11643).
    auto districts = CnDistricts();
    uint64_t space = districts.size() * static_cast<uint64_t>(BirthDaySpan()) * kSequencePairs;
    uint64_t code = Scatter(space, plan.seed, 21)(static_cast<uint64_t>(index));
    size_t district = code % districts.size();
    code /= districts.size();
    int32_t day = static_cast<int32_t>(code % static_cast<uint64_t>(BirthDaySpan()));
    uint64_t pair = code / static_cast<uint64_t>(BirthDaySpan());
    person.birth_date = Date::FromYmd(kFirstBirthYear, 1, 1)->AddDays(day);
    int sequence = static_cast<int>(pair * 2 + (person.male ? 1 : 2));
    char birth[16];
    std::snprintf(birth, sizeof birth, "%04d%02d%02d", person.birth_date.year(),
                  person.birth_date.month(), person.birth_date.day());
    std::string first17 = std::string(districts[district].region_code) + birth + Pad(sequence, 3);
    person.national_id = first17 + Gb11643CheckCharacter(first17);
    // Most people live where they were registered.
    const CnDistrict& home = rng.Chance(0.6) ? districts[district] : rng.Pick(districts);
    person.address = CnAddress(rng, home);
    person.phone = CnMobileForSlot(plan, static_cast<uint64_t>(index));
    if (rng.Chance(0.8)) {
      std::string local = person.family_pinyin + person.given_pinyin;
      if (rng.Chance(0.5)) local = person.given_pinyin + "." + person.family_pinyin;
      person.email = local + std::to_string(index) + "@" + std::string(rng.Pick(CnEmailDomains()));
    }
    person.annual_income = static_cast<int64_t>(std::exp(std::log(80000.0) - 0.25 * person.risk +
                                                         0.45 * income_noise)) *
                           100;
  } else {
    auto first_names = UsFirstNames();
    const UsFirstName* first = nullptr;
    do {
      first = &first_names[rng.Between(0, static_cast<int64_t>(first_names.size()) - 1)];
    } while (first->male != person.male);
    person.first_name = std::string(first->name);
    person.nickname = std::string(first->nickname);
    person.middle_name = std::string(rng.Pick(UsMiddleInitials()));
    person.last_name = std::string(rng.Pick(UsSurnames()));
    person.birth_date = Date::FromYmd(kFirstBirthYear, 1, 1)
                            ->AddDays(static_cast<int32_t>(rng.Between(0, BirthDaySpan() - 1)));
    // SSN: (area, group, serial) is a bijection of the index over the issuable ranges (area
    // 001-899 without 666, group 01-99, serial 0001-9999).
    uint64_t space = 898ULL * 99 * 9999;
    uint64_t code = Scatter(space, plan.seed, 22)(static_cast<uint64_t>(index));
    int area = static_cast<int>(code % 898) + 1;
    if (area >= 666) ++area;
    int group = static_cast<int>(code / 898 % 99) + 1;
    int serial = static_cast<int>(code / 898 / 99) + 1;
    // The two voided advertising numbers (see ValidateUsSsn) move to the next serial.
    if ((area == 78 && group == 5 && serial == 1120) ||
        (area == 219 && group == 9 && serial == 9999)) {
      serial = serial == 9999 ? 9998 : serial + 1;
    }
    person.national_id = Pad(area, 3) + Pad(group, 2) + Pad(serial, 4);
    size_t city = 0;
    person.phone = UsPhoneForSlot(plan, static_cast<uint64_t>(index), &city);
    person.address = UsAddress(rng, UsCities()[city]);
    if (rng.Chance(0.85)) {
      std::string local = person.first_name + "." + person.last_name;
      for (char& c : local) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      person.email = local + std::to_string(index) + "@" + std::string(rng.Pick(UsEmailDomains()));
    }
    person.annual_income = static_cast<int64_t>(std::exp(std::log(55000.0) - 0.25 * person.risk +
                                                         0.45 * income_noise)) *
                           100;
  }

  // About 15% moved, some before the window, some during it.
  if (rng.Chance(0.15)) {
    person.previous_address = person.address;
    if (person.cn) {
      person.address = CnAddress(rng, rng.Pick(CnDistricts()));
    } else {
      person.address = UsAddress(rng, rng.Pick(UsCities()));
    }
    person.moved_month = static_cast<int>(rng.Between(-12, plan.months - 1));
  }
  // About 10% changed their phone number.
  if (rng.Chance(0.10)) {
    person.old_phone = person.phone;
    uint64_t slot = static_cast<uint64_t>(plan.persons + index);
    person.phone = person.cn ? CnMobileForSlot(plan, slot) : UsPhoneForSlot(plan, slot, nullptr);
    person.phone_changed_month = static_cast<int>(rng.Between(-12, plan.months - 1));
  }
  if (plan.companies > 0 && rng.Chance(0.6)) {
    int64_t employer = rng.Between(0, plan.companies - 1);
    person.employer = MakeCompany(plan, employer).name;
  }
  // Fraud rings share one phone and one address (the "shared contact point" signal).
  if (person.fraud_ring >= 0) {
    Rng ring_rng(plan.seed, Stream::kRun, 1000 + static_cast<uint64_t>(person.fraud_ring));
    person.address = CnAddress(ring_rng, ring_rng.Pick(CnDistricts()));
    person.previous_address.reset();
    person.moved_month = 0;
    person.phone =
        CnMobileForSlot(plan, static_cast<uint64_t>(2 * plan.persons + person.fraud_ring));
    person.old_phone.clear();
  }
  return person;
}

TrueCompany MakeCompany(const WorldPlan& plan, int64_t index) {
  Rng rng(plan.seed, Stream::kCompany, static_cast<uint64_t>(index));
  TrueCompany company;
  company.index = index;
  company.id = CompanyId(index);
  const CnDistrict& district = rng.Pick(CnDistricts());
  const Industry& industry = rng.Pick(Industries());
  std::string city = std::string(district.city_zh);
  if (city.size() > 3 && city.ends_with("市")) city.resize(city.size() - 3);  // 北京市 -> 北京
  auto words = CnCompanyWords();
  size_t first_word = static_cast<size_t>(rng.Between(0, words.size() - 1));
  size_t second_word = (first_word + 1 + rng.Between(0, words.size() - 2)) % words.size();
  company.name = city + std::string(words[first_word]) + std::string(words[second_word]) +
                 std::string(industry.name_zh) + (rng.Chance(0.2) ? "股份有限公司" : "有限公司");
  company.industry_code = std::string(industry.code);
  // Unified social credit code: registration authority 9 (market regulation), entity type 1
  // (enterprise), the district, an organisation code "MA" + 6 characters that is a bijection of
  // the index (so codes are unique), its GB 11714 check, and the GB 32100 check.
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  uint64_t code = Scatter(887503681ULL /* 31^6 */, plan.seed, 31)(static_cast<uint64_t>(index));
  std::string body = "MA";
  std::string tail(6, '0');
  for (int i = 5; i >= 0; --i) {
    tail[i] = kAlphabet[code % 31];
    code /= 31;
  }
  body += tail;
  std::string first17 =
      "91" + std::string(district.region_code) + body + Gb11714CheckCharacter(body);
  company.uscc = first17 + Gb32100CheckCharacter(first17);

  company.address = CnAddress(rng, district);
  company.address.line2.clear();
  company.phone = "+86" + std::string(district.area_code) + std::to_string(rng.Between(2, 8)) +
                  Pad(rng.Between(0, 9999999), 7);
  company.registered_capital =
      static_cast<int64_t>(std::exp(std::log(5e6) + 1.0 * rng.Normal()) / 10000) * 10000 * 100;
  company.established_on =
      Date::FromYmd(static_cast<int>(rng.Between(1995, 2023)), static_cast<int>(rng.Between(1, 12)),
                    static_cast<int>(rng.Between(1, 28)))
          .value();
  company.guarantee_circle = plan.GuaranteeCircleOf(index);
  company.risk = rng.Normal() + (company.guarantee_circle >= 0 ? 0.8 : 0.0);
  // Outcome over a 12-month horizon from the first reported month.
  double yearly = Logistic(-3.0 + 1.3 * company.risk);
  company.defaults = rng.Chance(yearly);
  if (company.defaults) company.default_month = static_cast<int>(rng.Between(0, 11));
  double status = rng.Uniform();
  company.status = status < 0.92 ? "active" : (status < 0.96 ? "revoked" : "cancelled");
  if (company.defaults && rng.Chance(0.3)) company.status = "revoked";

  // Legal representative and shareholders: CN persons (and sometimes an older company).
  std::vector<int64_t> holders;
  for (int attempt = 0; attempt < 40 && holders.size() < 3 && plan.persons > 0; ++attempt) {
    int64_t candidate = rng.Between(0, plan.persons - 1);
    if (IsCnPerson(plan, candidate) &&
        std::find(holders.begin(), holders.end(), candidate) == holders.end()) {
      holders.push_back(candidate);
    }
  }
  int person_holders = holders.empty() ? 0 : static_cast<int>(rng.Between(1, holders.size()));
  company.legal_representative = holders.empty() ? -1 : holders[0];
  std::vector<double> weights;
  for (int i = 0; i < person_holders; ++i) {
    company.shareholders.push_back({false, holders[i], 0});
    weights.push_back(0.2 + rng.Uniform());
  }
  if (index > 0 && rng.Chance(0.25)) {
    company.shareholders.push_back({true, rng.Between(0, index - 1), 0});  // acyclic ownership
    weights.push_back(0.2 + rng.Uniform());
  }
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  int64_t assigned = 0;  // hundredths of a percent, so the shares add up to exactly 100.00
  for (size_t i = 0; i < company.shareholders.size(); ++i) {
    int64_t share = i + 1 == company.shareholders.size()
                        ? 10000 - assigned
                        : static_cast<int64_t>(weights[i] / total * 10000);
    assigned += share;
    company.shareholders[i].percent = static_cast<double>(share) / 100.0;
  }
  return company;
}

std::vector<Guarantee> GuaranteesGivenBy(const WorldPlan& plan, int64_t index) {
  std::vector<Guarantee> guarantees;
  Rng rng(plan.seed, Stream::kCompany, static_cast<uint64_t>(index), /*salt=*/1);
  int circle = plan.GuaranteeCircleOf(index);
  if (circle >= 0) {
    const auto& members = plan.guarantee_circles[circle];
    size_t position = std::find(members.begin(), members.end(), index) - members.begin();
    int64_t borrower = members[(position + 1) % members.size()];
    guarantees.push_back({index, borrower, rng.Between(100, 5000) * 10000 * 100, circle});
    return guarantees;
  }
  // Outside the circles, guarantees only go to companies with a higher index and never into a
  // circle, so the circles are the only cycles.
  if (rng.Chance(0.3)) {
    for (int attempt = 0; attempt < 5 && index + 1 < plan.companies; ++attempt) {
      int64_t borrower = rng.Between(index + 1, plan.companies - 1);
      if (plan.GuaranteeCircleOf(borrower) >= 0) continue;
      guarantees.push_back({index, borrower, rng.Between(50, 3000) * 10000 * 100, -1});
      break;
    }
  }
  return guarantees;
}

}  // namespace credo::ingest::generate
