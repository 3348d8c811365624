import { defineConfig } from '@playwright/test';

// Debian's chromium, never a downloaded browser (this machine has no network for that).
const PORT = Number(process.env.E2E_PORT || 3100);
const DB = process.env.E2E_DB || `/tmp/breakeven-e2e-${process.pid}.db`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    viewport: { width: 1440, height: 900 },
  },
  webServer: {
    // The real release binary, a fresh SQLite file per run.
    command: `rm -f ${DB} ${DB}-wal ${DB}-shm && ${process.env.E2E_BIN || "target/release/breakeven"}`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 30_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: `sqlite:${DB}`,
      BREAKEVEN_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: process.env.E2E_SITE || 'target/site',
      LEPTOS_OUTPUT_NAME: 'breakeven',
      RUST_LOG: 'warn',
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
