#include "features/compute.h"

#include <cmath>

#include "features/company_attributes.h"
#include "features/load.h"
#include "features/person_attributes.h"

namespace credo::features {

AttributeSet ComputeAttributes(const CreditFile& file) {
  AttributeSet set = file.subject.kind == SubjectKind::kPerson ? ComputePersonAttributes(file)
                                                               : ComputeCompanyAttributes(file);
  for (AttributeValue& value : set.values) {
    if (value && !std::isfinite(*value)) value.reset();
  }
  return set;
}

Result<AttributeSet> ComputeAttributesForSubject(Transaction& transaction, SubjectId subject_id,
                                                 Date as_of, const CreditFileFilter* filter) {
  CREDO_ASSIGN_OR_RETURN(CreditFile file, LoadCreditFile(transaction, subject_id, as_of, filter));
  AttributeSet set = ComputeAttributes(file);
  set.subject_id = file.subject.id;
  return set;
}

Result<AttributeSet> ComputeAttributesForSubject(Store& store, SubjectId subject_id, Date as_of,
                                                 const CreditFileFilter* filter) {
  std::optional<AttributeSet> result;
  Status status = store.WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(AttributeSet set,
                           ComputeAttributesForSubject(transaction, subject_id, as_of, filter));
    result = std::move(set);
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  return std::move(*result);
}

}  // namespace credo::features
