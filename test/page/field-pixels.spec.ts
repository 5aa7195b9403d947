/**
 * Fields in the viewer page, drawn pixels against an independent colour mapping (Vega's own
 * scheme, evaluated here through `vega`'s `scheme`, not the viewer's table): a gradient checks
 * direction and colours,
 * a checkerboard at one cell per pixel checks that cells stay square and sharp, one hot cell
 * checks orientation and that it survives the max-preserving reduction, a cell without a value
 * is hatched, and a zoom brings finer cells. The plotter is opened by this test's own process,
 * as a Node script opens one.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { field, open, type Plotter } from 'async-plotter';
import { cellCentre, near, painted, viridis } from '../support/field-pixels';

const SHOTS = fileURLToPath(new URL('../../.scratch/page-screenshots/', import.meta.url));

async function shown(page: Page, plotter: Plotter, chart: string): Promise<Locator> {
  await page.goto(plotter.viewerUrl);
  const card = page.locator('.jp-AsyncPlotter-card', { has: page.getByText(`· ${chart}`) });
  await expect(card.locator('[data-field-layer="true"]')).toBeVisible();
  return card;
}

test.use({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });

let plotter: Plotter;

test.beforeEach(async () => {
  plotter = await open({ title: `fields ${test.info().title}`, display: false, browser: false });
});

test.afterEach(async () => {
  await plotter.close({ timeoutMs: 500 });
});

test('a gradient is drawn in the direction and colours of the scheme, row 0 on top', async ({
  page
}) => {
  const [cols, rows] = [64, 32];
  const across = plotter.chart('across', field({ title: 'across' }));
  const down = plotter.chart('down', field({ title: 'down' }));
  const up = plotter.chart('up', field({ title: 'up', origin: 'lower' }));
  const byCol = Float32Array.from({ length: cols * rows }, (_, i) => i % cols);
  const byRow = Float32Array.from({ length: cols * rows }, (_, i) => Math.floor(i / cols));
  across.replace({ width: cols, height: rows, values: byCol });
  down.replace({ width: cols, height: rows, values: byRow });
  up.replace({ width: cols, height: rows, values: byRow });
  await shown(page, plotter, 'up');
  const card = (name: string) =>
    page.locator('.jp-AsyncPlotter-card', { has: page.getByText(`· ${name}`) });
  for (const name of ['across', 'down', 'up']) {
    await expect(card(name).locator('.jp-AsyncPlotter-fieldReadout')).toHaveText(
      '64 × 32 cells, each drawn'
    );
  }
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}field-gradients.png`, fullPage: true });
  const a = await painted(card('across'));
  // Square cells: 64 x 32 cells on a box twice as wide as high.
  expect(Math.abs(a.box.width - 2 * a.box.height)).toBeLessThanOrEqual(2);
  for (let col = 0; col < cols; col += 9) {
    const got = cellCentre(a, rows / 2, col, rows, cols);
    expect(near(got, viridis(col / (cols - 1))), `column ${col}: ${got.join(',')}`).toBe(true);
  }
  const d = await painted(card('down'));
  const u = await painted(card('up'));
  for (let row = 0; row < rows; row += 5) {
    const t = row / (rows - 1);
    expect(near(cellCentre(d, row, 3, rows, cols), viridis(t)), `down, row ${row}`).toBe(true);
    // origin 'lower': row 0 at the bottom.
    expect(near(cellCentre(u, rows - 1 - row, 3, rows, cols), viridis(t)), `up, row ${row}`).toBe(
      true
    );
  }
});

test('a checkerboard at one cell per pixel stays square and sharp', async ({ page }) => {
  const side = 480;
  const board = plotter.chart('board', field({ title: 'board' }));
  const values = Float32Array.from(
    { length: side * side },
    (_, i) => ((i % side) + Math.floor(i / side)) % 2
  );
  board.replace({ width: side, height: side, values });
  const card = await shown(page, plotter, 'board');
  await expect(card.locator('.jp-AsyncPlotter-fieldReadout')).toHaveText(
    '480 × 480 cells, each drawn'
  );
  const p = await painted(card);
  expect(p.box).toEqual({ left: p.box.left, top: p.box.top, width: side, height: side });
  // Sharp: exactly the two end colours of the scheme, no blend at any cell edge.
  expect(p.colours()).toBe(2);
  expect(near(p.pixel(p.box.left, p.box.top), viridis(0), 3)).toBe(true);
  expect(near(p.pixel(p.box.left + 1, p.box.top), viridis(1), 3)).toBe(true);
  expect(near(p.pixel(p.box.left + 1, p.box.top + 1), viridis(0), 3)).toBe(true);
});

test('one hot cell shows where it is through the max reduction; no value is hatched', async ({
  page
}) => {
  const side = 2048;
  const [hotRow, hotCol] = [1500, 300];
  const hot = plotter.chart('hot', field({ title: 'hot', reduce: 'max' }));
  const mean = plotter.chart('mean', field({ title: 'mean' }));
  const values = new Float32Array(side * side);
  values[hotRow * side + hotCol] = 1;
  // A block of cells without a value, top right.
  for (let r = 0; r < 200; r++) {
    values.fill(NaN, r * side + side - 200, r * side + side);
  }
  hot.replace({ width: side, height: side, values });
  mean.replace({ width: side, height: side, values });
  const card = await shown(page, plotter, 'mean');
  const hotCard = page.locator('.jp-AsyncPlotter-card', { has: page.getByText('· hot') });
  const readout = hotCard.locator('.jp-AsyncPlotter-fieldReadout');
  await expect(readout).toHaveText(/^2048 × 2048 cells, largest of each (\d+) × \1 block$/);
  const p = await painted(hotCard);
  // Blocks as large as needed for the cells to fit the plot's pixels, and no larger.
  const block = Math.ceil(side / p.box.width);
  await expect(readout).toHaveText(`2048 × 2048 cells, largest of each ${block} × ${block} block`);
  await expect(hotCard.getByText(`2,048 × 2,048 cells, max of ${block} × ${block}`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}field-hot-cell.png` });
  const yellow = viridis(1);
  const found: [number, number][] = [];
  for (let y = p.box.top; y < p.box.top + p.box.height; y++) {
    for (let x = p.box.left; x < p.box.left + p.box.width; x++) {
      if (near(p.pixel(x, y), yellow, 8)) {
        found.push([x - p.box.left, y - p.box.top]);
      }
    }
  }
  expect(found.length, 'pixels of the hot block').toBeGreaterThan(0);
  const scale = p.box.width / side;
  for (const [x, y] of found) {
    expect(Math.abs(x - hotCol * scale)).toBeLessThanOrEqual(3);
    expect(Math.abs(y - hotRow * scale)).toBeLessThanOrEqual(3);
  }
  // The mean of a 5 x 5 block is 1/25: no pixel of the mean's field is the top colour.
  const m = await painted(card);
  expect(near(cellCentre(m, hotRow, hotCol, side, side), yellow, 8)).toBe(false);
  // Cells without a value: the hatching's greys, not a colour of the scheme.
  const hatched = cellCentre(m, 50, side - 50, side, side);
  expect(hatched[0] === hatched[1] && hatched[1] === hatched[2], hatched.join(',')).toBe(true);
  expect(hatched[0]).toBeGreaterThanOrEqual(0x9e - 1);
});

test('zooming in brings finer cells, down to every cell', async ({ page }) => {
  const side = 2048;
  const ramp = plotter.chart('ramp', field({ title: 'ramp' }));
  const values = Float32Array.from(
    { length: side * side },
    (_, i) => (i % side) ^ Math.floor(i / side)
  );
  ramp.replace({ width: side, height: side, values });
  const card = await shown(page, plotter, 'ramp');
  const readout = card.locator('.jp-AsyncPlotter-fieldReadout');
  await expect(readout).toHaveText(/^2048 × 2048 cells, mean of each (\d+) × \1 block$/);
  const box = (await card.locator('canvas.marks').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.keyboard.down('Control');
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(50);
  }
  await page.keyboard.up('Control');
  // Away from the plot, the readout says how the cells are drawn.
  await page.mouse.move(2, 2);
  await expect(readout).toHaveText('2048 × 2048 cells, each drawn');
  await page.screenshot({ path: `${SHOTS}field-zoomed.png` });
  // Hovering reads the cell under the pointer out.
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await expect(readout).toHaveText(/^x [\d.]+, y [\d.]+: cell \(\d+, \d+\), value \d+$/);
});
