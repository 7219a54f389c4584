// Internal to api/auth: the permission table parsed from TOML (permissions.toml's format).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "api/auth/auth.h"

namespace credo::api::auth_internal {

struct PermissionTable {
  std::map<std::string, std::set<Role>, std::less<>> roles_by_permission;
};

//! Parses the table; kInvalidArgument names the line or the permission that is wrong (TOML
//! syntax, a permission without a roles array, an unknown role, a bad permission name).
Result<PermissionTable> ParsePermissionTable(std::string_view toml_text);

}  // namespace credo::api::auth_internal
