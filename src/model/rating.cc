#include "model/rating.h"

#include <nlohmann/json.hpp>
#include <set>

#include "model/csv.h"
#include "model/trainer.h"

namespace credo::model {
namespace {

bool ValidGradeName(const std::string& grade) {
  static const std::set<std::string> kNames = {
      "AAA", "AA+", "AA", "AA-", "A+", "A",  "A-",  "BBB+", "BBB", "BBB-",
      "BB+", "BB",  "BB-", "B+", "B",  "B-", "CCC", "CC",   "C"};
  return kNames.count(grade) > 0;
}

}  // namespace

std::string MasterScale::GradeOf(double pd, bool defaulted) const {
  if (defaulted || pd >= 1.0) return "D";
  double floored = Floor(pd);
  for (const GradeBand& band : grades) {
    if (floored < band.pd_upper) return band.grade;
  }
  return grades.empty() ? "D" : grades.back().grade;
}

double MasterScale::Floor(double pd) const { return std::max(pd, pd_floor); }

bool MasterScale::IsInvestmentGrade(const std::string& grade) const {
  for (const GradeBand& band : grades) {
    if (band.grade == grade) return true;
    if (band.grade == investment_grade_lowest) return false;
  }
  return false;
}

std::string DefaultMasterScalePath() {
  return std::string(CREDO_MODEL_CONFIG_DIR) + "/master_scale_v1.json";
}

Result<MasterScale> ParseMasterScale(std::string_view text, const std::string& source) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("not valid JSON: ") + error.what(),
                     source);
  }
  auto field_error = [&](const std::string& field, const std::string& message) {
    return MakeError(ErrorCode::kInvalidArgument, message, source + " field " + field);
  };
  if (!document.is_object() || document.value("format", "") != "credo-master-scale") {
    return field_error("format", "must be 'credo-master-scale'");
  }
  if (document.value("format_version", 0) > 1) {
    return MakeError(ErrorCode::kVersionMismatch, "master scale format is newer than this credo",
                     source + " field format_version");
  }
  MasterScale scale;
  scale.version = document.value("version", "");
  if (scale.version.empty()) return field_error("version", "a master scale needs a version");
  scale.floor_basis = document.value("floor_basis", "");
  scale.investment_grade_lowest = document.value("investment_grade_lowest", "BBB-");
  if (!document.contains("pd_floor") || !document["pd_floor"].is_number()) {
    return field_error("pd_floor", "required number is missing");
  }
  scale.pd_floor = document["pd_floor"].get<double>();
  if (!(scale.pd_floor >= 0 && scale.pd_floor < 1)) {
    return field_error("pd_floor", "must be between 0 and 1");
  }
  if (!document.contains("grades") || !document["grades"].is_array() ||
      document["grades"].empty()) {
    return field_error("grades", "needs a list of grades");
  }
  double previous = 0;
  std::set<std::string> seen;
  for (size_t g = 0; g < document["grades"].size(); ++g) {
    const auto& item = document["grades"][g];
    const std::string where = "grades[" + std::to_string(g) + "]";
    if (!item.is_object() || !item.contains("grade") || !item["grade"].is_string() ||
        !item.contains("pd_upper") || !item["pd_upper"].is_number()) {
      return field_error(where, "needs a grade name and a pd_upper number");
    }
    GradeBand band{item["grade"].get<std::string>(), item["pd_upper"].get<double>()};
    if (!ValidGradeName(band.grade)) {
      return field_error(where + ".grade",
                         "'" + band.grade +
                             "' is not a master-scale grade (AAA, AA+..B- with modifiers, CCC, CC, "
                             "C; D is implied for default)");
    }
    if (!seen.insert(band.grade).second) return field_error(where + ".grade", "is listed twice");
    if (!(band.pd_upper > previous) || band.pd_upper > 1) {
      return field_error(where + ".pd_upper", "PD bounds must rise strictly and end at 1");
    }
    previous = band.pd_upper;
    scale.grades.push_back(band);
  }
  if (previous != 1.0) {
    return field_error("grades", "the last grade's pd_upper must be 1");
  }
  if (scale.pd_floor >= scale.grades.front().pd_upper) {
    return field_error("pd_floor", "must lie below the first grade's upper bound");
  }
  if (!seen.count(scale.investment_grade_lowest)) {
    return field_error("investment_grade_lowest", "names a grade that is not on the scale");
  }
  return scale;
}

Result<MasterScale> LoadMasterScale(const std::string& path) {
  CREDO_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseMasterScale(text, path);
}

Result<std::vector<CompanyRating>> RateCompanies(const ModelArtifact& model,
                                                 const MasterScale& scale, const Dataset& data) {
  CREDO_ASSIGN_OR_RETURN(ScoredBatch scored, ScoreModel(model, data, false));
  std::vector<CompanyRating> ratings;
  ratings.reserve(scored.rows.size());
  for (const ScoredRow& row : scored.rows) {
    CompanyRating rating;
    rating.pd = row.pd;
    rating.floored_pd = scale.Floor(row.pd);
    rating.grade = scale.GradeOf(row.pd);
    rating.investment_grade = scale.IsInvestmentGrade(rating.grade);
    ratings.push_back(rating);
  }
  return ratings;
}

}  // namespace credo::model
