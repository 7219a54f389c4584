# Report benchmark: report assembly through the read gate plus the JSON rendering, per second,
# on a bureau generated and ingested in the same run; HTML and PDF rendering per report.
if(TARGET credo_report AND TARGET credo_ingest)
  add_executable(report_bench ${CMAKE_CURRENT_SOURCE_DIR}/report_bench.cc)
  target_link_libraries(report_bench PRIVATE credo_report credo_ingest credo_compliance
                        credo_store credo_core benchmark::benchmark)
endif()
