/**
 * A field in the JupyterLab panel, typed as a first cell is: one Deno cell opens a plotter and
 * evolves a 512 x 512 diffusion field in a synchronous loop beside its energy curve. The field's
 * card draws new states while the cell runs (its picture changes), says how its cells are
 * reduced, and is looked at in the light and the dark theme at the panel's default width. The
 * field keeps its last 30 states: once the cell ended, its step slider shows an earlier one
 * and returns to the last.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { chartCard, isCellRunning, plotPanel } from './helpers/plot-panel';

const FIELD_CELL = `import { open, field, line } from "npm:async-plotter";
const plotter = await open({ title: "heat" });
const phi = plotter.chart("phi", field({ title: "temperature", valueTitle: "T", history: 30 }));
const energy = plotter.chart("energy", line({ x: "step", y: "e" }));
const n = 512;
let u = new Float32Array(n * n), next = new Float32Array(n * n);
for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
  u[r * n + c] = Math.hypot(r - n / 3, c - n / 2) < n / 10 ? 1 : 0;
}
let step = 0;
const end = Date.now() + 10_000;
while (Date.now() < end) {
  for (let r = 1; r < n - 1; r++) for (let c = 1; c < n - 1; c++) {
    const i = r * n + c;
    next[i] = u[i] + 0.2 * (u[i - 1] + u[i + 1] + u[i - n] + u[i + n] - 4 * u[i]);
  }
  [u, next] = [next, u];
  step++;
  phi.replace({ width: n, height: n, values: u });
  let e = 0;
  for (let i = 0; i < u.length; i += 64) e += u[i] * u[i];
  energy.push({ step, e });
}
\`steps \${step}\`;`;

/** A digest of the field's painted pixels: changes when a new state is drawn. */
async function pictureDigest(card: Locator): Promise<string> {
  return card.locator('canvas.jp-AsyncPlotter-fieldLayer').evaluate((canvas: HTMLCanvasElement) => {
    const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      canvas.width,
      canvas.height
    ).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 97) {
      hash = (hash * 31 + data[i]) | 0;
    }
    return String(hash);
  });
}

test.describe('a field from a Deno notebook', () => {
  test.describe.configure({ timeout: 180_000 });

  test('one cell that opens a plotter and evolves a 512² field draws it live', async ({
    page
  }, testInfo) => {
    await page.notebook.createNew('field.ipynb', { kernel: 'deno' });
    await page.notebook.setCell(0, 'code', FIELD_CELL);
    await page.notebook.runCell(0, { inplace: true, wait: false });
    const card = chartCard(page, 'phi');
    await expect(card.locator('canvas.jp-AsyncPlotter-fieldLayer')).toBeVisible({
      timeout: 60_000
    });
    await expect(card.locator('.jp-AsyncPlotter-fieldReadout')).toHaveText(
      /^512 × 512 cells, (each drawn|mean of each \d+ × \d+ block)$/
    );
    const pictures = new Set<string>();
    let shot = false;
    while (await isCellRunning(page, 0)) {
      const digest = await pictureDigest(card);
      if (await isCellRunning(page, 0)) {
        pictures.add(digest);
        if (!shot && pictures.size >= 3) {
          await plotPanel(page).screenshot({ path: testInfo.outputPath('field-light.png') });
          shot = true;
        }
      }
      await page.waitForTimeout(300);
    }
    // New states were drawn while the cell ran: the picture changed at least twice.
    expect(pictures.size, 'distinct pictures while the cell ran').toBeGreaterThanOrEqual(3);
    await expect(page.locator('.jp-OutputArea-output').last()).toContainText(/steps \d+/);

    // The step slider: back to the oldest kept state, then to the end, live again.
    const label = card.locator('.jp-AsyncPlotter-fieldStepLabel');
    await expect(label).toHaveText(/^live: state [\d,]+ · 30 of 30 states kept$/);
    const last = await pictureDigest(card);
    await card.getByRole('slider', { name: 'State shown' }).focus();
    await page.keyboard.press('Home');
    await expect(label).toHaveText(/^state [\d,]+, 29 kept states before the newest · /);
    await expect.poll(() => pictureDigest(card), { timeout: 10_000 }).not.toBe(last);
    await plotPanel(page).screenshot({ path: testInfo.outputPath('field-earlier.png') });
    await page.keyboard.press('End');
    await expect(label).toHaveText(/^live: state [\d,]+ · /);
    await expect.poll(() => pictureDigest(card), { timeout: 10_000 }).toBe(last);

    await page.theme.setDarkTheme();
    await expect(card.locator('canvas.jp-AsyncPlotter-fieldLayer')).toBeVisible();
    await page.waitForTimeout(1000);
    await plotPanel(page).screenshot({ path: testInfo.outputPath('field-dark.png') });
    await page.theme.setLightTheme();
  });
});
