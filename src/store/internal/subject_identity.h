// credo store internal: writing a subject's sealed identity and its blind-index rows, shared by
// the subject repository (repository/subjects.cc) and merges (repository/merges.cc, unmerge.cc).
// None of these writes an audit entry: the caller does.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/subject.h"
#include "store/internal/store_context.h"

namespace credo::store_internal {

//! The associated-data name of the sealed identity in subjects.identity.
inline constexpr std::string_view kIdentityColumn = "subjects.identity";

//! Seals `subject`'s identity under the active key into subject `id`'s row (kind unchanged).
Status WriteIdentity(StoreContext& context, SubjectId id, const Subject& subject);
//! Adds the blind-index rows of `subject`'s identifiers, phones, e-mails and name under `id`;
//! rows already there are kept.
Status WriteIndexRows(StoreContext& context, SubjectId id, const Subject& subject);
//! Removes every blind-index row of subject `id`.
Status DeleteIndexRows(StoreContext& context, SubjectId id);

}  // namespace credo::store_internal
