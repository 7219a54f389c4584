# End-to-end: incremental entity resolution and the review queue through the binary on a
# generated bureau (typos, missing identifiers): `credo er configure`, ingest, `credo er review
# list|show|accept|reject`, `credo er resolve-stored`, and the refusals.
credo_add_test(e2e_review_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/review_cli_test.cc
  LIBS credo_store credo_core
  LABELS e2e resolve
  NEEDS_CLI)
