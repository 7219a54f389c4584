// credo decision: decision support for relationship managers, library first.
//
// What it offers
//   * segmentation: a value x risk tier grid from a TOML file (tier_grid.h) and k-means on
//     standardised attributes with k chosen by the (sampled) silhouette (kmeans.h,
//     segmentation.h), each segment described in plain words, English and Chinese
//     (segment_tags.h); customers' measures as a matrix (attribute_matrix.h);
//   * customer value: balances, revenue proxy, tenure, products and lifetime value
//     (customer_value.h), for one subject or a whole portfolio read from the store
//     (portfolio.h);
//   * attrition: a model trained with the model module on the bureau's own history, with
//     closed relationships as the event, scored with reason codes and ranked per relationship
//     manager (attrition.h, manager_assignment.h);
//   * next best action rules from a TOML file (actions.h);
//   * credit limit recommendation (limit.h) and supply-chain finance limits from receivables
//     (scf.h, receivables.h), with their assumptions in one TOML file (decision_config.h).
//
// Contract
//   * Expected failures are Result errors; a configuration or input file error names the file,
//     the line and the field, and says how to fix it (an unknown attribute lists the known ones).
//   * Money is integer minor units; dates are credo::Date; attributes come from the features
//     module as of a date (no look-ahead).
//   * Deterministic: k-means uses fixed seeds; the same input gives the same output.
//   * Thread safety: pure functions are thread-compatible; store access follows the store's
//     rules (one Store per thread). Nothing here prints or exits.
#pragma once

#include "decision/actions.h"
#include "decision/attribute_matrix.h"
#include "decision/attrition.h"
#include "decision/customer_value.h"
#include "decision/decision_config.h"
#include "decision/kmeans.h"
#include "decision/limit.h"
#include "decision/manager_assignment.h"
#include "decision/model_pd.h"
#include "decision/portfolio.h"
#include "decision/receivables.h"
#include "decision/scf.h"
#include "decision/segment_tags.h"
#include "decision/segmentation.h"
#include "decision/tier_grid.h"
