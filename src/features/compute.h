// credo features: computing a subject's attributes as of a date, from a file or from the store.
//
// ComputeAttributes(file) is pure and cheap (no store access): it dispatches on the subject's
// kind to ComputePersonAttributes or ComputeCompanyAttributes and guarantees that no value is
// NaN or infinite (such a value would become missing; none is produced by design).
// ComputeAttributesForSubject reads the file through LoadCreditFile first (see load.h for errors).
// An attribute that reads a part the file lacks (CreditFile::parts) is missing; a caller that
// needs only some attributes reads only PartsRead of them.
#pragma once

#include "core/date.h"
#include "core/result.h"
#include "features/attribute.h"
#include "features/credit_file.h"
#include "features/input_filter.h"
#include "store/store.h"

namespace credo::features {

AttributeSet ComputeAttributes(const CreditFile& file);

//! The parts of a credit file the attribute at `index` of `kind`'s definitions reads.
CreditFileParts PartsRead(SubjectKind kind, size_t index);
//! The parts the attribute named `name` (a person's or a company's) reads; every part for a name
//! neither registry holds.
CreditFileParts PartsRead(std::string_view name);

//! Inside an open (read) transaction.
Result<AttributeSet> ComputeAttributesForSubject(Transaction& transaction, SubjectId subject_id,
                                                 Date as_of,
                                                 const CreditFileFilter* filter = nullptr,
                                                 CreditFileParts parts = CreditFileParts::All());
//! In its own read transaction on `store`.
Result<AttributeSet> ComputeAttributesForSubject(Store& store, SubjectId subject_id, Date as_of,
                                                 const CreditFileFilter* filter = nullptr);

}  // namespace credo::features
