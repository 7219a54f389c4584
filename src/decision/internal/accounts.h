// credo decision (internal): each tradeline of a credit file reduced to what valuation needs,
// under the features module's knowledge rules (current fields only when their report is dated
// on or before as_of; the latest known month's balance wins).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/tradeline.h"
#include "features/credit_file.h"

namespace credo::decision::internal {

struct AccountState {
  int64_t tradeline_id = 0;
  std::string furnisher;
  AccountKind kind = AccountKind::kOther;
  std::string currency;
  Date opened_on;
  bool open = false;
  int64_t balance = 0;       //!< minor units, as known on as_of
  int64_t credit_limit = 0;  //!< 0 when unknown
  int delinquent_months_12m = 0;  //!< known months 30+ days past due in the last 12
};

std::vector<AccountState> AccountStates(const features::CreditFile& file);

//! A status that ends an account (paid and closed, transferred, charged off, collection ...).
bool IsClosingStatus(AccountStatus status);

}  // namespace credo::decision::internal
