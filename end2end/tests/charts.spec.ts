import { test, expect, createFromTemplate, text, typeInto, watchErrors } from './helpers';

const svgOf = (page) => page.getByTestId('chart').locator('.chart-svg').innerHTML();

test('the chart redraws on edit, shows values under the cursor, hides series from the legend, adjusts its range', async ({ page }) => {
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
  const before = await svgOf(page);
  expect(before).toContain('Monthly cost vs volume');

  await typeInto(page, 'Calls per month', '900000');
  await expect.poll(() => svgOf(page)).not.toBe(before);
  await expect(page.getByTestId('chart')).toContainText('now: 900k');

  // Hover: the exact numbers under the cursor.
  await page.getByTestId('chart').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('chart').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  const readout = page.getByTestId('hover-readout');
  await expect(readout).toContainText('calls / month');
  await expect(readout).toContainText('Claude Haiku 3.5: $');
  await expect(readout).toContainText('(cheapest)');
  // The cursor line runs down the plot only: under the title, above the axis and key,
  // at the mouse; the keyboard slider follows the mouse.
  const line = (await page.getByTestId('chart').locator('.cursor').boundingBox())!;
  expect(line.y).toBeGreaterThan(box.y + 20);
  expect(line.y + line.height).toBeLessThan(box.y + box.height - 40);
  expect(Math.abs(line.x - (box.x + box.width * 0.6))).toBeLessThan(box.width / 100);
  expect(Number(await page.locator('#inspect').inputValue())).toBeGreaterThan(100);
  // Over the title (above the plot) the readout keeps the volume it names.
  const named = await readout.locator('strong').innerText();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 6);
  await expect(readout.locator('strong')).toHaveText(named);

  // Legend: hide a series, then show it again.
  const item = page.getByTestId('legend').getByRole('button', { name: 'Claude Haiku 4.5' });
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  await item.click();
  await expect(item).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => svgOf(page)).not.toContain('Claude Haiku 4.5');
  await item.click();
  await expect.poll(() => svgOf(page)).toContain('Claude Haiku 4.5');

  // Range and axis.
  await page.getByLabel('Up to').fill('5000000');
  await page.getByLabel('Up to').press('Enter');
  await page.getByLabel('Up to').blur();
  await expect.poll(() => svgOf(page)).toContain('5M');
  await page.getByLabel('Volume axis').selectOption('tokens');
  await expect.poll(() => svgOf(page)).toContain('output tokens / month');
  // "Up to" follows the axis: the same range, written in output tokens.
  await expect(page.locator('.chart-controls .unit')).toHaveText('output tokens / month');
  await expect.poll(async () => Number((await page.getByLabel('Up to').inputValue()).replace(/,/g, ''))).toBeGreaterThan(5_000_000);
  await page.getByLabel('Volume axis').selectOption('calls');
  await expect(page.getByLabel('Up to')).toHaveValue('5,000,000');
  await expect(page.locator('.chart-controls .unit')).toHaveText('calls / month');
  // Text that is not a volume is said so at the field and leaves the range as it was.
  await page.getByLabel('Up to').fill('0,5');
  await page.getByLabel('Up to').press('Enter');
  await expect(page.locator('#chart-max-err')).toContainText('use a point for decimals');
  await expect(page.getByLabel('Up to')).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => svgOf(page)).toContain('5M');
  await page.getByLabel('Up to').fill('5,000,000');
  await page.getByLabel('Up to').press('Enter');
  await expect(page.locator('#chart-max-err')).toHaveText('');
  await page.getByLabel('Volume axis').selectOption('tokens');
  await expect.poll(() => svgOf(page)).toContain('output tokens / month');

  // The other charts.
  for (const [tab, title] of [['breakdown', 'Cost breakdown'], ['cumulative', 'Cumulative cost'], ['sensitivity', 'What moves the monthly saving']]) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect.poll(() => svgOf(page)).toContain(title);
    // The exports give the chart of the tab shown.
    await expect(page.getByTestId('export-png')).toHaveAttribute('href', new RegExp(`/chart/${tab}\\.png$`));
  }
  const png = await page.request.get((await page.getByTestId('export-png').getAttribute('href'))!);
  expect(png.headers()['content-type']).toBe('image/png');
  expect(errors).toEqual([]);
});

