# End-to-end tests of `credo serve`: the real server process on a free port, a full scenario
# (with a grep of its log for the test subjects' identifiers, names and credentials) and every
# kind of bad input (with the store's row counts compared before and after).
if(TARGET credo_api)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CREDO_E2E_API_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  foreach(name serve bad_input)
    credo_add_test(e2e_api_${name}_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/api_${name}_test.cc
                   LIBS credo_api PkgConfig::CREDO_E2E_API_HTTPLIB LABELS e2e api NEEDS_CLI)
  endforeach()
endif()
