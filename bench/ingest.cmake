# End-to-end ingest into SQLite with field encryption and the audit chain: records per second
# and peak memory for two file sizes (memory must not grow with the file). Not a timed test.
# Run: build/bench/ingest_bench [--records N] [--format jsonl|csv] (see docs/readme/ingest.md).
add_executable(ingest_bench ${CMAKE_CURRENT_LIST_DIR}/ingest_bench.cc)
target_link_libraries(ingest_bench PRIVATE credo_ingest credo_store)
target_compile_definitions(ingest_bench PRIVATE CREDO_SOURCE_DIR_BENCH="${PROJECT_SOURCE_DIR}")
