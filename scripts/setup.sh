#!/usr/bin/env bash
# Installs the pinned tools the build and the tests need. Idempotent: a second run
# only checks. Pinned versions keep next month's build identical to today's.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen in Cargo.lock

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  echo "setup: adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  echo "setup: installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (~2 min)"
  # No --locked: its lockfile names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

LEPTOSFMT_VERSION=0.1.33     # formats the view! macros; test.sh checks with it
if ! leptosfmt --version 2>/dev/null | grep -q " ${LEPTOSFMT_VERSION}\$"; then
  echo "setup: installing leptosfmt ${LEPTOSFMT_VERSION} (~1 min)"
  cargo install leptosfmt --version "${LEPTOSFMT_VERSION}" --locked
fi

# The spreadsheet export is checked by recalculating it in LibreOffice; the PDF one-pager
# by poppler's pdftotext and pdftoppm (server/tests/xlsx.rs, server/tests/pdf.rs).
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "setup: installing Debian's libreoffice-calc-nogui and poppler-utils (export tests, ~30 s)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui poppler-utils >/dev/null
fi

if [ "${SKIP_BROWSER_SETUP:-0}" != "1" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium (browser tests)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  fi
  if [ ! -d end2end/node_modules/@playwright/test ]; then
    echo "setup: installing Playwright (test runner only; it uses Debian's chromium)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
