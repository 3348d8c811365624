// Edit -> updated chart latency in headless Chromium (issue 15 target: p95 <= 16 ms).
// Run: scripts/bench-edit-latency.sh (release build). Prints p50/p95/max and writes
// end2end/bench/edit-latency.json.
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import { createFromTemplate } from '../tests/helpers';

const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 120);
// A network like a VPN's: Chromium adds this many ms to every request's round trip
// (DevTools' network emulation, as its "Slow 4G" preset does). 0 = loopback as it is.
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 0);

test('edit to updated chart latency', async ({ page }) => {
  await createFromTemplate(page, 'haiku-vs-4090');
  await expect(page.getByTestId('chart').locator('svg')).toBeVisible();
  const field = page.getByLabel('Calls per month');
  if (RTT_MS > 0) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: RTT_MS, downloadThroughput: -1, uploadThroughput: -1,
    });
  }
  // Per edit: until the chart's DOM changed, and until the frame that shows it (the next
  // requestAnimationFrame; in headless Chromium frames come every ~16.7 ms, so that
  // figure includes waiting for the frame). The same two for the numbers under the
  // chart, which follow the chart's frame.
  const samples: number[] = [];
  const dom: number[] = [];
  const numbers: number[] = [];
  const numbersFrame: number[] = [];
  for (let i = 0; i < 60; i++) {
    const value = String(400000 + (i % 2 === 0 ? 1 : 2) * 137000 + i * 1000);
    const [d, ms, n, nf] = await page.evaluate(async ([v]) => {
      const input = document.querySelector('#f-task_types-0-calls_per_month') as HTMLInputElement;
      const chart = document.querySelector('.chart-svg')!;
      const nums = document.querySelector('.results .numbers')!;
      return await new Promise<number[]>((resolve) => {
        const t0 = performance.now();
        ((window as any).__t0 ||= []).push(t0);
        const out: number[] = [NaN, NaN, NaN, NaN];
        const watch = (el: Element, at: number) => {
          const obs = new MutationObserver(() => {
            obs.disconnect();
            out[at] = performance.now() - t0;
            requestAnimationFrame(() => {
              out[at + 1] = performance.now() - t0;
              if (out.every((x) => !Number.isNaN(x))) resolve(out);
            });
          });
          obs.observe(el, { childList: true, subtree: true, characterData: true });
        };
        watch(chart, 0);
        watch(nums, 2);
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }, [value]);
    samples.push(ms);
    dom.push(d);
    numbers.push(n);
    numbersFrame.push(nf);
    // Edits come as typing does (~8 keys a second; BENCH_GAP_MS=0 for back to back,
    // where a frame drawn just before holds the next one back by up to 16.7 ms).
    await page.waitForTimeout(GAP_MS);
  }
  await expect(field).toBeVisible();
  const stats = (xs: number[]) => {
    const w = xs.slice(5).sort((a, b) => a - b);
    const q = (p: number) => w[Math.min(w.length - 1, Math.ceil(p * w.length) - 1)];
    return { p50_ms: +q(0.5).toFixed(1), p95_ms: +q(0.95).toFixed(1), max_ms: +w[w.length - 1].toFixed(1) };
  };
  // Where the time goes: each live request's round trip as the browser timed it (from
  // the fetch's start to the answer's last byte), and the server's part of it (from the
  // request sent to the answer's first byte).
  const [trip, server] = await page.evaluate(() => {
    const live = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.includes('/sfn/evaluate_live'));
    return [live.map((e) => e.responseEnd - e.startTime), live.map((e) => e.responseStart - e.requestStart)];
  });
  // Before the request leaves (the edit's own work in the page) and after its answer is in
  // (decoding it, drawing the chart), per edit; an edit's request is the first to start
  // after it.
  const [before, after] = await page.evaluate((chartDom) => {
    const live = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.includes('/sfn/evaluate_live'));
    const t0s: number[] = (window as any).__t0;
    const b: number[] = [], a: number[] = [];
    t0s.forEach((t0, i) => {
      const r = live.find((e) => e.startTime >= t0);
      if (r) { b.push(r.startTime - t0); a.push(t0 + chartDom[i] - r.responseEnd); }
    });
    return [b, a];
  }, dom);
  const result = {
    edits: samples.length - 5, gap_ms: GAP_MS, rtt_ms: RTT_MS, ...stats(samples), dom: stats(dom),
    // Per edit, from the chart's DOM change to the frame that shows it: the page waits for
    // the display's next frame, wherever in its ~16.7 ms the change lands. Its 95th
    // percentile is near a whole frame, so the painted figure's p95 can reach 16 ms only
    // for a chart drawn in the edit's own task (no server in between).
    wait_for_frame: stats(samples.map((ms, i) => ms - dom[i])),
    numbers: { dom: stats(numbers), frame: stats(numbersFrame) },
    request: { round_trip: stats(trip), to_first_byte: stats(server) },
    in_page: { before_request: stats(before), answer_to_chart: stats(after) },
  };
  console.log('edit -> updated chart:', JSON.stringify(result));
  fs.writeFileSync('bench/edit-latency.json', JSON.stringify(result, null, 2));
});
