#!/usr/bin/env bash
# Builds every libFuzzer target under fuzz/ with clang, ASan and UBSan, and runs each for a
# bounded time from a seed corpus of real malformed files. Any crash, leak, sanitizer report or
# hang (an input that takes more than 10 s) fails the script; the input that did it is kept in
# build-fuzz/artifacts/ and its path printed.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60; CI runs .ci/run, which calls this)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=$(nproc)
build=build-fuzz

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCREDO_BUILD_FUZZ=ON -DCREDO_BUILD_TESTS=OFF -DCREDO_BUILD_BENCH=OFF >/dev/null
targets="metro2_fuzz mapping_csv_fuzz mapping_jsonl_fuzz mapping_file_fuzz"
# shellcheck disable=SC2086
cmake --build "$build" -j "$jobs" --target $targets

data=tests/ingest/data
mkdir -p "$build/artifacts"
# Copies seed files into a corpus under names prefixed by their folder (two folders hold a
# truncated_record.dat).
seed() {
  local corpus=$1; shift
  for file in "$@"; do cp "$file" "$corpus/$(basename "$(dirname "$file")")_$(basename "$file")"; done
}
status=0
for target in $targets; do
  # Seeds: the malformed files of the tests, copied so the fuzzer may add to the corpus freely.
  corpus="$build/corpus/$target"
  rm -rf "$corpus" && mkdir -p "$corpus"
  case "$target" in
    metro2_fuzz) seed "$corpus" "$data"/metro2/malformed/*.dat "$data"/pipeline/*.dat ;;
    mapping_csv_fuzz) seed "$corpus" "$data"/pipeline/*.csv ;;
    mapping_jsonl_fuzz) seed "$corpus" "$data"/pipeline/*.jsonl ;;
    mapping_file_fuzz) seed "$corpus" "$data"/pipeline/*.toml mappings/*.toml ;;
  esac
  echo "fuzz: $target for ${seconds} s from $(ls "$corpus" | wc -l) seed files"
  if ! "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
      "$corpus" >"$build/$target.log" 2>&1; then
    echo "fuzz: $target FAILED; the log is $build/$target.log:" >&2
    grep -E "ERROR|SUMMARY|artifact|Test unit written" "$build/$target.log" >&2 || tail -20 "$build/$target.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$target.log" | tr '\n' ' '
    echo
  fi
done
exit $status
