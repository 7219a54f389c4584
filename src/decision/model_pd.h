// credo decision: PDs of customers from a model artifact trained on bureau attributes
// (`credo model train` on an `attributes export` CSV, or an attrition model), and grades on the
// master scale for companies.
//
// The attribute sets must be of the kind the model was trained on: every model attribute must
// be among their names (kInvalidArgument naming the first one missing otherwise).
#pragma once

#include <span>
#include <vector>

#include "core/result.h"
#include "features/attribute.h"
#include "model/artifact.h"
#include "model/rating.h"

namespace credo::decision {

Result<std::vector<double>> PredictPds(const model::ModelArtifact& artifact,
                                       std::span<const features::AttributeSet> sets);

}  // namespace credo::decision
