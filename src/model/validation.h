// credo model: validation reports (what `credo model validate` writes).
//
// ValidateModel scores a labelled sample and reports AUC, Gini, KS, Brier, the confusion matrix
// with precision, recall and F1 at a cut-off (default: the development bad rate), a calibration
// table by score band, the ROC and KS curves, the PSI of the scores against the development
// distribution and the CSI of each characteristic, each with its band (stable / monitor / act).
// CompareModels puts a champion and a challenger side by side on the same sample.
// ValidationHtml renders a report as one self-contained HTML page with inline SVG charts.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.h"
#include "model/artifact.h"
#include "model/dataset.h"

namespace credo::model {

struct ValidationOptions {
  std::optional<double> cutoff;  //!< PD at or above which a row is called bad
  int bands = 10;                //!< calibration bands
};

//! The options for reading a labelled sample for this model (attributes and target).
DatasetOptions ValidationDataOptions(const ModelArtifact& artifact, const std::string& target);

Result<nlohmann::json> ValidateModel(const ModelArtifact& artifact, const Dataset& data,
                                     const ValidationOptions& options = {});
Result<nlohmann::json> CompareModels(const ModelArtifact& champion,
                                     const ModelArtifact& challenger, const Dataset& data,
                                     const ValidationOptions& options = {});
std::string ValidationHtml(const nlohmann::json& report);

}  // namespace credo::model
