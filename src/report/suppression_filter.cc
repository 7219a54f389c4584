#include "report/suppression_filter.h"

#include "compliance/disputes.h"
#include "compliance/items.h"
#include "compliance/retention.h"

namespace credo::report {
namespace {

void AddItem(const compliance::ItemRef& item, features::SuppressedItems& out) {
  switch (item.kind) {
    case compliance::ItemKind::kTradeline:
      out.tradelines.push_back(item.id);
      break;
    case compliance::ItemKind::kTradelineMonth:
      out.tradeline_months.push_back({item.id, item.month});
      break;
    case compliance::ItemKind::kPublicRecord:
      out.public_records.push_back(item.id);
      break;
    case compliance::ItemKind::kIdentityField:
      break;  // identity fields are not attribute inputs
  }
}

}  // namespace

Result<features::SuppressedItems> ComplianceSuppressedItems(Transaction& tx, SubjectId subject_id,
                                                            const ComplianceFilterOptions& options) {
  features::SuppressedItems items;
  CREDO_ASSIGN_OR_RETURN(compliance::SuppressionSet suppressions,
                         compliance::LoadSuppressions(tx, subject_id));
  for (const auto& suppression : suppressions.all()) AddItem(suppression.item, items);
  if (options.exclude_open_disputes) {
    CREDO_ASSIGN_OR_RETURN(auto disputes, compliance::ListDisputes(tx, subject_id, true));
    for (const auto& dispute : disputes) AddItem(dispute.item, items);
  }
  return items;
}

std::unique_ptr<features::CreditFileFilter> MakeComplianceInputFilter(
    ComplianceFilterOptions options) {
  return std::make_unique<features::SuppressionFilter>(
      [options](Transaction& tx, const features::CreditFile& file) {
        return ComplianceSuppressedItems(tx, file.subject.id, options);
      });
}

}  // namespace credo::report
