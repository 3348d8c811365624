#!/usr/bin/env bash
# The robustness review's abuse and overload cases against a fresh release server on
# loopback: one line per check and "N passed, N failed" (scripts/abuse.py).
#   scripts/abuse.sh            (header-read and write-stall timeouts 3 s, to keep it short)
#   HEADER_TIMEOUT=10 scripts/abuse.sh   (the default setting)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BREAKEVEN_BIN:-target/release/breakeven}   # another build: BREAKEVEN_BIN=path scripts/abuse.sh
[ -x "$BIN" ] || ./scripts/build.sh release
PORT=${ABUSE_PORT:-3400}
HEADER_TIMEOUT=${HEADER_TIMEOUT:-3}
STALL_TIMEOUT=${STALL_TIMEOUT:-3}
TOKEN=abuse-check-token
DIR=$(mktemp -d)
DATABASE_URL="sqlite:$DIR/abuse.db" BREAKEVEN_ADDR="127.0.0.1:$PORT" BREAKEVEN_ADMIN_TOKEN=$TOKEN \
  BREAKEVEN_HEADER_READ_TIMEOUT_SECS=$HEADER_TIMEOUT BREAKEVEN_BODY_IDLE_TIMEOUT_SECS=5 \
  BREAKEVEN_WRITE_STALL_TIMEOUT_SECS=$STALL_TIMEOUT \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$BIN" 2> "$DIR/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
python3 scripts/abuse.py "http://127.0.0.1:$PORT" "$SERVER" "$TOKEN" "$HEADER_TIMEOUT" "$STALL_TIMEOUT"
if grep -q " ERROR " "$DIR/server.log"; then
  echo "abuse: the server logged errors:"; grep " ERROR " "$DIR/server.log" | head -5; exit 1
fi
