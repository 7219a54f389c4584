#include "decision/decision_config.h"

#include <fstream>
#include <sstream>

#include "decision/internal/toml_util.h"

namespace credo::decision {

namespace {

using internal::Where;

Status ReadRate(const toml::table& table, std::string_view key, const std::string& source,
                double& target, double max = 1.0) {
  CREDO_ASSIGN_OR_RETURN(auto value, internal::NumberAt(table, key, source));
  if (!value) return Ok();
  if (*value < 0 || *value > max) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(key) + " must be between 0 and " + std::to_string(max),
                     Where(source, *table.get(key)));
  }
  target = *value;
  return Ok();
}

Status ReadAmount(const toml::table& table, std::string_view key, const std::string& source,
                  int64_t& target) {
  CREDO_ASSIGN_OR_RETURN(auto value, internal::IntegerAt(table, key, source));
  if (!value) return Ok();
  if (*value < 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(key) + " is an amount in minor units and cannot be negative",
                     Where(source, *table.get(key)));
  }
  target = *value;
  return Ok();
}

Status ReadValue(const toml::table& table, const std::string& source, ValueAssumptions& value) {
  CREDO_TRY(internal::CheckKeys(
      table, source,
      {"revolving_rate", "installment_rate", "mortgage_rate", "line_of_credit_rate", "other_rate",
       "revolving_annual_fee", "late_fee", "funding_rate", "operating_cost_per_account",
       "loss_given_default", "retention", "discount_rate", "horizon_years"},
      "[value]"));
  CREDO_TRY(ReadRate(table, "revolving_rate", source, value.revolving_rate));
  CREDO_TRY(ReadRate(table, "installment_rate", source, value.installment_rate));
  CREDO_TRY(ReadRate(table, "mortgage_rate", source, value.mortgage_rate));
  CREDO_TRY(ReadRate(table, "line_of_credit_rate", source, value.line_of_credit_rate));
  CREDO_TRY(ReadRate(table, "other_rate", source, value.other_rate));
  CREDO_TRY(ReadAmount(table, "revolving_annual_fee", source, value.revolving_annual_fee));
  CREDO_TRY(ReadAmount(table, "late_fee", source, value.late_fee));
  CREDO_TRY(ReadRate(table, "funding_rate", source, value.funding_rate));
  CREDO_TRY(ReadAmount(table, "operating_cost_per_account", source,
                       value.operating_cost_per_account));
  CREDO_TRY(ReadRate(table, "loss_given_default", source, value.loss_given_default));
  CREDO_TRY(ReadRate(table, "retention", source, value.retention));
  CREDO_TRY(ReadRate(table, "discount_rate", source, value.discount_rate));
  CREDO_ASSIGN_OR_RETURN(auto horizon, internal::IntegerAt(table, "horizon_years", source));
  if (horizon) {
    if (*horizon < 1 || *horizon > 50) {
      return MakeError(ErrorCode::kInvalidArgument, "horizon_years must be 1 to 50",
                       Where(source, *table.get("horizon_years")));
    }
    value.horizon_years = static_cast<int>(*horizon);
  }
  return Ok();
}

Status ReadLimit(const toml::table& table, const std::string& source, const std::string& name,
                 LimitPolicy& policy) {
  CREDO_TRY(internal::CheckKeys(
      table, source,
      {"capacity_multiple", "max_limit", "group_exposure_cap", "rounding", "pd_bands"}, name));
  CREDO_TRY(ReadRate(table, "capacity_multiple", source, policy.capacity_multiple, 100.0));
  CREDO_TRY(ReadAmount(table, "max_limit", source, policy.max_limit));
  CREDO_TRY(ReadAmount(table, "group_exposure_cap", source, policy.group_exposure_cap));
  CREDO_TRY(ReadAmount(table, "rounding", source, policy.rounding));
  if (const toml::node* node = table.get("pd_bands")) {
    const toml::array* bands = node->as_array();
    if (bands == nullptr || bands->empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "pd_bands must be a list of { pd_below, factor } tables",
                       Where(source, *node));
    }
    policy.pd_bands.clear();
    for (const toml::node& item : *bands) {
      const toml::table* band_table = item.as_table();
      if (band_table == nullptr) {
        return MakeError(ErrorCode::kInvalidArgument, "a PD band is { pd_below = 0.01, factor = 1 }",
                         Where(source, item));
      }
      CREDO_TRY(internal::CheckKeys(*band_table, source, {"pd_below", "factor"}, "a PD band"));
      PdBand band;
      CREDO_TRY(ReadRate(*band_table, "pd_below", source, band.pd_below));
      CREDO_TRY(ReadRate(*band_table, "factor", source, band.factor, 10.0));
      if (!policy.pd_bands.empty() && band.pd_below <= policy.pd_bands.back().pd_below) {
        return MakeError(ErrorCode::kInvalidArgument, "pd_bands must be ascending in pd_below",
                         Where(source, item));
      }
      policy.pd_bands.push_back(band);
    }
  }
  return Ok();
}

