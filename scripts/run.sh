#!/usr/bin/env bash
# Builds (release) and serves Breakeven on http://127.0.0.1:3000 (BREAKEVEN_ADDR to change).
# The SQLite database is created on first start under ./data/ (DATABASE_URL to change).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release
export LEPTOS_OUTPUT_NAME=breakeven LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec target/release/breakeven
