# `credo serve` over TLS as a real process (certificate made by the test with the openssl CLI).
if(TARGET credo_api)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CREDO_E2E_TLS_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  credo_add_test(e2e_api_tls_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/api_tls_test.cc
                 LIBS PkgConfig::CREDO_E2E_TLS_HTTPLIB ssl crypto LABELS e2e api NEEDS_CLI)
endif()
