// credo ingest/batch: attaching an incoming record to a subject of the bureau.
//
// For now (until resolve's entity resolution takes over): a record links to an existing subject
// through a valid strong identifier (CN resident ID, unified social credit code, SSN, EIN)
// found by blind index; otherwise a new subject is created. This is the one seam to swap:
// IngestOptions takes any SubjectAttacher. Runs inside the batch's transaction.
#pragma once

#include <memory>

#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::ingest {

struct Attachment {
  SubjectId subject_id = 0;
  bool created = false;  //!< a new subject was inserted
};

class SubjectAttacher {
 public:
  virtual ~SubjectAttacher() = default;
  //! Finds or creates the subject `incoming` describes (its id field is ignored).
  virtual Result<Attachment> Attach(Transaction& txn, const Subject& incoming) = 0;
};

//! Links by a strong identifier through the blind index, else creates a subject.
std::unique_ptr<SubjectAttacher> MakeStrongIdentifierAttacher();

}  // namespace credo::ingest
