// credo model: the registry as operators see it, and models validated on the bureau's own
// history (what the registry does not keep: outcomes come after registration).
//
// What it offers
//   ListRegisteredModels: every registered model with its product and status, from the store
//   registry's events: "active" (the product's current model), "retired" (active for the product
//   before, no longer), "challenger" (registered, never active, fitting a product that has an
//   active model or that it was meant for) or "registered" (fits no single product).
//   ValidateOnBureau: the model's stored scores (model_scores, score_history.h) joined to the
//   outcomes the bureau observed after each score's as-of date: a score is "bad" when one of the
//   subject's accounts reports 90+ days past due, collection, foreclosure, surrender,
//   repossession or charge-off (Metro 2 payment codes 3-6, G, H, J, K, L) in a month within
//   (as_of, as_of + horizon]. Only matured scores count (the bureau holds months up to the end
//   of the window); subjects already bad in the 3 months up to as_of are left out (a default is
//   not predicted after it happened). Gives AUC, Gini, KS, Brier, the ROC curve, calibration by
//   score band, the confusion matrix at the cut-off (default: the development bad rate), and the
//   PSI of every scoring date's scores against the development distribution (psi_history; no
//   outcomes needed). When no score has matured, outcome metrics are null with the reason.
//   CompareOnBureau: the product's champion (active model) and a challenger on the same data:
//   the champion's matured score rows, the challenger scoring the same subjects as of the same
//   dates (features computed then, as the bureau knew them).
//
// Contract: Result values; kNotFound for an unknown model or a product without an active model
// (or without a challenger); the store's errors. Runs inside the caller's transaction (a read
// transaction is enough). Large histories are sampled: at most `max_rows` score rows, the newest
// first. Thread safety: as the Transaction's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "features/input_filter.h"
#include "store/store.h"

namespace credo::model {

struct RegisteredModel {
  std::string model_id;
  std::string version;
  std::string kind;     //!< scorecard or gbdt
  std::string product;  //!< empty when it fits no single product and was never activated
  std::string status;   //!< active, challenger, retired, registered
  std::string registered_at;
  std::string activated_at;  //!< the latest activation (empty when never active)
  nlohmann::json development = nullptr;  //!< the artifact's test (or development) metrics
};
Result<std::vector<RegisteredModel>> ListRegisteredModels(Transaction& tx);

struct BureauValidationOptions {
  int horizon_months = 12;        //!< outcome window after each score's as-of date
  std::optional<double> cutoff;   //!< PD at or above which a row is called bad
  int bands = 10;                 //!< calibration bands
  size_t roc_points = 100;
  size_t max_rows = 200000;       //!< newest score rows used for outcome metrics
  const features::CreditFileFilter* filter = nullptr;  //!< suppression, for challenger scoring
};

Result<nlohmann::json> ValidateOnBureau(Transaction& tx, const std::string& model_id,
                                        const BureauValidationOptions& options = {});
//! `challenger_id` empty: the newest registered challenger of the product.
Result<nlohmann::json> CompareOnBureau(Transaction& tx, const std::string& product,
                                       const std::string& challenger_id = {},
                                       const BureauValidationOptions& options = {});

}  // namespace credo::model
