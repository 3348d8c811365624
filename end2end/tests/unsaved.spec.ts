import { test, expect, createFromTemplate, hydrated, text, typeInto } from './helpers';
import type { Page } from '@playwright/test';

/** Holds a client's wasm (`editor` or the site's `breakeven`) until the returned
 * function is called: the page as it is over a slow link before its client runs. */
async function holdClient(page: Page, client: 'editor' | 'breakeven'): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route(new RegExp(`/pkg/${client}\\.[0-9a-f]{20}\\.wasm`), async (r) => { await held; await r.continue(); });
  return release;
}

/** Holds the first save request until `release()`: a save still on its way. */
async function holdFirstSave(page: Page) {
  let release = () => {};
  const held = new Promise<void>((r) => { release = r; });
  let saves = 0;
  await page.route('**/sfn/save_scenario', async (route) => {
    saves += 1;
    if (saves === 1) await held;
    await route.continue();
  });
  return { release: () => release(), count: () => saves };
}

// Leaving loses no edit (issue 13, class 3): a link inside the app asks first, closing
// the tab asks first, and the edit survives as a draft that the next visit offers back.
test('an unsaved edit: links ask before leaving, closing asks, and a draft brings it back', async ({ page, context }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');

  // History is a link inside the app: it asks, and "stay" keeps the page and the edit.
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.type()); d.dismiss(); });
  await page.getByRole('link', { name: 'History' }).click();
  await expect.poll(() => asked).toEqual(['confirm']);
  expect(page.url()).toBe(url);
  await expect(page.getByLabel('Calls per month')).toHaveValue('1000000');

  // Closing the tab asks too (the browser's own prompt); here the tab closes anyway.
  page.once('dialog', (d) => { asked.push(d.type()); d.accept(); });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['confirm', 'beforeunload']);

  // The next visit offers the kept edit back.
  const again = await context.newPage();
  await again.goto(url);
  await hydrated(again);
  await expect(again.getByTestId('draft-found')).toContainText('An edit you did not save');
  await expect(again.getByLabel('Calls per month')).toHaveValue('500000');
  await again.getByTestId('draft-restore').click();
  await expect(again.getByLabel('Calls per month')).toHaveValue('1000000');
  await expect.poll(() => text(again, 'api-cost-0')).toBe('$2,240');
  await expect(again.getByTestId('save-status')).toHaveText('Unsaved changes');
  await again.getByTestId('save').click();
  await expect(again.getByTestId('save-status')).toHaveText('Saved revision 2');

  // Saved: no draft any more, and leaving asks nothing.
  await again.reload();
  await hydrated(again);
  await expect(again.getByTestId('draft-found')).toHaveCount(0);
  await again.getByRole('link', { name: 'History' }).click();
  await again.waitForURL(/\/history\?/);
});

// Two tabs of one scenario, both edited and closed unsaved: each tab keeps its own draft,
// so neither edit overwrites the other; the next visit offers the newest and says another
// is kept, and once that one is saved the other is offered (on an older revision).
test('two tabs edited unsaved keep both drafts, offered one after the other', async ({ page, context }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  const other = await context.newPage();
  await other.goto(url);
  await hydrated(other);
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  await typeInto(other, 'Calls per month', '2000000');
  await expect.poll(() => text(other, 'api-cost-0')).toBe('$4,480');
  await page.close({ runBeforeUnload: false });
  await other.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(url);
  await hydrated(again);
  const notice = again.getByTestId('draft-found');
  await expect(notice).toContainText('1 more unsaved edit of this scenario');
  await again.getByTestId('draft-restore').click();
  await expect(again.getByLabel('Calls per month')).toHaveValue('2000000');
  await again.getByTestId('save').click();
  await expect(again.getByTestId('save-status')).toHaveText('Saved revision 2');

  // The first tab's edit was not lost: offered now, on the revision before.
  await again.reload();
  await hydrated(again);
  await expect(notice).toContainText('It was based on an older revision');
  await expect(notice).not.toContainText('more unsaved edit');
  await again.getByTestId('draft-restore').click();
  await expect(again.getByLabel('Calls per month')).toHaveValue('1000000');
  await expect.poll(() => text(again, 'api-cost-0')).toBe('$2,240');
});

// A save takes a moment: an edit typed while it is on its way is not in that revision,
// so it must stay "Unsaved changes" (and in the draft), and the next Save must write it.
test('an edit typed while a save is on its way stays unsaved, and the next Save writes it', async ({ page }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  const save = await holdFirstSave(page);
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saving...');
  await typeInto(page, 'Calls per month', '2000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$4,480');
  save.release();
  // Revision 2 holds 1,000,000; the 2,000,000 typed meanwhile is not saved yet.
  await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 3');
  expect(save.count()).toBe(2);
  await page.goto(url);
  await hydrated(page);
  await expect(page.getByLabel('Calls per month')).toHaveValue('2000000');
  await expect(page.getByTestId('draft-found')).toHaveCount(0);
});

