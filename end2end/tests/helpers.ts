import { test as base, expect, Page } from '@playwright/test';

export { expect };

/**
 * Every spec imports `test` from here: it watches every page of the test's context
 * for console errors and page errors and fails the test on any it did not announce
 * with `consoleErrors.allow(/pattern/)` (a refused save's 409/422, say).
 */
export const test = base.extend<{ consoleErrors: { allow: (re: RegExp) => void; seen: string[] } }>({
  consoleErrors: [async ({ context }, use) => {
    const seen: string[] = [];
    const allowed: RegExp[] = [];
    const watch = (p: Page) => {
      p.on('console', (m) => { if (m.type() === 'error') seen.push(`${p.url()}: ${m.text()}`); });
      p.on('pageerror', (e) => seen.push(`${p.url()}: ${e.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use({ allow: (re) => allowed.push(re), seen });
    const unexpected = seen.filter((e) => !allowed.some((re) => re.test(e)));
    expect(unexpected, 'console errors nobody announced').toEqual([]);
  }, { auto: true }],
});

/** Collects console errors and page errors; tests assert there are none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The page is hydrated once the wasm has run: we mark it in the DOM. A read-only page
 * (view, frozen, present, print) loads its client on the first gesture: a press on the
 * page's background stands for one. */
export async function hydrated(page: Page) {
  await page.waitForLoadState('domcontentloaded');
  if (await page.locator('html[data-hydrate="on-interaction"]').count()) {
    await page.locator('body').dispatchEvent('pointerdown');
  }
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Creates a workspace through the home page and returns its URL (its secret link). */
export async function createWorkspace(page: Page, name = 'Test team'): Promise<string> {
  await page.goto('/');
  await hydrated(page);
  await page.getByTestId('workspace-name').fill(name);
  await page.getByTestId('create-workspace').click();
  await page.waitForURL(/\/w\/[0-9a-f]{48}$/);
  await hydrated(page);
  return page.url();
}

const workspaces = new WeakMap<Page, string>();

/** The workspace this test page works in, created on first use. */
export async function workspaceUrl(page: Page): Promise<string> {
  let url = workspaces.get(page);
  if (!url) {
    url = await createWorkspace(page);
    workspaces.set(page, url);
  }
  return url;
}

/** Creates a scenario from a template in the page's workspace and returns its edit URL. */
export async function createFromTemplate(page: Page, template: string): Promise<string> {
  await page.goto(await workspaceUrl(page));
  await hydrated(page);
  await page.getByTestId(`new-${template}`).click();
  await page.waitForURL(/\/s\/[0-9a-f]{32}\?key=[0-9a-f]{48}$/);
  await hydrated(page);
  return page.url();
}

/** Replaces a field's text the way a person types it. */
export async function typeInto(page: Page, label: string | RegExp, value: string, nth = 0) {
  const field = page.getByLabel(label, { exact: typeof label === 'string' }).nth(nth);
  await field.fill(value);
}

export async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).locator('summary').first().innerText()).trim();
}

