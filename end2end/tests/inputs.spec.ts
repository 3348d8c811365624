import { test, expect, createFromTemplate, text, typeInto, watchErrors } from './helpers';

test('folded inputs: on-prem hosting, an edited catalog tier with reset, task duplication; decision tables', async ({ page }) => {
  const errors = watchErrors(page);
  await createFromTemplate(page, 'haiku-vs-4090');

  // Edit a catalog tier's price: marked as edited, and reset brings the catalog back.
  await typeInto(page, 'Output price', '4.4', 0);
  await expect(page.getByTestId('tier-0-edited')).toContainText('edited: catalog prices are $0.8/$4');
  // Its source is no longer the catalog's alone, here and in the cost's explanation.
  await expect(page.getByTestId('tier-0-source')).toContainText('Source: typed by the user, edited from');
  await page.getByTestId('api-cost-0').locator('summary').first().click();
  await expect(page.getByTestId('api-cost-0').locator('table.inputs')).toContainText('typed by the user (the catalog has 4 USD/Mtok:');
  await page.keyboard.press('Escape');
  // The typed output price has no date: only the input price is still the catalog's old one.
  const priceNote = page.getByTestId('price-note');
  await expect(priceNote).toContainText("Claude Haiku 3.5's input price (2025-06-22");
  await expect(priceNote).not.toContainText("Claude Haiku 3.5's prices");
  await page.getByTestId('tier-0-edited').getByRole('button', { name: 'Reset to catalog' }).click();
  await expect(page.getByTestId('tier-0-edited')).toHaveCount(0);
  await expect(page.getByTestId('tier-0-source')).not.toContainText('typed by the user');
  await expect(priceNote).toContainText("Claude Haiku 3.5's prices (2025-06-22");
  await expect(page.getByLabel('Output price').first()).toHaveValue('4');

  // Switch the second GPU configuration to on-prem: its purchase and power fields appear,
  // and the idle overhead, which only rented GPU time carries, goes.
  const config = page.getByTestId('config-1');
  await expect(config.getByLabel('Idle / reserved overhead')).toHaveCount(1);
  await config.locator('summary', { hasText: 'More: hosting' }).click();
  await config.getByLabel('Hosting').selectOption('on_prem');
  const onPrem = page.getByTestId('config-1');
  await expect(onPrem.getByLabel('GPU purchase price')).toHaveValue('1599');
  await expect(onPrem.getByLabel('Idle / reserved overhead')).toHaveCount(0);
  await expect(onPrem.getByLabel('Electricity')).toBeVisible();
  // By hand, one replica (the batched estimate serves 200M tokens with room to spare):
  // hardware (1,599 GPU + 1,500 server) x (1 - 0.1 residual) / 36 months = $77.475;
  // power (450 W x 0.8 + 100 W) = 0.46 kW x 720 h x PUE 1 x $0.12 = $39.744; steady people
  // costs $550 (see editor.spec.ts; the setup is one-off, apart): $667.219.
  await expect.poll(() => text(page, 'self-cost-1')).toBe('$667.22');
  // At $0.30/kWh the power is 0.46 x 720 x 0.30 = $99.36: $726.835.
  await onPrem.getByLabel('Electricity').fill('0.30');
  await expect.poll(() => text(page, 'self-cost-1')).toMatch(/^\$726\.8[34]$/);

  // Duplicate a task type: a second row with the same numbers.
  await page.getByRole('button', { name: 'Duplicate task type 1' }).click();
  await expect(page.getByTestId('task-1').getByRole('textbox', { name: 'Task type', exact: true })).toHaveValue('Agentic workflow (copy)');
  await expect.poll(() => text(page, 'api-cost-0')).toBe('$2,240');

  // Decision tables.
  // Two tasks of 500k calls: all on the on-prem 4090 (one replica serves both, $726.835)
  // beats all-API (2 x $1,120 = $2,240) by $1,513.165, and any split (at least $1,120 +
  // $726.835).
  await expect(page.getByTestId('hybrid')).toContainText('Best assignment within each task\'s quality floor: $726.8');
  await expect(page.getByTestId('hybrid-saving-api').locator('summary')).toHaveText('$1,513');
  await expect(page.getByTestId('hybrid')).toContainText('/month against all-API.');
  // Each figure opens to its parts: the one replica serving both task types, and the
  // saving as the difference of the two plans.
  await page.getByTestId('hybrid-best-cost').locator('summary').click();
  await expect(page.getByTestId('hybrid-best-cost')).toContainText('replicas for Agentic workflow, Agentic workflow (copy) (reserves included)');
  await page.getByTestId('hybrid-saving-api').locator('summary').click();
  await expect(page.getByTestId('hybrid-saving-api')).toContainText('the all-API plan\'s monthly cost − the best assignment\'s monthly cost');
  // The best assignment is the all-self-hosted plan: said so, not "saves $0".
  await expect(page.getByTestId('hybrid')).toContainText('It is the all-self-hosted plan.');
  await expect(page.getByTestId('hybrid').locator('li')).toHaveText([
    'Agentic workflow -> RTX 4090 + Llama 3.1 8B (estimated, batched)',
    'Agentic workflow (copy) -> RTX 4090 + Llama 3.1 8B (estimated, batched)',
  ]);
  await expect(page.getByTestId('projection').locator(':scope > tbody > tr')).toHaveCount(24);
  await expect(page.getByTestId('payback')).toContainText('RTX 4090');
  expect(errors).toEqual([]);
});
