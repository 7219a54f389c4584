# Metro 2 parse + validate throughput against `cat FILE > /dev/null` on the same file, and peak
# memory per file size. Run: build/bench/metro2_bench [--records N] (see docs/readme/metro2.md).
add_executable(metro2_bench ${CMAKE_CURRENT_LIST_DIR}/metro2_bench.cc)
target_link_libraries(metro2_bench PRIVATE credo_ingest benchmark::benchmark)
target_compile_definitions(metro2_bench PRIVATE CREDO_SHARED_DIR="${CREDO_SHARED_DIR}")
