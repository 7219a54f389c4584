#!/usr/bin/env bash
# The README's two commands.
#   ./run.sh demo   install what credo needs, build it, run the demo bureau (embedded SQLite)
#   ./run.sh test   install, build with tests, start a throw-away PostgreSQL, run every test,
#                   then fuzz every reader for a bounded time (CREDO_FUZZ_SECONDS each, default 60)
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-}
jobs=$(nproc)

scripts/bootstrap.sh

case "$mode" in
  demo)
    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCREDO_BUILD_TESTS=OFF >/dev/null
    cmake --build build/release -j "$jobs"
    ./build/release/src/cli/credo demo
    ;;
  test)
    cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCREDO_BUILD_TESTS=ON >/dev/null
    cmake --build build/test -j "$jobs"
    pg_dir=$(mktemp -d /tmp/credo-pg.XXXXXX)
    trap 'scripts/test-postgres.sh stop "$pg_dir"' EXIT
    # A cluster that fails to start stops the run here: the PostgreSQL tests must not be skipped.
    pg_url=$(scripts/test-postgres.sh start "$pg_dir")
    if [ -z "$pg_url" ]; then
      echo "tests: the throw-away PostgreSQL did not start (see $pg_dir); not running the tests" >&2
      exit 1
    fi
    export CREDO_TEST_PG_URL=$pg_url
    echo "tests: PostgreSQL at $CREDO_TEST_PG_URL"
    (cd build/test && ctest --output-on-failure -j "$jobs" --timeout 1500)
    # Every reader's libFuzzer target (clang, ASan, UBSan) for a bounded time; a finding fails.
    scripts/fuzz.sh "${CREDO_FUZZ_SECONDS:-60}"
    ;;
  *)
    echo "usage: ./run.sh demo | ./run.sh test" >&2
    exit 2
    ;;
esac
