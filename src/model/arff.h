// credo model: the ARFF reader (Weka's format, used by the UCI Polish bankruptcy data).
//
// Reads @relation, @attribute NAME numeric|real|integer|{v1,v2,...}|string and @data with
// comma-separated rows; "?" marks a missing value; names may be quoted; % starts a comment;
// CRLF is accepted. Nominal attributes become categorical columns unless every value is a number.
// Errors name the file and line.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/dataset.h"

namespace credo::model {

Result<Dataset> ParseArffDataset(std::string_view text, const std::string& source,
                                 const DatasetOptions& options);
Result<Dataset> LoadArffDataset(const std::string& path, const DatasetOptions& options);

}  // namespace credo::model
