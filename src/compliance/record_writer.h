// credo compliance: where read records are committed (the write path of the read gate).
//
// A RecordWriter runs a unit of work that writes records (an inquiry, its query-log row and
// audit entry, a kept report) in a write transaction and returns only once that transaction has
// committed. A ComplianceContext may name one (ComplianceContext::record_writer); the report
// module then records each read through it and assembles the answer in a read transaction of
// its own, after the record is durable (report/report.h). Without one, reads are recorded and
// answered in one transaction on the caller's Store (read_gate.h ReadThroughGate).
//
// Contract for implementations: Commit returns Ok only when `work` returned Ok and its
// transaction committed; otherwise the work's error or the commit's. A writer may run several
// callers' works in one transaction (group commit), and may run a work again alone when its
// group failed, so a work must rebuild its outputs each time it runs and write nothing outside
// the transaction. Commit is safe to call from any thread; it blocks the caller until done.
#pragma once

#include <functional>

#include "core/result.h"
#include "store/store.h"

namespace credo::compliance {

class RecordWriter {
 public:
  using Work = std::function<Status(Transaction&)>;
  virtual ~RecordWriter() = default;
  //! Runs `work` in a write transaction and returns once it committed (see the header comment).
  virtual Status Commit(const Work& work) = 0;
};

}  // namespace credo::compliance
