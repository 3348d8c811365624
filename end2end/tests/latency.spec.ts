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
  await expect(page.getByTestId('latency-allowed-0')).toHaveCount(0);

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
  // The row says what sizes the replicas now: what the targets allow of the throughput.
  await expect(page.getByTestId('latency-allowed-0')).toContainText('The p95 latency targets allow');
  await expect(page.getByTestId('latency-allowed-0')).toContainText('the replicas are sized to that');
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
  // "Typed targets" while the values are still the preset's: the hint says they are yours.
  await page.getByLabel('Latency the product needs').selectOption('custom');
  await expect(page.getByTestId('latency-0')).toContainText('Your own p95 targets');

  // A target with an uncertainty range, emptied: the range goes with it, and the field
  // being typed in keeps the keyboard (the rows are laid out again around it).
  await page.getByRole('button', { name: '+ Add a range' }).click();
  await page.getByTestId('range-0').getByLabel('Input').selectOption({ value: 'task_types[0].ttft_p95_ms' });
  await expect(page.getByTestId('range-0').getByLabel('Low')).toHaveValue('400');
  const ttft = page.getByLabel('p95 time to first token');
  await ttft.fill('');
  await expect(page.getByTestId('range-0')).toHaveCount(0);
  await expect(ttft).toBeFocused();
  await page.keyboard.type('700');
  await expect(ttft).toHaveValue('700');
  expect(errors).toEqual([]);
});

// A file of runs at several loads becomes a capacity curve: the target picks the
// highest measured load that meets it, drawn as a diamond among the runs.
test('a benchmark sweep attached to a configuration: the targets pick a point on it', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  const fs = await import('fs');
  const path = await import('path');
  const file = path.join(__dirname, '..', '..', 'engine', 'tests', 'bench-samples', 'sglang', 'h200-benchmarks', 'llama_3_3_70b_online_output.jsonl');
  await createFromTemplate(page, 'sonnet-vs-2xa100');
  const config = page.getByTestId('config-0');
  await config.getByLabel('GPU', { exact: true }).selectOption('h200');
  await config.getByLabel('Model', { exact: true }).selectOption('llama-3.3-70b');
  await config.getByLabel('Precision', { exact: true }).selectOption('bf16');
  await typeInto(page, 'GPUs per replica', '4');
  await typeInto(page, 'Input tokens per call', '1024');
  await typeInto(page, 'Output tokens per call', '534');
  await typeInto(page, 'p95 time per output token', '25');
  await config.getByLabel('Throughput from').selectOption('benchmark');
  const b64 = fs.readFileSync(file).toString('base64');
  const dt = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'llama_3_3_70b_online_output.jsonl', { type: 'application/json' }));
    return dt;
  }, b64);
  await page.locator('[data-testid="upload-config-0"] .dropzone').dispatchEvent('drop', { dataTransfer: dt });
  // The file's highest-throughput run is attached, with its four siblings of one shape.
  await expect(config.getByTestId('measured-now')).toContainText('4,288');
  await expect(config.getByTestId('sweep-0')).toContainText('Sweep: 5 runs');
  await expect(config.getByTestId('sweep-0')).not.toContainText('left out');
  const line = page.getByTestId('serving-0-0');
  // The file has only medians: the line says so, and that the capacity is optimistic.
  await expect(line).toContainText(/Measured: 2,2\d\d tok\/s per replica meet the targets by the runs' median latencies: not every run has a p99, and a p95 is higher than a median, so this capacity is optimistic \(between run '#3/);
  await expect(line).toContainText('binding: the p95 time-per-token target');
  await line.getByText('Why, and the latency curve').click();
  await expect(line.locator('svg.latency-chart circle.measured')).toHaveCount(10);
  await expect(line.locator('svg.latency-chart path.chosen')).toHaveCount(2);
  await expect(line).toContainText("The circles are the runs' median latencies");
  // A run the user picks is the one attached (not the sweep's highest), the sweep with it.
  const pick = config.getByTestId('run-select-0');
  const run4 = await pick.locator('option', { hasText: '3,515 tok/s' }).getAttribute('value');
  await pick.selectOption(run4!);
  await expect(config.getByTestId('measured-now')).toContainText('3,515 output tok/s');
  await expect(pick).toHaveValue(run4!);
  // The sweep comes with it up to its load: the heavier run stays out.
  await expect(config.getByTestId('sweep-0')).toContainText(/Sweep: [234] runs/);
  // The list narrows as the user types; the attached run stays in it.
  const filter = config.getByTestId('run-filter-0');
  await filter.fill('3,515');
  await expect(config.getByTestId('run-count-0')).toContainText(/ 1 of \d+ runs/);
  await expect(pick.locator('option')).toHaveCount(2);
  await filter.fill('no-such-run');
  await expect(config.getByTestId('run-count-0')).toContainText(/ 0 of \d+ runs/);
  await expect(pick.locator('option', { hasText: '3,515 tok/s' })).toHaveCount(1);
  await filter.fill('');
  // ... and says so.
  await expect(config.getByTestId('sweep-0')).toContainText(/\d runs? of higher throughput (is|are) left out/);
  expect(errors).toEqual([]);
});
