// credo fraud: anti-fraud for every inquiry and report. The public header of the module.
//
// What it offers
//   * application events kept as blind indexes (application.h: RecordApplication in the
//     inquiry's transaction, EnsureFraudSchema once per store);
//   * velocity counters over 1 h / 1 d / 7 d / 30 d (velocity.h), synthetic-identity indicators
//     (synthetic_identity.h), rings of subjects through shared contact points (rings.h);
//   * a rule set with thresholds from TOML (rules.h);
//   * AssessSubject: the FraudAssessment (score 0-100, fired rules with evidence, ring id and
//     ring score) that inquiry responses and report headers carry.
//
// Contract
//   * AssessSubject only reads. It works on a store without the fraud tables (no applications, no
//     rings: only the subject's own indicators). kNotFound when the subject does not exist.
//   * The score is 100 * (1 - prod(1 - w_i / 100)) over the fired rules' severity weights
//     (low 10, medium 25, high 45, critical 70), rounded: one high rule gives 45, two give 70.
//     There is no model score: no fraud-labelled training data exists in the project (see
//     docs/fraud/README.md).
//   * Thread safety: as the Transaction it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/subject.h"
#include "fraud/application.h"
#include "fraud/rings.h"
#include "fraud/rules.h"
#include "fraud/synthetic_identity.h"
#include "fraud/velocity.h"
#include "store/store.h"

namespace credo::fraud {

struct FiredRule {
  std::string id;
  std::string description;
  Severity severity = Severity::kMedium;
  double threshold = 0;
  double value = 0;      //!< what was measured
  std::string evidence;  //!< human-readable; identifiers masked, contact points never in clear
};

struct FraudAssessment {
  SubjectId subject_id = 0;
  int64_t assessed_at = 0;        //!< unix seconds (the `now` given)
  int score = 0;                  //!< 0-100
  std::vector<FiredRule> fired;   //!< catalogue order
  std::optional<int64_t> ring_id; //!< the stored ring the subject belongs to
  int ring_score = 0;             //!< 0-100, 0 without a ring
  int64_t ring_size = 0;
  VelocityCounts velocity;
  SyntheticIdentitySignals synthetic;
};

//! `event` may be null (report header: the subject alone) or a normalised application about
//! `subject`, recorded or not.
Result<FraudAssessment> AssessSubject(Transaction& transaction, SubjectId subject,
                                      const ApplicationEvent* event, int64_t now_unix,
                                      const FraudRules& rules);

//! The rule ids AssessSubject measures, in catalogue order (the default rules file names each).
std::vector<std::string> CatalogueRuleIds();

//! Text for the CLI and report headers: "fraud score 45 (1 rule fired) ..." one line per rule.
std::string FormatAssessment(const FraudAssessment& assessment);
//! JSON object: {"subject_id","score","fired":[{id,severity,threshold,value,evidence}],
//! "ring_id","ring_score","ring_size","assessed_at"}.
std::string AssessmentToJson(const FraudAssessment& assessment);

}  // namespace credo::fraud
