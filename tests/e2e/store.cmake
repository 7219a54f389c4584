# End-to-end tests of the store commands through the credo binary.
find_package(SQLite3 REQUIRED)
credo_add_test(e2e_store_cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_cli_test.cc
               LIBS credo_core SQLite::SQLite3 LABELS e2e store NEEDS_CLI)
