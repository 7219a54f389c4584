#include "core/records.h"

#include <array>
#include <utility>

namespace credo {
namespace {

constexpr std::array<std::pair<std::string_view, PublicRecordKind>, 7> kPublicRecordKinds{{
    {"civil_judgment", PublicRecordKind::kCivilJudgment},
    {"tax_lien", PublicRecordKind::kTaxLien},
    {"tax_arrears", PublicRecordKind::kTaxArrears},
    {"bankruptcy", PublicRecordKind::kBankruptcy},
    {"administrative_penalty", PublicRecordKind::kAdministrativePenalty},
    {"court_enforcement", PublicRecordKind::kCourtEnforcement},
    {"dishonest_debtor", PublicRecordKind::kDishonestDebtor},
}};

constexpr std::array<std::pair<std::string_view, RelationKind>, 6> kRelationKinds{{
    {"shareholding", RelationKind::kShareholding},
    {"legal_representative", RelationKind::kLegalRepresentative},
    {"officer", RelationKind::kOfficer},
    {"guarantee", RelationKind::kGuarantee},
    {"supply", RelationKind::kSupply},
    {"shared_contact", RelationKind::kSharedContact},
}};

template <typename Table, typename Enum>
std::string_view NameOf(const Table& table, Enum value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename Table>
std::string Choices(const Table& table) {
  std::string out;
  for (const auto& [name, v] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

std::string_view PublicRecordKindName(PublicRecordKind kind) { return NameOf(kPublicRecordKinds, kind); }

Result<PublicRecordKind> ParsePublicRecordKind(std::string_view name) {
  for (const auto& [text, kind] : kPublicRecordKinds) {
    if (text == name) return kind;
  }
  return MakeError(ErrorCode::kInvalidArgument, "public record kind '" + std::string(name) +
                                                    "' is not one of " + Choices(kPublicRecordKinds));
}

std::string_view RelationKindName(RelationKind kind) { return NameOf(kRelationKinds, kind); }

Result<RelationKind> ParseRelationKind(std::string_view name) {
  for (const auto& [text, kind] : kRelationKinds) {
    if (text == name) return kind;
  }
  return MakeError(ErrorCode::kInvalidArgument, "relation kind '" + std::string(name) +
                                                    "' is not one of " + Choices(kRelationKinds));
}

}  // namespace credo
