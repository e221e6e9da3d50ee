#!/bin/sh
# Runs each fuzz target for N seconds (default 60), one after the other, and prints the
# executions libFuzzer reports. The machine's toolchain is stable: RUSTC_BOOTSTRAP lets
# cargo-fuzz pass the nightly-only sanitizer flags.
#
#   fuzz/run.sh 120
set -eu
SECONDS_PER_TARGET="${1:-60}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
[ -d corpus/commands ] || cargo run --quiet --example seeds
for target in parse jsonl_ledger replay_records commands; do
    echo "== $target, ${SECONDS_PER_TARGET}s"
    CARGO_BUILD_JOBS=1 cargo fuzz run --sanitizer none --debug-assertions "$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=16384 -print_final_stats=1 \
        2>&1 | tee "run-$target.log" | grep -E "stat::number_of_executed_units|Done|panicked|SUMMARY|crash-" || true
done
