#include "api/server/json_body.h"

#include "api/server/errors.h"

namespace credo::api {

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kString: return "string";
    case FieldType::kInteger: return "integer";
    case FieldType::kBoolean: return "boolean";
    case FieldType::kNumber: return "number";
    case FieldType::kObject: return "object";
    case FieldType::kStringArray: return "array of strings";
    case FieldType::kObjectArray: return "array of objects";
  }
  return "value";
}

const FieldSpec* ObjectSchema::Find(std::string_view field) const {
  for (const FieldSpec& spec : fields) {
    if (spec.name == field) return &spec;
  }
  return nullptr;
}

namespace {

std::string JsonTypeName(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number_integer() || value.is_number_unsigned()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "an array";
  return "an object";
}

std::optional<std::string> CheckString(const nlohmann::json& value, const FieldSpec& spec,
                                       const std::string& path) {
  if (!value.is_string()) {
    return "field '" + path + "' must be a string, not " + JsonTypeName(value);
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (text.size() > spec.max_length) {
    return "field '" + path + "' is " + std::to_string(text.size()) +
           " bytes long; the limit is " + std::to_string(spec.max_length);
  }
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      return "field '" + path + "' holds a control character; send printable text only";
    }
  }
  return std::nullopt;
}

std::optional<std::string> CheckField(const nlohmann::json& value, const FieldSpec& spec,
                                      const std::string& path) {
  switch (spec.type) {
    case FieldType::kString: return CheckString(value, spec, path);
    case FieldType::kInteger:
      if (!value.is_number_integer() && !value.is_number_unsigned()) {
        return "field '" + path + "' must be an integer, not " + JsonTypeName(value);
      }
      return std::nullopt;
    case FieldType::kBoolean:
      if (!value.is_boolean()) {
        return "field '" + path + "' must be a boolean, not " + JsonTypeName(value);
      }
      return std::nullopt;
    case FieldType::kNumber:
      if (!value.is_number()) {
        return "field '" + path + "' must be a number, not " + JsonTypeName(value);
      }
      return std::nullopt;
    case FieldType::kObject:
      if (!value.is_object()) {
        return "field '" + path + "' must be an object, not " + JsonTypeName(value);
      }
      return spec.object ? ValidateAgainst(value, *spec.object, path) : std::nullopt;
    case FieldType::kStringArray: {
      if (!value.is_array()) {
        return "field '" + path + "' must be an array of strings, not " + JsonTypeName(value);
      }
      if (value.size() > 100) return "field '" + path + "' has more than 100 entries";
      for (size_t i = 0; i < value.size(); ++i) {
        auto problem = CheckString(value[i], spec, path + "[" + std::to_string(i) + "]");
        if (problem) return problem;
      }
      return std::nullopt;
    }
    case FieldType::kObjectArray: {
      if (!value.is_array()) {
        return "field '" + path + "' must be an array of objects, not " + JsonTypeName(value);
      }
      if (value.size() > 100) return "field '" + path + "' has more than 100 entries";
      for (size_t i = 0; i < value.size(); ++i) {
        std::string item_path = path + "[" + std::to_string(i) + "]";
        if (!value[i].is_object()) {
          return "field '" + item_path + "' must be an object, not " + JsonTypeName(value[i]);
        }
        if (spec.object) {
          auto problem = ValidateAgainst(value[i], *spec.object, item_path);
          if (problem) return problem;
        }
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ValidateAgainst(const nlohmann::json& value, const ObjectSchema& schema,
                                           const std::string& path) {
  if (!value.is_object()) {
    return (path.empty() ? std::string("the request body") : "field '" + path + "'") +
           " must be a JSON object, not " + JsonTypeName(value);
  }
  std::string prefix = path.empty() ? "" : path + ".";
  for (const auto& [key, item] : value.items()) {
    const FieldSpec* spec = schema.Find(key);
    if (spec == nullptr) {
      std::string known;
      for (const FieldSpec& field : schema.fields) {
        known += (known.empty() ? "" : ", ") + field.name;
      }
      return "unknown field '" + prefix + key + "'; " +
             (path.empty() ? std::string("the body") : "'" + path + "'") + " accepts: " + known;
    }
    if (item.is_null() && !spec->required) continue;  // an explicit null is an absent field
    auto problem = CheckField(item, *spec, prefix + key);
    if (problem) return problem;
  }
  for (const FieldSpec& spec : schema.fields) {
    if (spec.required && (!value.contains(spec.name) || value[spec.name].is_null())) {
      return "missing required field '" + prefix + spec.name + "' (" +
             std::string(FieldTypeName(spec.type)) + ")";
    }
  }
  return std::nullopt;
}

std::optional<ApiResponse> ParseJsonBody(const ApiRequest& request, const ObjectSchema& schema,
                                         nlohmann::json& out) {
  std::string content_type = AsciiLower(request.Header("Content-Type"));
  std::string media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  if (media != "application/json") {
    return ErrorResponse(415, "unsupported_media_type",
                         "send the body as application/json (Content-Type was '" +
                             (content_type.empty() ? std::string("none") : content_type) + "')");
  }
  if (request.body.empty()) {
    return ErrorResponse(400, "malformed_request",
                         "the request body is empty; send a JSON object (" + schema.name + ")");
  }
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return ErrorResponse(400, "malformed_json",
                         "the body is not valid JSON: syntax error at byte " +
                             std::to_string(e.byte) + "; send one JSON object");
  }
  auto problem = ValidateAgainst(parsed, schema);
  if (problem) return ErrorResponse(422, "validation_failed", *problem);
  out = std::move(parsed);
  return std::nullopt;
}

ApiResponse JsonResponse(const nlohmann::json& value, int status) {
  ApiResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace credo::api
