#!/usr/bin/env bash
# Bytes on the wire, first and repeat visit, of the editor, view and present pages, in
# headless Chromium against the release build. Set SKIP_BUILD=1 to use the current build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_BUILD:-0}" = 1 ] || ./scripts/build.sh release
(cd end2end && npx playwright test --config bench.config.ts first-visit)
