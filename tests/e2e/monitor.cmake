# End-to-end: `credo monitor subscribe|list|evaluate|alerts|ack|webhook set|deliver|deliveries`
# through the binary on a generated two-month bureau, with a real local webhook receiver and the
# bad inputs (a subscription file with unknown subjects, webhook URLs that are not http(s)).
pkg_check_modules(CREDO_E2E_MONITOR_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
credo_add_test(e2e_monitor_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/monitor_cli_test.cc
  LIBS credo_compliance credo_store credo_core PkgConfig::CREDO_E2E_MONITOR_HTTPLIB nlohmann_json::nlohmann_json
  LABELS e2e monitor
  NEEDS_CLI)
