#include "features/compute.h"

#include <cmath>

#include "features/company_attributes.h"
#include "features/load.h"
#include "features/person_attributes.h"

namespace credo::features {

CreditFileParts PartsRead(SubjectKind kind, size_t index) {
  return kind == SubjectKind::kPerson
             ? PersonAttributeParts(static_cast<PersonAttribute>(index))
             : CompanyAttributeParts(static_cast<CompanyAttribute>(index));
}

CreditFileParts PartsRead(std::string_view name) {
  for (SubjectKind kind : {SubjectKind::kPerson, SubjectKind::kOrganization}) {
    const auto definitions = AttributeDefinitionsFor(kind);
    for (size_t i = 0; i < definitions.size(); ++i) {
      if (definitions[i].name == name) return PartsRead(kind, i);
    }
  }
  return CreditFileParts::All();
}

AttributeSet ComputeAttributes(const CreditFile& file) {
  AttributeSet set = file.subject.kind == SubjectKind::kPerson ? ComputePersonAttributes(file)
                                                               : ComputeCompanyAttributes(file);
  const bool whole = file.parts == CreditFileParts::All();
  for (size_t i = 0; i < set.values.size(); ++i) {
    AttributeValue& value = set.values[i];
    if (value && !std::isfinite(*value)) value.reset();
    if (!whole && !file.parts.Covers(PartsRead(set.kind, i))) value.reset();
  }
  return set;
}

Result<AttributeSet> ComputeAttributesForSubject(Transaction& transaction, SubjectId subject_id,
                                                 Date as_of, const CreditFileFilter* filter,
                                                 CreditFileParts parts) {
  CREDO_ASSIGN_OR_RETURN(CreditFile file,
                         LoadCreditFile(transaction, subject_id, as_of, filter, parts));
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
