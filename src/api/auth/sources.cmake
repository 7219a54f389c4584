# api/auth: roles and permissions (permissions.toml, embedded at configure time), API keys,
# operators and subject accounts (argon2id passwords via libargon2, RFC 6238 TOTP via liboath),
# sessions. Uses OpenSSL for random bytes, SHA-256 and constant-time comparison.
find_package(OpenSSL REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
pkg_check_modules(CREDO_AUTH_ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(CREDO_AUTH_OATH REQUIRED IMPORTED_TARGET liboath)

# The permission table travels inside the binary: permissions.toml becomes a raw string.
set(credo_auth_permissions_file ${CMAKE_CURRENT_LIST_DIR}/permissions.toml)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${credo_auth_permissions_file})
file(READ ${credo_auth_permissions_file} credo_auth_permissions_text)
string(FIND "${credo_auth_permissions_text}" ")credo_perm\"" credo_auth_clash)
if(NOT credo_auth_clash EQUAL -1)
  message(FATAL_ERROR "permissions.toml contains the raw-string delimiter )credo_perm\"")
endif()
file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/auth/permissions_text.cc
     CONTENT "// Generated from src/api/auth/permissions.toml by auth/sources.cmake. Do not edit.\n#include \"api/auth/internal/permissions_text.h\"\n\nnamespace credo::api::auth_internal {\n\nstd::string_view PermissionsToml() {\n  return R\"credo_perm(@credo_auth_permissions_text@)credo_perm\";\n}\n\n}  // namespace credo::api::auth_internal\n"
     @ONLY)

target_sources(credo_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/roles.cc
  ${CMAKE_CURRENT_LIST_DIR}/schema.cc
  ${CMAKE_CURRENT_LIST_DIR}/totp.cc
  ${CMAKE_CURRENT_LIST_DIR}/api_keys.cc
  ${CMAKE_CURRENT_LIST_DIR}/users.cc
  ${CMAKE_CURRENT_LIST_DIR}/sessions.cc
  ${CMAKE_CURRENT_LIST_DIR}/internal/secrets.cc
  ${CMAKE_CURRENT_LIST_DIR}/internal/password.cc
  ${CMAKE_CURRENT_LIST_DIR}/internal/records.cc
  ${CMAKE_CURRENT_BINARY_DIR}/auth/permissions_text.cc
)
target_link_libraries(credo_api PRIVATE PkgConfig::CREDO_AUTH_ARGON2 PkgConfig::CREDO_AUTH_OATH
                      tomlplusplus::tomlplusplus)
target_link_libraries(credo_api PUBLIC OpenSSL::Crypto)
