import { test, expect, createFromTemplate, hydrated, text, typeInto, watchErrors, workspaceUrl } from './helpers';

test('create, edit, numbers change live, save, view link shows the same numbers read-only', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  await expect(page.getByTestId('api-cost-0')).toBeVisible();
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  // The article's claims, checked: the 1,000x slip is called out with the right number.
  await expect(page.getByTestId('article-check')).toContainText('million, not billion');
  await expect(page.getByTestId('article-check')).toContainText('103,680,000');

  // Doubling the calls doubles the API cost: computed by the server's engine, no reload.
  const navigations: string[] = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations.push(f.url()); });
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  // A tier price edit moves its cost too: 1M x (800 x 0.8 + 400 x 5) / 1e6 = $2,640.
  await typeInto(page, 'Output price', '5', 0);
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,640');
  // GPU $/hour and tokens/s move the self-hosted cost. By hand, at 1M calls x 400 output
  // tokens = 400M tokens/month: one replica of the typed 80 tok/s at 50% utilisation
  // serves 80 x 0.5 x 720 h x 3600 s = 103.68M, so ceil(400 / 103.68) = 4 replicas.
  // People (the defaults), steady state: maintenance 3 h x $150 = $450, upgrades
  // 1 x 8 h x $150 / 12 = $100: $550 a month. Setup 3 d x 8 h x $150 = $3,600 is one-off,
  // shown apart and not in the monthly cost.
  // At $0.44 (the template): 4 x 0.44 x 720 + 550 = $1,817.2.
  expect(await text(page, 'self-cost-0')).toBe('$1,817');
  expect(await text(page, 'self-setup-0')).toBe('$3,600');
  // At $0.74: 4 x 0.74 x 720 + 550 = $2,681.2.
  await typeInto(page, 'GPU price', '0.74', 0);
  await expect.poll(() => text(page, 'self-cost-0')).toBe('$2,681');
  // At 400 tok/s: 400 x 0.5 x 2,592,000 = 518.4M >= 400M, one replica: 0.74 x 720 + 550 = $1,082.8.
  await typeInto(page, 'Throughput per replica', '400', 0);
  await expect.poll(() => text(page, 'self-cost-0')).toBe('$1,083');
  expect(navigations).toEqual([]);

  const breakEven = await page.getByTestId('break-even-0-0').innerText();
  const selfCost = await text(page, 'self-cost-0');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');

  // The view link, in a fresh browser context (no cookies, no local storage).
  const viewHref = await page.getByTestId('view-link').getAttribute('href');
  const ctx = await browser.newContext();
  const viewer = await ctx.newPage();
  const viewerErrors = watchErrors(viewer);
  await viewer.goto(viewHref!);
  await hydrated(viewer);
  await expect(viewer.getByTestId('read-only')).toContainText('revision 2');
  expect(await text(viewer, 'api-cost-0')).toBe('$2,640');
  expect(await text(viewer, 'self-cost-0')).toBe(selfCost);
  expect(await viewer.getByTestId('break-even-0-0').innerText()).toBe(breakEven);
  await expect(viewer.getByTestId('save')).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: /save/i })).toHaveCount(0);
  await expect(viewer.getByLabel('Calls per month')).toHaveAttribute('readonly', '');
  await ctx.close();
  expect(errors).toEqual([]);
  expect(viewerErrors).toEqual([]);
});

// The other way to keep a stale edit: laid over the latest revision, field by field,
// shown unsaved with what it changes and what both changed, then saved as revision 3.
test('two tabs edit the same scenario: the second re-applies its edit on the latest revision', async ({ page, context, consoleErrors }) => {
  consoleErrors.allow(/status of 409/);
  const url = await createFromTemplate(page, 'sonnet-vs-2xa100');
  const second = await context.newPage();
  await second.goto(url);
  await hydrated(second);
  // The first tab: an output price and the calls.
  await typeInto(page, 'Output price', '16', 0);
  await typeInto(page, 'Calls per month', '2000000');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  // The second: the calls too, and the hours.
  await typeInto(second, 'Calls per month', '3000000');
  await typeInto(second, 'Hours per month', '730');
  await second.getByTestId('save').click();
  await expect(second.getByTestId('conflict')).toContainText('Your edit was not saved');
  await second.getByTestId('reapply').click();
  const note = second.getByTestId('reapplied');
  await expect(note).toContainText('Your edit is laid over revision 2');
  await expect(note).toContainText('Hours per month: 720 → 730');
  await expect(second.getByTestId('reapplied-both')).toContainText('2,000,000 → 3,000,000');
  // Theirs where the edit left it alone, the edit's where it changed it.
  await expect(second.getByLabel('Output price').first()).toHaveValue('16');
  await expect(second.getByLabel('Calls per month')).toHaveValue('3000000');
  await expect(second.getByLabel('Hours per month')).toHaveValue('730');
  await expect(second.getByTestId('save-status')).toHaveText('Unsaved changes');
  await second.getByTestId('save').click();
  await expect(second.getByTestId('save-status')).toHaveText('Saved revision 3');
  await expect(note).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Output price').first()).toHaveValue('16');
  await expect(page.getByLabel('Hours per month')).toHaveValue('730');
});

