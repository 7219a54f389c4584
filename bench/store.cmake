# Store benchmarks: bulk raw-record and tradeline writes into SQLite with encryption and audit,
# against plain SQLite inserts of the same bytes (no encryption, no audit) as the peer.
find_package(SQLite3 REQUIRED)
add_executable(store_bench ${CMAKE_CURRENT_LIST_DIR}/store_bench.cc)
target_link_libraries(store_bench PRIVATE credo_store SQLite::SQLite3 benchmark::benchmark)
