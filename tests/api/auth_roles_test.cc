// Roles, their names and the permission table embedded from src/api/auth/permissions.toml.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "api/auth/auth.h"
#include "api/auth/internal/permission_table.h"
#include "api/auth/internal/permissions_text.h"

namespace credo::api {
namespace {

const std::vector<std::string> kIssuePermissions = {
    "reports.issue", "reports.fetch",  "scores.issue",  "subjects.lookup", "batches.upload",
    "batches.read",  "consents.write", "alerts.read",   "monitor.write",   "graph.read",
    "fraud.check",   "decision.read",  "me.read",       "me.dispute",       "users.admin",     "audit.read",
    "models.read",   "disputes.read",  "disputes.write", "review.write",  "review.read",     "alerts.acknowledge",
    "portfolio.read", "exports.write", "reports.operator"};

TEST(RolesTest, NamesRoundTrip) {
  for (Role role : AllRoles()) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(RoleName(Role::kDataOperations), "data_operations");
  EXPECT_EQ(*ParseRole("data-operations"), Role::kDataOperations);
}

TEST(RolesTest, UnknownRoleNamesTheValidOnes) {
  auto parsed = ParseRole("root'; DROP TABLE auth_users; --");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.error().message.find("admin, data_operations, analyst"), std::string::npos);
  EXPECT_FALSE(ParseRole("").ok());
  EXPECT_FALSE(ParseRole("Admin").ok());
}

TEST(PermissionTableTest, EmbeddedTableParsesAndKnowsEveryPermissionOfTheIssue) {
  auto table = auth_internal::ParsePermissionTable(auth_internal::PermissionsToml());
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  const auto& known = KnownPermissions();
  EXPECT_TRUE(std::is_sorted(known.begin(), known.end()));
  for (const std::string& permission : kIssuePermissions) {
    EXPECT_TRUE(std::find(known.begin(), known.end(), permission) != known.end()) << permission;
    // Every permission is usable by at least one role, else a route would be dead.
    bool someone = false;
    for (Role role : AllRoles()) someone = someone || RoleMayUse(role, permission);
    EXPECT_TRUE(someone) << permission;
  }
  EXPECT_EQ(known.size(), kIssuePermissions.size());
}

TEST(PermissionTableTest, LeastPrivilegeDecisions) {
  EXPECT_TRUE(RoleMayUse(Role::kInstitution, "reports.issue"));
  EXPECT_TRUE(RoleMayUse(Role::kInstitution, "scores.issue"));
  EXPECT_TRUE(RoleMayUse(Role::kInstitution, "alerts.read"));
  EXPECT_FALSE(RoleMayUse(Role::kInstitution, "portfolio.read"));  // aggregates: bureau staff
  EXPECT_FALSE(RoleMayUse(Role::kSubject, "exports.write"));
  EXPECT_FALSE(RoleMayUse(Role::kInstitution, "users.admin"));
  EXPECT_FALSE(RoleMayUse(Role::kInstitution, "subjects.lookup"));
  EXPECT_FALSE(RoleMayUse(Role::kInstitution, "me.read"));
  EXPECT_TRUE(RoleMayUse(Role::kDataOperations, "batches.upload"));
  EXPECT_TRUE(RoleMayUse(Role::kDataOperations, "disputes.write"));
  EXPECT_FALSE(RoleMayUse(Role::kAuditor, "disputes.write"));  // auditors read, never act
  EXPECT_FALSE(RoleMayUse(Role::kAnalyst, "batches.upload"));
  EXPECT_TRUE(RoleMayUse(Role::kAdmin, "users.admin"));
  EXPECT_FALSE(RoleMayUse(Role::kAdmin, "reports.issue"));
  EXPECT_FALSE(RoleMayUse(Role::kAdmin, "me.read"));
  EXPECT_TRUE(RoleMayUse(Role::kAuditor, "audit.read"));
  EXPECT_FALSE(RoleMayUse(Role::kAuditor, "batches.upload"));
  // The subject sees only itself, and may dispute only its own file.
  for (const std::string& permission : KnownPermissions()) {
    EXPECT_EQ(RoleMayUse(Role::kSubject, permission),
              permission == "me.read" || permission == "me.dispute")
        << permission;
  }
}

TEST(PermissionTableTest, UnknownPermissionIsRefusedToEveryRole) {
  for (Role role : AllRoles()) {
    EXPECT_FALSE(RoleMayUse(role, "reports.delete"));
    EXPECT_FALSE(RoleMayUse(role, ""));
    EXPECT_FALSE(RoleMayUse(role, "REPORTS.ISSUE"));
  }
  Principal admin{Role::kAdmin, "root", "", 0, 0};
  Status refused = RequirePermission(admin, "reports.delete");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(refused.error().message.find("unknown"), std::string::npos);
}

TEST(PermissionTableTest, RequirePermissionNamesRoleAndPermission) {
  Principal analyst{Role::kAnalyst, "ana", "", 0, 0};
  EXPECT_TRUE(RequirePermission(analyst, "models.read").ok());
  Status refused = RequirePermission(analyst, "batches.upload");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message, "role analyst may not use batches.upload");
}

TEST(PermissionTableTest, MalformedTablesAreRejectedWithWhere) {
  auto syntax = auth_internal::ParsePermissionTable("[permissions.\"a.b\"\nroles = [");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(syntax.error().location.find("line"), std::string::npos);

  auto unknown_role = auth_internal::ParsePermissionTable(
      "[permissions.\"reports.issue\"]\nroles = [\"institution\", \"superuser\"]\n");
  ASSERT_FALSE(unknown_role.ok());
  EXPECT_NE(unknown_role.error().ToString().find("reports.issue"), std::string::npos);
  EXPECT_NE(unknown_role.error().ToString().find("superuser"), std::string::npos);

  auto no_roles = auth_internal::ParsePermissionTable("[permissions.\"reports.issue\"]\n");
  ASSERT_FALSE(no_roles.ok());
  EXPECT_NE(no_roles.error().message.find("roles"), std::string::npos);

  auto bad_name = auth_internal::ParsePermissionTable("[permissions.\"Reports\"]\nroles = []\n");
  ASSERT_FALSE(bad_name.ok());

  auto none = auth_internal::ParsePermissionTable("title = \"x\"\n");
  ASSERT_FALSE(none.ok());

  auto empty_roles =
      auth_internal::ParsePermissionTable("[permissions.\"a.b\"]\nroles = []\n");
  ASSERT_TRUE(empty_roles.ok());
  EXPECT_TRUE(empty_roles->roles_by_permission.at("a.b").empty());
}

}  // namespace
}  // namespace credo::api
