// Dashboards in the JupyterLab panel: one Deno cell with N line charts pushing a row into each
// on every iteration of a synchronous loop. Per case: the draws per second of each card on
// screen, the most updates per second a card received, that cards off screen do not draw, and
// the heap after a collection against the same page's heap before the plotter opened
// (JupyterLab's own), in the same run. Writes bench/results/dashboard-panel.json.
import { expect, test } from '@jupyterlab/galata';
import { isCellRunning, plotPanel } from '../../../test/ui/helpers/plot-panel';
import { heapMeter, heapShare, writePanelResults } from '../../panel-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

function cell(charts: number): string {
  return `import { line, open } from "npm:async-plotter";
const plot = await open({ title: "dashboard ${charts}" });
const charts = Array.from({ length: ${charts} }, (_, k) =>
  plot.chart("m" + String(k).padStart(2, "0"), line({ x: "step", y: "v" })));
let step = 0;
const end = Date.now() + ${SECONDS * 1000};
while (Date.now() < end) {
  for (let k = 0; k < charts.length; k++) charts[k].push({ step, v: Math.exp(-step / (1e5 * (k + 1))) + 0.05 * Math.sin(step / (3000 + 300 * k)) });
  step++;
}
"pushed " + step`;
}

const results: Record<string, unknown>[] = [];

for (const charts of [1, 16]) {
  test(`panel: ${charts} line charts`, async ({ page }) => {
    const { heap } = await heapMeter(page);
    await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
    await page.notebook.createNew(`bench-dashboard-${charts}.ipynb`, { kernel: 'deno' });
    await page.notebook.setCell(0, 'code', cell(charts));
    const jupyterLabHeap = await heap();
    await page.notebook.runCell(0, { inplace: true, wait: false });
    await expect(plotPanel(page)).toBeVisible({ timeout: 60_000 });
    const cards = plotPanel(page).locator('.jp-AsyncPlotter-card');
    await expect(cards).toHaveCount(charts, { timeout: 60_000 });
    await page.waitForTimeout(4000);
    const read = () =>
      cards.evaluateAll(nodes =>
        nodes.map(node => {
          const view = node.querySelector<HTMLElement>('.jp-AsyncPlotter-view');
          return {
            draws: Number(view?.dataset.draws ?? 0),
            frames: Number(node.dataset.frames ?? 0),
            onScreen: view?.dataset.onScreen === 'true',
            at: performance.now()
          };
        })
      );
    const before = await read();
    await page.waitForTimeout((SECONDS * 1000) / 3);
    const after = await read();
    expect(await isCellRunning(page, 0)).toBe(true);
    const seconds = (after[0].at - before[0].at) / 1000;
    const fps = after.map((card, k) => (card.draws - before[k].draws) / seconds);
    const onScreen = fps.filter((_, k) => after[k].onScreen);
    // Updates each card received (frames that carried its chart's rows: `data-frames`).
    const framesPerSecond = after.map((card, k) => (card.frames - before[k].frames) / seconds);
    const offScreen = fps.filter((_, k) => !after[k].onScreen);
    const panelHeap = await heap();
    await expect.poll(() => isCellRunning(page, 0), { timeout: 120_000 }).toBe(false);
    const result = {
      charts,
      onScreen: onScreen.length,
      onScreenFps: onScreen.map(f => +f.toFixed(1)),
      framesPerSecond: +Math.max(...framesPerSecond).toFixed(1),
      offScreenMaxFps: offScreen.length ? Math.max(...offScreen) : null,
      ...heapShare(jupyterLabHeap, panelHeap)
    };
    console.log(JSON.stringify(result));
    results.push(result);
  });
}

test.afterAll(() => writePanelResults('dashboard-panel', results));
