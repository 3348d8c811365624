import { test, expect, createFromTemplate, typeInto } from './helpers';

// A value the user did not type follows its source; a typed one stays and says so.
test('another GPU re-prices an untyped price and renames an unnamed configuration; typed values stay, marked typed', async ({ page }) => {
  await createFromTemplate(page, 'blank');
  const config = () => page.getByTestId('config-0');
  const name = () => config().getByRole('textbox', { name: 'Configuration', exact: true });
  const source = () => page.getByTestId('price-source-0');

  // A new configuration: the catalog's RunPod RTX 4090 on-demand quote, not "typed".
  await expect(config().getByLabel('GPU price')).toHaveValue('0.74');
  await expect(source()).toContainText('RunPod on-demand quote');
  await expect(source()).not.toContainText('typed');
  await expect(name()).toHaveValue('RTX 4090 24 GB + Llama 3.1 8B');

  // Another GPU: the price is the H100 SXM's quote ($3.49), the name follows.
  await config().getByLabel('GPU', { exact: true }).selectOption('h100-sxm');
  await expect(config().getByLabel('GPU price')).toHaveValue('3.49');
  await expect(source()).toContainText('RunPod on-demand quote');
  await expect(name()).toHaveValue('H100 SXM 80 GB + Llama 3.1 8B');
  // The catalog list offers this GPU's quotes now.
  await expect(config().locator('select[name="gpu_configs[0].hosting.catalog"] option', { hasText: '$3.49/h' })).toHaveCount(1);
  await expect(config().locator('select[name="gpu_configs[0].hosting.catalog"] option', { hasText: '$0.74/h' })).toHaveCount(0);

  // Model, precision and GPU count rename it too.
  await config().getByLabel('Model', { exact: true }).selectOption('llama-3.1-70b');
  await config().getByLabel('Precision', { exact: true }).selectOption('fp8');
  await typeInto(page, 'GPUs per replica', '2');
  await expect(name()).toHaveValue('2x H100 SXM 80 GB + Llama 3.1 70B fp8');

  // A typed price stays through another GPU and says it was typed.
  await typeInto(page, 'GPU price', '2.5');
  await expect(source()).toHaveText('Source: typed by the user');
  await config().getByLabel('GPU', { exact: true }).selectOption('h200');
  await expect(config().getByLabel('GPU price')).toHaveValue('2.5');
  await expect(source()).toHaveText('Source: typed by the user');

  // A name the user typed stays too.
  await name().fill('Our inference box');
  await config().getByLabel('GPU', { exact: true }).selectOption('a100-80gb');
  await expect(name()).toHaveValue('Our inference box');

  // The monthly cost explains where its price came from.
  await page.getByTestId('self-cost-0').locator('summary').click();
  await expect(page.getByTestId('self-cost-0').locator('table.inputs')).toContainText('typed by the user');

  // One press puts the typed price back to the catalog's cheapest quote for this GPU.
  const reset = page.getByTestId('reset-quote-0');
  await expect(reset).toHaveText(/^Reset to the catalog's quote \(\$[\d.]+\/h, .+\)$/);
  const quoted = (await reset.textContent())!.match(/\$([\d.]+)\/h/)![1];
  await reset.click();
  await expect(config().getByLabel('GPU price')).toHaveValue(quoted);
  await expect(source()).toContainText('on-demand quote');
  await expect(source()).not.toContainText('typed');
  await expect(page.getByTestId('reset-quote-0')).toHaveCount(0);
});

test('on-prem: the purchase price follows the GPU, and a GPU without one asks for it', async ({ page }) => {
  await createFromTemplate(page, 'blank');
  const config = () => page.getByTestId('config-0');
  await config().locator('summary', { hasText: 'More: hosting' }).click();
  await config().getByLabel('Hosting').selectOption('on_prem');
  await expect(config().getByLabel('GPU purchase price')).toHaveValue('1599');
  await expect(page.getByTestId('purchase-source-0')).toContainText('catalog purchase price of NVIDIA RTX 4090');
  await config().getByLabel('GPU', { exact: true }).selectOption('h100-sxm');
  await expect(config().getByLabel('GPU purchase price')).toHaveValue('27500');
  // The H200 has no purchase price in the catalog: not the H100's, a question.
  await config().getByLabel('GPU', { exact: true }).selectOption('h200');
  await expect(config().getByLabel('GPU purchase price')).toHaveValue('0');
  await expect(page.locator('[id$="gpu_price_usd-err"]')).toContainText('no purchase price is known for this GPU: type one');
  await expect(page.getByTestId('purchase-source-0')).toContainText('no purchase price is known for this GPU');
  // The chart is the last one that could be drawn: dimmed, and it says so.
  await expect(page.getByTestId('chart-stale')).toBeVisible();
  await expect(page.getByTestId('chart')).toHaveClass(/stale/);
  // Typing a price brings the numbers and the chart back.
  await config().getByLabel('GPU purchase price').fill('30000');
  await expect(page.getByTestId('chart-stale')).toHaveCount(0);
  await expect(page.getByTestId('purchase-source-0')).toContainText('typed by the user');
});

test('a GPU with no quote keeps the old price, and the field says so as a warning, naming both GPUs', async ({ page }) => {
  await createFromTemplate(page, 'blank');
  const config = () => page.getByTestId('config-0');
  const source = () => page.getByTestId('price-source-0');
  await expect(source()).not.toHaveAttribute('role', 'alert');
  await config().getByLabel('GPU', { exact: true }).selectOption('rtx-5090');
  await expect(config().getByLabel('GPU price')).toHaveValue('0.74');
  await expect(source()).toHaveAttribute('role', 'alert');
  await expect(source()).toHaveClass(/warn/);
  await expect(source()).toContainText('quote for another GPU (NVIDIA RTX 4090 24 GB)');
  await expect(source()).not.toContainText('rtx-4090');
  // A price of its own ends the warning.
  await typeInto(page, 'GPU price', '0.9');
  await expect(source()).not.toHaveAttribute('role', 'alert');
  await expect(source()).toHaveText('Source: typed by the user');
});
