// credo model: corporate ratings — a PD mapped to the master scale (DOMAIN.md 4.2).
//
// The master scale is a versioned JSON configuration (config/master_scale_v1.json): grades
// AAA..C in order, each with an exclusive upper PD bound (ascending, the last one 1), a PD floor
// (Basel III/CRR3 0.05% by default, Basel II 0.03%) and D for default. Grade names follow the
// China scale: +/- modifiers on AA..B only. A company's PD comes from a logistic model on its
// ratios (a scorecard artifact trained on company data); it is floored, then graded.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "model/artifact.h"

namespace credo::model {

struct GradeBand {
  std::string grade;
  double pd_upper = 1;  //!< PDs below this (and at or above the previous bound) get this grade
};

struct MasterScale {
  std::string version;
  double pd_floor = 0.0005;
  std::string floor_basis;
  std::string investment_grade_lowest = "BBB-";
  std::vector<GradeBand> grades;

  //! "D" when defaulted, otherwise the band of the floored PD.
  std::string GradeOf(double pd, bool defaulted = false) const;
  double Floor(double pd) const;
  bool IsInvestmentGrade(const std::string& grade) const;
};

//! Path of the master scale shipped with credo.
std::string DefaultMasterScalePath();
Result<MasterScale> ParseMasterScale(std::string_view text, const std::string& source);
Result<MasterScale> LoadMasterScale(const std::string& path);

struct CompanyRating {
  double pd = 0;          //!< the model's PD
  double floored_pd = 0;  //!< after the floor
  std::string grade;
  bool investment_grade = false;
};

//! Rates every row of `data` (company ratios) with a PD model and the master scale.
Result<std::vector<CompanyRating>> RateCompanies(const ModelArtifact& model,
                                                 const MasterScale& scale, const Dataset& data);

}  // namespace credo::model
