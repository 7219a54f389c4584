#include "decision/attribute_matrix.h"

#include <cmath>
#include <limits>

#include "features/attribute.h"

namespace credo::decision {

bool IsAmountMeasure(std::string_view name) {
  if (name == "value.balance" || name == "value.annual_revenue" || name == "value.annual_margin" ||
      name == "value.lifetime_value") {
    return true;
  }
  const features::AttributeDefinition* definition = features::FindAttributeDefinition(name);
  return definition != nullptr && definition->type == features::ValueType::kAmount;
}

AttributeMatrix BuildAttributeMatrix(std::span<const CustomerRecord> records,
                                     const std::vector<std::string>& names) {
  AttributeMatrix matrix;
  matrix.names = names;
  const auto rows = static_cast<Eigen::Index>(records.size());
  const auto cols = static_cast<Eigen::Index>(names.size());
  matrix.values.resize(rows, cols);
  matrix.raw.resize(rows, cols);
  std::vector<bool> amount(names.size());
  for (size_t j = 0; j < names.size(); ++j) amount[j] = IsAmountMeasure(names[j]);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      const std::optional<double> value = CustomerMeasure(records[i], names[j]);
      if (!value || !std::isfinite(*value)) {
        matrix.raw(i, j) = std::numeric_limits<double>::quiet_NaN();
        matrix.values(i, j) = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      matrix.raw(i, j) = *value;
      matrix.values(i, j) =
          amount[j] ? std::copysign(std::log1p(std::abs(*value) / 100.0), *value) : *value;
    }
  }
  return matrix;
}

std::vector<std::string> DefaultClusteringMeasures(SubjectKind kind) {
  if (kind == SubjectKind::kPerson) {
    return {"revolving_utilization", "oldest_account_age_months", "times_30dpd_12m",
            "inquiries_6m",          "total_balance",             "tradelines_open",
            "accounts_opened_12m"};
  }
  return {"revenue_12m",      "liabilities_to_assets", "current_ratio",       "return_on_assets",
          "paydex",           "company_age_months",    "credit_balance_total", "judgments_open"};
}

}  // namespace credo::decision
