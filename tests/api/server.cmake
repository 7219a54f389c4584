# Tests of api/server and api/routes: the pieces alone (router, errors, JSON bodies, rate
# limiter with a hand-driven clock, OpenAPI generation, static files, metrics), the server over a
# real socket with a test route table, and the real routes against a real bureau (role matrix,
# OpenAPI walk).
find_package(PkgConfig REQUIRED)
pkg_check_modules(CREDO_API_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
foreach(name router errors json_body rate_limiter openapi static_files metrics exchange
    retention_job)
  credo_add_test(server_${name}_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_${name}_test.cc
                 LIBS credo_api LABELS api server)
endforeach()
foreach(name http routes)
  credo_add_test(server_${name}_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_${name}_test.cc
                 LIBS credo_api PkgConfig::CREDO_API_TEST_HTTPLIB LABELS api server)
endforeach()
