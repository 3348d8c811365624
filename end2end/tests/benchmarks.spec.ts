import { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { test, expect, createFromTemplate, hydrated, text, watchErrors, workspaceUrl } from './helpers';

const SAMPLES = path.join(__dirname, '..', '..', 'engine', 'tests', 'bench-samples');
const SERVE = path.join(SAMPLES, 'vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_v0.25.1.json');
const USAGE = path.join(__dirname, '..', '..', 'engine', 'tests', 'usage-samples', 'openai-org-usage-costs', 'openai-cookbook_usage-completions_1d_30days.json');
const FAILED = path.join(SAMPLES, 'vllm/er0080-vllm-benchmarking-v0.25.1/bench_serve_all_requests_failed_v0.25.1.json');

/** Drops a real file onto an element, the way a browser delivers a drag and drop. */
async function dropFile(page: Page, selector: string, file: string) {
  const b64 = fs.readFileSync(file).toString('base64');
  const name = path.basename(file);
  const dt = await page.evaluateHandle(({ b64, name }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'application/json' }));
    return dt;
  }, { b64, name });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer: dt });
}

test('benchmarks page: several files at once, a refused one explained, the run page shows the file\'s numbers', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 422/);
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/benchmarks`);
  await hydrated(page);
  await page.getByTestId('upload-input').first().setInputFiles([SERVE, FAILED]);
  await expect(page.getByTestId('upload-ok')).toHaveText('vLLM bench serve (JSON): 1 run imported');
  await expect(page.getByTestId('upload-error')).toContainText('all 8 requests failed (0 completed)');
  const row = page.getByTestId('run-list').locator('tbody tr', { hasText: 'facebook/opt-125m' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('82.89');
  await row.getByRole('link', { name: 'facebook/opt-125m' }).click();
  await expect(page.getByTestId('run-output-tps')).toHaveText('82.89');
  await expect(page.getByTestId('run-metrics')).toContainText('8 / 0');
  // When it was measured, as the file's "date" says (vLLM writes the machine's clock).
  await expect(page.getByTestId('run-measured-at')).toHaveText('2026-08-16 16:08 (as the file states it)');
  await expect(page.getByTestId('used-by-none')).toBeVisible();

  // A usage export dropped here is refused with where it goes, and a link there.
  await page.goBack();
  await hydrated(page);
  await page.getByTestId('upload-input').first().setInputFiles([USAGE]);
  const refused = page.getByTestId('upload-item').filter({ hasText: path.basename(USAGE) });
  await expect(refused.getByTestId('upload-error')).toContainText('not a benchmark result: import it on the Usage page');
  await refused.getByTestId('upload-elsewhere').click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/usage$/);
  await hydrated(page);
  await expect(page.getByTestId('upload-input').first()).toBeAttached();
  // The refused uploads' 422s are logged by the browser as failed resources; nothing else.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('a file of many runs is listed under its name, its first runs shown and the rest behind a button', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/benchmarks`);
  await hydrated(page);
  // A llama-bench dashboard file: one run per test (prompt-only and generation).
  const file = path.join(SAMPLES, 'llama-bench/llama-bench-dashboard/static/results/amd-7900xtx/rocm-7.12/gpt-oss-20b-q8_0-q8_0-20260206.json');
  await page.getByTestId('upload-input').first().setInputFiles([file, SERVE]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(2);
  const group = page.getByTestId('run-file').filter({ hasText: path.basename(file) });
  const heading = await group.locator('tr.file-head').innerText();
  const total = Number(/ · (\d+) runs$/.exec(heading)?.[1]);
  expect(total).toBeGreaterThan(6);
  const rows = group.locator('tr.run');
  await expect(rows).toHaveCount(total);
  await expect(group.locator('tr.run:visible')).toHaveCount(6);
  // The runs a configuration can take (with an output throughput) come first.
  for (const row of await group.locator('tr.run:visible').all()) {
    await expect(row.locator('td').nth(4)).not.toHaveText('–');
  }
  const fold = group.getByTestId('run-file-fold');
  await expect(fold).toHaveText(`Show the other ${total - 6} runs of this file`);
  await fold.click();
  await expect(group.locator('tr.run:visible')).toHaveCount(total);
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  // The other file is a group of its own, without a fold.
  const serve = page.getByTestId('run-file').filter({ hasText: 'bench_serve_v0.25.1.json' });
  await expect(serve.locator('tr.run')).toHaveCount(1);
  await expect(serve.getByTestId('run-file-fold')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a file with runs against two frameworks: each run says who served it, and a degraded run says what failed', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/benchmarks`);
  await hydrated(page);
  // The real vLLM sample twice as JSON lines: once as it is, once against SGLang with
  // 2 of its 8 prompts never finished (completed 6, no "failed" key).
  const serve = JSON.parse(fs.readFileSync(SERVE, 'utf8'));
  const sglang = { ...serve, backend: 'sglang', completed: 6 };
  delete sglang.failed;
  const body = `${JSON.stringify(serve)}\n${JSON.stringify(sglang)}\n`;
  await page.getByTestId('upload-input').first().setInputFiles([{ name: 'mixed.jsonl', mimeType: 'application/json', buffer: Buffer.from(body) }]);
  await expect(page.getByTestId('upload-ok')).toHaveText('vLLM bench serve (JSON): 2 runs imported');
  const file = page.getByTestId('run-file').filter({ hasText: 'mixed.jsonl' });
  await expect(file.locator('tr.file-head')).toHaveText(/^mixed\.jsonl · vLLM bench serve \(JSON\) · uploaded .* UTC · 2 runs$/);
  const rows = file.locator('tr.run');
  await expect(rows).toHaveCount(2);
  const sg = rows.filter({ hasText: 'SGLang' });
  await expect(sg).toHaveCount(1);
  await expect(sg.getByTestId('run-warning-tag')).toBeVisible();
  await expect(rows.filter({ hasText: 'framework not stated' })).toHaveCount(1);
  await sg.getByRole('link').first().click();
  await expect(page.getByTestId('run-framework')).toHaveText('SGLang (from the client\'s "backend" setting)');
  await expect(page.getByTestId('run-warnings')).toContainText('2 of 8 requests failed (25.0%)');
  await expect(page.getByTestId('run-page')).toContainText('the other 2 did not complete');
  await expect(page.getByTestId('run-concurrency-basis')).toHaveText('configured limit');
  await expect(page.getByTestId('run-page')).not.toContainText('nothing was inferred');
  expect(errors).toEqual([]);
});

