#!/usr/bin/env bash
# Fuzzes every benchmark and usage parser with cargo-fuzz (libFuzzer), seeded with the real
# sample files. Any panic is a crash and fails the script.
#   scripts/fuzz.sh [seconds per target]    (default 30; the test command runs a short smoke)
# Stable Rust: RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z flags; no sanitizer is
# needed because the engine forbids unsafe code (panics and aborts are still caught).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-30}"
CARGO_FUZZ_VERSION=0.13.1
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
export RUSTC_BOOTSTRAP=1
cd engine
targets=$(cargo fuzz list)
cargo fuzz build -s none --release >/dev/null
start=$(date +%s)
for t in $targets; do
  # The corpus grows in target/ (not committed); the samples are read-only seeds.
  corpus="../target/fuzz-corpus/$t"
  mkdir -p "$corpus"
  out=$(cargo fuzz run -s none --release "$t" "$corpus" tests/bench-samples tests/fixtures tests/usage-samples -- \
        -max_total_time="$SECS" -max_len=16384 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 2>&1) || {
    echo "$out" | tail -40
    echo "fuzz: target $t FAILED"
    exit 1
  }
  runs=$(echo "$out" | grep -o 'stat::number_of_executed_units: *[0-9]*' | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $t ok, $runs executions in ${SECS}s"
done
echo "fuzz: all $(echo "$targets" | wc -w) targets clean in $(( $(date +%s) - start )) s"
