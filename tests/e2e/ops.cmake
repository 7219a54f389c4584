# End-to-end test of the console's operations routes (helper "ops") against the real
# `credo serve` process: subjects, the operator report under dispute handling, batches,
# disputes, audit with a tampered chain, models, exports.
if(TARGET credo_api)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CREDO_E2E_OPS_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  credo_add_test(e2e_ops_serve_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ops_serve_test.cc
                 LIBS credo_api PkgConfig::CREDO_E2E_OPS_HTTPLIB LABELS e2e api NEEDS_CLI)
endif()
