# Portfolio dashboards (issue 9): the decision module's unit tests of the overview, concentration,
# vintages, grade migration and the stored snapshot (hand-worked fixture, no look-ahead), the
# report module's portfolio PDF, and the end-to-end test through the credo binary on the demo
# bureau. (Registered here, the area's own file, rather than in the modules' shared test lists.)
if(TARGET credo_decision AND TARGET credo_monitor)
  credo_add_test(credo_decision_portfolio_test
    SOURCES ${CMAKE_SOURCE_DIR}/tests/decision/portfolio_overview_test.cc
            ${CMAKE_SOURCE_DIR}/tests/decision/portfolio_analytics_test.cc
            ${CMAKE_SOURCE_DIR}/tests/decision/overview_snapshot_test.cc
            ${CMAKE_SOURCE_DIR}/tests/features/file_builder.cc
    LIBS credo_decision credo_monitor credo_model credo_features credo_store credo_core
    LABELS decision portfolio)
  target_include_directories(credo_decision_portfolio_test PRIVATE
    ${CMAKE_SOURCE_DIR}/tests/features ${CMAKE_SOURCE_DIR}/tests/decision)
endif()
if(TARGET credo_report)
  credo_add_test(report_portfolio_pdf_test
    SOURCES ${CMAKE_SOURCE_DIR}/tests/report/portfolio_pdf_test.cc
    LIBS credo_report credo_core
    LABELS report portfolio)
endif()
credo_add_test(e2e_portfolio_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/portfolio_cli_test.cc
  LIBS credo_core
  LABELS e2e portfolio
  NEEDS_CLI)
