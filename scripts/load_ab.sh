#!/usr/bin/env bash
# Same-day A/B of the load figures: alternates 60 s runs (64 clients, as load.sh) of this
# checkout's release server and another checkout's, each on a fresh database, so machine
# drift hits both alike. Both checkouts must be built (cargo build --release -p server
# --bin breakeven --example load).
#   git worktree add /tmp/base 63a9d60 && (cd /tmp/base && cargo build --release ...)
#   scripts/load_ab.sh /tmp/base [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER="$1"; RUNS="${2:-2}"
run() {
  local dir="$1" port="$2" db
  db=$(mktemp -d)
  DATABASE_URL="sqlite:$db/load.db" BREAKEVEN_ADDR="127.0.0.1:$port" BREAKEVEN_CREATES_PER_MINUTE=0 \
    BREAKEVEN_COPIES_PER_MINUTE=0 BREAKEVEN_SAVES_PER_MINUTE=0 RUST_LOG=warn "$dir/target/release/breakeven" &
  local server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
  "$dir/target/release/examples/load" --url "http://127.0.0.1:$port" --clients 64 --seconds 60 | tail -9
  kill $server; wait $server 2>/dev/null || true; rm -rf "$db"
}
echo "machine: $(nproc) cores, $(uname -r); server and load driver share them"
for r in $(seq "$RUNS"); do
  echo "== $OTHER ($(git -C "$OTHER" rev-parse --short HEAD)), run $r"; run "$OTHER" 3231
  echo "== this checkout ($(git rev-parse --short HEAD)), run $r"; run "$PWD" 3232
done
