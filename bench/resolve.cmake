# Entity resolution end to end (read, block, compare, learn, cluster/link, write) on FEBRL 4 and
# on the 1,000,000-record Febrl-generated dedup set, with ratios to the recordlinkage toolkit's
# published figures. Run: build/bench/resolve_bench [--benchmark_filter=Febrl4] (docs/readme/resolve.md)
# and bench/resolve_1m.sh BUILD_DIR for the million-record run with peak memory.
add_executable(resolve_bench ${CMAKE_CURRENT_LIST_DIR}/resolve_bench.cc)
target_link_libraries(resolve_bench PRIVATE credo_resolve benchmark::benchmark)
target_compile_definitions(resolve_bench PRIVATE
  CREDO_SHARED_DIR="${CREDO_SHARED_DIR}"
  CREDO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")

# A 10,000-record batch resolved incrementally against ~990,000 stored persons of the same set
# (issue 4: under 5 s). Run: build/bench/resolve_incremental_bench [--db PATH to keep the bureau]
add_executable(resolve_incremental_bench ${CMAKE_CURRENT_LIST_DIR}/resolve_incremental_bench.cc)
target_link_libraries(resolve_incremental_bench PRIVATE credo_resolve)
target_compile_definitions(resolve_incremental_bench PRIVATE
  CREDO_SHARED_DIR="${CREDO_SHARED_DIR}"
  CREDO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
