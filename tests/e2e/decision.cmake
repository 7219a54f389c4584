# End-to-end: `credo segment|value|attrition|actions|limit|scf` through the binary on a bureau
# generated with `credo generate` and loaded with `credo ingest`, with the bad inputs.
credo_add_test(e2e_decision_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/decision_cli_test.cc
  LIBS credo_core
  LABELS e2e decision
  NEEDS_CLI)
