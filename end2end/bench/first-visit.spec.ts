// Bytes on the wire for a first (cold cache) and a repeat visit of the editor, the view
// page and the presentation, by resource type, in headless Chromium against the release
// build (assets precompressed, hashed and cached). Run: scripts/bench-first-visit.sh.
// Prints one line per page and visit and writes end2end/bench/first-visit.json.
import { test, expect, BrowserContext } from '@playwright/test';
import * as fs from 'fs';
import { createFromTemplate } from '../tests/helpers';

type Bytes = Record<string, number> & { total: number };

async function visit(context: BrowserContext, url: string): Promise<Bytes> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const bytes: Bytes = { total: 0 };
  cdp.on('Network.responseReceived', (e: any) => types.set(e.requestId, (e.type || 'Other').toLowerCase()));
  cdp.on('Network.loadingFinished', (e: any) => {
    const t = types.get(e.requestId) || 'other';
    bytes[t] = (bytes[t] || 0) + e.encodedDataLength;
    bytes.total += e.encodedDataLength;
  });
  await page.goto(url);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  await page.close();
  return bytes;
}

test('first and repeat visit bytes', async ({ browser }) => {
  const setup = await browser.newPage();
  const edit = await createFromTemplate(setup, 'haiku-vs-4090');
  const viewUrl = new URL((await setup.getByTestId('view-link').getAttribute('href'))!, edit).toString();
  const pages: Record<string, string> = { editor: edit, view: viewUrl, present: `${viewUrl}/present` };
  const result: Record<string, { cold: Bytes; repeat: Bytes }> = {};
  for (const [name, url] of Object.entries(pages)) {
    const context = await browser.newContext();
    const cold = await visit(context, url);
    const repeat = await visit(context, url);
    await context.close();
    result[name] = { cold, repeat };
    const kb = (b: Bytes) => `${(b.total / 1024).toFixed(1)} KiB (${Object.entries(b).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ')})`;
    console.log(`${name}: first visit ${kb(cold)}; repeat ${kb(repeat)}`);
  }
  fs.writeFileSync('bench/first-visit.json', JSON.stringify(result, null, 2));
});
