#include "decision/vintages.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

namespace credo::decision {
namespace {

std::string CohortName(Date month) {
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02d", month.year(), month.month());
  return text;
}

}  // namespace

Vintages ComputeVintages(const PortfolioBook& book, int cohorts) {
  Vintages vintages;
  vintages.as_of = book.as_of;
  const Date last_month = MonthStart(book.as_of);
  const Date first_month = last_month.AddMonths(-(std::max(cohorts, 1) - 1));
  // Per cohort month: accounts, and how many first went bad at each month on book.
  std::map<Date, std::pair<int64_t, std::map<int, int64_t>>> by_cohort;
  for (const BookAccount& account : book.accounts) {
    const Date cohort = MonthStart(account.opened_on);
    if (cohort < first_month || cohort > last_month) continue;
    auto& entry = by_cohort[cohort];
    ++entry.first;
    if (account.first_bad_month) {
      const int months = std::max(0, MonthStart(*account.first_bad_month).MonthsSince(cohort));
      ++entry.second[months];
    }
  }
  for (const auto& [cohort, entry] : by_cohort) {
    VintageCohort out;
    out.cohort = CohortName(cohort);
    out.accounts = entry.first;
    const int horizon = last_month.MonthsSince(cohort);
    int64_t bad = 0;
    for (int k = 0; k <= horizon; ++k) {
      auto found = entry.second.find(k);
      if (found != entry.second.end()) bad += found->second;
      out.points.push_back(
          {k, bad, entry.first > 0 ? static_cast<double>(bad) / entry.first : 0.0});
    }
    vintages.cohorts.push_back(std::move(out));
  }
  return vintages;
}

std::string VintagesToJson(const Vintages& vintages) {
  nlohmann::json cohorts = nlohmann::json::array();
  for (const auto& cohort : vintages.cohorts) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& point : cohort.points) {
      points.push_back({{"months_on_book", point.months_on_book},
                        {"bad", point.bad},
                        {"cumulative_bad_rate", point.cumulative_bad_rate}});
    }
    cohorts.push_back(
        {{"cohort", cohort.cohort}, {"accounts", cohort.accounts}, {"points", points}});
  }
  nlohmann::json out = {{"as_of", vintages.as_of.ToIso()},
                        {"bad_definition", "90 days past due or worse (collection, charge-off ...)"},
                        {"cohorts", cohorts}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace credo::decision
