// credo decision: attrition prediction on the bureau's own history.
//
// The event is a closed relationship: a subject with at least one open tradeline on the
// observation date closes one of them (paid and closed, or transferred: a closure that is not a
// charge-off, collection or other negative status) after the observation date and on or before
// the outcome date, as the bureau knows on the outcome date. Features are the subject's
// attributes as of the observation date (features module: what was known then, no look-ahead).
// TrainAttrition trains a model with the model module (scorecard or GBDT; 70/30 stratified
// split) and returns its artifact with development and test AUC, KS, Gini and Brier.
// ScoreAttrition scores every subject of a kind with an open tradeline on a date and returns PD
// and up to four reason codes (in English and Chinese); TopAtRisk ranks them per relationship
// manager (manager_assignment.h).
// Errors: store errors; kFailedPrecondition when the sample has no events or no non-events
// (choose dates further apart, or later data).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "decision/manager_assignment.h"
#include "model/artifact.h"
#include "model/dataset.h"
#include "model/trainer.h"
#include "store/store.h"

namespace credo::decision {

struct AttritionSampleOptions {
  SubjectKind kind = SubjectKind::kPerson;
  Date observation;
  Date outcome;
};

struct AttritionSample {
  model::Dataset dataset;  //!< numeric attribute columns and the target "closed" (1 = closed)
  std::vector<SubjectId> subjects;  //!< one per row
  int64_t subjects_seen = 0;        //!< subjects of the kind in the bureau
  int64_t events = 0;
};

Result<AttritionSample> BuildAttritionSample(Store& store, const AttritionSampleOptions& options);

struct AttritionTraining {
  model::ModelArtifact artifact;
  AttritionSample sample;
};
Result<AttritionTraining> TrainAttrition(Store& store, const AttritionSampleOptions& sample,
                                         model::TrainOptions train);

struct AttritionScore {
  SubjectId subject_id = 0;
  std::string name;
  double pd = 0;
  double score = 0;
  std::vector<std::string> reasons;     //!< characteristic names, strongest first
  std::vector<std::string> reasons_en;  //!< model/reasons.h texts
  std::vector<std::string> reasons_zh;
};
Result<std::vector<AttritionScore>> ScoreAttrition(Store& store,
                                                   const model::ModelArtifact& artifact,
                                                   SubjectKind kind, Date as_of);

struct ManagerTopList {
  std::string manager;
  std::vector<AttritionScore> customers;  //!< highest PD first, at most `top`
  int64_t customers_assigned = 0;         //!< scored customers of this manager
};
//! Per manager (by name; customers with no manager under "(unassigned)"), the `top` customers
//! by PD (ties by subject id).
std::vector<ManagerTopList> TopAtRisk(const std::vector<AttritionScore>& scores,
                                      const ManagerAssignment& assignment, int top);

}  // namespace credo::decision
