# Portfolio dashboards: the console's overview, migration and vintages calls on a bureau of
# 100,000 subjects against the issue's 200 ms target, and the naive from-scratch peer. Run:
# build/bench/portfolio_bench [--subjects N] [--calls N] [--db PATH] (docs/readme/portfolio.md).
if(TARGET credo_decision AND TARGET credo_monitor)
  add_executable(portfolio_bench ${CMAKE_CURRENT_LIST_DIR}/portfolio_bench.cc)
  target_link_libraries(portfolio_bench PRIVATE credo_decision credo_monitor credo_model
                        credo_store credo_core)
endif()
