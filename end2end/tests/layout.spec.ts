import { test, expect, createFromTemplate, hydrated, workspaceUrl } from './helpers';

// A phone (390 px): no page is wider than the screen, so nothing is clipped sideways.
test('at 390 px wide no page is wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await createFromTemplate(page, 'haiku-vs-4090');
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width(), 'editor').toBeLessThanOrEqual(390);
  // The chart is drawn for the screen: as wide as its box, its type as large as a
  // laptop's (not a 960 drawing shrunk to ~6 px type, nor one to scroll sideways).
  const svg = page.getByTestId('chart').locator('svg');
  const drawnWidth = async () => Number(await svg.getAttribute('width'));
  await expect.poll(drawnWidth).toBeLessThanOrEqual(390);
  await expect(page.locator('.chart-frame.fitted')).toHaveCount(1);
  const chart = await page.getByTestId('chart').boundingBox();
  expect(chart!.width, 'the chart fits the screen').toBeLessThanOrEqual(390);
  expect(chart!.height, 'taller than wide, as the phone is held').toBeGreaterThan(chart!.width);
  const smallest = await svg.evaluate((el) => Math.min(...[...el.querySelectorAll('text')]
    .map((t) => t.getBoundingClientRect().height).filter((h) => h > 0)));
  expect(smallest, 'its smallest type, on the screen').toBeGreaterThanOrEqual(9);
  await expect(page.locator('.chart-scroll-hint')).toHaveCount(0);
  expect(await width(), 'editor, its chart drawn').toBeLessThanOrEqual(390);
  // On a laptop's screen the usual 960 drawing again, and nothing said of scrolling; at
  // 1,024 px too.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect.poll(drawnWidth).toBe(960);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(400);
  expect(await drawnWidth()).toBe(960);
  // There the editor is one column: the chart near its drawn size, the page no wider.
  expect((await page.getByTestId('chart').boundingBox())!.width).toBeGreaterThan(900);
  expect(await width(), 'editor at 1,024 px').toBeLessThanOrEqual(1024);
  await expect(page.locator('.chart-scroll-hint')).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(drawnWidth).toBeLessThanOrEqual(390);
  const view = await page.locator('a[href^="/v/"]').first().getAttribute('href');
  const ws = await workspaceUrl(page);
  for (const url of ['/', ws, view ?? '/', `${ws}/benchmarks`, `${ws}/usage`, `${ws}/catalog`, '/catalog']) {
    await page.goto(url);
    await hydrated(page);
    expect(await width(), url).toBeLessThanOrEqual(390);
  }
});

// A laptop projecting (1366x768) a scenario of long names: the presentation is one
// screen, its chart whole and its buttons in view.
test('the presentation fits a 1366x768 screen with long names', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const ws = await (await page.request.post('/api/workspaces', { data: { name: 'Projector team' } })).json();
  const headers = { 'X-Workspace-Key': ws.key };
  const made = await (await page.request.post('/api/scenarios', { headers, data: { template: 'sonnet-vs-2xa100' } })).json();
  const doc = (await (await page.request.get(`/api/scenarios/${made.id}`, { headers: { 'X-Edit-Key': made.edit_key } })).json()).document;
  doc.gpu_configs[0].name = 'On-prem experiment in the basement rack: 2x A100 80GB SXM + Llama 3.1 70B Int8';
  // In euros at a rate 18 months old: two age notes above the slide, and the decision
  // still fits (it carried the headline cards twice before).
  doc.currency = { code: 'EUR', per_usd: 0.92, as_of: '2025-06-02', source: 'ECB reference rate' };
  const long = await (await page.request.post('/api/scenarios', { headers, data: { document: doc } })).json();
  await page.goto(`${long.view_url}/present`);
  // The decision slide's buttons sit above the sources' line, never under it.
  const nav = (await page.getByTestId('slide-next').boundingBox())!;
  const foot = (await page.getByTestId('present-assumptions').boundingBox())!;
  expect(nav.y + nav.height, 'the buttons end above the footer').toBeLessThanOrEqual(foot.y);
  expect(nav.y + nav.height, 'the decision slide within the screen').toBeLessThanOrEqual(768);
  await page.keyboard.press('ArrowRight');
  const chart = page.getByTestId('slide-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveJSProperty('complete', true);
  for (const id of ['slide-chart', 'slide-next', 'slide-prev']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, id).not.toBeNull();
    expect(box!.y + box!.height, `${id} within the screen`).toBeLessThanOrEqual(768);
  }
  await page.screenshot({ path: 'test-results/present-1366.png' });
  expect((await chart.boundingBox())!.height).toBeGreaterThan(300);
  // The sources are one line that opens.
  const notes = page.getByTestId('present-assumptions');
  await expect(notes.locator('li').first()).toBeHidden();
  await notes.locator('summary').click();
  await expect(notes.locator('li').first()).toContainText('Claude Sonnet 3.5: input price = 3 USD/Mtok');
});

// The same screen when the advice stands on a figure with long caveats (three task types
// of long names, each above the hardware's bound): the caveat is two lines at most.
test('the presentation fits a 1366x768 screen with long caveats', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const ws = await (await page.request.post('/api/workspaces', { data: { name: 'Caveat team' } })).json();
  const headers = { 'X-Workspace-Key': ws.key };
  const made = await (await page.request.post('/api/scenarios', { headers, data: { template: 'haiku-vs-4090' } })).json();
  const doc = (await (await page.request.get(`/api/scenarios/${made.id}`, { headers: { 'X-Edit-Key': made.edit_key } })).json()).document;
  doc.gpu_configs[0].name = 'On-prem experiment in the basement rack of the second office, shared with the data team: '
    + 'RTX 4090 24GB + Llama 3.1 8B Instruct at FP16, vLLM 0.6 with prefix caching, one replica';
  doc.gpu_configs[0].throughput = { kind: 'typed', output_tokens_per_s: 1000000 };
  const task = doc.task_types[0];
  doc.task_types = [1, 2, 3].map((i) => ({
    ...task,
    name: `Customer support chat number ${i} with retrieval-augmented answers over the knowledge base (long prompts)`,
    calls_per_month: 700000,
  }));
  const long = await (await page.request.post('/api/scenarios', { headers, data: { document: doc } })).json();
  await page.goto(`${long.view_url}/present`);
  // The count first: a caveat cut at two lines still says how many there are.
  await expect(page.getByTestId('decision-caveat')).toContainText(/^Caveats \(3; the printout lists them all\): a claim the hardware cannot reach: typed throughput/);
  const caveat = (await page.getByTestId('decision-caveat').boundingBox())!;
  expect(caveat.height, 'two lines at most').toBeLessThan(60);
  const nav = (await page.getByTestId('slide-next').boundingBox())!;
  expect(nav.y + nav.height, 'the decision slide within the screen').toBeLessThanOrEqual(768);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('head-cheapest-caveats')).toBeVisible();
  for (const id of ['slide-chart', 'slide-next', 'slide-prev']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, id).not.toBeNull();
    expect(box!.y + box!.height, `${id} within the screen`).toBeLessThanOrEqual(768);
  }
  await page.screenshot({ path: 'test-results/present-1366-caveats.png' });
});