test('two tabs edit the same scenario: the second save gets the conflict and keeps the edit as a copy', async ({ page, context, consoleErrors }) => {
  consoleErrors.allow(/status of 409/);
  const url = await createFromTemplate(page, 'sonnet-vs-2xa100');
  const second = await context.newPage();
  await second.goto(url);
  await hydrated(second);

  await typeInto(page, 'Calls per month', '2000000');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');

  await typeInto(second, 'Calls per month', '3000000');
  await expect.poll(() => text(second, 'api-cost-0')).toBe('$25,200');
  await second.getByTestId('save').click();
  const conflict = second.getByTestId('conflict');
  await expect(conflict).toContainText('Your edit was not saved');
  await expect(conflict).toContainText('revision 2');
  // The edit survives on the page ...
  await expect(second.getByLabel('Calls per month')).toHaveValue('3000000');
  // A copy refused (a field holds text that is not a number) says why inside the
  // notice, and the notice stays: the conflict is still there.
  await typeInto(second, 'Calls per month', 'lots');
  await second.getByTestId('save-copy').click();
  await expect(second.getByTestId('copy-error')).toContainText('Calls per month');
  await expect(conflict).toContainText('Your edit was not saved');
  await typeInto(second, 'Calls per month', '3000000');
  // ... and becomes its own scenario.
  await second.getByTestId('save-copy').click();
  await second.waitForURL((u) => !u.toString().startsWith(url.split('?')[0]));
  await hydrated(second);
  await expect(second.getByLabel('Calls per month')).toHaveValue('3000000');
  await expect(second.getByRole('heading', { level: 1 })).toContainText('(my copy)');
  expect(await text(second, 'api-cost-0')).toBe('$25,200');

  // The first tab's save was not overwritten.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Calls per month')).toHaveValue('2000000');
});

test('an invalid value is marked at its field with the engine message and saving is refused', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 422/);
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  await typeInto(page, 'Output price', '-3', 0);
  const field = page.getByLabel('Output price').first();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-api_tiers-0-output_per_mtok-err')).toHaveText('cannot be negative');
  // The results name the field as the editor does, not by its path.
  await expect(page.getByTestId('invalid')).toContainText('Claude Haiku 3.5: output price');
  await expect(page.getByTestId('invalid')).not.toContainText('api_tiers[0]');
  // Text that is not a number next: the field says so, and the results no longer list
  // what was refused of the earlier -3.
  await typeInto(page, 'Output price', 'abc', 0);
  await expect(page.locator('#f-api_tiers-0-output_per_mtok-err')).toHaveText('enter a number');
  await expect(page.getByTestId('invalid')).toHaveCount(0);
  await expect(page.getByTestId('numbers-stale')).toBeVisible();
  await typeInto(page, 'Output price', '-3', 0);
  await expect(page.getByTestId('invalid')).toContainText('Claude Haiku 3.5: output price');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toContainText('not saved: fix the marked fields first (Claude Haiku 3.5: output price)');
  await page.reload();
  await hydrated(page);
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
});