Status ReadScf(const toml::table& table, const std::string& source, ScfPolicy& policy) {
  CREDO_TRY(internal::CheckKeys(table, source,
                                {"min_core_grade", "dilution_reserve", "max_tenor_days",
                                 "supplier_share_of_core", "unrated_supplier_cap", "rounding",
                                 "advance_rates", "supplier_caps"},
                                "[scf]"));
  CREDO_ASSIGN_OR_RETURN(auto grade, internal::StringAt(table, "min_core_grade", source));
  if (grade) policy.min_core_grade = *grade;
  CREDO_TRY(ReadRate(table, "dilution_reserve", source, policy.dilution_reserve));
  CREDO_TRY(ReadRate(table, "supplier_share_of_core", source, policy.supplier_share_of_core));
  CREDO_TRY(ReadAmount(table, "unrated_supplier_cap", source, policy.unrated_supplier_cap));
  CREDO_TRY(ReadAmount(table, "rounding", source, policy.rounding));
  CREDO_ASSIGN_OR_RETURN(auto tenor, internal::IntegerAt(table, "max_tenor_days", source));
  if (tenor) {
    if (*tenor < 1) {
      return MakeError(ErrorCode::kInvalidArgument, "max_tenor_days must be at least 1",
                       Where(source, *table.get("max_tenor_days")));
    }
    policy.max_tenor_days = static_cast<int>(*tenor);
  }
  auto read_bands = [&](std::string_view key, std::string_view grade_key,
                        std::string_view value_key, double max,
                        std::vector<GradeValue>& target) -> Status {
    const toml::node* node = table.get(key);
    if (node == nullptr) return Ok();
    const toml::array* bands = node->as_array();
    if (bands == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(key) + " must be a list of tables", Where(source, *node));
    }
    target.clear();
    for (const toml::node& item : *bands) {
      const toml::table* band_table = item.as_table();
      if (band_table == nullptr) {
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(key) + " entries are { " + std::string(grade_key) + ", " +
                             std::string(value_key) + " }",
                         Where(source, item));
      }
      CREDO_TRY(internal::CheckKeys(*band_table, source,
                                    {grade_key, value_key}, std::string(key)));
      GradeValue band;
      CREDO_ASSIGN_OR_RETURN(auto band_grade, internal::StringAt(*band_table, grade_key, source));
      if (!band_grade) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "missing " + std::string(grade_key), Where(source, item));
      }
      band.grade_at_least = *band_grade;
      CREDO_TRY(ReadRate(*band_table, value_key, source, band.value, max));
      target.push_back(band);
    }
    return Ok();
  };
  CREDO_TRY(read_bands("advance_rates", "core_grade_at_least", "rate", 1.0, policy.advance_rates));
  CREDO_TRY(read_bands("supplier_caps", "grade_at_least", "cap", 1e18, policy.supplier_caps));
  return Ok();
}

}  // namespace

Result<DecisionConfig> ParseDecisionConfig(std::string_view text, const std::string& source) {
  CREDO_ASSIGN_OR_RETURN(toml::table root, internal::ParseToml(text, source));
  CREDO_TRY(internal::CheckKeys(root, source, {"value", "limit", "scf"}, "a decision file"));
  DecisionConfig config;
  config.source = source;
  if (const toml::table* value = root.get_as<toml::table>("value")) {
    CREDO_TRY(ReadValue(*value, source, config.value));
  }
  if (const toml::table* limit = root.get_as<toml::table>("limit")) {
    CREDO_TRY(internal::CheckKeys(*limit, source, {"person", "company"}, "[limit]"));
    if (const toml::table* person = limit->get_as<toml::table>("person")) {
      CREDO_TRY(ReadLimit(*person, source, "[limit.person]", config.person_limit));
    }
    if (const toml::table* company = limit->get_as<toml::table>("company")) {
      CREDO_TRY(ReadLimit(*company, source, "[limit.company]", config.company_limit));
    }
  }
  if (const toml::table* scf = root.get_as<toml::table>("scf")) {
    CREDO_TRY(ReadScf(*scf, source, config.scf));
  }
  return config;
}

Result<DecisionConfig> LoadDecisionConfig(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, "cannot open the decision file", path);
  std::ostringstream text;
  text << file.rdbuf();
  return ParseDecisionConfig(text.str(), path);
}

std::string DefaultDecisionConfigPath() {
  return std::string(CREDO_DECISION_CONFIG_DIR) + "/decision.toml";
}

}  // namespace credo::decision
