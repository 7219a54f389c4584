# End-to-end: `credo fraud check|rings|rules` through the binary on a generated bureau, and bad
# input (rules files, application values, unknown subjects) with nothing written.
credo_add_test(e2e_fraud_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fraud_cli_test.cc
  LABELS e2e fraud
  NEEDS_CLI)
