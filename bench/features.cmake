# Attribute computation per subject (pure, and with the store reads) and the CSV export, against
# the 1 ms per-subject budget of the credit-assessment issue. Run: build/bench/features_bench
# [--subjects N] (see docs/readme/features.md).
add_executable(features_bench ${CMAKE_CURRENT_LIST_DIR}/features_bench.cc)
target_link_libraries(features_bench PRIVATE credo_features credo_store credo_core
  benchmark::benchmark)
