// credo resolve/incremental: the review queue of grey-zone pairs.
//
// Incremental resolution files a pair of subjects whose match probability falls between the
// thresholds as an open item: both subject ids (left: the stored subject, right: the subject the
// new record created), probability, match weight, the reason and the field-by-field explanation
// (comparison level, label and weight; identifiers, phones and e-mails masked; the whole
// explanation encrypted at rest). An operator decides:
//   AcceptReviewItem  merges the right subject into the left (Transaction::MergeSubjects: rows
//                     move, the merged id redirects to the survivor) and audits "review.accept";
//   RejectReviewItem  records the pair as distinct (never proposed or merged again) and audits
//                     "review.reject" (RecordDistinctPair; a split of a wrong merge records its
//                     pair the same way, subject_split.h).
// A decision names who decided, when, and a note. Deciding an item twice fails with
// kFailedPrecondition (409 in the API); an unknown id is kNotFound. The schema component must be
// installed (InstallResolveSchema). Functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "resolve/incremental/subject_comparison.h"
#include "store/store.h"

namespace credo::resolve {

enum class ReviewStatus { kOpen, kAccepted, kRejected };
std::string_view ReviewStatusName(ReviewStatus status);
Result<ReviewStatus> ParseReviewStatus(std::string_view name);

struct ReviewItem {
  int64_t id = 0;
  SubjectId left_subject_id = 0;
  SubjectId right_subject_id = 0;
  double probability = 0;
  double match_weight = 0;
  std::string reason;
  std::vector<FieldExplanation> comparisons;  //!< filled by GetReviewItem only
  double prior_weight = 0;                    //!< filled by GetReviewItem only
  ReviewStatus status = ReviewStatus::kOpen;
  int64_t created_at = 0;   //!< unix seconds
  int64_t decided_at = 0;   //!< 0 while open
  std::string decided_by;
  std::string note;
  SubjectId surviving_subject_id = 0;  //!< after an accept
};

struct ReviewFilter {
  std::optional<ReviewStatus> status;
  int64_t after_id = 0;
  int64_t limit = 100;
};

struct ReviewDecision {
  std::string decided_by;  //!< "operator:ops", "cli:<user>" ...
  std::string note;
  int64_t decided_at = 0;  //!< unix seconds
};

//! Files an open item for `comparison`'s pair (left = stored, right = new subject). Returns its
//! id, or 0 when the pair already has an item or was rejected before.
Result<int64_t> FileReviewItem(Transaction& transaction, const SubjectComparison& comparison,
                               std::string reason, int64_t created_at);
//! Items by ascending id (without comparisons).
Result<std::vector<ReviewItem>> ListReviewItems(Transaction& transaction,
                                                const ReviewFilter& filter);
Result<int64_t> CountReviewItems(Transaction& transaction, std::optional<ReviewStatus> status);
//! One item with its comparisons; kNotFound when there is none.
Result<ReviewItem> GetReviewItem(Transaction& transaction, int64_t id);
Result<ReviewItem> AcceptReviewItem(Transaction& transaction, int64_t id,
                                    const ReviewDecision& decision);
Result<ReviewItem> RejectReviewItem(Transaction& transaction, int64_t id,
                                    const ReviewDecision& decision);
//! True when an operator rejected this pair (either order; ids as recorded or redirected).
Result<bool> IsPairRejected(Transaction& transaction, SubjectId a, SubjectId b);
//! Records `a` and `b` as different subjects (resolve_distinct_pairs, either order): from then
//! on IsPairRejected is true for them and for subjects merged into either later, so no review
//! item, stored resolution or accept links them again. `review_item_id` is the item decided, 0
//! when the pair was separated otherwise (a split: subject_split.h). Recording a pair twice
//! keeps the first record.
Status RecordDistinctPair(Transaction& transaction, SubjectId a, SubjectId b,
                          std::string_view decided_by, int64_t decided_at,
                          int64_t review_item_id = 0);

}  // namespace credo::resolve
