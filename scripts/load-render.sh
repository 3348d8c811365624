#!/usr/bin/env bash
# Load on the evaluate-and-render endpoint (POST /api/render) of the release build:
# wrk (Debian) on loopback, 32 connections, 2 threads, 30 s. Target: >= 1,500 req/s, p99 <= 25 ms.
# ENCODING=br (or gzip) asks for a compressed answer, as a browser does.
# ENDPOINT=/sfn/evaluate_live loads the editor's own live call instead (evaluate, draw the
# chart and lay out the results panel; the same body).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get install -y -qq wrk >/dev/null; }
[ -x target/release/breakeven ] || ./scripts/build.sh release
PORT=${PORT:-3300}
DB=$(mktemp -d)/load.db
DATABASE_URL="sqlite:$DB" BREAKEVEN_ADDR="127.0.0.1:$PORT" RUST_LOG=warn target/release/breakeven &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
BODY=$(mktemp)
WS=$(curl -sf -XPOST "http://127.0.0.1:$PORT/api/workspaces" -H 'content-type: application/json' -d '{"name":"load"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
curl -sf -XPOST "http://127.0.0.1:$PORT/api/scenarios" -H 'content-type: application/json' -H "x-workspace-key: $WS" -d '{"template":"haiku-vs-4090"}' > "$BODY.created"
python3 - "$BODY" "$PORT" <<'PY'
import json, sys, urllib.request
body_path, port = sys.argv[1], sys.argv[2]
c = json.load(open(body_path + ".created"))
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/scenarios/{c['id']}", headers={"x-edit-key": c["edit_key"]})
doc = json.load(urllib.request.urlopen(req))["document"]
json.dump({"document": doc, "chart": {"kind": "break_even"}}, open(body_path, "w"))
PY
cat > "$BODY.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if "${ENCODING:-}" ~= "" then wrk.headers["Accept-Encoding"] = "${ENCODING:-}" end
local f = io.open("$BODY", "r"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\np50: %.2f ms\np99: %.2f ms\nerrors: %d non-2xx/3xx, %d socket\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
ENDPOINT=${ENDPOINT:-/api/render}
curl -sf -XPOST "http://127.0.0.1:$PORT$ENDPOINT" -H 'content-type: application/json' --data @"$BODY" -o "$BODY.svg"
echo "$ENDPOINT answers: $(head -c 60 "$BODY.svg")..."
wrk -t2 -c32 -d"${DURATION:-30s}" --latency -s "$BODY.lua" "http://127.0.0.1:$PORT$ENDPOINT"
