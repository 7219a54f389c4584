# api/server: the HTTP server (cpp-httplib, only in server.cc: it must not share a translation
# unit with Eigen), the route table, errors, OpenAPI, metrics, rate limits, static files, the
# retention job; and api/routes: the handlers, one file per area. spdlog for the request log.
find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(spdlog REQUIRED)
pkg_check_modules(CREDO_API_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
target_sources(credo_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/caller.cc
  ${CMAKE_CURRENT_LIST_DIR}/errors.cc
  ${CMAKE_CURRENT_LIST_DIR}/exchange.cc
  ${CMAKE_CURRENT_LIST_DIR}/group_commit.cc
  ${CMAKE_CURRENT_LIST_DIR}/json_body.cc
  ${CMAKE_CURRENT_LIST_DIR}/metrics.cc
  ${CMAKE_CURRENT_LIST_DIR}/openapi.cc
  ${CMAKE_CURRENT_LIST_DIR}/rate_limiter.cc
  ${CMAKE_CURRENT_LIST_DIR}/retention_job.cc
  ${CMAKE_CURRENT_LIST_DIR}/router.cc
  ${CMAKE_CURRENT_LIST_DIR}/server.cc
  ${CMAKE_CURRENT_LIST_DIR}/static_files.cc
  ${CMAKE_CURRENT_LIST_DIR}/store_pool.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/auth_adapter.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/alert_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/graph_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/fraud_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/portfolio_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/decision_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/review_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/dispute_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/audit_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/model_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/export_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/batch_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/common.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/consent_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/me_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/report_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/session_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/subject_routes.cc
  ${CMAKE_CURRENT_LIST_DIR}/../routes/system_routes.cc
)
# Only server.cc includes httplib; its OpenSSL/zlib/brotli defines stay private to credo_api.
target_link_libraries(credo_api PRIVATE PkgConfig::CREDO_API_HTTPLIB spdlog::spdlog)
target_link_libraries(credo_api PUBLIC nlohmann_json::nlohmann_json)
