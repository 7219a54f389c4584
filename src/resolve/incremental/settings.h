// credo resolve/incremental: how ingestion resolves a record without a known strong identifier.
//
// Settings live in the bureau (resolve_settings) so every ingest path (CLI, API upload, feeds)
// behaves the same; `credo er configure` writes them from flags or a TOML file:
//
//   [incremental]
//   enabled = true              # false (the default): strong identifiers only, as before
//   upper_probability = 0.99    # at or above: the record joins the stored subject
//   lower_probability = 0.5     # at or above (and below upper): new subject + review item
//   max_candidates = 50         # stored subjects compared per record at most
//   max_block_size = 200        # a blocking key shared by more subjects is not used
//   model = "model.json"        # optional: a Fellegi-Sunter model (credo er ... --model-out);
//                               # relative to the TOML file
//
// Without a model the bureau uses the one it learned (credo er resolve-stored --learn) or else
// DefaultSubjectModel(). Companies are scored with DefaultCompanyModel() until `credo er
// resolve-stored` calibrates its u from the bureau's own companies (CalibrateCompanyModel).
// Errors: kInvalidArgument naming the key and the rule.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/result.h"
#include "resolve/fs_model.h"
#include "resolve/incremental/subject_comparison.h"
#include "store/store.h"

namespace credo::resolve {

struct IncrementalSettings {
  bool enabled = false;
  double upper_probability = 0.99;
  double lower_probability = 0.5;
  size_t max_candidates = 50;
  size_t max_block_size = 200;
  std::optional<FsModel> model;  //!< nullopt: DefaultSubjectModel()
  std::string model_source = "default";  //!< where the model came from, for people
  std::optional<FsModel> company_model;  //!< nullopt: DefaultCompanyModel()
  std::string company_model_source = "default";
  //! Common name values for the term-frequency adjustment (FindCommonValues); empty: none.
  CommonValues common_values;

  //! Thresholds and sizes in range, and both models fit their comparison schema (the comparers
  //! ingestion builds from them can be made: PersonComparerFor, CompanyComparerFor), so that
  //! settings saved are settings every later ingest can use.
  Status Validate() const;
};

//! The comparer of persons the settings make (their model, else DefaultSubjectModel, with their
//! common values), and that of companies (their company model, else DefaultCompanyModel).
Result<SubjectComparer> PersonComparerFor(const IncrementalSettings& settings);
Result<SubjectComparer> CompanyComparerFor(const IncrementalSettings& settings);

//! The bureau's settings (defaults for anything not stored). Needs the resolve schema.
Result<IncrementalSettings> LoadIncrementalSettings(Transaction& transaction);
Status SaveIncrementalSettings(Transaction& transaction, const IncrementalSettings& settings,
                               int64_t now);

//! Applies a TOML configuration (format above) over `base`.
Result<IncrementalSettings> ApplyIncrementalConfig(const IncrementalSettings& base,
                                                   std::string_view toml_text,
                                                   const std::string& source_path);
Result<IncrementalSettings> ApplyIncrementalConfigFile(const IncrementalSettings& base,
                                                       const std::string& path);
//! Reads a model written by `credo er dedupe --model-out`.
Result<FsModel> LoadModelFile(const std::string& path);

//! Several lines for people: enabled, thresholds, model source and size.
std::string FormatIncrementalSettings(const IncrementalSettings& settings);

}  // namespace credo::resolve
