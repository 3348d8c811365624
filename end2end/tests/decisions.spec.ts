import { test, expect, createFromTemplate, createWorkspace, hydrated, text, typeInto, watchErrors, workspaceUrl } from './helpers';

test('catalog: search, add a negotiated tier and a private GPU, both offered in the editor and marked custom', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 422/);
  const errors = watchErrors(page);
  await page.goto(`${await workspaceUrl(page)}/catalog`);
  await hydrated(page);
  await page.getByTestId('catalog-search').fill('H100 SXM');
  await expect(page.getByTestId('catalog-gpus').locator('tbody tr:visible')).toHaveCount(1);
  await expect(page.getByTestId('catalog-gpus').locator('tbody tr:visible')).toContainText('NVIDIA H100 SXM 80 GB');
  await page.getByTestId('catalog-search').fill('');

  // An invalid custom entry is refused at its field; a valid one is stored.
  await page.getByLabel('Tier name').fill('Sonnet (negotiated)');
  await page.getByLabel('Input price').fill('-1');
  await page.getByTestId('custom-add').click();
  await expect(page.locator('#f-entry-input_per_mtok-err')).toHaveText('must be a number, 0 or more');
  await page.getByLabel('Input price').fill('2.4');
  await page.getByLabel('Output price').fill('12');
  await page.getByTestId('custom-add').click();
  await expect(page.getByTestId('custom-status')).toHaveText('Added "Sonnet (negotiated)".');
  await page.getByTestId('custom-kind').selectOption('gpu');
  await page.getByLabel('GPU name').fill('Team MI300X');
  await page.getByLabel('VRAM').fill('192');
  await page.getByLabel('Memory bandwidth').fill('5300');
  await page.getByLabel('Dense BF16').fill('1307');
  await page.getByLabel('Power').fill('750');
  await page.getByTestId('custom-add').click();
  await expect(page.getByTestId('custom-entries')).toContainText('Team MI300X');
  await expect(page.getByTestId('custom-entries').locator('.badge.custom')).toHaveCount(2);

  // The editor offers both.
  await createFromTemplate(page, 'haiku-vs-4090');
  const tierOption = page.locator('#add-tier option', { hasText: 'Sonnet (negotiated)' });
  await expect(tierOption).toHaveCount(1);
  await page.locator('#add-tier').selectOption({ label: await tierOption.innerText() });
  await page.getByRole('button', { name: '+ Add tier' }).click();
  await expect(page.getByTestId('tier-2').getByRole('textbox', { name: 'Tier', exact: true })).toHaveValue('Sonnet (negotiated)');
  await expect(page.getByTestId('tier-2')).toContainText('custom catalog entry');

  await page.getByRole('button', { name: '+ Add GPU configuration' }).click();
  const config = page.getByTestId('config-2');
  await config.getByLabel('GPU', { exact: true }).selectOption({ label: 'Team MI300X (custom)' });
  await config.getByLabel('Model', { exact: true }).selectOption({ label: 'Llama 3.1 70B' });
  await expect(page.getByTestId('self-cost-2')).toContainText('$');
  // With a typed price and throughput the cost is hand-computable: 500k calls x 400 =
  // 200M output tokens; one replica at 500 tok/s x 0.6 x 720 h x 3600 s = 777.6M serves
  // them: 720 h x $2 x 1.2 (idle overhead) = $1,728, plus $550 of steady people costs = $2,278.
  await config.getByLabel('GPU price').fill('2');
  await config.getByLabel('Throughput from').selectOption('typed');
  await config.getByLabel('Throughput per replica').fill('500');
  await expect.poll(() => text(page, 'self-cost-2')).toBe('$2,278');
  // The refused entry's 422 is logged by the browser as a failed resource; nothing else.
  expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
});

