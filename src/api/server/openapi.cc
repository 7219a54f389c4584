#include "api/server/openapi.h"

#include <cctype>
#include <set>

#include "api/server/errors.h"

namespace credo::api {
namespace {

using nlohmann::json;

json FieldJsonSchema(const FieldSpec& field);

json ObjectJsonSchema(const ObjectSchema& schema) {
  json properties = json::object();
  json required = json::array();
  for (const FieldSpec& field : schema.fields) {
    properties[field.name] = FieldJsonSchema(field);
    if (field.required) required.push_back(field.name);
  }
  json out = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) out["required"] = required;
  return out;
}

json FieldJsonSchema(const FieldSpec& field) {
  json out;
  switch (field.type) {
    case FieldType::kString:
      out = {{"type", "string"}, {"maxLength", field.max_length}};
      break;
    case FieldType::kInteger: out = {{"type", "integer"}, {"format", "int64"}}; break;
    case FieldType::kBoolean: out = {{"type", "boolean"}}; break;
    case FieldType::kNumber: out = {{"type", "number"}}; break;
    case FieldType::kObject:
      out = field.object ? ObjectJsonSchema(*field.object) : json{{"type", "object"}};
      break;
    case FieldType::kStringArray:
      out = {{"type", "array"},
             {"maxItems", 100},
             {"items", {{"type", "string"}, {"maxLength", field.max_length}}}};
      break;
    case FieldType::kObjectArray:
      out = {{"type", "array"},
             {"maxItems", 100},
             {"items", field.object ? ObjectJsonSchema(*field.object) : json{{"type", "object"}}}};
      break;
  }
  if (!field.description.empty()) out["description"] = field.description;
  return out;
}

std::string StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    default: return std::string(ErrorNameForStatus(status));
  }
}

}  // namespace

json BuildOpenApi(const RouteTable& routes, const std::string& version) {
  json paths = json::object();
  json schemas = json::object();
  schemas["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "request_id"}},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"request_id", {{"type", "string"}}}}}}}}}};
  std::set<std::string> tags;
  for (const Route& route : routes.routes()) {
    json operation;
    operation["summary"] = route.summary;
    operation["operationId"] = route.method + " " + route.path;
    if (!route.tag.empty()) {
      operation["tags"] = {route.tag};
      tags.insert(route.tag);
    }
    json parameters = json::array();
    for (const std::string& segment : SplitPath(route.path)) {
      if (segment.size() > 2 && segment.front() == '{') {
        parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      }
    }
    for (const QueryParam& param : route.query_params) {
      parameters.push_back({{"name", param.name},
                            {"in", "query"},
                            {"required", param.required},
                            {"description", param.description},
                            {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    if (route.request_schema) {
      schemas[route.request_schema->name] = ObjectJsonSchema(*route.request_schema);
      operation["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/json",
             {{"schema", {{"$ref", "#/components/schemas/" + route.request_schema->name}}}}}}}};
    } else if (route.streams_body) {
      operation["requestBody"] = {
          {"required", true},
          {"content",
           {{route.stream_media_type,
             {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
    }
    json responses = json::object();
    json content = json::object();
    for (const std::string& media : route.produces) {
      if (media == "application/json") {
        content[media] = {{"schema", {{"type", "object"}}}};
      } else if (media == "application/pdf") {
        content[media] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
      } else {
        content[media] = {{"schema", {{"type", "string"}}}};
      }
    }
    responses[std::to_string(route.success_status)] = {
        {"description", route.response_summary.empty() ? StatusText(route.success_status)
                                                       : route.response_summary},
        {"content", content}};
    std::set<int> errors(route.error_statuses.begin(), route.error_statuses.end());
    if (route.requires_caller) errors.insert(401);
    if (!route.permission.empty()) errors.insert(403);
    if (route.request_schema) errors.insert({400, 413, 415, 422});
    errors.insert(500);
    for (int status : errors) {
      responses[std::to_string(status)] = {
          {"description", StatusText(status)},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    }
    operation["responses"] = responses;
    if (route.requires_caller) {
      operation["security"] = json::array({{{"bearer", json::array()}}});
    } else {
      operation["security"] = json::array();
    }
    if (!route.permission.empty()) operation["x-credo-permission"] = route.permission;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.path][method] = operation;
  }
  json tag_list = json::array();
  for (const std::string& tag : tags) tag_list.push_back({{"name", tag}});
  return {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "credo credit bureau API"},
        {"version", version},
        {"description",
         "Reports, scores, subject lookup, batch upload, consents and the subject's own view. "
         "Every error is {\"error\": {\"code\", \"message\", \"request_id\"}}; every response "
         "carries X-Request-Id."}}},
      {"servers", json::array({{{"url", "/"}}})},
      {"tags", tag_list},
      {"paths", paths},
      {"components",
       {{"schemas", schemas},
        {"securitySchemes",
         {{"bearer",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description",
             "An institution's API key, an operator's session token (POST /v1/sessions) or a "
             "subject's credential"}}}}}}}};
}

}  // namespace credo::api
