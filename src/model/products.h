// credo model: the bureau's scoring products and which models fit them.
//
// A product is what a model is active for: "person_score" scores persons, "company_rating"
// rates companies (graded on the master scale of rating.h). Other names (letters, digits, '_',
// '-', '.', at most 64) are allowed for a bureau's own products and fit any subject kind.
// CheckModelFitsProduct refuses, before activation, a model built for the other kind of subject
// (it reads attributes that only the other kind has). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/subject.h"
#include "model/artifact.h"

namespace credo::model {

inline constexpr std::string_view kPersonScoreProduct = "person_score";
inline constexpr std::string_view kCompanyRatingProduct = "company_rating";

struct ProductInfo {
  std::string name;
  std::optional<SubjectKind> subject_kind;  //!< nullopt: any subject
  bool graded = false;                      //!< scores carry a master-scale grade
};

//! The product's description; kInvalidArgument for a malformed name.
Result<ProductInfo> DescribeProduct(std::string_view product);

//! kInvalidArgument when `artifact` reads attributes of the other subject kind only (a company
//! model for person_score, a person model for company_rating); the message names them.
Status CheckModelFitsProduct(const ModelArtifact& artifact, std::string_view product);

}  // namespace credo::model
