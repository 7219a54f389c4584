// credo features: reading a credit file from the store as of a date (the store-reading step).
//
// LoadCreditFile reads one subject's rows through an open transaction (use a read transaction:
// it is a consistent snapshot), keeps what the bureau knew on `as_of` (credit_file.h), then runs
// the optional filter. Errors: those of the store (kNotFound for an unknown subject id) and of
// the filter, with the subject id added as context. `parts` says which parts of the file to read
// (all by default); the file's `parts` records them.
#pragma once

#include "core/date.h"
#include "core/result.h"
#include "features/credit_file.h"
#include "features/input_filter.h"
#include "store/store.h"

namespace credo::features {

Result<CreditFile> LoadCreditFile(Transaction& transaction, SubjectId subject_id, Date as_of,
                                  const CreditFileFilter* filter = nullptr,
                                  CreditFileParts parts = CreditFileParts::All());

}  // namespace credo::features
