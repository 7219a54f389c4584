#!/bin/sh
# credo serve under wrk on loopback (see bench/api.cmake).
# Usage: bench/api_bench.sh CREDO_BINARY [PERSONS] [DURATION_SECONDS]
# Env: CONNECTIONS (default 16), FEW_CONNECTIONS (pulls measured again with this many, default 8;
#        0 skips that run), THREADS (wrk threads, default 2), SERVE_THREADS (default 16),
#      SAMPLE (subjects with consents the load cycles through, default 5000; each pull adds an
#        inquiry to its subject's file, so a small sample makes every later report longer),
#      KEEP=1 keeps the dir,
#      COMPARE=OTHER_CREDO_BINARY also measures OTHER on the same bureau in the same run (first,
#        labelled "before"; each binary starts from the same copy of the prepared bureau),
#      DB_URL=postgresql://... builds the bureau in that (empty) PostgreSQL database instead of
#        SQLite (both binaries then run one after the other on it; the second sees the first's
#        inquiries too),
#      PREPARED=DIR measures on the SQLite bureau a KEEP=1 run prepared in DIR (no rebuilding);
#      PREPARE_ONLY=1 KEEP=1 prepares one and stops; LABEL names the measured binary (after).
set -eu
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
credo=$(abs "$1")
compare=""
[ -n "${COMPARE:-}" ] && compare=$(abs "$COMPARE")
persons=${2:-${PERSONS:-100000}}
duration=${3:-${DURATION:-20}}
connections=${CONNECTIONS:-16}
few_connections=${FEW_CONNECTIONS:-8}
wrk_threads=${THREADS:-2}
serve_threads=${SERVE_THREADS:-16}
sample=${SAMPLE:-5000}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk; scripts/bootstrap.sh lists it)"; exit 2; }
command -v curl >/dev/null || { echo "curl is needed"; exit 2; }

if [ -n "${PREPARED:-}" ]; then
  work=$(cd "$PREPARED" && pwd); KEEP=1
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/credo_api_bench.XXXXXX")
fi
if [ -n "${DB_URL:-}" ]; then
  db="$DB_URL"; keys="$work/bureau.keys"; store_name="PostgreSQL"
else
  db="$work/bureau.db"; keys="$work/bureau.db.keys"; store_name="SQLite"
fi
setup=${compare:-$credo}
serve_pid=""
stop_serve() {
  if [ -n "$serve_pid" ]; then kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  serve_pid=""
}
cleanup() {
  stop_serve
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT INT TERM

now() { date +%s.%N; }
elapsed() { echo "$1 $(now)" | awk '{printf "%.1f", $2 - $1}'; }
c() { "$setup" --db "$db" --key-file "$keys" --profile cn "$@"; }

# An active person score, as a working bureau has (as `credo demo` makes it): without one every
# pull's score section and every score call would only say that no model is active, and the
# figures would leave out the scoring.
activate_person_score() {
  t0=$(now)
  c model bureau-data --truth "$work/gen/truth/persons.csv" --as-of 2026-01-31 \
    --out "$work/train.csv" >/dev/null
  "$setup" model train --data "$work/train.csv" --target defaulted_12m --exclude subject_id \
    --kind scorecard --pdo 20 --score-range 300-900 --out "$work/person_score.json" >/dev/null
  c model register "$work/person_score.json" >/dev/null
  c model activate --product person_score "$work/person_score.json" --reason "api benchmark" \
    >/dev/null
  echo "person score trained and activated in $(elapsed "$t0") s"
}

start_serve() {  # binary
  : >"$work/serve.out"
  "$1" --db "$db" --key-file "$keys" --profile cn serve --listen 127.0.0.1:0 \
    --threads "$serve_threads" --rate 0 --purge-interval off --no-console \
    >"$work/serve.out" 2>"$work/serve.log" &
  serve_pid=$!
  for i in $(seq 1 100); do
    grep -q "listening on" "$work/serve.out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(sed -n 's/.*http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.out" | head -1)
  [ -n "$port" ] || { echo "credo serve did not start:"; cat "$work/serve.log"; exit 1; }
  base="http://127.0.0.1:$port"
}

if [ -z "${PREPARED:-}" ]; then
echo "== building a bureau of $persons persons ($store_name) in $work"
t0=$(now)
c init >/dev/null
"$setup" --profile cn generate --persons "$persons" --companies $((persons / 20)) --months 1 \
  --seed 2026 --out "$work/gen" >/dev/null