test('add a task type and a GPU configuration from the catalog; an explanation opens to its formula; ranges draw the band', async ({ page }) => {
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  await page.getByRole('button', { name: '+ Add task type' }).click();
  const task = page.getByTestId('task-1');
  await task.getByLabel('Calls per month').fill('100000');
  // A new task type has 800 in / 400 out: Haiku 3.5 for both, (500k + 100k) x
  // (800 x 0.8 + 400 x 4) / 1e6 = 600k x 2,240 / 1e6 = $1,344.
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,344');

  await page.getByRole('button', { name: '+ Add GPU configuration' }).click();
  const config = page.getByTestId('config-2');
  await config.getByLabel('GPU', { exact: true }).selectOption({ label: 'NVIDIA L40S 48 GB' });
  await config.getByLabel('Model', { exact: true }).selectOption({ label: 'Mistral 7B v0.3' });
  await expect(page.getByTestId('self-cost-2')).toContainText('$');
  // With a typed price and throughput the cost is hand-computable: 600k calls x 400 =
  // 240M output tokens; one replica at 1,000 tok/s x 0.6 utilisation x 720 h x 3600 s =
  // 1,555.2M serves them. GPU time 720 h x $1.50 x 1.2 (idle overhead) = $1,296, plus
  // $550 of steady people costs (see editor.spec.ts) = $1,846.
  await config.getByLabel('GPU price').fill('1.5');
  await config.getByLabel('Throughput from').selectOption('typed');
  await config.getByLabel('Throughput per replica').fill('1000');
  await expect.poll(() => text(page, 'self-cost-2')).toBe('$1,846');

  // Every number explains itself: the monthly cost opens to its formula and inputs.
  await page.getByTestId('api-cost-0').locator('summary').click();
  const body = page.getByTestId('api-cost-0').locator('.explain-body');
  await expect(body.locator('.formula')).toContainText('Formula:');
  await expect(body.locator('table.inputs')).toContainText('output price');

  // A low/high range on an input adds the P10-P90 band to the chart.
  const polygons = await page.getByTestId('chart').locator('polygon').count();
  await page.getByRole('button', { name: '+ Add a range' }).click();
  await expect(page.getByTestId('range-0')).toBeVisible();
  await expect.poll(() => page.getByTestId('chart').locator('polygon').count()).toBeGreaterThan(polygons);
  expect(errors).toEqual([]);
});

test('compare: two revisions with the changed input highlighted, and two scenarios side by side', async ({ page }) => {
  const errors = watchErrors(page);
  const editUrl = await createFromTemplate(page, 'haiku-vs-4090');
  await typeInto(page, 'Output price', '5', 0);
  // 500k x (800 x 0.8 + 400 x 5) / 1e6 = $1,320.
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,320');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');

  const u = new URL(editUrl);
  await page.goto(`${u.pathname}/history${u.search}`);
  await hydrated(page);
  await page.getByTestId('compare-1').click();
  await expect(page.getByTestId('diffs').locator('tr.changed')).toHaveCount(1);
  await expect(page.getByTestId('diffs')).toContainText('output price');
  await expect(page.getByTestId('diffs').locator('td.b')).toHaveText('5');
  // The editor's words and numbers, never a JSON path.
  expect(await page.getByTestId('diffs').innerText()).not.toMatch(/\[\d+\]|_per_/);
  await expect(page.getByTestId('compare-costs').locator('tr.changed').first()).toContainText('+$');
  // A way back: the scenario's history and its editor.
  await expect(page.getByTestId('compare-back').getByRole('link', { name: 'History' })).toHaveAttribute('href', `${u.pathname}/history${u.search}`);
  await expect(page.getByTestId('compare-back').getByRole('link', { name: 'Open the scenario' })).toHaveAttribute('href', `${u.pathname}${u.search}`);

  await createFromTemplate(page, 'sonnet-vs-2xa100');
  await page.goto(await workspaceUrl(page));
  await hydrated(page);
  const picks = page.getByTestId('compare-pick');
  await picks.nth(0).check();
  await picks.nth(1).check();
  await page.getByTestId('compare-link').click();
  await expect(page.getByTestId('compare-summary-a')).toContainText('Cheapest:');
  await expect(page.getByTestId('compare-summary-b')).toContainText('Cheapest:');
  await expect(page.getByTestId('compare-back').getByRole('link', { name: 'Open A' })).toHaveAttribute('href', /^\/v\/[0-9a-f]+$/);
  // The Haiku scenario's saved revision 2, in steady state: the batched 4090 estimate needs
  // one replica, 0.44 x 720 x 1.2 + $550 people = $930.16, under Haiku 3.5's $1,320.
  await expect(page.locator('[data-testid^="compare-summary-"]', { hasText: 'RTX 4090 + Llama 3.1 8B (estimated' })).toContainText('Cheapest: RTX 4090 + Llama 3.1 8B (estimated, batched) at $930.16/month');
  await expect(page.getByTestId('diffs')).toContainText('name');
  // An option of one side only says so beside its dash, as does one that cannot serve.
  await expect(page.getByTestId('compare-costs').locator('small.why').first()).toHaveText(/^not in [AB]$/);
  expect(errors).toEqual([]);
});

