# End-to-end test of credo users / credo clients through the credo binary: operators with
# password + TOTP (codes computed here with liboath, as an authenticator app would), lockout,
# replayed codes, subject accounts, API keys shown once, and a byte scan of the bureau files.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CREDO_E2E_AUTH_OATH REQUIRED IMPORTED_TARGET liboath)
credo_add_test(e2e_auth_cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/auth_cli_test.cc
               LIBS PkgConfig::CREDO_E2E_AUTH_OATH LABELS e2e auth NEEDS_CLI)
