# The credo binary on good and bad Metro 2 files (validate, convert round trip, rules, --help).
credo_add_test(metro2_e2e_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/metro2_cli_test.cc
  LABELS e2e metro2
  NEEDS_CLI)
