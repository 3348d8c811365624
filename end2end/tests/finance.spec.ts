import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, createFromTemplate, text, typeInto, watchErrors } from './helpers';

// What finance signs, as a user sets it up: a hurdle rate, a 3-year commitment on the
// rented GPU, figures in euros at a dated rate; bad values are refused at their fields;
// the saved scenario's spreadsheet recalculates in LibreOffice and its PDF reads in euros.
test('hurdle rate, a 3-year commitment and euros move NPV, IRR and payback; the XLSX and the PDF carry them', async ({ page, consoleErrors }) => {
  test.setTimeout(120_000);
  consoleErrors.allow(/status of 422/);
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');
  const npv = () => text(page, 'npv-1');
  const before = await npv();
  expect(before).toMatch(/^-?\$/);

  // The hurdle rate moves the NPV.
  await page.getByText('More: cost lens, horizon, hurdle rate').click();
  await typeInto(page, 'Hurdle rate (for the NPV)', '0.25');
  await expect(page.getByTestId('finance-basis')).toContainText('hurdle rate of 25% a year');
  await expect.poll(npv).not.toBe(before);
  const atHurdle = await npv();

  // A 3-year commitment is longer than the 24-month horizon: said at its field.
  const config = page.getByTestId('config-1');
  await config.getByText('More: hosting, replicas, people').click();
  await config.getByLabel('Commitment', { exact: true }).selectOption('36');
  const term = page.locator('#f-gpu_configs-1-hosting-commitment-term_months-err');
  await expect(term).toContainText('longer than the 24-month horizon');
  await typeInto(page, 'Projection horizon', '36');
  await expect(term).toHaveText('');
  await config.getByLabel('Commitment discount').fill('0.4');
  await expect.poll(npv).not.toBe(atHurdle);
  await page.getByTestId('npv-1').locator('summary').click();
  await expect(page.getByTestId('npv-1').locator('table.inputs')).toContainText('hurdle rate');
  await page.keyboard.press('Escape');
  // The monthly cost says what is committed.
  const monthly = page.getByTestId('self-cost-1');
  await monthly.locator('summary').click();
  await expect(monthly.locator('table.inputs')).toContainText('committed replicas');
  await page.keyboard.press('Escape');
  // The 4090 still pays back within the 36 months: an IRR in percent and a month.
  await expect(page.getByTestId('irr-1').locator('summary')).toHaveText(/^-?[\d,.]+%$|^> 1,000%$/);
  await expect(page.getByTestId('payback-1').locator('summary')).toHaveText(/^month \d+$/);
  // Each explains itself as the NPV does: the payback by its running total.
  const payback = page.getByTestId('payback-1');
  const m = Number((await payback.locator('summary').innerText()).replace('month ', ''));
  await payback.locator('summary').click();
  await expect(payback.locator('table.inputs')).toContainText(`running total, month ${m}`);
  await page.keyboard.press('Escape');
  await page.getByTestId('irr-1').locator('summary').click();
  await expect(page.getByTestId('irr-1').locator('.formula')).toContainText('the yearly rate r at which the NPV');
  await page.keyboard.press('Escape');

  // Euros: the rate and its date are asked for at their fields before any figure converts.
  await page.getByLabel('Currency shown').selectOption('EUR');
  await expect(page.locator('#f-currency-per_usd-err')).toContainText('above 0');
  await expect(page.locator('#f-currency-as_of-err')).toContainText('date of the rate');
  // Typed, then emptied: back to asking for the rate, not "enter a number".
  await typeInto(page, /^Exchange rate/, '0.7');
  await expect(page.locator('#f-currency-per_usd-err')).toHaveText('');
  await typeInto(page, /^Exchange rate/, '');
  await expect(page.locator('#f-currency-per_usd-err')).toContainText('above 0');
  await expect(page.locator('#f-currency-per_usd-err')).not.toContainText('enter a number');
  await expect(page.getByTestId('save-status')).not.toContainText('not a number');
  await typeInto(page, /^Exchange rate/, '0.5');
  // A rate from a year and a half ago is flagged where the NPV is read; last week's is not.
  await typeInto(page, 'Rate as of (YYYY-MM-DD)', '2025-06-02');
  await typeInto(page, 'Rate source', 'ECB reference rate');
  await expect(page.getByTestId('rate-note')).toContainText('is dated 2025-06-02');
  await expect(page.getByTestId('rate-note')).toContainText('check it is still the rate to sign with');
  const recent = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await typeInto(page, 'Rate as of (YYYY-MM-DD)', recent);
  await expect(page.getByTestId('rate-note')).toHaveCount(0);
  // Not a date: told what is wrong with it, at the field.
  await typeInto(page, 'Rate as of (YYYY-MM-DD)', '2026-13-45');
  await expect(page.locator('#f-currency-as_of-err')).toContainText('no month 13');
  await typeInto(page, 'Rate as of (YYYY-MM-DD)', recent);
  // The prices typed in the form stay in US dollars, and say so where they are typed.
  await expect(page.getByTestId('usd-note').first()).toContainText('in US dollars, as the catalogs list prices; the results are shown in EUR at 0.5 per USD');
  // The template's Claude Haiku 3.5 is priced as of 2025-06-22, over half a year ago:
  // flagged beside the rate's place, by name and date.
  await expect(page.getByTestId('price-note')).toContainText("Claude Haiku 3.5's prices (2025-06-22");
  await expect.poll(npv).toMatch(/^-?€/);
  await expect(page.getByTestId('finance-basis')).toContainText(`Figures in EUR at 0.5 EUR per USD (ECB reference rate, as of ${recent})`);
  await expect(page.getByTestId('head-cheapest')).toContainText('€');
  await page.getByTestId('npv-1').locator('summary').click();
  const inputs = page.getByTestId('npv-1').locator('table.inputs');
  await expect(inputs).toContainText('exchange rate');
  await expect(inputs).toContainText('the figure in USD');
  await page.keyboard.press('Escape');

  // A tax view adds the NPV after tax; a tax rate of 1 is refused at its field.
  await page.getByLabel('Tax view (after-tax NPV)').selectOption('straight_line');
  await expect.poll(() => text(page, 'after-tax-1')).toMatch(/^-?€/);
  await typeInto(page, 'Tax rate', '1');
  await expect(page.locator('#f-tax-rate-err')).toContainText('below 1');
  await typeInto(page, 'Tax rate', '0.25');
  await expect(page.locator('#f-tax-rate-err')).toHaveText('');

  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved revision 2');

  // The downloads, as a user gets them: a spreadsheet LibreOffice recalculates without an
  // error, in euros, and a PDF whose text holds the euro NPV.
  const dir = mkdtempSync(join(tmpdir(), 'breakeven-finance-'));
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const book = join(dir, 'scenario.xlsx');
  await xlsx.saveAs(book);
  // A LibreOffice profile that recalculates every formula on load (as server/tests/xlsx.rs).
  const user = join(dir, 'profile', 'user');
  mkdirSync(user, { recursive: true });
  writeFileSync(join(user, 'registrymodifications.xcu'), '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n');
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, book], { timeout: 90_000, stdio: 'ignore' });
  const sheets = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  expect(sheets.length).toBeGreaterThanOrEqual(3);
  const outputs = readFileSync(join(dir, sheets.find((f) => /Outputs/.test(f)) ?? sheets[0]), 'utf8');
  expect(outputs).toContain('NPV (EUR)');
  for (const f of sheets) {
    const csv = readFileSync(join(dir, f), 'utf8');
    for (const bad of ['#NAME?', '#VALUE!', '#REF!', 'Err:']) expect(csv, `${f}: ${bad}`).not.toContain(bad);
  }
  const pdfResponse = await page.request.get(await page.getByTestId('export-pdf').getAttribute('href') ?? '');
  expect(pdfResponse.ok()).toBeTruthy();
  const pdf = await pdfResponse.body();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const words = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
  expect(words).toContain('€');
  expect(words.replace(/\s+/g, ' ')).toContain('Catalog prices dated more than 6 months before');
  expect(words.replace(/\s+/g, ' ')).toContain('an internal rate of return of');
  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
});

// Another currency is another rate: the field empties and asks for it, never showing the
// last currency's rate in a field the scenario holds empty.
test('switching the currency from EUR to GBP empties the rate and asks for it', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  await page.getByText(/^More: cost lens/).click();
  await page.getByLabel('Currency shown').selectOption('EUR');
  await typeInto(page, /^Exchange rate/, '0.92');
  await typeInto(page, 'Rate as of (YYYY-MM-DD)', '2026-11-30');
  await expect(page.getByTestId('head-cheapest')).toContainText('€');
  await page.getByLabel('Currency shown').selectOption('GBP');
  await expect(page.getByLabel(/^Exchange rate: GBP/)).toHaveValue('');
  await expect(page.getByLabel('Rate as of (YYYY-MM-DD)')).toHaveValue('');
  await expect(page.locator('#f-currency-per_usd-err')).toContainText('GBP');
  await typeInto(page, /^Exchange rate/, '0.79');
  await typeInto(page, 'Rate as of (YYYY-MM-DD)', '2026-11-30');
  await expect(page.getByTestId('head-cheapest')).toContainText('£');
});
