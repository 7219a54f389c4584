// credo model: the scores the bureau computed, kept in its store (table model_scores).
//
// RecordScore keeps one row per (subject, product, as-of date): scoring the same date again
// replaces that row (so re-running a batch is idempotent), a new date adds one. ListScores gives a
// subject's history; LatestScoreChange the latest and previous score of a product (by as-of date,
// then by when they were computed), for triggers such as "score dropped by at least N points" or
// "grade downgraded" (the monitor module). The previous score is the latest earlier one by the
// same model as the latest: scores of two models differ by the models, not by the subject.
//
// ScoreAllSubjects batch-scores every stored subject of the product's kind with its active model
// (loaded once, so one run uses one model): pages of ListSubjectIds, one read-write transaction
// per page that computes, scores and records the page and appends one audit entry
// (model.score_batch) for it. A subject whose file fails to load or cannot be scored is counted
// and its error kept (the first few), the others go on; a store error stops the run (the pages
// already committed stay). Errors: those of the registry (no active model: kNotFound) and store.
// Thread safety: like the Store, one thread at a time per Store.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "features/input_filter.h"
#include "model/registry.h"
#include "model/subject_scoring.h"
#include "store/store.h"

namespace credo::model {

struct StoredScore {
  int64_t id = 0;
  SubjectId subject_id = 0;
  std::string product;
  std::string model_id;
  Date as_of;
  int score = 0;
  int score_min = 0;
  int score_max = 0;
  double probability_of_default = 0;
  std::string grade;                 //!< empty when the product is not graded
  std::vector<std::string> reasons;  //!< reason codes, largest impact first
  int64_t computed_at = 0;           //!< unix seconds
};

//! Records `score` (computed at `computed_at`, unix seconds) in the caller's transaction.
Status RecordScore(Transaction& tx, const SubjectScore& score, int64_t computed_at);

//! The subject's recorded scores of every product, newest as-of date first.
Result<std::vector<StoredScore>> ListScores(Transaction& tx, SubjectId subject);

struct ScoreChange {
  StoredScore latest;
  //! The latest earlier score by latest.model_id; nullopt when that model scored only once.
  std::optional<StoredScore> previous;
  int points_change = 0;                //!< latest.score - previous.score (0 without previous)
  //! The grade got worse on the master scale (both graded and previous exists).
  bool grade_downgrade = false;
};

//! The latest recorded score of `product` for `subject` and the one before it by the same model
//! (none when the model changed); kNotFound when the subject has no recorded score of that
//! product.
Result<ScoreChange> LatestScoreChange(Transaction& tx, SubjectId subject, std::string_view product);

//! The distribution of the scores recorded for a product and date (no subject named).
struct ScoreDistribution {
  int64_t count = 0;
  int min = 0, p10 = 0, median = 0, p90 = 0, max = 0;  //!< 0 when count is 0
  std::map<std::string, int64_t> grades;               //!< graded products: count per grade
};
Result<ScoreDistribution> SummarizeScores(Transaction& tx, std::string_view product, Date as_of);

struct BatchScoringOptions {
  int64_t page_size = 500;                            //!< subjects per transaction
  const features::CreditFileFilter* filter = nullptr;  //!< suppression (compliance)
  const Clock* clock = nullptr;                       //!< computed_at; nullptr: SystemClock()
  size_t max_errors_kept = 10;
  //! Called after each committed page with the subjects scored so far (progress).
  std::function<void(int64_t scored)> progress;
};

struct BatchScoringSummary {
  std::string model_id;
  Date as_of;
  int64_t scored = 0;
  int64_t skipped = 0;  //!< subjects of the other kind than the product's
  int64_t failed = 0;   //!< subjects whose file could not be loaded or scored
  int64_t pages = 0;
  std::vector<Error> errors;  //!< the first max_errors_kept failures, subject in the location
};

Result<BatchScoringSummary> ScoreAllSubjects(Store& store, const ModelRegistry& registry,
                                             std::string_view product, Date as_of,
                                             const BatchScoringOptions& options = {});

}  // namespace credo::model
