import { test, expect, createFromTemplate, hydrated, workspaceUrl } from './helpers';

// A phone (390 px): no page is wider than the screen, so nothing is clipped sideways.
test('at 390 px wide no page is wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await createFromTemplate(page, 'haiku-vs-4090');
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width(), 'editor').toBeLessThanOrEqual(390);
  // The chart keeps a readable width (its type ~11 px, not ~6) and scrolls in its own box.
  const chart = await page.getByTestId('chart').boundingBox();
  expect(chart!.width, 'the chart is not shrunk to the screen').toBeGreaterThanOrEqual(590);
  // ... and says it scrolls, which a laptop's page does not.
  await expect(page.locator('.chart-scroll-hint')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.locator('.chart-scroll-hint')).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
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