test('compare: two sides in different currencies are told apart in US dollars, each at its own rate', async ({ page }) => {
  const ws = await (await page.request.post('/api/workspaces', { data: { name: 'Two currencies' } })).json();
  const headers = { 'X-Workspace-Key': ws.key };
  const usd = await (await page.request.post('/api/scenarios', { headers, data: { template: 'haiku-vs-4090' } })).json();
  const doc = (await (await page.request.get(`/api/scenarios/${usd.id}`, { headers: { 'X-Edit-Key': usd.edit_key } })).json()).document;
  doc.currency = { code: 'EUR', per_usd: 0.92, as_of: new Date().toISOString().slice(0, 10), source: 'ECB reference rate' };
  doc.task_types[0].calls_per_month = 1000000;
  const eur = await (await page.request.post('/api/scenarios', { headers, data: { document: doc } })).json();
  await page.goto(`/compare?a=${usd.view_token}&b=${eur.view_token}`);
  // Haiku 3.5: $1,120 at 500,000 calls; at 1,000,000 calls €2,060.80 (shown €2,061) = $2,240: +$1,120.
  const row = page.getByTestId('compare-costs').locator('tr', { hasText: 'Claude Haiku 3.5' });
  await expect(row).toContainText('$1,120');
  await expect(row).toContainText('€2,061');
  await expect(row).toContainText('+$1,120 (in USD, each at its own rate)');
  // One replica of the batched 4090 at both volumes: $930.16 and €855.75 are the same
  // dollars, so no difference (a rounded figure read back would make a few cents).
  const same = page.getByTestId('compare-costs').locator('tr', { hasText: 'estimated, batched' });
  await expect(same).toContainText('€855.75');
  await expect(same).toContainText('$0 (in USD, each at its own rate)');
  await expect(same).not.toContainText('+$');
  // Over a thousand the figures are shown whole: $4,852.72 and €4,464.50 read €4,465, which
  // read back in dollars made "+$0.2609". The unrounded figures are the same dollars.
  const sonnet = await (await page.request.post('/api/scenarios', { headers, data: { template: 'sonnet-vs-2xa100' } })).json();
  const sdoc = (await (await page.request.get(`/api/scenarios/${sonnet.id}`, { headers: { 'X-Edit-Key': sonnet.edit_key } })).json()).document;
  sdoc.currency = doc.currency;
  const seur = await (await page.request.post('/api/scenarios', { headers, data: { document: sdoc } })).json();
  await page.goto(`/compare?a=${sonnet.view_token}&b=${seur.view_token}`);
  const a100 = page.getByTestId('compare-costs').locator('tr', { hasText: '2x A100' });
  await expect(a100).toContainText('€4,465');
  await expect(a100).toContainText('$0 (in USD, each at its own rate)');
  await expect(a100).not.toContainText('+$');
});

