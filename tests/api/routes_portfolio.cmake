# Route tests of the portfolio dashboards and decision support (portfolio_routes.cc,
# decision_routes.cc) over a real socket against the shared test bureau; the PDF is checked with
# pdftotext and pdftoppm (poppler-utils).
if(NOT TARGET PkgConfig::CREDO_API_TEST_HTTPLIB)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CREDO_API_TEST_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
endif()
credo_add_test(server_portfolio_routes_test
               SOURCES ${CMAKE_CURRENT_LIST_DIR}/server_portfolio_routes_test.cc
               LIBS credo_api PkgConfig::CREDO_API_TEST_HTTPLIB LABELS api server portfolio)