echo "generated in $(elapsed "$t0") s"
t0=$(now)
# The person furnishers (as `credo demo` loads them): two US banks' Metro 2, the CN card issuer's
# CSV and the CN internet lender's JSON lines, each with the mapping file generate wrote.
{
  for file in "$work"/gen/bank_a/*.dat "$work"/gen/bank_b/*.dat; do
    c ingest "$file" --source "$(basename "$(dirname "$file")")"
  done
  for file in "$work"/gen/card_issuer/*.csv; do
    c ingest "$file" --source card_issuer --mapping "$work/gen/mappings/card_issuer.toml"
  done
  for file in "$work"/gen/online_lender/*.jsonl; do
    c ingest "$file" --source online_lender --mapping "$work/gen/mappings/online_lender.toml"
  done
} 2>"$work/ingest.err" | sed 's/^/  /'
if [ -z "${DB_URL:-}" ]; then
  subjects=$(sqlite3 "$db" "SELECT COUNT(*) FROM subjects" 2>/dev/null || echo "?")
else
  subjects=$(psql -qtA "$db" -c "SELECT COUNT(*) FROM subjects" 2>/dev/null || echo "?")
fi
echo "ingested in $(elapsed "$t0") s: $subjects subjects in the bureau"

activate_person_score

key=$(c clients add bench-bank --expires 2099-12-31 | awk '/api key:/ {print $3}')
[ -n "$key" ] || { echo "no API key"; exit 1; }

start_serve "$setup"
echo "== preparing consents and reports to fetch through $base"
# Subjects to pull: resident ids from the generated persons, each given a consent by the bank
# and pulled once (that report is what the fetches read). Four at a time: 5,000 take ~40 s.
ids="$work/ids.txt"
grep -hoE '[1-6][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]' \
  "$work/gen/truth/persons.csv" | sort -u | head -n "$sample" >"$ids" || true
bodies="$work/bodies.txt"
export key base
awk '{print NR, $1}' "$ids" | xargs -P 4 -n 2 sh -c '
  n=$0; id=$1
  consent=$(printf "{\"identifiers\":[{\"kind\":\"cn_resident_id\",\"value\":\"%s\"}],\"purpose\":\"credit_application\",\"reference\":\"bench-%s\"}" "$id" "$n")
  code=$(curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $key" \
    -H "Content-Type: application/json" -d "$consent" "$base/v1/consents")
  [ "$code" = 201 ] || exit 0
  body=$(printf "{\"identifiers\":[{\"kind\":\"cn_resident_id\",\"value\":\"%s\"}],\"purpose\":\"credit_application\",\"consent_reference\":\"bench-%s\"}" "$id" "$n")
  echo "B $body"
  rid=$(curl -s -o /dev/null -D - -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
    -d "$body" "$base/v1/inquiries" | tr -d "\r" | sed -n "s/^[Ll]ocation: \/v1\/reports\/\([0-9]*\).*/\1/p")
  [ -n "$rid" ] && echo "R $rid"
  exit 0
' >"$work/prepared.txt"
sed -n 's/^B //p' "$work/prepared.txt" >"$bodies"
sed -n 's/^R //p' "$work/prepared.txt" >"$work/report_ids.txt"
stop_serve
echo "subjects with consent: $(wc -l <"$bodies"), reports issued for fetching: $(wc -l <"$work/report_ids.txt")"
[ -s "$bodies" ] || { echo "no subject could be given a consent"; tail -5 "$work/serve.log"; exit 1; }
if [ -z "${DB_URL:-}" ]; then
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  cp "$db" "$work/prepared.db"
fi
echo "$key" >"$work/api_key.txt"
echo "$subjects" >"$work/subjects.txt"
[ "${PREPARE_ONLY:-0}" = 1 ] && { echo "prepared $work (PREPARED=$work to measure on it)"; exit 0; }
else
  key=$(cat "$work/api_key.txt"); subjects=$(cat "$work/subjects.txt")
  bodies="$work/bodies.txt"
  echo "== measuring on the bureau prepared in $work ($subjects subjects)"
  # A bureau prepared before the benchmark activated a model gets one now, once.
  if [ -z "${DB_URL:-}" ] && [ "$(sqlite3 "$work/prepared.db" \
      "SELECT count(*) FROM model_active WHERE product = 'person_score'" 2>/dev/null || echo 0)" = 0 ]; then
    echo "the prepared bureau has no active person score: training one into it"
    rm -f "$db-wal" "$db-shm"; cp "$work/prepared.db" "$db"
    activate_person_score
    sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    cp "$db" "$work/prepared.db"
  fi
fi

export CREDO_BENCH_KEY="$key" CREDO_BENCH_BODIES="$bodies" CREDO_BENCH_REPORTS="$work/report_ids.txt"
server_cpu_ticks() {  # utime + stime of credo serve, in clock ticks (empty off Linux)
  [ -r "/proc/$serve_pid/stat" ] || return 0
  sed 's/.*) //' "/proc/$serve_pid/stat" | awk '{print $12 + $13}'
}
run() {  # label, name, lua script, path[, connections]
  run_connections=${5:-$connections}
  echo "== $1 $2: wrk -t$wrk_threads -c$run_connections -d${duration}s --latency -s $(basename "$3") $base$4"
  cpu_before=$(server_cpu_ticks)
  wrk -t"$wrk_threads" -c"$run_connections" -d"${duration}s" --latency -s "$3" "$base$4" >"$work/$1_$2.txt" 2>&1 || true
  cpu_after=$(server_cpu_ticks)
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$1_$2.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$1_$2.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/$1_$2.txt")
  requests=$(awk '/requests in/ {print $1}' "$work/$1_$2.txt")
  # The server's own CPU time per request (user + system, from /proc): steadier than the rate
  # on a machine whose cores wrk and other work share.
  cpu_ms=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {if (n > 0 && a != "" && b != "") printf "%.3f", (b - a) * 1000 / hz / n; else printf "?"}')
  echo "   requests/s $rps, p99 $p99, non-2xx ${non2xx:-0}, server CPU $cpu_ms ms per request"
  eval "${2}_rps=\${rps:-0}; ${2}_p99=\${p99:-?}"
}
ms() {  # wrk latency ("812.00us", "3.41ms", "1.20s") in ms
  echo "$1" | awk '/us$/ {sub("us","");printf "%.3f", $1/1000; exit} /ms$/ {sub("ms","");printf "%.3f", $1; exit} /s$/ {sub("s","");printf "%.3f", $1*1000; exit} {print "nan"}'
}
measure() {  # label, binary
  if [ -z "${DB_URL:-}" ]; then
    rm -f "$db-wal" "$db-shm"; cp "$work/prepared.db" "$db"
    # The copy leaves hundreds of MB of dirty pages; without this the server's first checkpoints
    # wait in fdatasync for the kernel to write them back, and that shows up as a p99 of 60-130 ms
    # that belongs to the copy, not to credo.
    sync
  fi
  start_serve "$2"
  echo "== $1: $2 serving on $base ($serve_threads threads)"
  run "$1" pulls "$here/api_wrk_post.lua" /v1/inquiries
  # With 16 connections the mean latency is 16 / rate (Little's law): 8 ms at 2,000/s, so a
  # p99 under 10 ms needs almost no spread; that run measures the rate at saturation. With 8
  # connections (4 ms mean at 2,000/s) the same route shows whether the server answers 2,000
  # pulls a second and keeps the p99 under 10 ms at once: the target's own measurement.
  few_pulls_rps=0; few_pulls_p99="?"
  if [ "$few_connections" -gt 0 ]; then
    run "$1" few_pulls "$here/api_wrk_post.lua" /v1/inquiries "$few_connections"
  fi
  run "$1" fetches "$here/api_wrk_fetch.lua" /v1/reports
  run "$1" scores "$here/api_wrk_post.lua" /v1/scores
  stop_serve
  echo "== $1 against the targets (bureau: $subjects subjects, $store_name, loopback, $(nproc) cores shared)"
  awk -v r="$pulls_rps" -v p="$(ms "$pulls_p99")" 'BEGIN {printf "report pulls  POST /v1/inquiries: %8.0f/s = %.2fx the 2,000/s target; p99 %s ms = %.1fx the 10 ms target, %.2fx the seeds\047 1 s\n", r, r/2000, p, p/10, p/1000}'
  [ "$few_connections" -gt 0 ] && awk -v r="$few_pulls_rps" -v p="$(ms "$few_pulls_p99")" -v c="$few_connections" 'BEGIN {printf "report pulls  with %d connections: %6.0f/s = %.2fx the 2,000/s target; p99 %s ms = %.1fx the 10 ms target\n", c, r, r/2000, p, p/10}'
  awk -v r="$fetches_rps" -v p="$(ms "$fetches_p99")" 'BEGIN {printf "report fetch  GET /v1/reports/{id}: %6.0f/s = %.2fx the 2,000/s target; p99 %s ms = %.1fx the 10 ms target, %.2fx the seeds\047 1 s\n", r, r/2000, p, p/10, p/1000}'
  awk -v r="$scores_rps" -v p="$(ms "$scores_p99")" 'BEGIN {printf "scores        POST /v1/scores: %10.0f/s = %.2fx the 5,000/s target; p99 %s ms = %.2fx the seeds\047 1 s\n", r, r/5000, p, p/1000}'
}
[ -n "$compare" ] && measure before "$compare"
measure "${LABEL:-after}" "$credo"
