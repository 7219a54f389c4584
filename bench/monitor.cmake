# After a batch that touches N subjects, the time until their alerts are ready (EvaluateTouched
# from the batch id to committed alerts), against the issue's target: 100,000 touched subjects
# in under 30 s. Run: build/bench/monitor_bench --subjects N (see docs/readme/monitor.md).
add_executable(monitor_bench ${CMAKE_CURRENT_LIST_DIR}/monitor_bench.cc)
target_link_libraries(monitor_bench PRIVATE credo_monitor credo_compliance credo_store credo_core)
