// credo model: credit improvement plans (信用修复 guidance) from the active scorecard.
//
// For one subject (a row of attributes), each characteristic the subject can act on is moved to
// the nearest bin that scores more points (for ranges: the closest better range; from a missing
// or special bin: the best regular bin); the moves are ranked by the points they add and the top
// few returned, each with the simulated new score (all else unchanged) and a text in English and
// Chinese that states a simulation under the current model, not a promise. Characteristics a
// person cannot change (age, sex, marital status, dependents, nationality, the length of the
// credit history by default) are left out, recognised by whole words of their names: "age" leaves
// out age_in_years and oldest_account_age_months, not mortgage_balance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/dataset.h"
#include "model/scorecard.h"

namespace credo::model {

struct ImprovementOptions {
  size_t max_steps = 3;
  //! Characteristics not to suggest changing: a name is left out when a fragment's words appear
  //! in it as whole words, in order (case-insensitive; words split at '_', '-', other non-letters
  //! and camelCase, so "age" matches "age", "AgeInYears", "oldest_account_age_months" but not
  //! "mortgage_balance" or "coverage"). "oldest" and "in_file": the length of the credit history
  //! ("MSinceOldestTradeOpen", "AverageMInFile"), which only time changes.
  std::vector<std::string> fixed = {"age",     "oldest",     "in_file",         "sex",
                                    "gender",  "marital",    "personal_status", "dependents",
                                    "foreign", "nationality"};
};

//! Whether `name` is one of the characteristics `options.fixed` leaves out.
bool IsFixedCharacteristic(std::string_view name, const ImprovementOptions& options = {});

struct ImprovementStep {
  std::string characteristic;
  std::string current_bin;
  std::string target_bin;
  double points_gain = 0;
  double new_score = 0;
  std::string text_en;
  std::string text_zh;
};

struct ImprovementPlan {
  double current_score = 0;
  double combined_score = 0;  //!< with every step taken together
  std::vector<ImprovementStep> steps;
  std::string disclaimer_en;
  std::string disclaimer_zh;
};

//! The plan for row `row` of `data`.
Result<ImprovementPlan> PlanImprovement(const Scorecard& card, const Dataset& data, size_t row,
                                        const ImprovementOptions& options = {});

}  // namespace credo::model
