// The text of src/api/auth/permissions.toml, embedded at build time (auth/sources.cmake).
#pragma once

#include <string_view>

namespace credo::api::auth_internal {

std::string_view PermissionsToml();

}  // namespace credo::api::auth_internal
