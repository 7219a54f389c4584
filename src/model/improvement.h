// credo model: credit improvement plans (信用修复 guidance) from the active scorecard.
//
// For one subject (a row of attributes), each characteristic the subject can act on is moved to
// the nearest bin that scores more points (for ranges: the closest better range; from a missing
// or special bin: the best regular bin); the moves are ranked by the points they add and the top
// few returned, each with the simulated new score (all else unchanged) and a text in English and
// Chinese that states a simulation under the current model, not a promise. Characteristics a
// person cannot change (age, sex, marital status, dependents, nationality by default) are left out.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "model/dataset.h"
#include "model/scorecard.h"

namespace credo::model {

struct ImprovementOptions {
  size_t max_steps = 3;
  //! Name fragments (case-insensitive) of characteristics not to suggest changing.
  std::vector<std::string> fixed = {"age", "sex", "gender", "marital", "personal_status",
                                    "dependents", "foreign", "nationality"};
};

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
