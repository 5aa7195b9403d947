import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  cardButton,
  cardPoints,
  chartView,
  createPlotNotebook,
  drawnRows,
  runNewCell
} from './helpers/panel-notebook';
import { chartCard, isCellRunning, plotPanel } from './helpers/plot-panel';

// Large runs as a user meets them: a million rows, a twenty-second stream, zoom and pan.
test.describe.configure({ timeout: 180_000 });

/** The x domain the card's chart draws (`data-domain`), null before its first draw. */
async function drawnDomain(card: Locator): Promise<[number, number] | null> {
  const text = await chartView(card).getAttribute('data-domain');
  return text === null ? null : (JSON.parse(text) as [number, number]);
}

/** The README's first example, exactly as written there. */
function readmeFirstExample(): string {
  const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
  const block = readme.match(/```ts\n([\s\S]*?)```/);
  if (!block) {
    throw new Error('README.md has no ts example');
  }
  return block[1];
}

/** Frames applied by the card so far (`data-frames`). */
async function frames(card: Locator): Promise<number> {
  return Number(await card.getAttribute('data-frames'));
}

/** The page's JavaScript heap after a garbage collection, in MB. */
async function heapMB(page: Page): Promise<number> {
  const [target] = page.context().pages();
  const client = await page.context().newCDPSession(target);
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.collectGarbage');
  const heap = await client.send('Runtime.getHeapUsage');
  await client.detach();
  return heap.usedSize / 2 ** 20;
}

test("the README's first example shows every one of its 1,000,000 rows within a second of the cell's end", async ({
  page
}, testInfo) => {
  await createPlotNotebook(page, 'readme.ipynb', readmeFirstExample());
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  const card = chartCard(page, 'loss');
  await expect.poll(() => isCellRunning(page, 0), { timeout: 60_000 }).toBe(false);
  const ended = Date.now();
  await expect.poll(() => cardPoints(card), { timeout: 5_000 }).toBe(1_000_000);
  await expect
    .poll(async () => (await drawnDomain(card))?.[0], { timeout: 5_000 })
    .toBeLessThanOrEqual(0);
  const took = Date.now() - ended;
  expect(took, `all rows shown ${took} ms after the cell ended`).toBeLessThanOrEqual(1000);
  // The whole curve from step 0, drawn from a few thousand rows.
  const domain = (await drawnDomain(card)) as [number, number];
  expect(domain[1]).toBeGreaterThanOrEqual(999_999);
  const drawn = await drawnRows(card);
  expect(drawn).toBeGreaterThan(100);
  expect(drawn).toBeLessThanOrEqual(4 * 2000);
  const shown = card.locator('.jp-AsyncPlotter-points');
  await expect(shown).toHaveText(/^decimated: [\d,]+ of 1,000,000 rows$/);
  await card.screenshot({ path: testInfo.outputPath('million-rows.png') });
});

test('a 20 s cell pushing every iteration of a ~1 µs loop keeps the card at 20 frames/s and the heap small', async ({
  page
}) => {
  await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
  await page.notebook.createNew('stream.ipynb', { kernel: 'deno' });
  await page.notebook.setCell(
    0,
    'code',
    `import { open } from "npm:async-plotter";
const plot = await open({ title: "stream" });
const c = plot.chart("loss", {
  data: { name: "points" },
  mark: "line",
  encoding: { x: { field: "step", type: "quantitative" }, y: { field: "loss", type: "quantitative" } }
});
let step = 0;
let y = 0;
const end = Date.now() + 20_000;
while (Date.now() < end) {
  for (let k = 0; k < 30; k++) { y = 0.999 * y + Math.sin(step * 1e-4) * Math.cos(step * 3e-7); }
  c.push({ step, loss: y });
  step++;
}
"pushed " + step`
  );
  await page.notebook.runCell(0, { inplace: true, wait: false });
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  const card = chartCard(page, 'loss');
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  // Once streaming, the frames applied per second over each of 12 two-second spans.
  await expect.poll(() => cardPoints(card), { timeout: 20_000 }).toBeGreaterThan(100_000);
  const rates: number[] = [];
  let before = await frames(card);
  for (let span = 0; span < 6 && (await isCellRunning(page, 0)); span++) {
    await page.waitForTimeout(2000);
    const now = await frames(card);
    if (await isCellRunning(page, 0)) {
      rates.push((now - before) / 2);
    }
    before = now;
  }
  const heap = await heapMB(page);
  console.log(
    `streaming card: ${rates.join(', ')} frames/s per 2 s span; page heap ${heap.toFixed(1)} MB`
  );
  expect(rates.length, 'spans measured while streaming').toBeGreaterThanOrEqual(4);
  expect(Math.min(...rates), `frames/s per 2 s span: ${rates.join(', ')}`).toBeGreaterThanOrEqual(
    20
  );
  expect(heap, `page heap ${heap.toFixed(1)} MB`).toBeLessThan(60);
  await expect.poll(() => isCellRunning(page, 0), { timeout: 30_000 }).toBe(false);
  const pushed = Number(
    (await page.locator('.jp-OutputArea-output').last().innerText()).match(/pushed (\d+)/)?.[1]
  );
  await expect.poll(() => cardPoints(card)).toBe(pushed);
});

