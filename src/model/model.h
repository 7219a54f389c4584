// credo model: the credit-assessment module's public headers in one include.
//
// Datasets (dataset.h, arff.h), deterministic splits (split.h), optimal binning with WoE/IV
// (binning.h, binning_json.h), logistic regression (logistic.h) and variable selection
// (selection.h), scorecards with reason codes (scorecard.h, reasons.h), gradient-boosted trees
// (gbdt.h), metrics and validation reports (metrics.h, validation.h), model artifacts
// (artifact.h), the training and scoring flows (trainer.h), corporate ratings (rating.h),
// improvement plans (improvement.h), the registries (registry.h, store_registry.h), scoring the
// bureau's subjects with the active model of a product (products.h, subject_scoring.h) and the
// score history with batch scoring (score_history.h). Expected failures are
// Result errors; nothing here prints or exits.
#pragma once

#include "model/arff.h"
#include "model/artifact.h"
#include "model/binning.h"
#include "model/binning_json.h"
#include "model/bureau_training.h"
#include "model/dataset.h"
#include "model/gbdt.h"
#include "model/improvement.h"
#include "model/logistic.h"
#include "model/metrics.h"
#include "model/products.h"
#include "model/rating.h"
#include "model/reasons.h"
#include "model/registry.h"
#include "model/score_history.h"
#include "model/scorecard.h"
#include "model/selection.h"
#include "model/split.h"
#include "model/store_registry.h"
#include "model/store_schema.h"
#include "model/subject_scoring.h"
#include "model/trainer.h"
#include "model/validation.h"
