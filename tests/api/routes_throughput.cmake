# The write path of report pulls and scores: the group-commit writer alone and through the real
# server over a real socket, and the institution-id rule on consents through the API.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CREDO_API_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
credo_add_test(server_throughput_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_throughput_test.cc
  LIBS credo_api PkgConfig::CREDO_API_TEST_HTTPLIB
  LABELS api server)
