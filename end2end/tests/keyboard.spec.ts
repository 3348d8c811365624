import { test, expect, createFromTemplate, text, typeInto } from './helpers';

// Keyboard and layout (issue 13, classes 12 and 13): Ctrl+S saves, the head with Save
// stays in view, Escape closes an explanation, arrows move between chart tabs, PageUp
// jumps the inspect slider, and Remove leaves the focus in its section.
test('keyboard: Ctrl+S, a head that stays in view, Escape, tab arrows, PageUp, focus after Remove', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');
  // Saving again with nothing edited writes no revision: the next edit saves as 3.
  await page.keyboard.press('Control+s');
  await page.getByTestId('save').click();
  await typeInto(page, 'Calls per month', '900000');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,016');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 3');

  // Far down the page, Save and the headline figure are still on screen.
  await page.getByRole('button', { name: '+ Add task type' }).scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 4000);
  await expect(page.getByTestId('save')).toBeInViewport();
  await expect(page.getByTestId('head-cheapest')).toBeInViewport();
  await expect(page.getByTestId('head-cheapest')).toContainText('Cheapest: ');

  // Escape closes an open explanation and the focus returns to its number.
  const explain = page.getByTestId('api-cost-0');
  await explain.locator('summary').first().click();
  await expect(explain).toHaveAttribute('open', '');
  await page.keyboard.press('Escape');
  await expect(explain).not.toHaveAttribute('open', '');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');

  // Arrow keys move between the chart tabs, and the focus moves with the selection.
  const tabs = page.getByRole('tab');
  const first = tabs.nth(0);
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toHaveAttribute('aria-selected', 'true');

  // PageUp moves the inspect slider 16 of its 256 steps at a time.
  const slider = page.locator('#inspect');
  await slider.focus();
  // Focus alone shows the line at the slider's volume, and names it for a screen reader:
  // it rests at the scenario's own volume (900,000 calls a month, typed above), not at 0.
  await expect(page.getByTestId('chart').locator('.cursor')).toBeVisible();
  await expect(slider).toHaveAttribute('aria-valuetext', /^[\d,]+ calls \/ month$/);
  const now = Number((await slider.getAttribute('aria-valuetext'))!.split(' ')[0].replace(/,/g, ''));
  expect(Math.abs(now - 900000)).toBeLessThan(900000 * 0.02);
  const rest = Number(await slider.inputValue());
  expect(rest).toBeGreaterThan(0);
  await page.keyboard.press('PageUp');
  await expect(slider).toHaveValue(String(rest + 16));
  await expect(slider).toHaveAttribute('aria-valuetext', /calls \/ month$/);
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('255');

  // Remove: the focus stays in the section, not at the top of the page.
  await page.getByRole('button', { name: '+ Add task type' }).click();
  await page.getByRole('button', { name: 'Remove task type 2' }).click();
  await expect(page.locator('#fs-tasks')).toBeFocused();
});

// The server lays out the numbers and each answer replaces them: what the reader opened
// stays open, and the focus stays in the explanation it was in, through any number of
// edits (a regression of the server-laid-out panel, found in review).
test('an edit keeps open explanations open, and the focus in the one it was in', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  const explain = page.getByTestId('api-cost-0');
  await explain.locator('summary').first().click();
  await expect(explain).toHaveAttribute('open', '');
  const before = await text(page, 'api-cost-0');
  await typeInto(page, 'Calls per month', '1000000');
  await expect.poll(() => text(page, 'api-cost-0')).not.toBe(before);
  await expect(explain).toHaveAttribute('open', '');
  await expect(page.getByTestId('results').or(page.locator('section.results'))).toHaveAttribute('aria-busy', 'false');

  // The focus moves into the explanation in the same moment as an edit is sent: the
  // answer lands after it, and the focus is still there.
  const shown = await text(page, 'api-cost-0');
  await page.getByLabel('Calls per month', { exact: true }).evaluate((el: HTMLInputElement) => {
    el.value = '3000000';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    (document.querySelector('[data-testid="api-cost-0"] summary') as HTMLElement).focus();
  });
  await expect.poll(() => text(page, 'api-cost-0')).not.toBe(shown);
  await expect(explain).toHaveAttribute('open', '');
  expect(
    await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid')),
  ).toBe('api-cost-0');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
});
