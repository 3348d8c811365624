#!/usr/bin/env bash
# Brotli size of the built client after each of several binaryen passes (issue 15).
#   scripts/experiments/wasm-opt-passes.sh [path/to/breakeven.<hash>.wasm]
# Installs binaryen 132 from npm into /tmp/wasm-opt-passes (not a project dependency).
set -euo pipefail
cd "$(dirname "$0")/../.."
WASM="${1:-$(ls target/site/pkg/breakeven.*.wasm | grep -v '\.br$\|\.gz$' | head -1)}"
T=/tmp/wasm-opt-passes
mkdir -p "$T"
[ -x "$T/node_modules/binaryen/bin/wasm-opt" ] || (cd "$T" && npm init -y >/dev/null && npm i binaryen@132.0.0 >/dev/null)
W="$T/node_modules/binaryen/bin/wasm-opt --all-features"
size() {
  node -e "const z=require('zlib');const b=require('fs').readFileSync(process.argv[1]);
console.log(process.argv[2].padEnd(40), String(b.length).padStart(9), 'raw', String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_LGWIN]:24}}).length).padStart(8), 'brotli')" "$1" "$2"
}
size "$WASM" "as built (no wasm-opt)"
for passes in "-Os" "-O2" "--duplicate-function-elimination --remove-unused-module-elements" \
  "--strip-debug --strip-producers" "--duplicate-function-elimination --merge-similar-functions" \
  "--duplicate-function-elimination --reorder-functions"; do
  $W $passes "$WASM" -o "$T/out.wasm"
  size "$T/out.wasm" "$passes"
done
