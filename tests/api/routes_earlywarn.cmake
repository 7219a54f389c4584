# Early-warning routes (alerts and monitoring subscriptions, relationship graph, fraud) against a
# real bureau over a real socket: one test binary, one fixture (and one server) per area.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CREDO_API_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
credo_add_test(server_earlywarn_routes_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_alerts_routes_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/server_graph_routes_test.cc
          ${CMAKE_CURRENT_LIST_DIR}/server_fraud_routes_test.cc
  LIBS credo_api PkgConfig::CREDO_API_TEST_HTTPLIB
  LABELS api server earlywarn)
