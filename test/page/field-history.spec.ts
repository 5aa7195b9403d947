/**
 * A field that keeps a history (`field({ history })`) in the viewer page: its step slider
 * scrubs back to an earlier state, which is then drawn exactly (pixels against an independent
 * colour mapping of that state) and stays while new states keep coming; its `.npy` export,
 * read back by numpy.load, is that state; Live, or the slider's end, follows the newest again.
 * The plotter is opened by this test's own process, as a Node script opens one.
 */
import { expect, test, type Locator } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { field, open, type Chart, type Plotter } from 'async-plotter';
import { download } from '../support/download';
import { cellColours, near, viridis } from '../support/field-pixels';

const SHOTS = fileURLToPath(new URL('../../.scratch/page-screenshots/', import.meta.url));
const [COLS, ROWS] = [48, 24];

/** State `k`: a ramp across the columns, shifted by k (each state different from the last). */
function state(k: number): Float32Array {
  return Float32Array.from({ length: COLS * ROWS }, (_, i) => ((i % COLS) + k) % COLS);
}

/** The card's cells are those of state `k`: every cell's colour, against viridis. */
async function expectState(card: Locator, k: number): Promise<void> {
  const colours = await cellColours(card, ROWS, COLS);
  const expected = state(k);
  const wrong = colours
    .map((got, i) => (near(got, viridis(expected[i] / (COLS - 1))) ? '' : `cell ${i}: ${got}`))
    .filter(text => text !== '');
  expect(wrong.slice(0, 5), `cells not of state ${k}`).toEqual([]);
}

test.use({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });

let plotter: Plotter;
let timer: ReturnType<typeof setInterval> | null = null;

test.beforeEach(async () => {
  plotter = await open({ title: 'field history', display: false, browser: false });
});

test.afterEach(async () => {
  if (timer !== null) {
    clearInterval(timer);
  }
  await plotter.close({ timeoutMs: 500 });
});

test('the slider shows an earlier state exactly, keeps it while new ones come, and returns to live', async ({
  page
}) => {
  // A fixed colour range: each state's colours are known from its values alone.
  const chart: Chart = plotter.chart(
    'phase',
    field({ title: 'phase', history: 200, range: [0, COLS - 1] })
  );
  let k = 0;
  const next = () => chart.replace({ width: COLS, height: ROWS, values: state(++k) });
  for (let i = 0; i < 20; i++) {
    next();
    await new Promise(resolve => setTimeout(resolve, 15));
  }
  await page.goto(plotter.viewerUrl);
  const card = page.locator('.jp-AsyncPlotter-card', { has: page.getByText('· phase') });
  const steps = card.locator('.jp-AsyncPlotter-fieldSteps');
  const label = steps.locator('.jp-AsyncPlotter-fieldStepLabel');
  await expect(label).toHaveText(/^live: state 20 · \d+ of 200 states kept$/);
  await expect(() => expectState(card, 20)).toPass({ timeout: 15_000 });

  // New states keep coming while the user scrubs back.
  timer = setInterval(next, 40);
  const slider = steps.getByRole('slider', { name: 'State shown' });
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(label).toHaveText(/^state \d+, \d+ kept states before the newest · /);
  const pinned = Number(/^state (\d+),/.exec((await label.textContent()) ?? '')?.[1]);
  expect(pinned).toBeGreaterThanOrEqual(1);
  expect(pinned).toBeLessThan(20);
  await expect(card.getByRole('button', { name: 'Live' })).toBeVisible();
  // The plot server sends the pinned state's cells in the next frame.
  await expect(() => expectState(card, pinned)).toPass({ timeout: 15_000 });
  // Half a second of new states later: still the pinned state, the slider's list grown.
  const kAtPin = k;
  await page.waitForTimeout(500);
  expect(k).toBeGreaterThan(kAtPin);
  await expectState(card, pinned);
  await expect(label).toHaveText(new RegExp(`^state ${pinned}, \\d+ kept states before`));
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}field-history-pinned.png` });

  // The export is of the state shown, every cell, read back by numpy.
  const file = await download(page, card, 'Download the cells as .npy (numpy.load reads it)');
  const read = execFileSync('/usr/bin/python3', [
    '-c',
    'import sys, numpy; a = numpy.load(sys.argv[1]); print(a.shape, a.dtype, " ".join(str(int(v)) for v in a.ravel()))',
    file
  ]).toString();
  expect(read.trim()).toBe(`(${ROWS}, ${COLS}) float32 ${[...state(pinned)].join(' ')}`);

  // The slider's end is live again: the card follows the newest states.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(label).toHaveText(/^live: state \d+ · /);
  clearInterval(timer);
  timer = null;
  const last = k;
  await expect(label).toHaveText(new RegExp(`^live: state ${last} · `));
  await expect(() => expectState(card, last)).toPass({ timeout: 15_000 });

  // And Live after pinning again.
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(label).toHaveText(/^state \d+, /);
  await card.getByRole('button', { name: 'Live' }).click();
  await expect(label).toHaveText(new RegExp(`^live: state ${last} · `));
  await expect(() => expectState(card, last)).toPass({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}field-history-live.png` });
});
