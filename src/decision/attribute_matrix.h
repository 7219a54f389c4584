// credo decision: customers' named measures as a numeric matrix for clustering.
//
// One row per customer, one column per name (attributes or value measures, portfolio.h). Money
// amounts (attributes of type amount and value.balance / annual_revenue / annual_margin /
// lifetime_value) are heavy-tailed, so the clustering column holds sign(x) ln(1 + |x| / 100)
// (the amount in major units on a log scale); `raw` keeps the untransformed values for display.
// A missing value is NaN in both (Standardise turns it into the column mean).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/subject.h"
#include "decision/kmeans.h"
#include "decision/portfolio.h"

namespace credo::decision {

struct AttributeMatrix {
  std::vector<std::string> names;
  RowMatrix values;  //!< what clustering uses (amounts on a log scale)
  RowMatrix raw;     //!< as measured
};

//! True when `name` is a money amount (log-scaled for clustering).
bool IsAmountMeasure(std::string_view name);

AttributeMatrix BuildAttributeMatrix(std::span<const CustomerRecord> records,
                                     const std::vector<std::string>& names);

//! The attributes k-means uses when the rules file names none.
std::vector<std::string> DefaultClusteringMeasures(SubjectKind kind);

}  // namespace credo::decision