// Text that is not a number, alone (no other invalid field to mask it): the results say
// they leave the edit out, Save refuses and names the field, the stored value stays.
for (const [typed, why] of [
  ['lots', 'enter a number'],
  ['', 'enter a number'],
  ['1e309', 'too large: no field takes a number this size'],
  // Too small for a float is not zero.
  ['1e-400', 'too small to be read (it would be 0): enter a number above 1e-300'],
  // A number with its unit: the field says to type it alone.
  ['$500,000', 'type the number alone, without the currency sign: the unit is beside the field'],
  // A decimal comma is refused, never read as thousands (0,92 is not 92).
  ['1,5', 'use a point for decimals (0.92); a comma goes only between thousands (1,000)'],
]) {
  test(`text that is not a number (${JSON.stringify(typed)}) is never saved silently`, async ({ page }) => {
    const errors = watchErrors(page);
    const url = await createFromTemplate(page, 'haiku-vs-4090');
    await typeInto(page, 'Calls per month', typed);
    await expect(page.locator('#f-task_types-0-calls_per_month-err')).toHaveText(why);
    await expect(page.getByTestId('pending-text')).toContainText('Calls per month');
    // The chart says it is not of this edit, and the head that the edit is not saved.
    await expect(page.getByTestId('chart-stale')).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes (a field is not a number)');
    // So do the numbers and the sticky head: no figure shown as current for the old value.
    await expect(page.getByTestId('numbers-stale')).toBeVisible();
    await expect(page.getByTestId('head-cheapest')).toHaveText('Not updated: a field is not a number');
    // Still the saved 500,000 calls: 500k x (800 x 0.8 + 400 x 4) / 1e6 = $1,120.
    expect(await text(page, 'api-cost-0')).toBe('$1,120');
    await page.getByTestId('save').click();
    await expect(page.getByTestId('save-status')).toContainText('not saved');
    await expect(page.getByTestId('save-status')).toContainText('Calls per month');
    // Fixing the field clears the notice and lets the save through.
    await typeInto(page, 'Calls per month', '700000');
    await expect(page.getByTestId('pending-text')).toHaveCount(0);
    await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,568');
    await expect(page.getByTestId('numbers-stale')).toHaveCount(0);
    await expect(page.getByTestId('head-cheapest')).toContainText('Cheapest:');
    await page.goto(url);
    await hydrated(page);
    // Nothing was saved by the refused click: revision 1, 500,000 calls.
    await expect(page.getByLabel('Calls per month')).toHaveValue('500000');
    await expect(page.getByTestId('save-status')).toHaveText('Saved revision 1');
    expect(errors).toEqual([]);
  });
}

// Thousands grouped as people write them: commas, spaces, no-break spaces.
test('grouped numbers read as written: 1,000,000 and 1 000 000 are a million', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  for (const typed of ['1,000,000', '1 000 000', '1\u00a0000\u00a0000']) {
    await typeInto(page, 'Calls per month', '500000');
    await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,120');
    await typeInto(page, 'Calls per month', typed);
    // 1M x (800 x 0.8 + 400 x 4) / 1e6 = $2,240.
    await expect.poll(() => text(page, 'api-cost-0'), typed).toBe('$2,240');
    await expect(page.getByTestId('pending-text')).toHaveCount(0);
  }
  // A shorthand is read too, and the field says how; a number in full says nothing more.
  const readAs = page
    .locator('.field', { has: page.getByLabel('Calls per month', { exact: true }) })
    .locator('.read-as');
  for (const typed of ['1M', '1,000k', '1 m']) {
    await typeInto(page, 'Calls per month', '500000');
    await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,120');
    await expect(readAs).toBeHidden();
    await typeInto(page, 'Calls per month', typed);
    await expect.poll(() => text(page, 'api-cost-0'), typed).toBe('$2,240');
    await expect(readAs).toHaveText('read as 1,000,000');
  }
});

test('a workspace lists its scenarios newest first and searches by name; every control is labelled', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  await createFromTemplate(page, 'sonnet-vs-2xa100');
  await page.goto(await workspaceUrl(page));
  await hydrated(page);
  const rows = page.getByTestId('scenario-list').locator('tbody tr');
  await expect(rows.first()).toContainText('Sonnet vs 2x A100');
  await page.getByLabel('Search by name').fill('Haiku');
  await expect(rows.first()).toContainText('Haiku vs RTX 4090');
  await expect(page.getByTestId('scenario-list')).not.toContainText('Sonnet vs 2x A100');
  // Members get an Edit link.
  await expect(rows.first().getByRole('link', { name: 'Edit' })).toBeVisible();

  await rows.first().getByRole('link', { name: 'Edit' }).click();
  await hydrated(page);
  const unlabelled = await page.locator('input:not([type=hidden]), select').evaluateAll((els) =>
    els.filter((e) => !(e.id && document.querySelector(`label[for="${e.id}"]`)) && !e.getAttribute('aria-label')).length);
  expect(unlabelled).toBe(0);
});

