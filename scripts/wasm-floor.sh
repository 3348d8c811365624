#!/usr/bin/env bash
# How small the client could get if it held only some pages: builds the wasm with the
# app's routes cut down to the pages named (none: a bare not-found page, i.e. the Leptos
# runtime, the router and the top bar), and prints its size raw and brotli'd. The same
# build flags and profile as scripts/build.sh; its own target dir. app/src/lib.rs is put
# back afterwards, whatever happens.
# Two clients are built (app/src/split.rs); FEATURES picks which one to cut down:
#   scripts/wasm-floor.sh                                   # the runtime floor
#   FEATURES=editor_client scripts/wasm-floor.sh EditorPage # the editor's client, editor only
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/wasm-floor
backup=$(mktemp)
cp app/src/lib.rs "$backup"
trap 'cp "$backup" app/src/lib.rs; rm -f "$backup"' EXIT
python3 - "$@" <<'PY'
import re, sys
keep = sys.argv[1:]
p = 'app/src/lib.rs'
s = open(p).read()
start, end = s.index('<Routes fallback'), s.index('</Routes>')
body = s[start:end]
head = body[:body.index('}>') + 2]
routes = re.findall(r'<Route\b.*?/>\s*(?=<Route|$)', body, re.S)
kept = [r for r in routes if any(k in r for k in keep)]
if not kept:
    kept = ['<Route path=StaticSegment("") view=pages::not_found::NotFound />\n']
open(p, 'w').write(s[:start] + head + '\n' + ''.join(kept) + s[end:])
PY
RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components" \
  cargo build --profile wasm-release -p app --lib --target wasm32-unknown-unknown --features "${FEATURES:-hydrate}" --target-dir "$dir"
out=$(mktemp -d)
wasm-bindgen --target web --out-dir "$out" --out-name floor "$dir/wasm32-unknown-unknown/wasm-release/app.wasm" 2>/dev/null
node -e '
const z = require("zlib"), b = require("fs").readFileSync(process.argv[1]);
const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } });
console.log(`wasm-floor (${process.argv[2] || "runtime only"}): ${b.length} bytes raw, ${br.length} brotli`);
' "$out/floor_bg.wasm" "$*"
rm -rf "$out"
