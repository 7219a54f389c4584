# End-to-end: `credo er dedupe|link|explain` through the binary on FEBRL data and bad input.
credo_add_test(er_e2e_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/er_cli_test.cc
  LABELS e2e er
  NEEDS_CLI)
