# End-to-end: `credo ingest`, `credo batches`, `credo quarantine list|show|export` and `credo dq`
# through the binary, on files from tests/ingest/data/pipeline and a generated month of data.
credo_add_test(e2e_ingest_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ingest_cli_test.cc
  LIBS credo_ingest credo_store
  LABELS e2e ingest
  NEEDS_CLI)
