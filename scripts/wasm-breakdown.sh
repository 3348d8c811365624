#!/usr/bin/env bash
# What the client's wasm is made of: builds it unstripped (names kept) in its own target
# dir, then groups twiggy's per-function sizes by origin. Installs twiggy if missing.
#   scripts/wasm-breakdown.sh                          the site's client, as shipped
#   FEATURES=editor_client scripts/wasm-breakdown.sh   the editor's client
# Built with the shipping flags (--cfg erase_components) plus EXTRA_RUSTFLAGS. Prints the
# groups, then the app's own modules: a function is the app module its name mentions
# first (view code generic over an app closure counts for the app module).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v twiggy >/dev/null || cargo install twiggy --locked --version 0.8.0
dir=target/wasm-names
RUSTFLAGS="--cfg erase_components ${EXTRA_RUSTFLAGS:-}" CARGO_PROFILE_WASM_RELEASE_STRIP=false \
  cargo build --profile wasm-release -p app --lib --target wasm32-unknown-unknown --features "${FEATURES:-hydrate}" --target-dir "$dir"
wasm="$dir/wasm32-unknown-unknown/wasm-release/app.wasm"
twiggy top -n 1000000 --format csv "$wasm" > "$dir/twiggy.csv"
python3 - "$dir/twiggy.csv" <<'PY'
import csv, re, sys, collections
csv.field_size_limit(10**9)
groups = [
    ("Leptos view code, hydration (hydrate_async / hydrate)", r"hydrate"),
    ("serde: deserialising (the client decodes documents and evaluations)", r"serde.*([Dd]eserializ|Visitor|visit_)"),
    ("serde: serialising", r"serde.*[Ss]erializ"),
    ("Leptos / tachys / reactive_graph / server_fn, other", r"tachys|leptos|reactive_graph|server_fn"),
    ("the app's own functions", r"app::"),
    ("the engine", r"engine::"),
    ("wasm-bindgen, js-sys, web-sys", r"wasm_bindgen|js_sys|web_sys"),
    ("core, alloc, std", r"core::|alloc::|std::"),
    ("data segments", r"data segment"),
]
sizes, total = collections.Counter(), 0
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row["Name"], int(row["ShallowSize"])
    if "section" in name:  # names, debug info: stripped from the shipped file
        continue
    total += size
    sizes[next((g for g, rx in groups if re.search(rx, name)), "other")] += size
for g, s in sizes.most_common():
    print(f"{s:>10,} bytes {100 * s / total:5.1f}%  {g}")
print(f"{total:>10,} bytes of code and data (before wasm-bindgen and compression)")
modules = collections.Counter()
for row in csv.DictReader(open(sys.argv[1])):
    name, size = row["Name"], int(row["ShallowSize"])
    if "section" in name:
        continue
    m = re.search(r"app::((?:[a-z_0-9]+::){0,2})", name)
    if m:
        modules["app::" + m.group(1).rstrip(":")] += size
print("\nthe app's modules (including generic code instantiated for them):")
for mod, s in modules.most_common(40):
    print(f"{s:>10,} bytes {100 * s / total:5.1f}%  {mod}")
PY
