#!/usr/bin/env bash
# 64 clients for 60 s against a fresh release server on loopback; prints per-endpoint
# requests/s, p50/p99 latency and error counts.   scripts/load.sh [seconds] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-60}"; CLIENTS="${2:-64}"; PORT="${LOAD_PORT:-3203}"
cargo build --release -p server --bin breakeven --example load
DIR=$(mktemp -d); DB="$DIR/load.db"
DATABASE_URL="sqlite:$DB" BREAKEVEN_ADDR="127.0.0.1:$PORT" BREAKEVEN_CREATES_PER_MINUTE=0 BREAKEVEN_COPIES_PER_MINUTE=0 BREAKEVEN_SAVES_PER_MINUTE=0 RUST_LOG="${SERVER_LOG:-warn}" target/release/breakeven &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
echo "machine: $(nproc) cores, $(uname -r); server and load driver share them"
target/release/examples/load --url "http://127.0.0.1:$PORT" --clients "$CLIENTS" --seconds "$SECS" --json target/load-report.json
