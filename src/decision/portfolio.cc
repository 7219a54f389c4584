#include "decision/portfolio.h"

#include <algorithm>

#include "features/compute.h"
#include "features/load.h"

namespace credo::decision {

std::optional<double> CustomerMeasure(const CustomerRecord& record, std::string_view name) {
  if (name.starts_with("value.")) return ValueMeasure(record.value, name);
  const features::AttributeValue* value = record.attributes.Find(name);
  if (value == nullptr) return std::nullopt;
  return *value;
}

std::vector<std::string> KnownMeasureNames(SubjectKind kind) {
  std::vector<std::string> names;
  for (const auto& definition : features::AttributeDefinitionsFor(kind)) {
    names.emplace_back(definition.name);
  }
  for (const auto& name : ValueMeasureNames()) names.push_back(name);
  return names;
}

bool IsKnownMeasure(SubjectKind kind, std::string_view name) {
  const auto names = KnownMeasureNames(kind);
  return std::find(names.begin(), names.end(), name) != names.end();
}

CustomerRecord MakeCustomerRecord(const features::CreditFile& file,
                                  const ValueAssumptions& assumptions) {
  CustomerRecord record;
  record.subject_id = file.subject.id;
  record.kind = file.subject.kind;
  record.name = file.subject.kind == SubjectKind::kPerson ? file.subject.person.full_name
                                                          : file.subject.organization.name;
  record.attributes = features::ComputeAttributes(file);
  record.value = ComputeCustomerValue(file, assumptions);
  return record;
}

Result<CustomerRecord> LoadCustomer(Store& store, SubjectId subject_id, Date as_of,
                                    const ValueAssumptions& assumptions) {
  std::optional<CustomerRecord> record;
  Status status = store.WithReadTransaction([&](Transaction& transaction) -> Status {
    auto file = features::LoadCreditFile(transaction, subject_id, as_of);
    if (!file.ok()) return file.error();
    record = MakeCustomerRecord(*file, assumptions);
    return Ok();
  });
  if (!status.ok()) return status.error();
  return std::move(*record);
}

Result<std::vector<CustomerRecord>> LoadPortfolio(Store& store, Date as_of,
                                                  const ValueAssumptions& assumptions,
                                                  const PortfolioOptions& options) {
  std::vector<CustomerRecord> records;
  SubjectId after = 0;
  bool done = false;
  while (!done) {
    Status status = store.WithReadTransaction([&](Transaction& transaction) -> Status {
      auto ids = transaction.ListSubjectIds(after, std::max<int64_t>(1, options.page_size));
      if (!ids.ok()) return ids.error();
      if (ids->empty()) {
        done = true;
        return Ok();
      }
      for (SubjectId id : *ids) {
        after = id;
        auto file = features::LoadCreditFile(transaction, id, as_of);
        if (!file.ok()) return file.error();
        if (options.kind && file->subject.kind != *options.kind) continue;
        records.push_back(MakeCustomerRecord(*file, assumptions));
        if (options.limit > 0 && static_cast<int64_t>(records.size()) >= options.limit) {
          done = true;
          return Ok();
        }
      }
      return Ok();
    });
    if (!status.ok()) return status.error();
  }
  return records;
}

}  // namespace credo::decision
