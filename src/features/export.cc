#include "features/export.h"

#include <string>
#include <vector>

#include "features/attribute.h"
#include "features/compute.h"
#include "features/format.h"
#include "features/load.h"

namespace credo::features {

namespace {

void WriteHeader(std::ostream& out, std::span<const AttributeDefinition> first,
                 std::span<const AttributeDefinition> second) {
  out << "subject_id,subject_kind,as_of";
  for (const auto& d : first) out << ',' << d.name;
  for (const auto& d : second) out << ',' << d.name;
  out << '\n';
}

}  // namespace

Result<ExportSummary> ExportAttributes(Store& store, Date as_of, std::ostream& out,
                                       const ExportOptions& options) {
  const bool only_kind = options.kind.has_value();
  std::span<const AttributeDefinition> first =
      only_kind ? AttributeDefinitionsFor(*options.kind) : PersonAttributeDefinitions();
  std::span<const AttributeDefinition> second =
      only_kind ? std::span<const AttributeDefinition>() : CompanyAttributeDefinitions();
  ExportSummary summary;
  summary.columns = static_cast<int64_t>(first.size() + second.size());
  WriteHeader(out, first, second);
  const std::string as_of_text = as_of.ToIso();
  const int64_t page_size = options.page_size > 0 ? options.page_size : 1000;

  Status status = store.WithReadTransaction([&](Transaction& transaction) -> Status {
    SubjectId after = 0;
    std::string line;
    while (true) {
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> ids,
                             transaction.ListSubjectIds(after, page_size));
      if (ids.empty()) break;
      after = ids.back();
      for (SubjectId id : ids) {
        CREDO_ASSIGN_OR_RETURN(CreditFile file,
                               LoadCreditFile(transaction, id, as_of, options.filter));
        if (only_kind && file.subject.kind != *options.kind) continue;
        const AttributeSet set = ComputeAttributes(file);
        const bool person = set.kind == SubjectKind::kPerson;
        line.clear();
        line += std::to_string(id);
        line += person ? ",person," : ",organization,";
        line += as_of_text;
        // Without a kind filter the company columns follow the person columns.
        if (!only_kind && !person) line.append(first.size(), ',');
        for (size_t i = 0; i < set.values.size(); ++i) {
          line += ',';
          line += FormatValue(set.definitions[i], set.values[i]);
        }
        if (!only_kind && person) line.append(second.size(), ',');
        line += '\n';
        out << line;
        person ? ++summary.persons : ++summary.companies;
      }
      if (static_cast<int64_t>(ids.size()) < page_size) break;
    }
    return Ok();
  });
  if (!status.ok()) return std::move(status).error();
  if (!out) {
    return MakeError(ErrorCode::kUnavailable, "could not write the attribute CSV");
  }
  return summary;
}

}  // namespace credo::features
