import { expect, test } from '@jupyterlab/galata';
import {
  cardButton,
  chartView,
  createPlotNotebook,
  drawnRows,
  runNewCell
} from './helpers/panel-notebook';
import { cardPoints } from '../support/card-points';
import {
  cardFrames,
  drawnDomain,
  pushedRows,
  readmeFirstExample,
  spinningStreamCode
} from './helpers/decimation';
import { chartCard, isCellRunning, plotPanel } from './helpers/plot-panel';

// Large runs as a user meets them: a million rows, a twenty-second stream, zoom and pan. What
// they show is asserted here; how fast (rows shown after the cell's end, frames/s while it
// runs, the page's heap) is measured by bench/decimation/lab.
test.describe.configure({ timeout: 180_000 });

test("the README's first example shows every one of its 1,000,000 rows once the cell ends", async ({
  page
}, testInfo) => {
  await createPlotNotebook(page, 'readme.ipynb', readmeFirstExample());
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  const card = chartCard(page, 'loss');
  await expect.poll(() => isCellRunning(page, 0), { timeout: 60_000 }).toBe(false);
  await expect.poll(() => cardPoints(card)).toBe(1_000_000);
  await expect.poll(async () => (await drawnDomain(card))?.[0]).toBeLessThanOrEqual(0);
  // The whole curve from step 0, drawn from a few thousand rows.
  await expect.poll(async () => (await drawnDomain(card))?.[1]).toBeGreaterThanOrEqual(999_999);
  const drawn = await drawnRows(card);
  expect(drawn).toBeGreaterThan(100);
  expect(drawn).toBeLessThanOrEqual(4 * 2000);
  const shown = card.locator('.jp-AsyncPlotter-points');
  await expect(shown).toHaveText(/^decimated: [\d,]+ of 1,000,000 rows$/);
  await card.screenshot({ path: testInfo.outputPath('million-rows.png') });
});

test('a 20 s cell pushing every iteration of a ~1 µs loop: the card grows in every 2 s span while it runs and ends with every row', async ({
  page
}) => {
  await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
  await page.notebook.createNew('stream.ipynb', { kernel: 'deno' });
  await page.notebook.setCell(0, 'code', spinningStreamCode(20));
  await page.notebook.runCell(0, { inplace: true, wait: false });
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  const card = chartCard(page, 'loss');
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  // Once streaming: the frames the card applied and the rows it holds over each 2 s span.
  await expect.poll(() => cardPoints(card), { timeout: 20_000 }).toBeGreaterThan(100_000);
  const spans: { frames: number; rows: number }[] = [];
  let before = { frames: await cardFrames(card), rows: await cardPoints(card) };
  for (let span = 0; span < 6 && (await isCellRunning(page, 0)); span++) {
    await page.waitForTimeout(2000);
    const now = { frames: await cardFrames(card), rows: await cardPoints(card) };
    if (await isCellRunning(page, 0)) {
      spans.push({ frames: now.frames - before.frames, rows: now.rows - before.rows });
    }
    before = now;
  }
  const seen = spans.map(({ frames, rows }) => `${frames} frames, ${rows} rows`).join('; ');
  console.log(`streaming card, per 2 s span: ${seen}`);
  expect(spans.length, `spans measured while streaming: ${seen}`).toBeGreaterThanOrEqual(3);
  for (const { frames, rows } of spans) {
    expect(frames, `new frames in every span: ${seen}`).toBeGreaterThan(0);
    expect(rows, `new rows in every span: ${seen}`).toBeGreaterThan(0);
  }
  await expect.poll(() => isCellRunning(page, 0), { timeout: 30_000 }).toBe(false);
  const pushed = await pushedRows(page);
  await expect.poll(() => cardPoints(card)).toBe(pushed);
});

test('zoom and pan: finer rows for the zoomed range, live rows do not move the view, reset', async ({
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
  const box = (await chartView(card).locator('canvas.marks').boundingBox())!;
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
  await expect.poll(() => drawnRows(card)).toBeGreaterThanOrEqual(Math.min(inDomain, 400));
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
