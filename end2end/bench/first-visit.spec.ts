// Bytes on the wire for a first (cold cache) and a repeat visit of the editor, the view
// page, the presentation, the printout, the start page and a workspace, by resource
// type, in headless Chromium against the release build (assets precompressed, hashed
// and cached). Run: scripts/bench-first-visit.sh.
// Prints one line per page and visit and writes end2end/bench/first-visit.json.
import { test, expect, BrowserContext } from '@playwright/test';
import * as fs from 'fs';
import { createFromTemplate, workspaceUrl } from '../tests/helpers';

type Bytes = Record<string, number> & { total: number };

type Visit = { read: Bytes; interactive: Bytes };

/** Bytes until the page is readable (network idle), and in all once it is interactive. A
 * read-only page hydrates on the first gesture (a press stands for it); the others at once. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
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
  const deferred = (await page.locator('html[data-hydrate="on-interaction"]').count()) > 0;
  if (!deferred) await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
  const read = { ...bytes };
  if (deferred) {
    await page.locator('body').dispatchEvent('pointerdown');
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
    await page.waitForLoadState('networkidle');
  }
  const interactive = { ...bytes };
  await page.close();
  return { read, interactive };
}

test('first and repeat visit bytes', async ({ browser }) => {
  const setup = await browser.newPage();
  const edit = await createFromTemplate(setup, 'haiku-vs-4090');
  const viewUrl = new URL((await setup.getByTestId('view-link').getAttribute('href'))!, edit).toString();
  const pages: Record<string, string> = {
    editor: edit, view: viewUrl, present: `${viewUrl}/present`, print: `${viewUrl}/print`,
    // The site's client (app/src/split.rs): the start page and a workspace.
    home: new URL('/', edit).toString(), workspace: await workspaceUrl(setup),
  };
  const result: Record<string, { cold: Visit; repeat: Visit }> = {};
  const kb = (b: Bytes) => `${(b.total / 1024).toFixed(1)} KiB (${Object.entries(b).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ')})`;
  for (const [name, url] of Object.entries(pages)) {
    const context = await browser.newContext();
    const cold = await visit(context, url);
    const repeat = await visit(context, url);
    await context.close();
    result[name] = { cold, repeat };
    const gesture = (v: Visit) => v.interactive.total === v.read.total ? '' : `, ${(v.interactive.total / 1024).toFixed(1)} KiB once interactive`;
    console.log(`${name}: first visit ${kb(cold.read)}${gesture(cold)}; repeat ${kb(repeat.read)}${gesture(repeat)}`);
  }
  fs.writeFileSync('bench/first-visit.json', JSON.stringify(result, null, 2));
});
