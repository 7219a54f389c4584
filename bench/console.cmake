# The web console's first load in Chromium on loopback (bench/console_bench.mjs): cold and warm
# page loads by the browser's performance timing, and login to the first page, against the 1 s
# target. Not a test. Run: cmake --build BUILD --target bench_console (RUNS=N to change the
# number of runs). Needs node, the built console (web_console) and /usr/bin/chromium.
find_program(CREDO_NODE node)
if(CREDO_NODE AND TARGET web_console)
  add_custom_target(bench_console
    COMMAND ${CMAKE_COMMAND} -E env CREDO_BINARY=$<TARGET_FILE:credo>
            CREDO_WEB_DIST=${CMAKE_SOURCE_DIR}/web/dist
            CREDO_BROWSER_ARTIFACTS=${CMAKE_BINARY_DIR}/browser-artifacts
            ${CREDO_NODE} ${CMAKE_CURRENT_LIST_DIR}/console_bench.mjs
    DEPENDS credo web_console
    USES_TERMINAL
    COMMENT "credo console first load in Chromium (bench/console_bench.mjs)")
endif()
