#!/usr/bin/env bash
# Edit -> updated chart latency, p50/p95, in headless Chromium against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release
(cd end2end && npx playwright test --config bench.config.ts)
cat end2end/bench/edit-latency.json; echo
