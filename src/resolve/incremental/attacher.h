// credo resolve/incremental: the subject attacher ingestion uses once a bureau turns incremental
// resolution on (settings.h).
//
// For each incoming record, in the batch's transaction:
//   1. a valid strong identifier found by blind index links at once — exactly as the
//      strong-identifier attacher of ingest/batch/attach.h;
//   2. otherwise candidate subjects of the same kind come from the blind indexes of their
//      blocking keys (resolve_block_keys; persons: identifier, identifier halves, phone, e-mail, date of
//      birth with initials or postcode, postcode with Soundex name keys, the name set; companies:
//      code, name key without legal form, legal representative with postcode), at most
//      max_candidates of them, those sharing most keys first, then by id; only the candidates'
//      identities are decrypted. Persons are scored with the bureau's model (settings), companies
//      with the bureau's company model (settings; else DefaultCompanyModel: name, code, legal
//      representative, registered address, phone);
//   3. a candidate holding a different valid strong identifier of the same kind is never a match
//      (the hard constraint), nor a pair an operator rejected;
//   4. the best candidate (highest match weight, lowest id on ties) decides: at or above the upper
//      probability the record joins it (its new identifiers, phones and e-mails are added to the
//      subject) when a field besides the name agrees (IsCorroborated), with a "resolve.link"
//      audit entry giving the subject, the probability, the weight and the agreeing fields (no
//      values), else it is a review item;
//      from the lower probability up, a new subject plus a review item; below, a new subject.
//      New and updated subjects get their blocking keys indexed at once, so later records of the
//      same batch find them.
// Deterministic: the same store and records give the same subjects. Counts are kept for reports.
#pragma once

#include <cstdint>
#include <memory>

#include "core/date.h"
#include "ingest/batch/attach.h"
#include "resolve/incremental/settings.h"
#include "resolve/incremental/subject_comparison.h"

namespace credo::resolve {

struct IncrementalCounts {
  int64_t strong_identifier_links = 0;
  int64_t probabilistic_links = 0;
  int64_t review_items = 0;
  int64_t new_subjects = 0;
  int64_t constraint_refusals = 0;  //!< candidates skipped for a different strong identifier
  int64_t compared_pairs = 0;       //!< candidates decrypted and compared with the record
};

class IncrementalAttacher : public ingest::SubjectAttacher {
 public:
  //! `clock` stamps review items (nullptr: SystemClock()).
  static Result<std::unique_ptr<IncrementalAttacher>> Make(IncrementalSettings settings,
                                                           const Clock* clock = nullptr);
  using ingest::SubjectAttacher::Attach;
  //! Links by strong identifier, else by score; a link by score is audited ("resolve.link") and a
  //! grey-zone pair filed for review, each naming `origin` (its batch and line).
  Result<ingest::Attachment> Attach(Transaction& txn, const Subject& incoming,
                                    const ingest::RecordOrigin& origin) override;

  const IncrementalCounts& counts() const { return counts_; }
  const SubjectComparer& comparer() const { return comparer_; }
  const SubjectComparer& company_comparer() const { return company_comparer_; }
  const IncrementalSettings& settings() const { return settings_; }

 private:
  IncrementalAttacher(IncrementalSettings settings, SubjectComparer comparer,
                      SubjectComparer companies, const Clock* clock)
      : settings_(std::move(settings)),
        comparer_(std::move(comparer)),
        company_comparer_(std::move(companies)),
        clock_(clock) {}

  IncrementalSettings settings_;
  SubjectComparer comparer_;
  SubjectComparer company_comparer_;  //!< settings' company model, else DefaultCompanyModel
  const Clock* clock_;
  IncrementalCounts counts_;
};

//! Writes the blind indexes of `subject`'s blocking keys (after removing its old ones).
Status IndexSubjectKeys(Transaction& txn, const SubjectComparer& comparer, const Subject& subject);

//! After `merged` was merged into `survivor`: its blocking keys become the survivor's, so that
//! the key index names surviving subjects only and its name and address variants still find
//! the survivor. Every merge of the resolve module calls it.
Status MoveSubjectKeys(Transaction& txn, SubjectId merged, SubjectId survivor);

//! After `split` was unmerged from `survivor` (subject_split.h): `split` gets the keys of its
//! own identity again, and the survivor loses those of them its own (updated) identity does not
//! give. Keys that came to the survivor from subjects still merged into it stay unless `split`
//! shares them (they then only cost a candidate comparison now and then).
Status SplitSubjectKeys(Transaction& txn, const SubjectComparer& comparer, const Subject& split,
                        const Subject& survivor);

//! Candidate subjects for `subject` from the key indexes, best first, at most `max_candidates`,
//! excluding `exclude`. The ids are those the keys name: surviving subjects, as merges move keys
//! (MoveSubjectKeys); a caller reading them through GetSubject gets the survivor in any case.
Result<std::vector<SubjectId>> FindCandidateSubjects(Transaction& txn,
                                                     const SubjectComparer& comparer,
                                                     const Subject& subject,
                                                     const IncrementalSettings& settings,
                                                     SubjectId exclude = 0);

//! True when both hold a valid strong identifier of one kind and the two differ.
bool StrongIdentifiersConflict(const Subject& a, const Subject& b);

//! Installs, as ingestion's default attacher (ingest::SetDefaultAttacherFactory), a factory that
//! reads the bureau's settings: incremental resolution when the resolve schema is installed and
//! enabled, the strong-identifier attacher otherwise. Call once at program start.
void InstallIncrementalAttacher();

}  // namespace credo::resolve
