# Metro 2 reader, validator, writer, JSON lines and mapping tests (tests/ingest/metro2_*_test.cc).
credo_add_test(metro2_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/metro2_layout_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_reader_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_validator_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_writer_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_jsonl_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_to_core_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_malformed_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/metro2_threads_test.cc
  LIBS credo_ingest
  LABELS metro2)
