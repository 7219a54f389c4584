# The review-queue routes (GET /v1/review, GET /v1/review/{id}, POST .../accept and .../reject)
# against a real bureau over a real socket.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CREDO_API_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
credo_add_test(server_review_routes_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_review_routes_test.cc
  LIBS credo_api PkgConfig::CREDO_API_TEST_HTTPLIB
  LABELS api server resolve)
