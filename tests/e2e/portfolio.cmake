# Portfolio dashboards (issue 9): the end-to-end test through the credo binary on the demo bureau.
# (The unit tests are in tests/decision and tests/report.)
credo_add_test(e2e_portfolio_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/portfolio_cli_test.cc
  LIBS credo_core
  LABELS e2e portfolio
  NEEDS_CLI)
