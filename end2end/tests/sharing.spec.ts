import { test, expect, createFromTemplate, hydrated, text, typeInto, workspaceUrl } from './helpers';

// Sharing a decision (issue 13, class 9): whole links with Copy buttons, a link frozen at
// the revision finance approved, "make my own copy" from a view page, and a notice that
// a copy is a new scenario with its own links.
test('links to share: absolute, one frozen at a revision, and a copy that says it is new', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  const origin = new URL(page.url()).origin;
  const view = page.getByTestId('copy-view').locator('input');
  await expect(view).toHaveValue(new RegExp(`^${origin}/v/[0-9a-f]{32}$`));
  await expect(page.getByTestId('copy-edit').locator('input')).toHaveValue(page.url());
  // A frozen link is made on request, for the revision the editor stands on.
  await page.getByTestId('freeze').click();
  const frozen1 = page.getByTestId('copy-frozen').locator('input');
  await expect(frozen1).toHaveValue(new RegExp(`^${origin}/f/[0-9a-f]{32}$`));
  const frozenUrl = await frozen1.inputValue();
  const originalView = await view.inputValue();

  // A saved edit moves the live view, not the frozen link; the editor then offers a
  // frozen link of revision 2.
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  await expect(page.getByTestId('freeze')).toHaveText('Make a link frozen at revision 2');

  // A read-only page is the server's HTML until the reader's first gesture: no client
  // is fetched to read it.
  const client: string[] = [];
  page.on('request', (r) => { if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) client.push(r.url()); });
  await page.goto(frozenUrl);
  await page.waitForLoadState('networkidle');
  expect(client).toEqual([]);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(0);
  await expect(page.getByTestId('read-only')).toContainText('Frozen · revision 1');
  await expect(page.getByTestId('frozen-note')).toContainText('now at revision 2');
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  // The frozen page carries no other link to the scenario.
  expect(await page.content()).not.toContain(originalView.split('/v/')[1]);
  // Its exports are of its revision, by its own token: finance's PDF and spreadsheet
  // of what it approved.
  const pdfHref = await page.getByTestId('export-pdf').getAttribute('href');
  expect(pdfHref).toBe(`${new URL(frozenUrl).pathname}/summary.pdf`);
  const pdf = await page.request.get(new URL(pdfHref!, frozenUrl).toString());
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  // Revision 1's workload (500,000 calls a month), not the 1,000,000 saved since.
  const csv = await (await page.request.get(`${frozenUrl}/export.csv`)).text();
  const workload = csv.split('\r\n')[4].split(',');
  expect(workload[1]).toBe('500000');
  // Its presentation and printout are of that revision too (they were only the view
  // link's, of the latest revision), reached from the frozen page.
  const frozenPath = new URL(frozenUrl).pathname;
  for (const [page_, id] of [['print', 'print'], ['present', 'present']]) {
    await expect(page.locator(`a[href="${frozenPath}/${page_}"]`)).toHaveCount(1);
    await page.goto(`${frozenUrl}/${page_}`);
    await expect(page.getByTestId(id)).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain(originalView.split('/v/')[1]);
    if (page_ === 'print') {
      await expect(page.getByTestId('print')).toContainText('$1,120');
      await expect(page.getByTestId('print')).not.toContainText('$2,240');
      await expect(page.locator(`img[src^="${frozenPath}/chart/"]`).first()).toBeVisible();
    } else {
      await expect(page.locator('a.exit')).toHaveAttribute('href', frozenPath);
      // The slides as a PDF, of the frozen revision too.
      await expect(page.getByTestId('present-slides-pdf')).toHaveAttribute('href', `${frozenPath}/slides.pdf`);
      const pdf = await page.request.get(`${frozenPath}/slides.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await page.goto(frozenUrl);
  }
  await page.waitForLoadState('networkidle');
  expect(client).toEqual([]);

  // This browser knows its workspace: it can make its own copy of what it sees. The
  // click is the first gesture: it loads the client and is carried out once it runs.
  // A second press while the client loads makes no second copy.
  const copied = page.waitForURL(/\/s\/[0-9a-f]{32}\?key=[0-9a-f]{48}&copied=1$/);
  await page.evaluate(() => {
    const b = document.querySelector('[data-testid="make-copy"]') as HTMLButtonElement;
    b.click();
    b.click();
  });
  await expect.poll(() => client.length).toBeGreaterThan(0);
  await copied;
  await hydrated(page);
  await expect(page.getByTestId('copied-notice')).toContainText('This is a new scenario');
  await expect(page.locator('h1')).toContainText('(my copy)');
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  await expect(page.getByTestId('freeze')).toHaveText('Make a link frozen at revision 1');
  // The copy has its own view link, not the original's.
  await expect(page.getByTestId('copy-view').locator('input')).toHaveValue(/\/v\/[0-9a-f]{32}$/);
  expect(await page.getByTestId('copy-view').locator('input').inputValue()).not.toBe(originalView);
  // Exactly one copy was made.
  await page.goto(await workspaceUrl(page));
  await hydrated(page);
  await expect(page.getByTestId('scenario-list')).toContainText('(my copy)');
  await expect(page.getByTestId('scenario-list').locator('tr', { hasText: '(my copy)' })).toHaveCount(1);
});

// A read-only page loads its client on the first gesture, maybe long after it was
// served: if a deploy since has removed that client, the page says to reload rather
// than dropping the press without a word.
test('a read-only page whose client is gone says to reload', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/404|Failed to load|dynamically imported module/);
  await createFromTemplate(page, 'haiku-vs-4090');
  const viewUrl = await page.getByTestId('copy-view').locator('input').inputValue();
  await page.route(/\/pkg\/(breakeven|editor)\.[0-9a-f]{20}\.js/, (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.goto(viewUrl);
  await page.waitForLoadState('networkidle');
  await page.getByTestId('make-copy').click();
  const notice = page.locator('#client-stale');
  await expect(notice).toContainText('earlier version of Breakeven');
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.locator('html[data-hydrating]')).toHaveCount(0);
});

// A scenario's editor links back to its workspace's pages (benchmarks, usage, catalog)
// in a browser that holds that workspace's link; an edit link opened in a browser that
// never had the workspace's link shows no way into the workspace.
test('the editor links to its workspace only where the workspace link is held', async ({ page, browser }) => {
  const ws = await workspaceUrl(page);
  const edit = await createFromTemplate(page, 'haiku-vs-4090');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const token = new URL(ws).pathname.split('/')[2];
  await expect(nav.getByRole('link', { name: 'Benchmarks' })).toHaveAttribute('href', `/w/${token}/benchmarks`);
  await expect(nav.getByRole('link', { name: 'Usage' })).toHaveAttribute('href', `/w/${token}/usage`);
  await expect(nav).toContainText('Test team');
  // It leads there (a page load into the other client).
  await nav.getByRole('link', { name: 'Benchmarks' }).click();
  await page.waitForURL(`**/w/${token}/benchmarks`);
  await hydrated(page);

  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(edit);
  await hydrated(stranger);
  const theirs = stranger.getByRole('navigation', { name: 'Main' });
  await expect(theirs.getByRole('link', { name: 'Workspaces' })).toBeVisible();
  await expect(theirs.getByRole('link', { name: 'Benchmarks' })).toHaveCount(0);
  await expect(theirs).not.toContainText('Test team');
  expect(await stranger.content()).not.toContain(token);
  await other.close();
});
