// Roles, their names and the permission table (permissions.toml, embedded).
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "api/auth/auth.h"
#include "api/auth/internal/permission_table.h"
#include "api/auth/internal/permissions_text.h"
#include "core/toml_text.h"

namespace credo::api {
namespace {

struct RoleNameEntry {
  Role role;
  std::string_view name;
};
constexpr std::array<RoleNameEntry, 6> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kDataOperations, "data_operations"},
    {Role::kAnalyst, "analyst"},
    {Role::kAuditor, "auditor"},
    {Role::kInstitution, "institution"},
    {Role::kSubject, "subject"},
}};

bool IsPermissionName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  bool dot = false;
  for (char c : name) {
    if (c == '.') {
      dot = true;
    } else if (!((c >= 'a' && c <= 'z') || c == '_')) {
      return false;
    }
  }
  return dot && name.front() != '.' && name.back() != '.';
}

const auth_internal::PermissionTable& EmbeddedTable() {
  static const auth_internal::PermissionTable* table = [] {
    auto parsed = auth_internal::ParsePermissionTable(auth_internal::PermissionsToml());
    // The embedded table is part of the program: failing to parse it is a build defect that
    // tests/api/auth_roles_test.cc catches, never a runtime condition.
    if (!parsed.ok()) std::abort();
    return new auth_internal::PermissionTable(std::move(parsed).value());
  }();
  return *table;
}

}  // namespace

namespace auth_internal {

Result<PermissionTable> ParsePermissionTable(std::string_view toml_text) {
  CREDO_ASSIGN_OR_RETURN(std::string prepared, PrepareTomlText(toml_text, "permissions.toml"));
  toml::table document;
  try {
    document = toml::parse(prepared, std::string_view("permissions.toml"));
  } catch (const toml::parse_error& error) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("not valid TOML: ") + std::string(error.description()),
                     "permissions.toml line " + std::to_string(error.source().begin.line));
  }
  const toml::table* permissions = document["permissions"].as_table();
  if (permissions == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "there is no [permissions.\"<name>\"] table; add one per permission",
                     "permissions.toml");
  }
  PermissionTable table;
  for (const auto& [key, node] : *permissions) {
    std::string name(key.str());
    std::string where = "permissions.toml permission " + name;
    if (!IsPermissionName(name)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "a permission name is lower-case words joined by dots, like reports.issue",
                       where);
    }
    const toml::table* entry = node.as_table();
    const toml::array* roles = entry ? (*entry)["roles"].as_array() : nullptr;
    if (roles == nullptr) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "needs roles = [\"...\"] (an empty array refuses every role)", where);
    }
    std::set<Role>& allowed = table.roles_by_permission[name];
    for (const auto& role_node : *roles) {
      std::optional<std::string> role_name = role_node.value<std::string>();
      if (!role_name) {
        return MakeError(ErrorCode::kInvalidArgument, "roles must be strings", where);
      }
      auto role = ParseRole(*role_name);
      if (!role.ok()) return Error(role.error()).WithContext(where);
      allowed.insert(*role);
    }
  }
  return table;
}

}  // namespace auth_internal

std::string_view RoleName(Role role) {
  for (const auto& entry : kRoleNames) {
    if (entry.role == role) return entry.name;
  }
  return "unknown";
}

Result<Role> ParseRole(std::string_view name) {
  for (const auto& entry : kRoleNames) {
    if (entry.name == name) return entry.role;
  }
  if (name == "data-operations") return Role::kDataOperations;
  std::string printable;
  for (char c : name.substr(0, 32)) printable.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown role \"" + printable +
                       "\"; use admin, data_operations, analyst, auditor, institution or subject",
                   "role");
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = {Role::kAdmin,   Role::kDataOperations,
                                          Role::kAnalyst, Role::kAuditor,
                                          Role::kInstitution, Role::kSubject};
  return roles;
}

bool RoleMayUse(Role role, std::string_view permission) {
  const auto& table = EmbeddedTable().roles_by_permission;
  auto found = table.find(permission);
  return found != table.end() && found->second.count(role) > 0;
}

const std::vector<std::string>& KnownPermissions() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, roles] : EmbeddedTable().roles_by_permission) out.push_back(name);
    return out;
  }();
  return names;
}

Status RequirePermission(const Principal& principal, std::string_view permission) {
  if (RoleMayUse(principal.role, permission)) return Ok();
  const auto& table = EmbeddedTable().roles_by_permission;
  std::string printable;
  for (char c : permission.substr(0, 64)) printable.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (table.find(permission) == table.end()) {
    return MakeError(ErrorCode::kPermissionDenied,
                     "permission \"" + printable + "\" is unknown, so it is refused to every role",
                     "authorisation");
  }
  return MakeError(ErrorCode::kPermissionDenied,
                   "role " + std::string(RoleName(principal.role)) + " may not use " + printable,
                   "authorisation");
}

}  // namespace credo::api
