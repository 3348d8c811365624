import * as fs from 'fs';
import * as path from 'path';
import { test, expect, createFromTemplate, hydrated, watchErrors, workspaceUrl } from './helpers';

const SAMPLES = path.join(__dirname, '..', '..', 'engine', 'tests', 'usage-samples');
const USAGE = path.join(SAMPLES, 'openai-org-usage-costs/openai-cookbook_usage-completions_1d_30days.json');
const COSTS = path.join(SAMPLES, 'openai-org-usage-costs/openai-cookbook_costs_1d_30days.json');
const SESSION = path.join(SAMPLES, 'claude-code-jsonl/cctrace-phase0-investigation_raw_messages.jsonl');

test('usage page: the OpenAI usage and costs pair reconciles, becomes a scenario whose workload says where it came from', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  await expect(page.getByTestId('usage-privacy')).toContainText('kept only when you tick');
  await page.getByTestId('upload-input').setInputFiles([USAGE, COSTS]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(2);
  await expect(page.getByTestId('upload-ok').filter({ hasText: 'OpenAI organization costs' })).toContainText('31 cost rows, $284.94 billed');
  // Both files read together: the bill over the usage's days (computed by hand from
  // the costs JSON: $284.84), nothing priceable (no model in the usage), and why.
  const rec = page.getByTestId('usage-reconciliation');
  await expect(rec).toBeVisible();
  await expect(rec.getByRole('heading', { level: 2 })).toHaveText('Usage against the OpenAI bill');
  await expect(page.getByTestId('rec-window')).toContainText('the time both the usage and the OpenAI bill cover');
  await expect(page.getByTestId('rec-billed')).toHaveText('$284.84');
  await expect(page.getByTestId('rec-priced')).toHaveText('not priced');
  await expect(page.getByTestId('rec-reasons')).toContainText('completions');
  await expect(page.getByTestId('rec-reasons')).toContainText('does not name the model');
  await expect(page.getByTestId('usage-task')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/usage-preview.png', fullPage: true });
  await page.getByTestId('usage-create').click();
  await expect(page.getByTestId('usage-applied')).toContainText('1 task type in revision 1');
  // The scenario just made can be picked to replace at once (the list is asked again).
  await expect(page.getByLabel('Scenario').locator('option')).toHaveCount(2);
  // A second press would only make a twin: the button waits for other tiers and GPUs.
  await expect(page.getByTestId('usage-create')).toBeDisabled();
  await page.getByLabel('Template').selectOption('haiku-vs-4090');
  await expect(page.getByTestId('usage-create')).toBeEnabled();
  await page.getByLabel('Template').selectOption('sonnet-vs-2xa100');
  await expect(page.getByTestId('usage-create')).toBeDisabled();

  // The back-test of the new scenario: every option over the real days (the usage has
  // daily buckets, so the busiest hour is understated, and it says so).
  const bt = page.getByTestId('backtest');
  await expect(bt).toBeVisible();
  await expect(page.getByTestId('backtest-row')).toHaveCount(3);
  await expect(bt).toContainText('19,347 calls');
  await expect(bt).toContainText('spread evenly');
  await expect(page.getByTestId('backtest-chart')).toBeVisible();
  await page.screenshot({ path: 'test-results/usage-backtest.png', fullPage: true });
  await page.getByTestId('usage-applied').getByRole('link').click();
  await page.waitForURL(/\/s\/[0-9a-f]+\?key=/);
  await hydrated(page);
  const prov = page.getByTestId('task-0-provenance');
  await expect(prov).toBeVisible();
  await prov.locator('summary').click();
  await expect(prov).toContainText('Calls per month: ');
  await expect(prov).toContainText('usage-completions_1d_30days.json');
  // The costs' explanations name the file too: a measured input is never "entered".
  await page.getByTestId('api-cost-0').locator('summary').click();
  const calls = page.getByTestId('api-cost-0').locator('table.inputs tr', { hasText: ': calls' });
  await expect(calls).toContainText('measured: ');
  await expect(calls).toContainText('usage-completions_1d_30days.json');
  await expect(calls).not.toContainText("the scenario's own value");
  await page.screenshot({ path: 'test-results/usage-scenario.png', fullPage: true });
  expect(errors).toEqual([]);
});

// One press replaces every task type of a scenario: it asks first, and "no" changes nothing.
test('replacing a scenario\'s workload asks first; no replaces nothing, yes makes a revision', async ({ page }) => {
  await createFromTemplate(page, 'sonnet-vs-2xa100');
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  await page.getByTestId('upload-input').setInputFiles([SESSION]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(1);
  await page.getByLabel('Scenario').selectOption({ index: 1 });
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await page.getByTestId('usage-replace').click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('the others are removed');
  await expect(page.getByTestId('usage-applied')).toHaveCount(0);
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('usage-replace').click();
  await expect(page.getByTestId('usage-applied')).toContainText('in revision 2');
});

test('a Claude Code session whose calls use two models becomes one task type per model', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  // The shared session uses one model: built here into a two-model session by moving
  // every other request (by its requestId) to Haiku 4.5, and said so in the name.
  const lines = fs.readFileSync(SESSION, 'utf8').split('\n');
  const ids: string[] = [];
  const out = lines.map((l) => {
    if (!l.trim()) return l;
    const v = JSON.parse(l);
    if (v.type === 'assistant' && v.requestId && v.message?.model) {
      if (!ids.includes(v.requestId)) ids.push(v.requestId);
      if (ids.indexOf(v.requestId) % 2 === 1) v.message.model = 'claude-haiku-4-5-20251001';
    }
    return JSON.stringify(v);
  });
  await page.getByTestId('upload-input').setInputFiles([{ name: 'two-models-built-from-cctrace.jsonl', mimeType: 'application/json', buffer: Buffer.from(out.join('\n')) }]);
  await expect(page.getByTestId('upload-ok')).toContainText('Claude Code session log');
  await expect(page.getByTestId('usage-task')).toHaveCount(2);
  await expect(page.getByTestId('usage-task').filter({ hasText: 'claude-haiku-4-5-20251001' })).toHaveCount(1);
  await expect(page.getByTestId('usage-no-reconciliation')).toBeVisible();
  expect(errors).toEqual([]);
});

test('usage page: a wrong format choice is refused at the file; the original is kept only when ticked, downloads, and goes with a delete', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 422/);
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  const format = page.getByTestId('usage-upload').getByLabel('File format');
  // Chosen wrongly: refused at the file, naming what it is; nothing listed.
  await format.selectOption('openai_costs');
  await page.getByTestId('upload-input').setInputFiles([SESSION]);
  await expect(page.getByTestId('upload-error')).toContainText('reads as Claude Code session log');
  await expect(page.getByTestId('usage-files')).toHaveCount(0);
  // Chosen rightly, with the original kept.
  await format.selectOption('claude_code');
  await page.getByTestId('keep-original').check();
  await page.getByTestId('upload-input').setInputFiles([SESSION]);
  await expect(page.getByTestId('upload-ok')).toContainText('original kept');
  const link = page.getByTestId('usage-original');
  await expect(link).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await download.path();
  expect(fs.readFileSync(saved!, 'utf8')).toEqual(fs.readFileSync(SESSION, 'utf8'));
  await page.screenshot({ path: 'test-results/usage-original.png', fullPage: true });
  // Deleted (after a confirmation): the row, and its original, go.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('usage-delete').click();
  await expect(page.getByTestId('usage-files')).toHaveCount(0);
  await expect(page.getByText('No usage files yet')).toBeVisible();
});

