#!/usr/bin/env bash
# Every table of BENCHMARKS.md's "Issue 14, final shape", one bench at a time (run it on an
# otherwise idle machine). Output and /usr/bin/time's report per bench in $1 (default
# target/bench-runs/<date>). About 25 minutes on the 2-core VM of BENCHMARKS.md, most of it
# the city (12 min, 7.4 GB) and the city's memory bench (6 min, 11 GB).
set -u
cd "$(dirname "$0")/.."
out="${1:-target/bench-runs/$(date +%Y%m%d-%H%M)}"
mkdir -p "$out"
git log --oneline -1 > "$out/commit.txt" 2>/dev/null || true
cargo bench --no-run
run() { # name, then the environment and the command
  local name=$1; shift
  echo "== $name start $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/log.txt"
  /usr/bin/time -v env "$@" > "$out/$name.out" 2> "$out/$name.err"
  echo "== $name done $(date +%T) rc=$? $(grep -E 'Elapsed|Maximum resident' "$out/$name.err" | tr -s ' ' | tr '\n' ' ')" | tee -a "$out/log.txt"
}
quick=(-- --warm-up-time 1 --measurement-time 3)
run shards-township FANGKONG_BENCH_SIZE=township FANGKONG_SHARDS_RUNS=3 cargo bench --bench shards
run shards-county FANGKONG_BENCH_SIZE=county cargo bench --bench shards
run shards-county-one FANGKONG_BENCH_SIZE=county FANGKONG_SHARDS_ONE=1 cargo bench --bench shards
run memory-township FANGKONG_BENCH_SIZE=township cargo bench --bench memory
run memory-county FANGKONG_BENCH_SIZE=county cargo bench --bench memory
run record-township cargo bench --bench record "${quick[@]}"
run ledger-township cargo bench --bench ledger "${quick[@]}"
run trail-township cargo bench --bench trail "${quick[@]}"
run shards-city FANGKONG_BENCH_SIZE=city cargo bench --bench shards
run memory-city FANGKONG_BENCH_SIZE=city cargo bench --bench memory
echo "all done $(date +%T)" | tee -a "$out/log.txt"