test('zoom and pan: finer rows for the zoomed range within a frame, live rows do not move the view, reset', async ({
  page
}, testInfo) => {
  await createPlotNotebook(
    page,
    'zoom.ipynb',
    `import { open } from "npm:async-plotter";
const plot = await open({ title: "zoom" });
const c = plot.chart("loss", {
  data: { name: "points" },
  mark: "line",
  encoding: { x: { field: "step", type: "quantitative" }, y: { field: "loss", type: "quantitative" } }
});
for (let step = 0; step < 400_000; step++) { c.push({ step, loss: Math.sin(step / 50) + step / 400_000 }); }`
  );
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  const card = chartCard(page, 'loss');
  await expect.poll(() => cardPoints(card), { timeout: 30_000 }).toBe(400_000);
  await expect.poll(async () => (await drawnDomain(card))?.[1]).toBeGreaterThanOrEqual(399_999);
  const reset = cardButton(card, 'Reset zoom (show everything)');
  await expect(reset).toHaveAttribute('aria-disabled', 'true');
  const before = await drawnRows(card);

  // Ctrl + wheel over the middle of the plot zooms in on x.
  const box = (await chartView(card).locator('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
  await page.keyboard.down('Control');
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(50);
  }
  await page.keyboard.up('Control');
  await expect(reset).toHaveAttribute('aria-disabled', 'false');
  const zoomed = await drawnDomain(card);
  expect(zoomed).not.toBeNull();
  const [from, to] = zoomed as [number, number];
  expect(to - from, `zoomed to ${from}..${to}`).toBeLessThan(400_000 / 5);
  // The plot server sends the rows of the zoomed range at once: every row when they are fewer
  // than the pixels, so the sine's periods show (they were one band at full width).
  const inDomain = Math.floor(to) - Math.ceil(from) + 1;
  await expect
    .poll(() => drawnRows(card), { timeout: 2_000 })
    .toBeGreaterThanOrEqual(Math.min(inDomain, 400));
  await card.screenshot({ path: testInfo.outputPath('zoomed.png') });

  // Live rows while zoomed in on history: the view stays where it is.
  await runNewCell(
    page,
    'for (let step = 400_000; step < 450_000; step++) { c.push({ step, loss: 2 }); }'
  );
  await expect.poll(() => cardPoints(card)).toBe(450_000);
  expect(await drawnDomain(card)).toEqual(zoomed);

  // Drag pans: the domain moves, its width stays.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await drawnDomain(card))?.[0]).toBeGreaterThan(from);
  const panned = (await drawnDomain(card)) as [number, number];
  expect(panned[1] - panned[0]).toBeCloseTo(to - from, -1);

  // Reset shows everything again, the new rows included.
  await reset.click();
  await expect.poll(async () => (await drawnDomain(card))?.[1]).toBeGreaterThanOrEqual(449_999);
  await expect(reset).toHaveAttribute('aria-disabled', 'true');
  expect(await drawnRows(card)).toBeLessThanOrEqual(before * 2);
  await card.screenshot({ path: testInfo.outputPath('reset.png') });
});
