# The HTTP API under load: builds a bureau (credo generate + ingest), starts `credo serve` on
# loopback and drives it with wrk: report pulls (POST /v1/inquiries, JSON), kept-report fetches
# (GET /v1/reports/{id}) and score-only calls (POST /v1/scores); prints requests/s, p99 and the
# ratios to the targets (2,000 reports/s with p99 < 10 ms, 5,000 scores/s) and to the seeds'
# 1 s response. Not a test. Run: cmake --build BUILD --target bench_api (PERSONS=N to resize),
# or bench/api_bench.sh BUILD/src/cli/credo [PERSONS]. Needs wrk (scripts/bootstrap.sh).
add_custom_target(bench_api
  COMMAND ${CMAKE_COMMAND} -E env sh ${CMAKE_CURRENT_LIST_DIR}/api_bench.sh $<TARGET_FILE:credo>
  DEPENDS credo
  USES_TERMINAL
  COMMENT "credo serve under wrk (bench/api_bench.sh)")
