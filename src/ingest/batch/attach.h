// credo ingest/batch: attaching an incoming record to a subject of the bureau.
//
// For now (until resolve's entity resolution takes over): a record links to an existing subject
// through a valid strong identifier (CN resident ID, unified social credit code, SSN, EIN)
// found by blind index; otherwise a new subject is created. This is the one seam to swap:
// IngestOptions takes any SubjectAttacher. Runs inside the batch's transaction.
#pragma once

#include <functional>
#include <memory>

#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::ingest {

struct Attachment {
  SubjectId subject_id = 0;
  bool created = false;  //!< a new subject was inserted
};

//! Where the record being attached came from, for what the attacher records about it (a link by
//! score is audited, a grey-zone pair filed for review, naming the batch and line). Zero when
//! unknown (a direct call outside a batch).
struct RecordOrigin {
  BatchId batch_id = 0;
  int64_t line = 0;  //!< the record's line (CSV, JSON lines) or record number (Metro 2)
  //! "batch 12, line 345"; "" when the batch is unknown.
  std::string Describe() const;
};

class SubjectAttacher {
 public:
  virtual ~SubjectAttacher() = default;
  //! Finds or creates the subject `incoming` describes (its id field is ignored); `origin` is the
  //! record's batch and line.
  virtual Result<Attachment> Attach(Transaction& txn, const Subject& incoming,
                                    const RecordOrigin& origin) = 0;
  //! The same for a record of no known batch.
  Result<Attachment> Attach(Transaction& txn, const Subject& incoming) {
    return Attach(txn, incoming, RecordOrigin{});
  }
};

//! Links by a strong identifier through the blind index, else creates a subject.
std::unique_ptr<SubjectAttacher> MakeStrongIdentifierAttacher();

//! Makes the attacher for one ingest into `store` (called before the batch's transaction).
using AttacherFactory = std::function<Result<std::unique_ptr<SubjectAttacher>>(Store& store)>;
//! Sets what IngestFile / IngestBytes use when IngestOptions::attacher is null (resolve's
//! InstallIncrementalAttacher sets one at program start). Not thread-safe: set it before ingests.
void SetDefaultAttacherFactory(AttacherFactory factory);
//! The default factory's attacher, or MakeStrongIdentifierAttacher() when none is set.
Result<std::unique_ptr<SubjectAttacher>> MakeDefaultAttacher(Store& store);

}  // namespace credo::ingest