test('catalog: entries belong to a workspace; no one outside it sees or deletes them; a member deletes after confirming', async ({ page, browser, consoleErrors }) => {
  consoleErrors.allow(/status of 404/);
  const name = `Quote ${Date.now()}`;
  const ws = await workspaceUrl(page);
  await page.goto(`${ws}/catalog`);
  await hydrated(page);
  await page.getByTestId('custom-kind').selectOption('cloud_price');
  await page.getByLabel('Provider').fill(name);
  await page.locator('#f-entry-hourly_usd').fill('1.99');
  await page.getByTestId('custom-add').click();
  await expect(page.getByTestId('custom-status')).toContainText(`Added "${name} `);
  const row = page.getByTestId('custom-entries').locator('tr', { hasText: name });
  await expect(row.getByRole('button', { name: /^Delete / })).toBeVisible();

  // Another browser with no link: the public catalog lists no team's entries, its own
  // workspace lists none of ours, and the server refuses to delete ours.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto('/catalog');
  await hydrated(stranger);
  await expect(stranger.getByTestId('custom-outside')).toBeVisible();
  // The models' quality classes are shown, and said to be this catalog's assumption.
  await expect(stranger.getByTestId('catalog-models').locator('tr', { hasText: 'Llama 3.1 70B' }).first()).toContainText('2: mid (Sonnet-class)');
  await expect(stranger.getByTestId('catalog-quality-note')).toContainText('not a benchmark');
  await expect(stranger.locator('body')).not.toContainText(name);
  const theirs = await createWorkspace(stranger, 'Another team');
  await stranger.goto(`${theirs}/catalog`);
  await hydrated(stranger);
  await expect(stranger.getByTestId('custom-none')).toBeVisible();
  await expect(stranger.locator('body')).not.toContainText(name);
  const ours = await (await page.request.post('/sfn/list_custom_entries', { data: { access: { Workspace: { token: ws.split('/w/')[1] } } } })).json();
  const entry = ours.find((e: { data: { provider?: string } }) => e.data.provider === name);
  const refused = await stranger.request.post('/sfn/delete_custom_entry', { data: { workspace: theirs.split('/w/')[1], id: entry.id } });
  expect(refused.status()).toBe(404);
  await other.close();

  // A member deletes it, after a second, explicit click; "Keep" keeps it.
  await row.getByRole('button', { name: /^Delete / }).click();
  await row.getByRole('button', { name: 'Keep' }).click();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Delete / }).click();
  await row.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('custom-entries').locator('tr', { hasText: name })).toHaveCount(0);
});

test('workspaces: the home page lists nothing of anyone; a workspace link opens its plans; a view link opens one plan only', async ({ page, browser }) => {
  const edit = await createFromTemplate(page, 'haiku-vs-4090');
  const ws = await workspaceUrl(page);
  const viewHref = await page.locator('a[href^="/v/"]').first().getAttribute('href');
  // This browser remembers its workspace on the home page.
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByTestId('known-workspaces')).toContainText('Test team');
  await expect(page.locator('body')).not.toContainText('Haiku vs RTX 4090');

  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto('/');
  await hydrated(stranger);
  await expect(stranger.getByTestId('no-workspaces')).toBeVisible();
  await expect(stranger.locator('body')).not.toContainText('Haiku vs RTX 4090');
  // A view link shows the one scenario and no way into the workspace.
  await stranger.goto(viewHref!);
  await hydrated(stranger);
  await expect(stranger.locator('h1')).toContainText('Haiku vs RTX 4090');
  expect(await stranger.locator(`a[href^="/w/"]`).count()).toBe(0);
  expect(await stranger.content()).not.toContain(ws.split('/w/')[1]);
  expect(await stranger.content()).not.toContain(new URL(edit).searchParams.get('key')!);
  // The workspace link, sent to a teammate, lists the plan with its edit link.
  await stranger.goto(ws);
  await hydrated(stranger);
  await expect(stranger.getByTestId('scenario-list')).toContainText('Haiku vs RTX 4090');
  await expect(stranger.getByTestId('copy-workspace').locator('input')).toHaveValue(ws);
  await other.close();
});

