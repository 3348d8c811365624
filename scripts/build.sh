#!/usr/bin/env bash
# Builds the site (wasm bundle + CSS + public files) and the server binary.
#   scripts/build.sh [release|debug]     (default: release)
# The wasm build uses its own target dir so it can run beside the server build.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-release}"
SKIP_BROWSER_SETUP="${SKIP_BROWSER_SETUP:-1}" ./scripts/setup.sh
export LEPTOS_OUTPUT_NAME=breakeven
WASM_TARGET_DIR="target/wasm"
if [ "$MODE" = release ]; then
  WASM_PROFILE=wasm-release; WASM_OUT="$WASM_TARGET_DIR/wasm32-unknown-unknown/wasm-release/app.wasm"; SERVER_FLAGS=(--release); BIN_DIR=target/release
else
  WASM_PROFILE=dev; WASM_OUT="$WASM_TARGET_DIR/wasm32-unknown-unknown/debug/app.wasm"; SERVER_FLAGS=(); BIN_DIR=target/debug
fi
start=$(date +%s)
echo "build: wasm ($WASM_PROFILE) and server ($MODE) in parallel"
# `erase_components`: Leptos type-erases each component's view, so view code is not
# monomorphised per component: the wasm went 3,799,715 -> 3,125,668 bytes raw and
# 737,903 -> 574,811 brotli (2026-12-02, scripts/wasm-breakdown.sh). The server must be
# built the same way, or hydration finds other markers than it expects and panics.
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"
# Two clients (app/src/split.rs), one after the other (they share the target dir and
# every dependency; only the app crate and the link differ): the site's (`breakeven`)
# and the editor's (`editor`, a scenario's editor and read-only pages).
mkdir -p target/site/pkg
clients() {
  for client in breakeven:hydrate editor:editor_client; do
    cargo build --profile "$WASM_PROFILE" -p app --lib --target wasm32-unknown-unknown --features "${client#*:}" --target-dir "$WASM_TARGET_DIR"
    wasm-bindgen --target web --out-dir target/site/pkg --out-name "${client%%:*}" "$WASM_OUT"
    # The page names <name>.wasm (the cargo-leptos layout).
    mv "target/site/pkg/${client%%:*}_bg.wasm" "target/site/pkg/${client%%:*}.wasm"
  done
}
clients &
wasm_pid=$!
cargo build "${SERVER_FLAGS[@]}" -p server --bin breakeven
wait "$wasm_pid"
cp style/main.css target/site/pkg/breakeven.css
cp -r public/. target/site/
# No wasm-opt: binaryen 132's -Oz took 102 s and cut the raw wasm 2,986,447 -> 2,566,409
# bytes, but the compressed file grew (brotli 606,178 -> 669,815, gzip 834,290 ->
# 954,860; measured 2026-12-01), and only compressed bytes go over the wire.
# Content-hashed names (cached for a year), .br and .gz beside every asset; hash.txt
# beside the binary tells the server the names.
node scripts/precompress.mjs target/site/pkg "$BIN_DIR/hash.txt"
echo "build: done in $(( $(date +%s) - start )) s; wasm: site $(stat -c %s target/site/pkg/breakeven.wasm), editor $(stat -c %s target/site/pkg/editor.wasm) bytes raw"
