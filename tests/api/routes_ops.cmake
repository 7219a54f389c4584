# Operations routes (helper "ops"): subjects by name and for operators, the operator report under
# an operator purpose, batches, disputes, audit, models, exports; and the library pieces they
# stand on (report/table_export, model/bureau_validation).
credo_add_test(server_ops_routes_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_ops_routes_test.cc
  LIBS credo_api PkgConfig::CREDO_API_TEST_HTTPLIB
  LABELS api server)
target_include_directories(server_ops_routes_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/model)

credo_add_test(report_table_export_test
  SOURCES ${PROJECT_SOURCE_DIR}/tests/report/table_export_test.cc
  LIBS credo_report
  LABELS report)

credo_add_test(model_bureau_validation_test
  SOURCES
    ${PROJECT_SOURCE_DIR}/tests/model/bureau_validation_test.cc
    ${PROJECT_SOURCE_DIR}/tests/features/file_builder.cc
  LIBS credo_model credo_store_test_support
  LABELS model store)
target_include_directories(model_bureau_validation_test PRIVATE
  ${PROJECT_SOURCE_DIR}/tests/features ${PROJECT_SOURCE_DIR}/tests/store
  ${PROJECT_SOURCE_DIR}/tests/model)