test('break-evens as a table that respects quality floors; the one-off setup apart from the month', async ({ page }) => {
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  // Steady state: the typed 4090 costs 2 x 0.44 x 720 + $550 people = $1,183.6 a month;
  // the setup (3 d x 8 h x $150 = $3,600) is shown apart, once.
  expect(await text(page, 'self-cost-0')).toBe('$1,184');
  expect(await text(page, 'self-setup-0')).toBe('$3,600');
  // A table, tier by configuration; a figure opens its sentence.
  const table = page.getByTestId('break-even-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const cell = page.getByTestId('break-even-0-0');
  await expect(cell.locator('summary')).toContainText('calls/month');
  await expect(cell.locator('p')).toBeHidden();
  await cell.locator('summary').click();
  await expect(cell.locator('p')).toContainText('becomes cheaper than Claude Haiku 3.5 at');
  // A floor of 3 (frontier) leaves no option: no pair is compared, each cell says why,
  // and the headline says so instead of naming a cheaper option that may not serve.
  await page.getByLabel('Lowest quality that may serve it').selectOption('3');
  await expect(page.getByTestId('not-compared-0-0')).toBeVisible();
  await expect(page.getByTestId('break-even-0-0')).toHaveCount(0);
  await page.getByTestId('not-compared-0-0').locator('summary').click();
  await expect(page.getByTestId('not-compared-0-0')).toContainText("below the workload's quality floor");
  await expect(page.getByTestId('headline')).toContainText("No option meets the workload's quality floor (3)");
  expect(errors).toEqual([]);
});

test('net present value at the hurdle rate, against the tier self-hosting would replace; the rate moves it; a bad rate is refused at its field', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 422/);
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  const basis = page.getByTestId('finance-basis');
  await expect(basis).toContainText('Against Claude Haiku 3.5, over 24 months');
  await expect(basis).toContainText('hurdle rate of 10% a year');
  // README: the 4090 saves -$63.60 a month against Haiku 3.5 and pays $3,600 setup in
  // month 1: NPV at 10% = -$4,995.26, undiscounted -$5,126.40, never paid back.
  expect(await text(page, 'npv-0')).toBe('-$4,995');
  expect(await text(page, 'undiscounted-0')).toBe('-$5,126');
  // The undiscounted sum explains itself too: the months it sums.
  await page.getByTestId('undiscounted-0').locator('summary').click();
  await expect(page.getByTestId('undiscounted-0').locator('.formula')).toContainText('Σ over the 24 months');
  await expect(page.getByTestId('payback-0')).toHaveText('not within 24 months');
  await expect(page.getByTestId('irr-0')).toHaveAttribute('title', /never turn positive/);
  // The reason opens from the dash too (a phone has no hover).
  await page.getByTestId('irr-0').locator('summary').click();
  await expect(page.getByTestId('irr-0').locator('.explain-body')).toContainText(/No IRR: .*never turn positive/);
  // The NPV explains itself: formula and the hurdle rate among its inputs.
  await page.getByTestId('npv-0').locator('summary').click();
  await expect(page.getByTestId('npv-0').locator('.formula')).toContainText('(1 + r)^(t − 1)');
  await expect(page.getByTestId('npv-0').locator('table.inputs')).toContainText('hurdle rate');
  // The internal price per million tokens, for charging back, explains itself too
  // (the NPV's explanation closed first: it lies over the tables below it).
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('internal-price-table')).toContainText('RTX 4090');
  await page.getByTestId('internal-output-0').locator('summary').click();
  await expect(page.getByTestId('internal-output-0').locator('table.inputs')).toContainText('monthly cost at the planned volume');
  // At 0% the NPV is the undiscounted sum.
  await page.getByText('More: cost lens, horizon, hurdle rate').click();
  await typeInto(page, 'Hurdle rate (for the NPV)', '0');
  await expect.poll(() => text(page, 'npv-0')).toBe('-$5,126');
  await expect(basis).toContainText('hurdle rate of 0% a year');
  // A negative rate is refused at its field; the last good numbers stay.
  await typeInto(page, 'Hurdle rate (for the NPV)', '-0.05');
  const field = page.getByLabel('Hurdle rate (for the NPV)');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-discount_rate_per_year-err')).toContainText('must be between 0 and 1');
  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
});

