// credo ingest/generate: the true world the synthetic furnisher files are drawn from.
//
// A WorldPlan fixes the run (seed, counts, months) and the planted structures (fraud rings of
// persons sharing a phone and an address; guarantee circles of companies). MakePerson and
// MakeCompany are pure functions of (plan, index): an entity looks the same whatever else is
// generated, which is what makes generation streaming (nothing is kept per entity) and
// deterministic for a seed. National identifiers, phones and e-mails are unique by construction
// (bijections of the index) and valid by the core validators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace credo::ingest::generate {

struct GeneratorOptions;

struct TrueAddress {
  std::string line1;        //!< "建设路88号" / "1234 MAIN ST"
  std::string line2;        //!< "3栋1202室" / "APT 5" / empty
  std::string district;     //!< CN district (朝阳区); empty for US
  std::string region_code;  //!< CN GB/T 2260 district code ("110105"); empty for US
  std::string city;         //!< "北京市" / "SEATTLE"
  std::string region;       //!< province "北京市" / state "WA"
  std::string postcode;
  std::string country;  //!< "cn" / "us"
  bool operator==(const TrueAddress&) const = default;
};

struct TruePerson {
  int64_t index = 0;
  std::string id;  //!< "P00000042": the ground-truth person id
  bool cn = true;  //!< CN resident (CN furnishers) or US consumer (Metro 2 banks)
  bool male = false;
  // CN names: Han characters and Hanyu Pinyin ("zhang", "xiaoming"), lower case.
  std::string family_han, given_han, family_pinyin, given_pinyin;
  std::string family_old_spelling;   //!< Wade-Giles / Cantonese romanisation of the surname
  std::vector<int> given_syllables;  //!< indices into HanGivenCharacters()
  // US names.
  std::string first_name, middle_name, last_name, nickname;
  Date birth_date;
  std::string national_id;                      //!< CN resident identity number or SSN (9 digits)
  TrueAddress address;                          //!< where the person lives at the end of the window
  std::optional<TrueAddress> previous_address;  //!< before moving
  int moved_month = 0;    //!< month index (0 = first reported month) from which `address` holds
  std::string phone;      //!< E.164, current
  std::string old_phone;  //!< E.164, before the change (empty when none)
  int phone_changed_month = 0;
  std::string email;          //!< empty when the person has none
  int64_t annual_income = 0;  //!< minor units of the local currency
  std::string employer;       //!< a company name or empty
  double risk = 0;            //!< latent risk (standard normal; higher is riskier)
  int fraud_ring = -1;        //!< ring number, or -1

  std::string FullNameHan() const { return family_han + given_han; }
};

struct Shareholder {
  bool is_company = false;
  int64_t index = 0;   //!< person or company index
  double percent = 0;  //!< 0..100, two decimals
};

struct TrueCompany {
  int64_t index = 0;
  std::string id;                    //!< "C00000042"
  std::string uscc;                  //!< unified social credit code (valid GB 32100 / GB 11714)
  std::string name;                  //!< registered name
  int64_t legal_representative = 0;  //!< person index (a CN person)
  int64_t registered_capital = 0;    //!< fen
  Date established_on;
  std::string status;  //!< "active", "revoked", "cancelled"
  std::string industry_code;
  TrueAddress address;
  std::string phone;  //!< E.164 fixed line
  std::vector<Shareholder> shareholders;
  double risk = 0;            //!< latent risk
  int guarantee_circle = -1;  //!< circle number, or -1
  bool defaults = false;      //!< defaults within the window (shows in loans and public records)
  int default_month = -1;
};

struct Guarantee {
  int64_t guarantor = 0;  //!< company index
  int64_t borrower = 0;   //!< company index
  int64_t amount = 0;     //!< fen
  int circle = -1;        //!< the planted circle this edge belongs to, or -1
};

struct WorldPlan {
  uint64_t seed = 1;
  int64_t persons = 0;
  int64_t companies = 0;
  int months = 1;
  double cn_share = 0.6;
  double joint_account_share = 0;                       //!< share of bank accounts that are joint
  Date first_month;                                     //!< first day of the first reported month
  std::vector<std::vector<int64_t>> fraud_rings;        //!< person indices per ring (CN persons)
  std::vector<std::vector<int64_t>> guarantee_circles;  //!< company indices per circle, in order
  std::vector<Date> month_ends;  //!< MonthEnd(m) for m = -kCachedMonthsBefore .. 59
  static constexpr int kCachedMonthsBefore = 160;

  //! The last day of month `month` (0 = first reported month); cached for -160..59.
  Date MonthEnd(int month) const;
  //! "202601" for month `month`.
  std::string MonthTag(int month) const;
  int FraudRingOf(int64_t person) const;
  int GuaranteeCircleOf(int64_t company) const;
};

//! Chooses the planted rings and circles; cheap (independent of the number of persons).
WorldPlan MakeWorldPlan(const GeneratorOptions& options);

TruePerson MakePerson(const WorldPlan& plan, int64_t index);
TrueCompany MakeCompany(const WorldPlan& plan, int64_t index);
//! The guarantees company `index` gives (circle edges and acyclic random edges; the circles are
//! the only cycles in the guarantee graph).
std::vector<Guarantee> GuaranteesGivenBy(const WorldPlan& plan, int64_t index);

//! "P00000042", "C00000042".
std::string PersonId(int64_t index);
std::string CompanyId(int64_t index);

}  // namespace credo::ingest::generate
