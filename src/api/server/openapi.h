// credo api/server: the OpenAPI 3.0 document, generated from the route table.
//
// Every route becomes an operation: its path parameters (from the template), query parameters,
// request body (the route's ObjectSchema, additionalProperties false, as the server enforces),
// the media types it produces, its success status and the error statuses it declares (all in
// the one error shape), and the permission that guards it (x-credo-permission) with the bearer
// security scheme. Served at /v1/openapi.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/server/router.h"

namespace credo::api {

nlohmann::json BuildOpenApi(const RouteTable& routes, const std::string& version);

}  // namespace credo::api