test('drop a benchmark file onto a configuration: its throughput becomes the measurement and the break-even moves', async ({ page }) => {
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  // Typed 80 tok/s: ceil(200M / (80 x 0.5 x 2.592M s)) = 2 replicas x 0.44 x 720 + $550
  // steady people costs (the $3,600 setup is one-off, apart).
  expect(await text(page, 'self-cost-0')).toBe('$1,184');
  const breakEven = await page.getByTestId('break-even-0-0').innerText();
  const config = page.getByTestId('config-0');
  await config.getByLabel('Throughput from').selectOption('benchmark');
  await dropFile(page, '[data-testid="upload-config-0"] .dropzone', SERVE);
  await expect(config.getByTestId('measured-now')).toContainText('82.89 output tok/s at 32 in / 16 out tokens per request, concurrency 2');
  // The sample measured facebook/opt-125m on unrecorded hardware: attached, and every
  // way it may not measure this Llama 3.1 8B on an RTX 4090 is said beside it.
  const fit = config.getByTestId('run-fit-0');
  await expect(fit).toContainText('The run measured facebook/opt-125m; this configuration serves Llama 3.1 8B');
  await expect(fit).toContainText('does not record its hardware');
  await expect(fit).toContainText('does not state its precision');
  // The run's 82.89 tok/s at 32 in / 16 out, converted to the workload's 800 / 400 shape,
  // is 39.70 tok/s per replica (the explanation shows the conversion): ceil(200M /
  // (39.70 x 0.5 x 2.592M)) = ceil(3.89) = 4 replicas x 0.44 x 720 + 550 = $1,817.2.
  await expect.poll(() => text(page, 'self-cost-0')).toBe('$1,817');
  await expect.poll(() => page.getByTestId('break-even-0-0').innerText()).not.toBe(breakEven);
  // The template's name said where its throughput came from ("article: 80 tok/s"); with a
  // run attached, the untyped name follows and no longer claims it.
  await expect(config.getByRole('textbox', { name: 'Configuration', exact: true })).toHaveValue('RTX 4090 24 GB + Llama 3.1 8B');
  // The run's hardware is recorded with the attachment: the configuration's, as the file
  // names none. Saying it ran on an H100 SXM scales it down to the 4090 by the
  // estimator's ratio (more replicas, a dearer month), and the editor says so.
  const hw = config.getByTestId('run-hardware-0');
  await expect(hw.getByLabel("Run's GPU", { exact: true })).toHaveValue('rtx-4090');
  await expect(hw.getByLabel("Run's GPUs per replica")).toHaveValue('1');
  await hw.getByLabel("Run's GPU", { exact: true }).selectOption('h100-sxm');
  await expect(fit).toContainText("The run was measured on 1x NVIDIA H100 SXM 80 GB; this configuration runs 1x NVIDIA RTX 4090 24 GB");
  await expect.poll(async () => Number((await text(page, 'self-cost-0')).replace(/[$,]/g, ''))).toBeGreaterThan(1817.2);
  await hw.getByLabel("Run's GPU", { exact: true }).selectOption('rtx-4090');
  await expect.poll(() => text(page, 'self-cost-0')).toBe('$1,817');
  await expect(fit).not.toContainText('scaled by the estimator');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  // Its view page comes whole every time: the server never reads the runs (a browser-only
  // resource), which once ended about half of these pages at "Loading...".
  const viewUrl = await page.getByTestId('copy-view').locator('input').inputValue();
  for (let i = 0; i < 8; i++) {
    const html = await (await page.request.get(viewUrl)).text();
    expect(html, `view page ${i}`).toContain('data-testid="measured-now"');
  }
  // The run's page lists the scenario that now uses it.
  await config.getByTestId('measured-now').getByRole('link').click();
  await expect(page.getByTestId('used-by')).toContainText('Haiku');
  // An edit link may pick runs, not delete files.
  await expect(page.getByTestId('delete-file')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the same file uploaded again says when it was imported first and under which name, and the copy can be deleted', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/); // the deleted run's page, opened again
  await page.goto(`${await workspaceUrl(page)}/benchmarks`);
  await hydrated(page);
  await page.getByTestId('upload-input').first().setInputFiles([SERVE]);
  await expect(page.getByTestId('upload-ok')).toHaveText('vLLM bench serve (JSON): 1 run imported');
  await page.getByTestId('upload-input').first().setInputFiles([SERVE]);
  await expect(page.getByTestId('upload-ok')).toHaveText(Array(2).fill('vLLM bench serve (JSON): 1 run imported'));
  await expect(page.getByTestId('upload-warn')).toHaveCount(1);
  await expect(page.getByTestId('upload-warn')).toHaveText(
    /^The same file was already imported on \d{4}-\d\d-\d\d \d\d:\d\d UTC as bench_serve_v0\.25\.1\.json: its runs are now listed more than once\.$/,
  );
  const rows = page.getByTestId('run-list').locator('tbody tr', { hasText: 'facebook/opt-125m' });
  await expect(rows).toHaveCount(2);
  // The copy (newest first) goes from its run's page, after a confirmation.
  await rows.first().getByRole('link').click();
  await hydrated(page);
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.accept(); });
  await page.getByTestId('delete-file-button').click();
  await expect(page.getByTestId('file-deleted')).toHaveText('Deleted bench_serve_v0.25.1.json and 1 run. ← All benchmarks');
  expect(asked[0]).toMatch(/^Delete bench_serve_v0\.25\.1\.json and its run, with its original\?/);
  // The page no longer shows the run it deleted; its address says what is gone.
  await expect(page.getByTestId('run-page')).toHaveCount(0);
  const gone = page.url();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benchmark run not found');
  await expect(page.getByRole('link', { name: '← All benchmarks' })).toBeVisible();
  await page.goto(gone);
  await page.getByRole('link', { name: '← All benchmarks' }).click();
  await expect(rows).toHaveCount(1);
});
