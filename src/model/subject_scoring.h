// credo model: scoring the bureau's own subjects with the active model of a product.
//
// ScoreSubject reads a subject's credit file as the bureau knew it on `as_of` (LoadCreditFile: no
// record reported after that date is seen; only the parts the model's inputs read), runs the optional suppression filter, computes the
// attributes the product's active model needs, scores them and returns a SubjectScore: the score
// in whole points with the range it can take, the probability of default, a grade when the
// product is graded (company_rating: the master scale of rating.h), the model id, and up to four
// reason codes (English and Chinese texts) ordered by impact, plus the inquiries reason when the
// inquiry characteristic that lowered the score most is not among the four (FCRA 609(f)(9); the
// same rule as the batch scorer, ScoreModel, and the scorecard).
//
// Products (products.h): "person_score" scores persons, "company_rating" companies (graded);
// other product names are allowed and score any subject whose attributes the model can read.
//
// Errors: kNotFound (unknown subject; product without an active model), kFailedPrecondition
// (the subject's kind is not the product's; the model needs inputs the credit file cannot
// provide: the message names them and how to list the bureau's attributes), the store's and the
// filter's errors, and the registry's (an artifact that no longer loads).
//
// Speed and thread safety: the active model id is read once per call (through `tx` when the
// registry is a StoreModelRegistry on the same bureau, so score and model come from the same
// snapshot); the parsed artifact is cached per model (a process-wide, mutex-guarded cache keyed
// by the artifact's content digest for store registries; other registries are read each call).
// ScoreSubject may be called from many threads at once, each with its own Transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "features/attribute.h"
#include "features/input_filter.h"
#include "model/artifact.h"
#include "model/registry.h"
#include "store/store.h"

namespace credo::model {

struct ScoreReason {
  std::string code;     //!< the characteristic (model input) name, e.g. "revolving_utilization"
  std::string text_en;  //!< ReasonText(code, kEnglish)
  std::string text_zh;  //!< ReasonText(code, kChinese)
  //! How much it lowered the score: points below the characteristic's maximum (scorecards) or
  //! its log-odds contribution towards bad (gradient-boosted trees). Larger is worse.
  double impact = 0;
};

struct SubjectScore {
  SubjectId subject_id = 0;  //!< the surviving id (after merges)
  std::string product;
  std::string model_id;
  Date as_of;
  int score = 0;      //!< points on the model's scale, rounded, within [score_min, score_max]
  int score_min = 0;  //!< the lowest score the model can give
  int score_max = 0;  //!< the highest score the model can give
  double probability_of_default = 0;  //!< the model's PD (unrounded, before any floor)
  std::string grade;                  //!< master-scale grade for graded products, else empty
  std::vector<ScoreReason> reasons;   //!< up to four, largest impact first
  std::optional<ScoreReason> inquiry_reason;  //!< when inquiries lowered it but are not above
};

//! Scores `subject` with the active model of `product` as of `as_of`, inside `tx` (a read
//! transaction is enough). `filter` (may be null) removes suppressed items before attributes.
Result<SubjectScore> ScoreSubject(Transaction& tx, const ModelRegistry& registry,
                                  std::string_view product, SubjectId subject, Date as_of,
                                  const features::CreditFileFilter* filter = nullptr);

//! Scores already computed attributes with a given artifact (what ScoreSubject does after
//! loading; also for callers holding attributes, e.g. an application scored in memory).
//! Errors: kFailedPrecondition naming the inputs `attributes` does not hold.
Result<SubjectScore> ScoreAttributes(const ModelArtifact& artifact, std::string_view product,
                                     const features::AttributeSet& attributes);

//! The model inputs that are not attributes of `kind` (empty when the bureau can provide all).
std::vector<std::string> MissingInputs(const ModelArtifact& artifact, SubjectKind kind);

//! An artifact prepared for scoring (where each input sits among the attributes, the score
//! range). Immutable and safe to share between threads; batch scoring loads it once.
class ScoringModel;
//! The active model of `product`, through the same cache as ScoreSubject.
Result<std::shared_ptr<const ScoringModel>> LoadActiveScoringModel(Transaction& tx,
                                                                   const ModelRegistry& registry,
                                                                   std::string_view product);
Result<std::shared_ptr<const ScoringModel>> PrepareScoringModel(const ModelArtifact& artifact);
const ModelArtifact& ArtifactOf(const ScoringModel& model);
//! The parts of a credit file the model's inputs read (pass them to LoadCreditFile).
features::CreditFileParts PartsRead(const ScoringModel& model);
//! Scores attributes with a prepared model (errors as ScoreAttributes, and kFailedPrecondition
//! when the subject's kind is not the product's).
Result<SubjectScore> ScoreWith(const ScoringModel& model, std::string_view product,
                               const features::AttributeSet& attributes);

//! Empties the process-wide cache of parsed artifacts (tests; after a registry was rebuilt).
void ClearScoringCache();

}  // namespace credo::model