test('the same usage uploaded again is kept and says it is counted once', async ({ page }) => {
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  await page.getByTestId('upload-input').setInputFiles([USAGE]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(1);
  await page.getByTestId('upload-input').setInputFiles([USAGE]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(2);
  await expect(page.getByTestId('upload-warn')).toHaveCount(1);
  await expect(page.getByTestId('upload-warn')).toHaveText(
    /^The same usage \(format, period and totals\) was already imported on \d{4}-\d\d-\d\d \d\d:\d\d UTC as openai-cookbook_usage-completions_1d_30days\.json: read together, the two count it once\.$/,
  );
  await expect(page.getByTestId('usage-files').locator('tbody tr')).toHaveCount(2);
});

// A resumed Claude Code session repeats the calls before it in its own file: the two
// logs chosen together with "read as one" ticked are one upload, and a call in both
// counts once (the session alone is 100 calls).
test('logs of one session chosen together are read as one: a call in two files counts once', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  const text = fs.readFileSync(SESSION, 'utf8');
  const head = text.split('\n').slice(0, 120).join('\n');
  const resumed = { name: 'resumed.jsonl', mimeType: 'application/json', buffer: Buffer.from(head) };
  const session = { name: path.basename(SESSION), mimeType: 'application/json', buffer: Buffer.from(text) };
  await page.getByTestId('read-together').check();
  await page.getByTestId('upload-input').setInputFiles([session, resumed]);
  const item = page.getByTestId('upload-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`${path.basename(SESSION)} + resumed.jsonl`);
  await expect(item.getByTestId('upload-ok')).toContainText('100 usage records');
  await expect(page.getByTestId('usage-files').locator('tbody tr')).toHaveCount(1);
  // The tick was for those files: it is off again, and the same two are two uploads.
  await expect(page.getByTestId('read-together')).not.toBeChecked();
  await page.getByTestId('upload-input').setInputFiles([session, resumed]);
  await expect(item).toHaveCount(3);
  await expect(page.getByTestId('usage-files').locator('tbody tr')).toHaveCount(3);
  expect(errors).toEqual([]);
});

// Anthropic's usage report counts tokens but no requests: its group asks for calls a
// month, and the file's tokens over the typed calls become its task type, which then
// makes a scenario whose calls say they were typed with the import.
test('a report that counts no requests takes calls a month typed at its group', async ({ page }) => {
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  const REPORT = path.join(SAMPLES, 'anthropic-admin-reports/anthropic-docs_usage-report-messages_example.json');
  await page.getByTestId('upload-input').setInputFiles([REPORT]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(1);
  await expect(page.getByTestId('usage-task')).toHaveCount(0);
  const field = page.getByTestId('usage-typed-calls');
  await expect(field).toHaveCount(1);
  await expect(page.getByTestId('usage-unavailable')).toContainText('counts no requests');
  // Not a number: said at the field, nothing read.
  await field.fill('lots');
  await field.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'is not a number of calls' })).toBeVisible();
  await expect(page.getByTestId('usage-task')).toHaveCount(0);
  // 61 calls a month: the report's one day holds ~2 of them.
  await field.fill('61');
  await field.press('Enter');
  await expect(page.getByTestId('usage-task')).toHaveCount(1);
  await expect(page.getByTestId('usage-task')).toContainText('claude-opus-4-6');
  await expect(page.getByTestId('usage-typed').getByTestId('usage-typed-calls')).toHaveValue('61');
  await page.screenshot({ path: 'test-results/usage-typed-calls.png', fullPage: true });
  await page.getByTestId('usage-create').click();
  await expect(page.getByTestId('usage-applied')).toContainText('1 task type in revision 1');
  // No requests over time: no back-test is asked for, and the page says why.
  await expect(page.getByTestId('backtest-none')).toContainText('count no requests over time');
  await expect(page.getByTestId('backtest-error')).toHaveCount(0);
  await page.getByTestId('usage-applied').getByRole('link').click();
  await page.waitForURL(/\/s\/[0-9a-f]+\?key=/);
  await hydrated(page);
  await expect(page.getByLabel('Calls per month')).toHaveValue('61');
  const prov = page.getByTestId('task-0-provenance');
  await prov.locator('summary').click();
  await expect(prov).toContainText('typed with the import: 61 calls a month');
  await expect(prov).toContainText('over the typed 61 calls a month');
});