// Text that is not a number, then the saved value typed back: nothing differs from the
// saved revision, so the head says so and Save writes nothing.
test('an edit typed back to the saved value leaves nothing to save', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  let saves = 0;
  await page.route('**/sfn/save_scenario', async (route) => {
    saves += 1;
    await route.continue();
  });
  // Not a number straight away: refused; the saved value typed back clears the refusal.
  await typeInto(page, 'Calls per month', 'lots');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toContainText('not saved: this field holds text that is not a number');
  await typeInto(page, 'Calls per month', '500000');
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 1');
  // An edit, text that is not a number, then the saved value again.
  await typeInto(page, 'Calls per month', '700000');
  await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes');
  await typeInto(page, 'Calls per month', 'lots');
  await page.getByTestId('save').click();
  // The field is named with what it belongs to, and brought into view with the focus.
  await expect(page.getByTestId('save-status')).toContainText('not saved: this field holds text that is not a number (Agentic workflow: Calls per month): type a number there first');
  await expect(page.getByLabel('Calls per month')).toBeFocused();
  await typeInto(page, 'Calls per month', '500000');
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 1');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 1');
  expect(saves).toBe(0);
});

// Saved 700,000 while 500,000 (the revision before) was typed back: that edit is unsaved
// against the new revision, so leaving asks first.
test('an edit back to the old value during a save is unsaved against the new revision, and leaving asks', async ({ page }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  const save = await holdFirstSave(page);
  await typeInto(page, 'Calls per month', '700000');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saving...');
  await typeInto(page, 'Calls per month', '500000');
  save.release();
  await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes');
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.type()); d.dismiss(); });
  await page.getByRole('link', { name: 'History' }).click();
  await expect.poll(() => asked).toEqual(['confirm']);
  expect(page.url()).toBe(url);
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 3');
});

// Over a slow link the editor's page shows before its client runs. A number typed and a
// Save pressed in that time are not left on screen beside numbers of the old inputs: once
// the client runs, the edit is computed and the save made.
test('an edit and a Save made before the editor\'s client runs are computed and saved', async ({ page }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  const release = await holdClient(page, 'editor');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('html[data-hydrate="now"]')).toHaveCount(1);
  expect(await text(page, 'api-cost-0')).toBe('$1,120');
  await page.getByLabel('Calls per month', { exact: true }).fill('1000000');
  await page.getByTestId('save').click();
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  release();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  // 1M calls x (800 x $0.8 + 400 x $4) / 1M tokens = $2,240.
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  await page.unroute(/\/pkg\/editor\./);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Calls per month', { exact: true })).toHaveValue('1000000');
  expect(await text(page, 'api-cost-0')).toBe('$2,240');
});

// A form sent before its page's client runs would reload the page and lose what was typed:
// it is held and sent once the client runs.
test('a new workspace asked for before the start page\'s client runs is created', async ({ page }) => {
  const release = await holdClient(page, 'breakeven');
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await page.getByTestId('workspace-name').fill('Held team');
  await page.getByTestId('create-workspace').click();
  await expect(page.locator('body[data-hydrated]')).toHaveCount(0);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');
  release();
  await page.waitForURL(/\/w\/[0-9a-f]{48}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Held team');
});

// The order is kept: what was typed before the Save is saved, what came after stays an
// unsaved edit.
test('typed, saved, typed again before the client runs: the save has the first number', async ({ page }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  const release = await holdClient(page, 'editor');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const calls = page.getByLabel('Calls per month', { exact: true });
  await calls.fill('1000000');
  await page.getByTestId('save').click();
  await calls.fill('2000000');
  release();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  // 2M calls x $0.00224 = $4,480, unsaved; revision 2 holds the 1M.
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$4,480');
  await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes');
  await page.unroute(/\/pkg\/editor\./);
  const viewHref = await page.getByTestId('view-link').getAttribute('href');
  const viewer = await page.context().newPage();
  await viewer.goto(viewHref!);
  await hydrated(viewer);
  await expect(viewer.getByTestId('read-only')).toContainText('revision 2');
  expect(await text(viewer, 'api-cost-0')).toBe('$2,240');
});

// Two saves pressed before the client runs are two saves, one after the other: the second
// is not refused as a conflict with the first.
test('type, Save, type, Save before the client runs: revisions 2 and 3, no conflict', async ({ page }) => {
  const url = await createFromTemplate(page, 'haiku-vs-4090');
  const release = await holdClient(page, 'editor');
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const calls = page.getByLabel('Calls per month', { exact: true });
  await calls.fill('1000000');
  await page.getByTestId('save').click();
  await calls.fill('2000000');
  await page.getByTestId('save').click();
  release();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 3');
  expect(await text(page, 'api-cost-0')).toBe('$4,480');
});
