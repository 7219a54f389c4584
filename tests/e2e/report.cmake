# End-to-end tests of `credo report`: a generated bureau loaded with `credo ingest`, a report
# issued as JSON, HTML and PDF, fetched again, and the refusals a user meets.
credo_add_test(e2e_report_cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/report_cli_test.cc
               LIBS credo_store credo_core LABELS e2e report NEEDS_CLI)
