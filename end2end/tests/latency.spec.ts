import { test, expect, createFromTemplate, text, typeInto, watchErrors } from './helpers';

// A serving engineer sizes from the latency the product needs: on the Sonnet vs 2x A100
// template, a target below the hardware's floor is refused with the floor, a reachable
// one moves the replicas and the break-even and names what binds, and the latency curve
// shows the target and the planned load.
test('latency targets move replicas and break-even, with the binding constraint explained', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await createFromTemplate(page, 'sonnet-vs-2xa100');
  const line = page.getByTestId('serving-0-0');
  await expect(line).toContainText('binding: the target utilisation');
  const replicas = () => text(page, 'self-replicas-0');
  const breakEven = () => page.getByTestId('break-even-1-0').innerText();
  const before = { replicas: await replicas(), breakEven: await breakEven() };

  // 300 ms to the first token is less than an 800-token prefill of 70B takes here.
  await typeInto(page, 'p95 time to first token', '300');
  await typeInto(page, 'p95 time per output token', '30');
  await expect(page.getByTestId('self-cost-0')).toContainText("time to first token target of 300 ms is below this hardware's floor of 345");

  // 1 s to the first token is reachable; 30 ms a token binds.
  await typeInto(page, 'p95 time to first token', '1000');
  await expect(line).toContainText('binding: the p95 time-per-token target');
  await expect(line).toContainText('30 ms/token');
  await expect.poll(replicas).not.toBe(before.replicas);
  await expect.poll(breakEven).not.toBe(before.breakEven);
  await line.getByText('Why, and the latency curve').click();
  await expect(line).toContainText('One stream alone gets 28 ms/token');
  await expect(line.locator('svg.latency-chart')).toHaveCount(2);
  await expect(line.locator('svg.latency-chart line.target')).toHaveCount(2);
  await expect(line.locator('svg.latency-chart circle.planned')).toHaveCount(2);

  // A nonsense target is refused at its field; the preset fills both with its reasoning.
  await typeInto(page, 'p95 time per output token', '-5');
  await expect(page.locator('#f-task_types-0-tpot_p95_ms-err')).toContainText('above 0');
  await page.getByLabel('Latency the product needs').selectOption('chat');
  await expect(page.getByLabel('p95 time to first token')).toHaveValue('500');
  await expect(page.getByLabel('p95 time per output token')).toHaveValue('50');
  await expect(page.getByTestId('latency-0')).toContainText('streams faster than anyone reads');
  await expect(line).toContainText('binding: the p95 time-to-first-token target');
  expect(errors).toEqual([]);
});
