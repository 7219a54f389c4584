# Fraud benchmark: a velocity check per inquiry on a bureau of N persons (default 1,000,000) with
# recorded applications, p50/p99 against the 1 ms p99 target. A driver program (not Google
# Benchmark): it builds or reuses the bureau, then times single checks.
add_executable(fraud_velocity_bench ${CMAKE_CURRENT_LIST_DIR}/fraud_velocity_bench.cc)
target_link_libraries(fraud_velocity_bench PRIVATE credo_fraud)
