# Relationship graph: build from a generated bureau in the store, guarantee circles, UBO for every
# company and contact components; and the same queries on an in-memory graph of the target size
# (1,000,000 persons, 100,000 companies) built from the generator's world. Sizes are parameters.
# Peer: networkx strongly_connected_components on the same guarantee edges (bench/graph_peer_networkx.py).
# Run: build/bench/graph_bench --mode store --persons 20000 --companies 2000
#      build/bench/graph_bench --mode memory --persons 1000000 --companies 100000
add_executable(graph_bench ${CMAKE_CURRENT_LIST_DIR}/graph_bench.cc)
target_link_libraries(graph_bench PRIVATE credo_graph credo_ingest credo_store)
target_compile_definitions(graph_bench PRIVATE
  CREDO_GRAPH_PEER_SCRIPT="${CMAKE_CURRENT_LIST_DIR}/graph_peer_networkx.py")
