# End-to-end: undoing a wrong merge (a mixed file) through the binary: `credo er unmerge SUBJECT
# --reason TEXT` on a bureau where two persons were merged, the lookups afterwards, the refusals.
credo_add_test(e2e_unmerge_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/unmerge_cli_test.cc
  LIBS credo_store credo_core
  LABELS e2e resolve
  NEEDS_CLI)
