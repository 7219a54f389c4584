#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "ingest/generate/credit.h"
#include "ingest/generate/generate.h"

namespace credo::ingest::generate {
namespace {

WorldPlan Plan(int64_t persons, int months) {
  GeneratorOptions options;
  options.persons = persons;
  options.companies = 10;
  options.seed = 3;
  options.months = months;
  options.out_dir = "unused";
  return MakeWorldPlan(options);
}

// Area under the ROC curve of `score` for `outcome` (ties count a half).
double Auc(const std::vector<double>& score, const std::vector<bool>& outcome) {
  std::vector<size_t> order(score.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  double rank_sum = 0;
  double positives = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (outcome[order[i]]) {
      rank_sum += static_cast<double>(i + 1);
      ++positives;
    }
  }
  double negatives = static_cast<double>(score.size()) - positives;
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

TEST(GenerateCredit, DefaultsCarrySignalInObservableAttributes) {
  WorldPlan plan = Plan(20000, 1);
  std::vector<double> utilisation, past_delinquency, income;
  std::vector<bool> defaulted;
  int defaults = 0;
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    PersonCredit credit = SimulateCredit(plan, person);
    utilisation.push_back(credit.utilisation_at_start);
    past_delinquency.push_back(credit.delinquent_months_before);
    income.push_back(-std::log(static_cast<double>(person.annual_income)));
    defaulted.push_back(credit.defaulted);
    defaults += credit.defaulted;
  }
  double rate = static_cast<double>(defaults) / plan.persons;
  EXPECT_GT(rate, 0.03);
  EXPECT_LT(rate, 0.20);
  // Each observable attribute ranks defaulters above non-defaulters, as the risk process says.
  EXPECT_GT(Auc(past_delinquency, defaulted), 0.65);
  EXPECT_GT(Auc(utilisation, defaulted), 0.60);
  EXPECT_GT(Auc(income, defaulted), 0.55);
}

TEST(GenerateCredit, ReportedMonthsAreConsistent) {
  WorldPlan plan = Plan(3000, 4);
  for (int64_t index = 0; index < plan.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    PersonCredit credit = SimulateCredit(plan, person);
    ASSERT_FALSE(credit.accounts.empty());
    for (const SimulatedAccount& account : credit.accounts) {
      EXPECT_EQ(person.cn, account.furnisher == Furnisher::kCardIssuer ||
                               account.furnisher == Furnisher::kOnlineLender);
      EXPECT_LT(account.opened, plan.first_month);
      int previous = -1;
      for (const AccountMonth& month : account.reported) {
        EXPECT_GT(month.month, previous);
        previous = month.month;
        EXPECT_LT(month.month, plan.months);
        ASSERT_EQ(month.history.size(), 25u);
        char expected = month.delinquency == 7 ? 'L' : static_cast<char>('0' + month.delinquency);
        EXPECT_EQ(month.history[0], expected);
        // Mapped feeds: this month first; Metro 2: the 24 months before this one.
        EXPECT_EQ(month.FeedHistory(), month.history.substr(0, 24));
        EXPECT_EQ(month.Metro2Profile(), month.history.substr(1, 24));
        EXPECT_LE(month.amount_past_due, month.balance);
        EXPECT_EQ(month.delinquency == 0, month.amount_past_due == 0);
        if (month.closed) {
          EXPECT_EQ(month.metro2_status, "13");
          EXPECT_EQ(month.balance, 0);
        }
      }
    }
  }
}

TEST(GenerateCredit, FraudRingsBustOut) {
  WorldPlan plan = Plan(40000, 6);
  ASSERT_FALSE(plan.fraud_rings.empty());
  for (int64_t member : plan.fraud_rings[0]) {
    TruePerson person = MakePerson(plan, member);
    PersonCredit credit = SimulateCredit(plan, person);
    EXPECT_TRUE(credit.defaulted);
    for (const SimulatedAccount& account : credit.accounts) {
      // Opened shortly before the window.
      EXPECT_GE(account.opened, plan.first_month.AddMonths(-7));
    }
  }
}

}  // namespace
}  // namespace credo::ingest::generate
