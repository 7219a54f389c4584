// credo ingest/generate: the latent risk process behind the synthetic tradelines.
//
// Each person has a latent risk (standard normal). It lowers income, raises utilisation, and
// drives a monthly delinquency chain per account: from current an account rolls to 30 days past
// due with a probability rising with risk, utilisation, low income and recent delinquency; from
// 30..180 days it cures with a probability falling with risk and depth, else rolls on; past 180
// days it is charged off. The chain runs 24 months before the first reported month (so payment
// histories are filled) and 12 months past it (the outcome horizon), so a model trained on the
// first month's files can predict the outcome written to truth/persons.csv. Fraud-ring members
// open accounts shortly before the window and bust out (max out and never pay) in it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "ingest/generate/population.h"

namespace credo::ingest::generate {

enum class Furnisher {
  kCardIssuer,    //!< CN card issuer: CSV
  kOnlineLender,  //!< CN internet lender: JSON lines
  kBankA,         //!< US bank: Metro 2
  kBankB,         //!< US bank: Metro 2
};
inline constexpr int kFurnisherCount = 4;
//! "card_issuer", "online_lender", "bank_a", "bank_b".
std::string_view FurnisherName(Furnisher furnisher);

//! One account as reported in one month.
struct AccountMonth {
  int month = 0;        //!< reported month index (0 = first)
  int64_t balance = 0;  //!< minor units
  int64_t amount_past_due = 0;
  int64_t scheduled_payment = 0;
  int64_t actual_payment = 0;
  int days_past_due = 0;           //!< 0, 30, 60, ... 180
  int delinquency = 0;             //!< 0 current, 1..6 = 30..180+ days, 7 charged off
  bool closed = false;             //!< paid and closed this month
  std::string metro2_status;       //!< "11", "71", ..., "97", "13"
  //! Payment-history codes, this month first, then the 24 months before it (25 codes). The
  //! mapped feeds carry the first 24 (this month first); a Metro 2 profile holds the 24 months
  //! before the date of account information (codes 1..24).
  static constexpr size_t kHistoryMonths = 25;
  std::string history;
  std::string_view FeedHistory() const { return std::string_view(history).substr(0, 24); }
  std::string_view Metro2Profile() const { return std::string_view(history).substr(1, 24); }
  Date date_of_first_delinquency;  //!< of the current delinquency; 1970-01-01 when none
  Date last_payment;
  Date closed_on;
};

struct SimulatedAccount {
  Furnisher furnisher = Furnisher::kCardIssuer;
  std::string account_number;
  bool revolving = true;
  Date opened;
  int64_t credit_limit = 0;            //!< revolving: limit; installment: original amount
  int term_months = 0;                 //!< installment only
  std::vector<AccountMonth> reported;  //!< months it appears in the files (open or closing)
};

struct PersonCredit {
  std::vector<SimulatedAccount> accounts;
  double utilisation_at_start = 0;   //!< revolving balance / limit in the first month
  int delinquent_months_before = 0;  //!< months 30+ days past due in the 24 months before
  int worst_delinquency = 0;         //!< worst state within the 12-month horizon
  bool defaulted = false;            //!< reached 90+ days past due within the horizon
  int default_month = -1;            //!< first month (from 0) at 90+ days past due
};

inline constexpr int kOutcomeHorizonMonths = 12;

PersonCredit SimulateCredit(const WorldPlan& plan, const TruePerson& person);

}  // namespace credo::ingest::generate
