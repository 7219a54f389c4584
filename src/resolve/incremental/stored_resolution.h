// credo resolve/incremental: resolution over what a bureau already stores.
//
// ResolveStoredSubjects (`credo er resolve-stored`) installs the resolve schema, indexes the
// blocking keys of every person and company subject that has none yet (subjects loaded before
// incremental resolution was turned on), optionally learns a Fellegi-Sunter model from the
// stored persons (EM over blocked pairs, u from random pairs; no labels), and from the stored
// companies once there are 1,000 (LearnModelFromCompanies), and saves them in the bureau's
// settings; a bureau without a model of its own gets the default m with u from random
// pairs of its persons (CalibrateDefaultModel), and likewise for companies once it holds 1,000
// (CalibrateCompanyModel), both saved in the settings. Then it resolves each subject against
// the subjects of its kind created before it, in id order (each kind with its model): at or
// above the upper probability the newer subject is merged into the older (MergeSubjects:
// audited, the merged id redirects, its blocking keys move to the survivor) when a field besides
// the name agrees (IsCorroborated; a name-only pair is a review item), between the thresholds a
// review item is filed. The hard constraint and operators' rejections hold as in the attacher.
// One transaction: all or nothing.
// Deterministic for a given store and settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "resolve/fs_model.h"
#include "store/store.h"

namespace credo::resolve {

struct StoredResolutionOptions {
  bool learn = false;   //!< learn models from the stored persons and companies first; save them
  bool merge = true;    //!< false: file review items only, merge nothing
  const Clock* clock = nullptr;
};

struct StoredResolutionReport {
  int64_t persons = 0;
  int64_t companies = 0;
  int64_t keys_indexed = 0;       //!< subjects whose keys were written now
  int64_t compared_pairs = 0;
  int64_t merges = 0;
  int64_t review_items = 0;
  int64_t constraint_refusals = 0;
  int64_t rejected_pairs_skipped = 0;
  std::string model_source;
  std::string company_model_source;
  double seconds = 0;
};

//! Decrypts every stored person (surviving ids), for learning or evaluation.
Result<std::vector<Subject>> LoadStoredPersons(Store& store);
//! Learns a model from the stored persons (at least 2 needed, with candidate pairs).
Result<FsModel> LearnStoredModel(Store& store, int64_t* persons_used = nullptr);
//! The same from persons already loaded (LoadStoredPersons).
Result<FsModel> LearnModelFromPersons(const std::vector<Subject>& persons);

Result<StoredResolutionReport> ResolveStoredSubjects(Store& store,
                                                     const StoredResolutionOptions& options);
std::string FormatStoredResolution(const StoredResolutionReport& report);

}  // namespace credo::resolve
