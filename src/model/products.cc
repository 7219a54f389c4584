#include "model/products.h"

#include <cctype>
#include <vector>

#include "features/attribute.h"

namespace credo::model {
namespace {

std::string_view KindWord(SubjectKind kind) {
  return kind == SubjectKind::kPerson ? "persons" : "companies";
}

bool IsAttributeOf(std::string_view name, SubjectKind kind) {
  for (const features::AttributeDefinition& definition : features::AttributeDefinitionsFor(kind)) {
    if (definition.name == name) return true;
  }
  return false;
}

}  // namespace

Result<ProductInfo> DescribeProduct(std::string_view product) {
  if (product.empty() || product.size() > 64) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "a product name has 1 to 64 characters (e.g. person_score, company_rating)",
                     "product");
  }
  for (char c : product) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') {
      return MakeError(ErrorCode::kInvalidArgument,
                       "product '" + std::string(product) +
                           "' may hold letters, digits, '_', '-' and '.' only",
                       "product");
    }
  }
  ProductInfo info;
  info.name = std::string(product);
  if (product == kPersonScoreProduct) info.subject_kind = SubjectKind::kPerson;
  if (product == kCompanyRatingProduct) {
    info.subject_kind = SubjectKind::kOrganization;
    info.graded = true;
  }
  return info;
}

Status CheckModelFitsProduct(const ModelArtifact& artifact, std::string_view product) {
  CREDO_ASSIGN_OR_RETURN(ProductInfo info, DescribeProduct(product));
  if (!info.subject_kind) return Ok();
  const SubjectKind kind = *info.subject_kind;
  const SubjectKind other =
      kind == SubjectKind::kPerson ? SubjectKind::kOrganization : SubjectKind::kPerson;
  std::vector<std::string> foreign;
  for (const Attribute& attribute : artifact.attributes) {
    if (IsAttributeOf(attribute.name, other) && !IsAttributeOf(attribute.name, kind)) {
      foreign.push_back(attribute.name);
    }
  }
  if (foreign.empty()) return Ok();
  std::string names;
  for (size_t i = 0; i < foreign.size() && i < 5; ++i) names += (i ? ", " : "") + foreign[i];
  if (foreign.size() > 5) names += ", ...";
  return MakeError(ErrorCode::kInvalidArgument,
                   "model '" + artifact.model_id + "' reads attributes of " +
                       std::string(KindWord(other)) + " (" + names + ") but product '" +
                       info.name + "' scores " + std::string(KindWord(kind)) +
                       "; activate it for the product of its subjects",
                   "product");
}

}  // namespace credo::model
