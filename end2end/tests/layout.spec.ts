import { test, expect, createFromTemplate, hydrated, workspaceUrl } from './helpers';

// A phone (390 px): no page is wider than the screen, so nothing is clipped sideways.
test('at 390 px wide no page is wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await createFromTemplate(page, 'haiku-vs-4090');
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width(), 'editor').toBeLessThanOrEqual(390);
  const view = await page.locator('a[href^="/v/"]').first().getAttribute('href');
  const ws = await workspaceUrl(page);
  for (const url of ['/', ws, view ?? '/', `${ws}/benchmarks`, `${ws}/usage`, `${ws}/catalog`, '/catalog']) {
    await page.goto(url);
    await hydrated(page);
    expect(await width(), url).toBeLessThanOrEqual(390);
  }
});
