# End-to-end: `credo generate`, `credo ingest` (registry, canonical statements, corporate loans),
# `credo graph load` (the canonical relations file) and `credo graph build|circles|closes|ubo|
# group|contagion|neighbours|rings` through the binary, with bad input.
find_package(nlohmann_json REQUIRED)
credo_add_test(e2e_graph_cli_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/graph_cli_test.cc
  LIBS nlohmann_json::nlohmann_json
  LABELS e2e graph
  NEEDS_CLI)
