# Mapping files, the CSV and JSON-lines readers, transforms and the mapped reader.
credo_add_test(ingest_mapping_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/mapping_canonical_fields_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mapping_byte_source_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mapping_csv_reader_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mapping_jsonl_reader_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mapping_mapping_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mapping_transform_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/mapping_mapped_reader_test.cc
  LIBS credo_ingest
  LABELS ingest)
