// credo resolve/incremental: splitting a mixed file — undoing a wrong merge.
//
// A mixed file is two people (or companies) wrongly linked into one subject: the most common
// complaint consumers make about credit bureaus. SplitSubject undoes the merge of `merged` into
// the subject it was merged into, in one transaction:
//   1. Transaction::UnmergeSubject: the rows the merge journal names go back to `merged` (an
//      account's months follow it), the survivor loses the identity elements the merge gave it,
//      both subjects' blind-index rows are rewritten, the redirect is cleared, and
//      "subject.unmerge" is audited with the reason. Rows the merge deleted as duplicates are not
//      restorable (the report and the audit entry count them).
//   2. RecordDistinctPair: the two are recorded as different subjects, as an operator's
//      rejection of a review item does, so stored resolution, the review queue and an accept never
//      link them again (IsPairRejected).
//   3. SplitSubjectKeys: `merged` gets its blocking keys back; the survivor loses the keys only
//      `merged` gave it.
//   4. "resolve.split" is audited naming the actor and the reason.
// Merges are undone newest first (see UnmergeSubject): a subject merged into X after `merged`, or
// X's own later merge into Y, must be undone first. Write no identifiers in the reason: it is kept
// in the audit log in clear. Docs: docs/resolve/unmerge.md.
//
// Errors: kNotFound (no such subject); kInvalidArgument (empty reason or actor);
// kFailedPrecondition (never merged or already unmerged, not the newest merge into its
// survivor, the survivor merged since, merged before journals were kept). Nothing changes on
// an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace credo::resolve {

//! Steps 1-4 inside the caller's transaction; the resolve schema must be installed
//! (InstallResolveSchema). `decided_at` (unix seconds) stamps the distinct pair.
Result<UnmergeReport> SplitSubject(Transaction& transaction, SubjectId merged,
                                   std::string_view reason, std::string_view actor,
                                   int64_t decided_at);

//! Installs the resolve schema when missing, then steps 1-4 in one transaction. `clock`
//! stamps the distinct pair (nullptr: SystemClock()).
Result<UnmergeReport> SplitSubject(Store& store, SubjectId merged, std::string_view reason,
                                   std::string_view actor, const Clock* clock = nullptr);

//! Several lines for people: which subject came back from which, the rows moved back per table,
//! what stayed, the identity elements removed from the survivor and the duplicates lost.
std::string FormatSplitReport(const UnmergeReport& report);

}  // namespace credo::resolve