test('history lists revisions and restoring one makes a new revision', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  await typeInto(page, 'Calls per month', '700000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,568');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  await page.getByRole('link', { name: 'History' }).click();
  await hydrated(page);
  await expect(page.getByTestId('history').locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(page.getByTestId('history-status')).toHaveText('Restored revision 1 as the new revision 3.');
  await expect(page.getByTestId('history').locator('tbody tr')).toHaveCount(3);
  // Each revision says what changed, in the editor's words, and its headline number.
  await expect(page.getByTestId('changes-2')).toContainText('500,000 → 700,000');
  await expect(page.getByTestId('changes-3')).toContainText('700,000 → 500,000');
  await expect(page.getByTestId('changes-1')).toContainText('The scenario as first saved');
  // Steady state: one replica of the batched 4090 estimate, 0.44 x 720 x 1.2 + $550 = $930.16.
  await expect(page.getByTestId('changes-2')).toContainText('cheapest: RTX 4090 + Llama 3.1 8B (estimated, batched) at $930.16/month');
  await expect(page.getByTestId('compare-any-link')).toHaveAttribute('href', /a=1&b=3$/);
  await page.getByRole('link', { name: 'Back to the editor' }).click();
  await hydrated(page);
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  // An old revision, read-only.
  await page.getByRole('link', { name: 'History' }).click();
  await hydrated(page);
  await page.getByTestId('view-2').click();
  await page.waitForURL(/\/f\/[0-9a-f]{32}$/);
  await hydrated(page);
  await expect(page.getByTestId('read-only')).toContainText('revision 2');
  expect(await text(page, 'api-cost-0')).toBe('$1,568');
});

// Two clients (app/src/split.rs): a link from the site's pages to the editor is a page
// load that brings the editor's client; a link between a scenario's pages is followed in
// the browser, and the page drawn there has its numbers without asking the engine.
test('a link to the editor loads its client; a link between its pages is drawn in the browser and asks the engine once', async ({ page }) => {
  const errors = watchErrors(page);
  const edit = await createFromTemplate(page, 'haiku-vs-4090');
  await page.goto(await workspaceUrl(page));
  await hydrated(page);
  const asked: string[] = [];
  const clients: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url()).pathname;
    if (u.startsWith('/sfn/')) asked.push(u);
    if (/\/pkg\/.*\.wasm$/.test(u)) clients.push(u.split('/').pop()!.split('.')[0]);
  });
  await page.getByRole('link', { name: 'Edit', exact: true }).first().click();
  await page.waitForURL(edit);
  await hydrated(page);
  expect(clients).toEqual(['editor']);
  expect(asked.filter((u) => u === '/sfn/load_for_edit')).toEqual([]);
  expect(await text(page, 'api-cost-0')).toBe('$1,120');

  // The view link: the same client draws it, from the server function's data ...
  const loads = page.waitForRequest('**/sfn/load_for_view');
  await page.getByTestId('view-link').click();
  await page.waitForURL(/\/v\//);
  await loads;
  expect(clients).toEqual(['editor']);
  // ... with the results panel, laid out by the server with every number explained.
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  await expect(page.locator('details.explain[data-testid="api-cost-0"]')).toHaveCount(1);
  await expect(page.getByTestId('chart')).toContainText('now: 500k');
  // Nothing asks the engine again for what the data already held.
  await page.waitForTimeout(500);
  expect(asked.filter((u) => u === '/sfn/evaluate_live')).toEqual([]);

  // Back to the editor: editing asks, and the numbers follow: 1M x (800 x 0.8 + 400 x 4) / 1e6.
  await page.goBack();
  await page.waitForURL(edit);
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  expect(asked.filter((u) => u === '/sfn/evaluate_live').length).toBeGreaterThan(0);
  // History is the site's client: a page load. With the edit unsaved, the link asks once
  // (the browser's own question does not follow the answer "leave").
  const asked2: string[] = [];
  page.on('dialog', (d) => { asked2.push(d.type()); d.accept(); });
  await page.getByRole('link', { name: 'History' }).click();
  await page.waitForURL(/\/history\?/);
  await hydrated(page);
  expect(asked2).toEqual(['confirm']);
  expect(clients).toEqual(['editor', 'breakeven']);
  expect(errors).toEqual([]);
});

// A scenario's notes (what it is for, where its figures come from) are edited with it,
// saved in its revision, and shown read-only on its view link.
test('notes are edited, saved with the scenario and shown on its view link', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  const notes = page.getByLabel(/^Notes/);
  await notes.fill('Budget from the Q3 plan.\nPrices as of November.');
  await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel(/^Notes/)).toHaveValue('Budget from the Q3 plan.\nPrices as of November.');
  const view = await page.getByTestId('view-link').getAttribute('href');
  expect(view).toMatch(/^\/v\//);
  await page.goto(view!);
  await expect(page.getByLabel(/^Notes/)).toHaveValue('Budget from the Q3 plan.\nPrices as of November.');
  await expect(page.getByLabel(/^Notes/)).toHaveAttribute('readonly', '');
});
