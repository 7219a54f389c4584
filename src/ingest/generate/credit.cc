#include "ingest/generate/credit.h"

#include <algorithm>
#include <cmath>

#include "ingest/generate/internal/random.h"

namespace credo::ingest::generate {
namespace {

constexpr int kBurnInMonths = 24;
constexpr const char* kMetro2Status[] = {"11", "71", "78", "80", "82", "83", "84", "97"};

std::string AccountNumber(Furnisher furnisher, int64_t person, int slot) {
  std::string serial = std::to_string(person * 4 + slot);
  auto padded = [&](size_t width) {
    return std::string(width > serial.size() ? width - serial.size() : 0, '0') + serial;
  };
  switch (furnisher) {
    case Furnisher::kCardIssuer:
      return "622848" + padded(10);  // a UnionPay-style card number
    case Furnisher::kOnlineLender:
      return "LN" + padded(12);
    case Furnisher::kBankA:
      return "A-" + padded(10);
    case Furnisher::kBankB:
      return "4000" + padded(12);
  }
  return padded(12);
}

struct Plan {
  Furnisher furnisher;
  bool revolving;
};

}  // namespace

std::string_view FurnisherName(Furnisher furnisher) {
  switch (furnisher) {
    case Furnisher::kCardIssuer:
      return "card_issuer";
    case Furnisher::kOnlineLender:
      return "online_lender";
    case Furnisher::kBankA:
      return "bank_a";
    case Furnisher::kBankB:
      return "bank_b";
  }
  return "unknown";
}

PersonCredit SimulateCredit(const WorldPlan& plan, const TruePerson& person) {
  Rng rng(plan.seed, Stream::kAccounts, static_cast<uint64_t>(person.index));
  PersonCredit credit;
  bool ring = person.fraud_ring >= 0;

  // Which furnishers hold an account for this person.
  std::vector<Plan> plans;
  if (person.cn) {
    bool card = ring || rng.Chance(0.6);
    bool lender = ring || rng.Chance(0.5);
    if (!card && !lender) (rng.Chance(0.5) ? card : lender) = true;
    if (card) plans.push_back({Furnisher::kCardIssuer, true});
    if (lender) {
      plans.push_back({Furnisher::kOnlineLender, false});
      if (rng.Chance(0.25)) plans.push_back({Furnisher::kOnlineLender, false});
    }
  } else {
    bool bank_a = rng.Chance(0.65);
    bool bank_b = rng.Chance(0.5);
    if (!bank_a && !bank_b) (rng.Chance(0.5) ? bank_a : bank_b) = true;
    if (bank_a) plans.push_back({Furnisher::kBankA, true});
    if (bank_a && rng.Chance(0.3)) plans.push_back({Furnisher::kBankA, false});
    if (bank_b) plans.push_back({Furnisher::kBankB, true});
  }

  const int total_months = std::max(plan.months, kOutcomeHorizonMonths);
  const double median_income = person.cn ? 8000000.0 : 5500000.0;
  const double income_term = std::log(static_cast<double>(person.annual_income) / median_income);
  // Risky people use more of their limits.
  const double base_utilisation =
      std::clamp(Logistic(-0.6 + 0.9 * person.risk + 0.5 * rng.Normal()), 0.02, 0.97);
  const int bust_month = std::min(plan.months, 3) - 1;

  double start_utilisation_sum = 0;
  int start_revolving = 0;
  int slot = 0;
  for (const Plan& account_plan : plans) {
    SimulatedAccount account;
    account.furnisher = account_plan.furnisher;
    account.revolving = account_plan.revolving;
    account.account_number = AccountNumber(account.furnisher, person.index, slot++);
    int opened_months_ago = ring ? static_cast<int>(rng.Between(2, 6))
                                 : static_cast<int>(rng.Between(1, account.revolving ? 120 : 30));
    Date first = plan.first_month;
    account.opened =
        first.AddMonths(-opened_months_ago).AddDays(static_cast<int32_t>(rng.Between(0, 27)));
    int64_t income = person.annual_income;
    if (account.revolving) {
      account.credit_limit = std::max<int64_t>(
          100000, static_cast<int64_t>(income * (0.1 + 0.4 * rng.Uniform())) / 100000 * 100000);
    } else {
      static constexpr int kTerms[] = {12, 24, 36};
      account.term_months = kTerms[rng.Between(0, 2)];
      account.credit_limit = std::max<int64_t>(
          100000, static_cast<int64_t>(income * (0.05 + 0.25 * rng.Uniform())) / 10000 * 10000);
    }
    int64_t scheduled =
        account.revolving ? 0 : account.credit_limit * 108 / 100 / account.term_months;

    // Month t runs from -kBurnInMonths to total_months - 1; the account exists from its opening.
    int open_t = -opened_months_ago;
    int start_t = std::max(open_t, -kBurnInMonths);
    int delinquency = 0;
    bool closed = false;
    std::string history;        // oldest first while simulating
    int recent_delinquent = 0;  // months 30+ past due in the last 12
    std::vector<int> window;    // delinquency per month, for the "recent" count
    Date first_delinquency;
    Date last_payment = account.opened;
    for (int t = start_t; t < total_months && !closed; ++t) {
      double utilisation =
          std::clamp(base_utilisation + 0.08 * rng.Normal() + 0.05 * delinquency, 0.0, 1.1);
      if (ring && t == bust_month) utilisation = 0.98;
      // Transition.
      if (ring && t > bust_month) {
        delinquency = std::min(delinquency + 1, 7);
      } else if (delinquency == 0) {
        double hazard = Logistic(-6.0 + 1.2 * person.risk + 2.2 * (utilisation - 0.5) -
                                 0.5 * income_term + 1.0 * (recent_delinquent > 0));
        if (rng.Chance(hazard)) delinquency = 1;
      } else if (delinquency < 7) {
        double cure = Logistic(0.6 - 0.9 * person.risk - 0.45 * delinquency);
        delinquency = rng.Chance(cure) ? 0 : delinquency + 1;
      }
      Date month_end = plan.MonthEnd(t);
      if (delinquency == 1) first_delinquency = month_end.AddDays(-30);
      if (delinquency == 0) {
        first_delinquency = Date();
        last_payment = month_end.AddDays(-static_cast<int32_t>(rng.Between(1, 20)));
      }
      window.push_back(delinquency);
      if (window.size() > 12) window.erase(window.begin());
      recent_delinquent = static_cast<int>(
          std::count_if(window.begin(), window.end(), [](int d) { return d > 0; }));
      history.push_back(delinquency == 7 ? 'L' : static_cast<char>('0' + delinquency));

      // Balances.
      AccountMonth month;
      month.month = t;
      month.delinquency = delinquency;
      month.days_past_due = std::min(delinquency, 6) * 30;
      month.metro2_status = kMetro2Status[delinquency];
      int elapsed = t - open_t;
      if (account.revolving) {
        month.balance = static_cast<int64_t>(account.credit_limit * utilisation) / 100 * 100;
        month.scheduled_payment =
            std::max<int64_t>(delinquency == 7 ? 0 : 2500, month.balance / 50 / 100 * 100);
      } else {
        int remaining = std::max(0, account.term_months - elapsed);
        month.balance = account.credit_limit * remaining / account.term_months;
        month.scheduled_payment = scheduled;
        if (remaining == 0 && delinquency == 0) {
          closed = true;
          month.closed = true;
          month.metro2_status = "13";
          month.balance = 0;
          month.closed_on = month_end.AddDays(-5);
        }
      }
      if (!account.revolving && !closed && delinquency > 0 && delinquency < 7) {
        month.balance += scheduled * delinquency;  // missed instalments stay owed
      }
      if (delinquency > 0) {
        // A delinquent account owes something: at least the missed payments.
        month.balance = std::max(month.balance, std::max<int64_t>(month.scheduled_payment, 50000) *
                                                    std::min(delinquency, 6));
      }
      if (account.revolving && delinquency == 0 && !closed && rng.Chance(0.002)) {
        closed = true;  // closed by the consumer, paid
        month.closed = true;
        month.metro2_status = "13";
        month.balance = 0;
        month.closed_on = month_end.AddDays(-5);
      }
      month.amount_past_due =
          delinquency == 0 ? 0
          : delinquency == 7
              ? month.balance
              : std::min(month.balance,
                         std::max<int64_t>(month.scheduled_payment, 2500) * delinquency);
      month.actual_payment = delinquency == 0 ? month.scheduled_payment : 0;
      month.date_of_first_delinquency = first_delinquency;
      month.last_payment = last_payment;

      if (t == 0 && account.revolving) {
        start_utilisation_sum += utilisation;
        ++start_revolving;
      }
      if (t < 0 && delinquency > 0) ++credit.delinquent_months_before;
      if (t >= 0 && t < kOutcomeHorizonMonths) {
        credit.worst_delinquency = std::max(credit.worst_delinquency, delinquency);
        if (delinquency >= 3 && !credit.defaulted) {
          credit.defaulted = true;
          credit.default_month = t;
        } else if (delinquency >= 3) {
          credit.default_month = std::min(credit.default_month, t);
        }
      }
      if (t >= 0 && t < plan.months) {
        // Payment history: this month first, then the 24 months before it (what a Metro 2
        // profile holds), 'B' before the account existed.
        std::string profile(AccountMonth::kHistoryMonths, 'B');
        for (size_t i = 0; i < profile.size() && i < history.size(); ++i) {
          profile[i] = history[history.size() - 1 - i];
        }
        if (static_cast<int>(history.size()) < t - open_t + 1) {
          // Months before the simulated burn-in were current.
          for (size_t i = history.size(); i < profile.size() && static_cast<int>(i) <= t - open_t;
               ++i) {
            profile[i] = '0';
          }
        }
        month.history = profile;
        month.month = t;
        account.reported.push_back(month);
      }
    }
    credit.accounts.push_back(std::move(account));
  }
  credit.utilisation_at_start = start_revolving > 0 ? start_utilisation_sum / start_revolving : 0;
  return credit;
}

}  // namespace credo::ingest::generate