function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test('exports download well formed: PNG 1x and 2x, SVG, CSV, spreadsheet, PDF, printable summary; presentation moves with arrow keys', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  const links = page.getByTestId('exports');
  const href = async (name: string) => (await links.getByRole('link', { name, exact: true }).getAttribute('href'))!;

  const png = await page.request.get(await href('PNG 1920x1080'));
  expect(png.headers()['content-type']).toBe('image/png');
  expect(pngSize(await png.body())).toEqual([1920, 1080]);
  const png2 = await page.request.get(await href('PNG 2x'));
  expect(pngSize(await png2.body())).toEqual([3840, 2160]);

  const svg = await page.request.get(await href('SVG'));
  expect(svg.headers()['content-type']).toBe('image/svg+xml');
  const svgText = await svg.text();
  expect(svgText.startsWith('<svg')).toBe(true);
  expect(svgText).toContain('Claude Haiku 3.5');

  const csv = await page.request.get(await href('CSV'));
  expect(csv.headers()['content-disposition']).toContain('attachment');
  const csvText = (await csv.body()).toString('utf8');
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  expect(csvText).toContain('calls/month,output tokens/month,Claude Haiku 3.5');
  // Break-evens as numbers, the projection and the inputs travel with the curves.
  expect(csvText).toContain('API tier,configuration,what happens,calls/month');
  expect(csvText).toContain('Projection by month');
  expect(csvText).toContain('Workload (inputs)');
  expect(csvText).toContain('\r\n');

  // The workbook with live formulas and the one-page PDF, from the same row of links.
  const xlsx = await page.request.get(await href('Spreadsheet (live formulas)'));
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  const onePager = await page.request.get(await href('One-page PDF'));
  expect(onePager.headers()['content-type']).toBe('application/pdf');
  expect((await onePager.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The download link really downloads.
  const [download] = await Promise.all([page.waitForEvent('download'), links.getByRole('link', { name: 'CSV', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);

  await page.goto(await href('Printable summary'));
  await expect(page.getByTestId('print')).toBeVisible();
  // The engine's headline, by hand, in steady state (the one-off setup apart): the
  // estimated 4090 needs one replica, 0.44 x 720 x 1.2 (idle overhead) + $550 people =
  // $930.16, under Haiku 3.5 at 500k x (800 x $0.8 + 400 x $4) / 1e6 = $1,120 (Haiku 4.5:
  // 500k x (800 x 1 + 400 x 5) / 1e6 = $1,400; the typed 4090 needs ceil(200M / (80 x 0.5
  // x 720 x 3600)) = 2 replicas: 2 x 0.44 x 720 + $550 = $1,183.6).
  await expect(page.getByTestId('print')).toContainText('Cheapest now: RTX 4090 + Llama 3.1 8B (estimated, batched) at $930.16/month');
  await expect(page.getByTestId('print')).toContainText('$1,120');
  await expect(page.getByTestId('print')).toContainText('$1,400');
  await expect(page.getByTestId('print')).toContainText('$1,184');
  // Finance's figures: NPV at the hurdle rate against the tier it would replace (README:
  // the typed 4090 against Haiku 3.5 at 10% over 24 months is -$4,995.26).
  await expect(page.getByTestId('print-npv')).toHaveText('NPV vs Claude Haiku 3.5, 24 months at 10% a year, IRR and payback');
  await expect(page.getByTestId('print')).toContainText('-$4,995 · not earned back within 24 months');
  await expect(page.getByTestId('print')).not.toContainText('none (none)');
  // What the monthly cost rests on is on the page: hours paid and the idle overhead
  // beside the GPU price (the 0.44 x 720 x 1.2 above), people and setup.
  await expect(page.getByTestId('print-inputs')).toContainText('$0.44/GPU-hour (RunPod) x 720 h/month + 20% idle overhead');
  await expect(page.getByTestId('print-inputs')).toContainText('people: setup 3 days x 8 h, maintenance 3 h/month, upgrades 1 a year, 1 day each, at $150/hour');
  // Dollars: no exchange rate, so nothing to flag.
  await expect(page.getByTestId('rate-note')).toHaveCount(0);
  // The Print button works under the page's CSP (an inline onclick would be blocked). The
  // page hydrates on first interaction: the click loads the client and is then carried
  // out, once.
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(0);
  await page.evaluate(() => { (window as any).__printed = 0; window.print = () => { (window as any).__printed += 1; }; });
  await page.getByTestId('print-button').click();
  await expect.poll(() => page.evaluate(() => (window as any).__printed)).toBe(1);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).__printed)).toBe(1);
  await expect(page.getByTestId('assumptions')).toContainText('2025-06-22');
  await expect(page.locator('img.print-chart')).toHaveJSProperty('complete', true);
  expect(await page.locator('img.print-chart').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  // The scenario's own inputs are on the page, and it prints on one A4 sheet.
  await expect(page.getByTestId('print-inputs')).toContainText('800 input + 400 output tokens per call');
  await expect(page.getByTestId('print-inputs')).toContainText('target utilisation 50%');
  const pdf = await page.pdf({ format: 'A4' });
  const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(sheets).toBe(1);

  await page.goto((await page.url()).replace(/\/print$/, '/present'));
  await expect(page.locator('html[data-hydrate="on-interaction"]')).toHaveCount(1);
  // The decision slide gives its own numbers; the headline cards come with the charts.
  await expect(page.getByTestId('head-cheapest')).toHaveCount(0);
  // The decision first: the one-pager's sentence, its numbers, what would flip it
  // (for this template, calls a month below ~415,000; engine/tests/decision_slide.rs).
  const decision = page.getByTestId('slide-decision');
  await expect(decision).toBeVisible();
  await expect(page.getByTestId('decision-recommendation')).toContainText('Self-host RTX 4090 + Llama 3.1 8B');
  await expect(page.getByTestId('decision-flips')).toContainText('calls a month: at 415,250 calls (entered 500,000 calls; range 375,000 .. 625,000 calls)');
  await page.screenshot({ path: 'test-results/present-decision.png' });
  // The first key press loads the client, and counts.
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  const slide = page.getByTestId('slide-chart');
  await expect(slide).toHaveAttribute('src', /break-even\.svg$/);
  await expect(page.getByTestId('head-cheapest')).toContainText('Cheapest at the current volume');
  await expect(page.getByTestId('head-cheapest')).toContainText('RTX 4090 + Llama 3.1 8B (estimated, batched)');
  await expect(page.getByTestId('head-cheapest')).toContainText('$930.16/month');
  await expect(page.getByTestId('head-payback')).toContainText('Payback month');
  await page.keyboard.press('ArrowRight');
  await expect(slide).toHaveAttribute('src', /breakdown\.svg$/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(decision).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(slide).toHaveAttribute('src', /sensitivity\.svg$/);
  // Touch screens: on-screen buttons; at 1280x720 the whole chart is on screen.
  await page.getByTestId('slide-next').click();
  await expect(decision).toBeVisible();
  await page.getByTestId('slide-prev').click();
  await expect(slide).toHaveAttribute('src', /sensitivity\.svg$/);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(slide).toHaveJSProperty('complete', true);
  const box = await slide.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(720);
  await expect(page.getByTestId('slide-next')).toBeInViewport();
  // The decision slide is taller than this screen: it scrolls under its buttons, which
  // stay in view.
  await page.keyboard.press('ArrowRight');
  await expect(decision).toBeVisible();
  await expect(page.getByTestId('slide-next')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('slide-prev')).toBeInViewport({ ratio: 1 });
  // On a phone the chart is the one drawn for its column (360 wide), not the 960-wide
  // one shrunk until its type cannot be read.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByTestId('slide-next').click();
  await expect(slide).toHaveJSProperty('complete', true);
  expect(await slide.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/break-even\.svg\?phone=true$/);
  expect(await slide.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(360);
});

test('a late answer never replaces a newer one: the numbers and chart stay on the last edit', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  // Hold back the answer for 900,000 calls; meanwhile the user types 700,000.
  let seen!: () => void;
  const firstSeen = new Promise<void>((r) => { seen = r; });
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const sent: string[] = [];
  await page.route('**/sfn/evaluate_live', async (route) => {
    const body = route.request().postData() || '';
    sent.push(body.includes('"calls_per_month":900000') ? '900k' : body.includes('"calls_per_month":700000') ? '700k' : 'other');
    if (body.includes('"calls_per_month":900000')) {
      seen();
      await gate;
    }
    await route.continue();
  });
  // Every figure the Haiku 3.5 cell shows from here on.
  await page.evaluate(() => {
    const shown: string[] = ((window as any).__shown = []);
    const cell = () => document.querySelector('[data-testid="api-cost-0"] summary')?.textContent?.trim() || '';
    new MutationObserver(() => shown.push(cell())).observe(document.querySelector('.results')!, { subtree: true, childList: true, characterData: true });
  });
  await typeInto(page, 'Calls per month', '900000');
  await firstSeen;
  await typeInto(page, 'Calls per month', '700000');
  // The newer edit waits for the request in flight (it is not sent beside it) ...
  await page.waitForTimeout(100);
  expect(sent.filter((x) => x === '700k')).toEqual([]);
  // ... and goes out as soon as the 900k answer ($2,016) is back, which is dropped.
  release();
  // 700k x (800 x 0.8 + 400 x 4) / 1e6 = $1,568.
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$1,568');
  await expect(page.getByTestId('chart')).toContainText('now: 700k');
  await expect(page.getByLabel('Calls per month')).toHaveValue('700000');
  expect(sent.filter((x) => x === '700k')).toHaveLength(1);
  const shown: string[] = await page.evaluate(() => (window as any).__shown);
  expect(shown).not.toContain('$2,016');
});

test('a printout with three configurations of long names stays on one A4 sheet: assumptions by option, what they share said once', async ({ page }) => {
  const ws = await (await page.request.post('/api/workspaces', { data: { name: 'Print team' } })).json();
  const headers = { 'X-Workspace-Key': ws.key };
  const made = await (await page.request.post('/api/scenarios', { headers, data: { template: 'sonnet-vs-2xa100' } })).json();
  const doc = (await (await page.request.get(`/api/scenarios/${made.id}`, { headers: { 'X-Edit-Key': made.edit_key } })).json()).document;
  const base = doc.gpu_configs[0];
  doc.gpu_configs = [
    { ...base, name: '2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, on demand, us-east)' },
    { ...base, name: '2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, reserved 1 year)' },
    { ...base, name: '2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, spot, eu-west)' },
  ];
  const long = await (await page.request.post('/api/scenarios', { headers, data: { document: doc } })).json();
  await page.goto(`${long.view_url}/print`);
  const table = page.getByTestId('assumptions');
  // The three differ only in name: what they share is listed once, under all three.
  await expect(table.locator('tr.group th')).toHaveText([
    'Claude Sonnet 3.5', 'Claude Sonnet 4.6',
    '2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, on demand, us-east), '
      + '2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, reserved 1 year) and '
      + '2x A100 80GB SXM + Llama 3.1 70B Int8 (cloud, spot, eu-west)',
  ]);
  // Under its option's name, an input is named alone.
  await expect(table.locator('td', { hasText: /^memory bandwidth BW$/ })).toHaveCount(1);
  const pdf = await page.pdf({ format: 'A4' });
  const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(sheets).toBe(1);
});
