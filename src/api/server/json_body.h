// credo api/server: strict JSON request bodies.
//
// Each route declares the object it accepts as an ObjectSchema: its fields, their types, which
// are required, and a length limit for strings. ParseJsonBody checks the Content-Type (415 when
// it is not application/json), parses (400 with the byte offset when the JSON is malformed),
// and validates (422 naming the field: unknown fields are refused, wrong types, missing required
// fields, strings over their limit or holding control characters). The same schema is what
// the OpenAPI document shows, so the document and the check cannot disagree.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/server/exchange.h"

namespace credo::api {

enum class FieldType { kString, kInteger, kBoolean, kNumber, kObject, kStringArray, kObjectArray };
std::string_view FieldTypeName(FieldType type);

struct ObjectSchema;

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kString;
  bool required = false;
  std::string description{};
  size_t max_length = 256;  //!< strings (and each string of a kStringArray)
  std::shared_ptr<const ObjectSchema> object = nullptr;  //!< kObject / kObjectArray: nested schema
};

struct ObjectSchema {
  std::string name;  //!< the schema's name in the OpenAPI document ("InquiryRequest")
  std::vector<FieldSpec> fields;
  const FieldSpec* Find(std::string_view field) const;
};

//! Checks `value` against `schema`; the failure message names the field by its JSON path
//! ("identifiers[0].kind"). nullopt when it conforms.
std::optional<std::string> ValidateAgainst(const nlohmann::json& value, const ObjectSchema& schema,
                                           const std::string& path = "");

//! Parses and validates the request body (see the header comment). On success fills `out` and
//! returns nullopt; otherwise returns the error response to send.
std::optional<ApiResponse> ParseJsonBody(const ApiRequest& request, const ObjectSchema& schema,
                                         nlohmann::json& out);

//! The JSON response for `value` with `status`.
ApiResponse JsonResponse(const nlohmann::json& value, int status = 200);

}  // namespace credo::api