test('a cheapest figure the hardware cannot reach is never headlined without its caveat', async ({ page }) => {
  const ws = await (await page.request.post('/api/workspaces', { data: { name: 'Caveats' } })).json();
  const headers = { 'X-Workspace-Key': ws.key };
  const made = await (await page.request.post('/api/scenarios', { headers, data: { template: 'haiku-vs-4090' } })).json();
  const doc = (await (await page.request.get(`/api/scenarios/${made.id}`, { headers: { 'X-Edit-Key': made.edit_key } })).json()).document;
  doc.task_types[0].calls_per_month = 2000000;
  doc.gpu_configs[0].throughput = { kind: 'typed', output_tokens_per_s: 1000000 };
  const over = await (await page.request.post('/api/scenarios', { headers, data: { document: doc } })).json();
  const config = doc.gpu_configs[0].name;
  await page.goto(over.edit_url);
  await hydrated(page);
  await expect(page.getByTestId('headline')).toContainText(`Cheapest at 2,000,000 calls/month: ${config}`);
  await expect(page.getByTestId('headline')).toContainText('with a caveat in its row\'s notes');
  await expect(page.getByTestId('head-cheapest')).toContainText('(1 caveat)');
  await page.goto(`${over.view_url}/print`);
  await expect(page.getByTestId('print')).toContainText(/Cheapest now: .* with a caveat \(under the options\)/);
  await expect(page.getByTestId('print-caveats')).toContainText('above the physical bound');
  // The break-even and the payback are that configuration's too: each says so.
  await expect(page.getByTestId('print')).toContainText(/Break-even: [\d,]+ calls\/month.*, on .*'s figure, which has a caveat \(under the options\)/);
  await expect(page.getByTestId('print')).toContainText(/Payback: month \d+, on .*'s figure, which has a caveat/);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${over.view_url}/present`);
  // The decision slide's advice carries it under its sentence; the charts' cards too.
  await expect(page.getByTestId('decision-recommendation')).toContainText(/^Self-host /);
  await expect(page.getByTestId('decision-caveat')).toContainText(/^Caveat: a claim the hardware cannot reach: typed throughput 1,000,000 tok\/s is above the physical bound/);
  await page.getByRole('button', { name: 'Next chart' }).click();
  const caveat = page.getByTestId('head-cheapest-caveats');
  await expect(caveat).toContainText('Caveat: a claim the hardware cannot reach: typed throughput 1,000,000 tok/s');
  // Two lines at most on the slide: its whole text is in its title.
  const box = await caveat.boundingBox();
  expect(box!.height).toBeLessThan(50);
  for (const card of ['head-break-even-caveat', 'head-payback-caveat']) {
    await expect(page.getByTestId(card)).toHaveText(`on ${config}'s figure, which has a caveat (first card)`);
    await expect(page.getByTestId(card)).toHaveAttribute('title', /above the physical bound/);
  }
  // The original, with no caveat, headlines none.
  await page.goto(`${made.view_url}/present`);
  await expect(page.getByTestId('decision-recommendation')).toBeVisible();
  await expect(page.getByTestId('decision-caveat')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next chart' }).click();
  await expect(page.getByTestId('head-cheapest')).toBeVisible();
  await expect(page.getByTestId('head-cheapest-caveats')).toHaveCount(0);
  await expect(page.getByTestId('head-break-even-caveat')).toHaveCount(0);
});

test('a quality floor set by a small share of the calls is said beside the headline', async ({ page }) => {
  const ws = await (await page.request.post('/api/workspaces', { data: { name: 'Floor' } })).json();
  const headers = { 'X-Workspace-Key': ws.key };
  const made = await (await page.request.post('/api/scenarios', { headers, data: { template: 'haiku-vs-4090' } })).json();
  const doc = (await (await page.request.get(`/api/scenarios/${made.id}`, { headers: { 'X-Edit-Key': made.edit_key } })).json()).document;
  // One Opus call a month beside 500,000 a small model serves.
  doc.task_types.push({ ...doc.task_types[0], name: 'claude-opus-4-1', calls_per_month: 33, quality_floor: 3 });
  const rare = await (await page.request.post('/api/scenarios', { headers, data: { document: doc } })).json();
  await page.goto(rare.view_url);
  await expect(page.getByTestId('floor-note')).toContainText('The quality floor 3 (frontier models) comes from “claude-opus-4-1” alone, under 0.1% of the calls');
  await page.goto(made.view_url);
  await expect(page.getByTestId('headline')).toBeVisible();
  await expect(page.getByTestId('floor-note')).toHaveCount(0);
});
