# Tests of ingest/batch: validation rules, data-quality reports, the batch pipeline on SQLite,
# the Metro 2 batch path (statuses, L1, portfolio type), J1/J2 associated consumers' copies of
# their accounts, inquiry feeds loaded once,
# company/financial/public-record feeds, the malformed-file corpus, kill -9 during a load, and
# the HTTP pull / PostgreSQL connectors.
credo_add_test(credo_ingest_batch_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/batch_validate_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_dq_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_pipeline_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_metro2_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_associated_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_inquiries_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_bad_input_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_feeds_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_generated_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/batch_prefetch_test.cc
  LIBS credo_ingest credo_store
  LABELS ingest)

credo_add_test(credo_ingest_batch_kill_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/batch_kill_test.cc
  LIBS credo_ingest credo_store
  LABELS ingest)

pkg_check_modules(CREDO_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(PostgreSQL REQUIRED)
credo_add_test(credo_ingest_batch_connectors_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/batch_connectors_test.cc
  LIBS credo_ingest credo_store PkgConfig::CREDO_TEST_HTTPLIB PostgreSQL::PostgreSQL
  LABELS ingest)
