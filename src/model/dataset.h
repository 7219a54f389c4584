// credo model: typed datasets for modelling, read from CSV (dataset.cc) or ARFF (arff.h).
//
// A column is numeric when every non-missing cell parses as a number (E-notation accepted),
// otherwise categorical. Missing cells are "", NA, N/A, NaN, null and "?"; numeric missing is NaN,
// categorical missing is the empty string. A column with an empty header name is a row index and
// is dropped (recorded in dropped_columns). The target column is turned into 1 (bad) / 0 (good).
//
// Errors (kInvalidArgument, naming the source, line and column): ragged rows, a target with a
// missing value or with values other than the two classes, and, when options.training is set, a
// constant column or a column with no values. Values are copied; Datasets are plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/csv.h"

namespace credo::model {

enum class ColumnKind { kNumeric, kCategorical };
std::string_view ColumnKindName(ColumnKind kind);
Result<ColumnKind> ParseColumnKind(std::string_view name);

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::kNumeric;
  std::vector<double> numbers;     //!< kNumeric: one per row, NaN when missing
  std::vector<std::string> texts;  //!< kCategorical: one per row, "" when missing

  bool IsMissing(size_t row) const;
};

struct Dataset {
  std::string source;
  std::vector<Column> columns;  //!< feature columns (the target is not among them)
  std::string target_name;      //!< empty when the data has no target
  std::string bad_value;        //!< the target value read as bad
  std::string good_value;       //!< the other target value
  std::vector<uint8_t> target;  //!< 1 = bad, 0 = good; empty when there is no target
  std::vector<size_t> lines;    //!< source line of each row
  std::vector<std::string> dropped_columns;
  size_t rows = 0;

  const Column* Find(std::string_view name) const;
  //! The rows listed, in that order (target and lines follow).
  Dataset Subset(const std::vector<size_t>& row_indexes) const;
  size_t Bads() const;
};

struct DatasetOptions {
  std::string target;              //!< target column; empty when the data has none (scoring)
  std::string bad_value;           //!< target value meaning bad; empty: 1, bad, yes, true
  std::vector<std::string> exclude;  //!< columns to leave out
  bool training = false;           //!< refuse constant and all-missing columns
  //! Kinds fixed in advance (a model's attributes when scoring): those columns must exist and a
  //! numeric one must hold numbers. Other columns are still read with detected kinds.
  std::map<std::string, ColumnKind> schema;
};

//! Types a raw table (CSV or ARFF) under the options.
Result<Dataset> BuildDataset(const RawTable& table, const DatasetOptions& options,
                             const std::map<std::string, ColumnKind>& declared_kinds = {});
//! Reads a CSV file with a header row.
Result<Dataset> LoadCsvDataset(const std::string& path, const DatasetOptions& options);
//! Parses CSV text (tests and in-memory callers).
Result<Dataset> ParseCsvDataset(std::string_view text, const std::string& source,
                                const DatasetOptions& options);

//! True when the cell text means "no value".
bool IsMissingToken(std::string_view cell);
//! Parses a whole cell as a finite or infinite number; nullopt when it is not one.
std::optional<double> ParseNumber(std::string_view cell);

}  // namespace credo::model
