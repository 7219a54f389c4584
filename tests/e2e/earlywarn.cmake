# End to end: early warning over HTTP. A bureau built with the CLI, the real `credo serve`
# process, subscriptions over HTTP, a batch loaded and evaluated with the CLI, alerts read, paged
# and acknowledged over HTTP by the institution and an analyst; the graph and fraud routes on the
# same bureau.
if(TARGET credo_api)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CREDO_E2E_EARLYWARN_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  credo_add_test(e2e_earlywarn_serve_test
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/earlywarn_serve_test.cc
    LIBS credo_api PkgConfig::CREDO_E2E_EARLYWARN_HTTPLIB
    LABELS e2e api earlywarn
    NEEDS_CLI)
endif()
