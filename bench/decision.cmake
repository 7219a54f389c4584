# Decision support: k-means with k chosen by the (sampled) silhouette on 100,000 subjects'
# attribute vectors, against the issue's 5 s target. Run: build/bench/decision_kmeans_bench
# [--subjects N] (see docs/readme/decision.md).
add_executable(decision_kmeans_bench ${CMAKE_CURRENT_LIST_DIR}/decision_kmeans_bench.cc)
target_link_libraries(decision_kmeans_bench PRIVATE credo_decision credo_core benchmark::benchmark)