// Two models in one report: each field shows its own group's count after every reading
// (a field reused for another group never shows the last one typed), and text that is
// no count stays in its field with its reason while others are typed, and holds the
// workload back until it is fixed.
test('typed calls stay with their group, and a wrong one holds the workload back', async ({ page }) => {
  await page.goto(`${await workspaceUrl(page)}/usage`);
  await hydrated(page);
  const day = (d: number) => ({
    starting_at: `2025-09-${String(d).padStart(2, '0')}T00:00:00Z`, ending_at: `2025-09-${String(d + 1).padStart(2, '0')}T00:00:00Z`,
    results: ['claude-sonnet-4-5', 'claude-haiku-4-5'].map((model, i) => ({
      model, uncached_input_tokens: (i + 1) * 4e7, output_tokens: (i + 1) * 2e6, cache_read_input_tokens: 0,
      cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 }, service_tier: 'standard',
    })),
  });
  const report = { data: [1, 2, 3, 4, 5, 6, 7].map(day), has_more: false };
  await page.getByTestId('upload-input').setInputFiles([{ name: 'two-models-report.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) }]);
  await expect(page.getByTestId('upload-ok')).toHaveCount(1);
  const unavailable = page.getByTestId('usage-unavailable');
  await expect(unavailable.getByTestId('usage-typed-calls')).toHaveCount(2);
  const sonnet = page.getByLabel(/Calls a month of claude-sonnet-4-5/);
  const haiku = page.getByLabel(/Calls a month of claude-haiku-4-5/);
  await sonnet.fill('1.2M');
  await sonnet.press('Enter');
  await expect(page.getByTestId('usage-task')).toHaveCount(1);
  await expect(page.getByTestId('usage-typed').getByTestId('usage-typed-calls')).toHaveValue('1,200,000');
  await expect(haiku).toHaveValue('');
  // A wrong count stays, said, while another group is typed; nothing can be used.
  await haiku.fill('lots');
  await haiku.press('Enter');
  await expect(page.getByText('“lots” is not a number of calls')).toBeVisible();
  await page.getByLabel(/Calls a month of claude-sonnet-4-5/).fill('1,300,000');
  await page.getByLabel(/Calls a month of claude-sonnet-4-5/).press('Enter');
  await expect(page.getByTestId('usage-typed').getByTestId('usage-typed-calls')).toHaveValue('1,300,000');
  await expect(haiku).toHaveValue('lots');
  await expect(page.getByText('“lots” is not a number of calls')).toBeVisible();
  await expect(page.getByTestId('usage-create')).toBeDisabled();
  await expect(page.getByTestId('usage-unfixed')).toBeVisible();
  // Cleared: the Sonnet group asks again with an empty field; Haiku's fixed count is used.
  await haiku.fill('3000000');
  await haiku.press('Enter');
  await expect(page.getByTestId('usage-task')).toHaveCount(2);
  await expect(page.getByTestId('usage-create')).toBeEnabled();
  await page.getByLabel(/Calls a month of claude-sonnet-4-5/).fill('');
  await page.getByLabel(/Calls a month of claude-sonnet-4-5/).press('Enter');
  await expect(page.getByTestId('usage-task')).toHaveCount(1);
  await expect(page.getByTestId('usage-task')).toContainText('claude-haiku-4-5');
  await expect(unavailable.getByLabel(/Calls a month of claude-sonnet-4-5/)).toHaveValue('');
});
