// Fields in the JupyterLab panel: one Deno cell opens a plotter with a line chart and, in the
// second case, a 1024² field replaced 30 times a second, and loops for BENCH_SECONDS pushing a
// row into the line chart every millisecond. Per case: each card's draws per second, the
// page's main-thread time per field draw, and the heap after a collection against the same
// page's heap before the plotter opened (JupyterLab's own), in the same run. Writes
// bench/results/field-panel.json.
import { expect, test } from '@jupyterlab/galata';
import { isCellRunning, plotPanel } from '../../../test/ui/helpers/plot-panel';
import { heapMeter, heapShare, writePanelResults } from '../../panel-bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SIDE = 1024;

function cell(withField: boolean): string {
  return `import { field, line, open } from "npm:async-plotter";
const plot = await open({ title: "field panel ${withField ? 'field' : 'line'}" });
const curve = plot.chart("curve", line({ x: "step", y: "v" }));
${withField ? 'const phi = plot.chart("phi", field({ title: "phi" }));' : 'const phi = null;'}
const n = ${SIDE};
const values = new Float32Array(n * n);
const end = Date.now() + ${SECONDS * 1000};
let step = 0, states = 0, last = 0, next = Date.now();
for (let now = Date.now(); now < end; now = Date.now()) {
  if (now !== last) { curve.push({ step, v: Math.sin(step / 300) }); step++; last = now; }
  if (phi !== null && now >= next) {
    next += 1000 / 30;
    const phase = states / 10;
    for (let r = 0; r < n; r++) { const w = Math.sin(r / 17 + phase); for (let c = 0; c < n; c++) values[r * n + c] = w * Math.cos(c / 23 - phase); }
    phi.replace({ width: n, height: n, values });
    states++;
  }
}
"states " + states`;
}

const results: Record<string, unknown>[] = [];

for (const withField of [false, true]) {
  test(`panel: ${withField ? 'a 1024² field beside a line chart' : 'a line chart alone'}`, async ({
    page
  }) => {
    const { cdp, heap } = await heapMeter(page);
    await cdp.send('Performance.enable');
    const busy = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find(m => m.name === 'TaskDuration')
        ?.value ?? NaN;
    const name = `bench-field-${withField ? 'field' : 'line'}.ipynb`;
    await page.notebook.createNew(name, { kernel: 'deno' });
    await page.notebook.setCell(0, 'code', cell(withField));
    const jupyterLabHeap = await heap();
    await page.notebook.runCell(0, { inplace: true, wait: false });
    await expect(plotPanel(page)).toBeVisible({ timeout: 60_000 });
    const cards = plotPanel(page).locator('.jp-AsyncPlotter-card');
    await expect(cards).toHaveCount(withField ? 2 : 1, { timeout: 60_000 });
    await page.waitForTimeout(4000);
    const read = () =>
      cards.evaluateAll(nodes =>
        nodes.map(node => {
          const view = node.querySelector<HTMLElement>('.jp-AsyncPlotter-view');
          return { draws: Number(view?.dataset.draws ?? 0), at: performance.now() };
        })
      );
    const before = await read();
    const busyBefore = await busy();
    await page.waitForTimeout((SECONDS * 1000) / 3);
    const after = await read();
    const busyAfter = await busy();
    expect(await isCellRunning(page, 0)).toBe(true);
    const seconds = (after[0].at - before[0].at) / 1000;
    const fps = after.map((card, k) => (card.draws - before[k].draws) / seconds);
    const fieldDraws = withField ? after[1].draws - before[1].draws : 0;
    const panelHeap = await heap();
    await expect.poll(() => isCellRunning(page, 0), { timeout: 120_000 }).toBe(false);
    const result = {
      case: withField ? 'field' : 'line',
      lineFps: +fps[0].toFixed(1),
      fieldFps: withField ? +fps[1].toFixed(1) : null,
      mainMsPerFieldDraw:
        fieldDraws > 0 ? +(((busyAfter - busyBefore) * 1000) / fieldDraws).toFixed(1) : null,
      ...heapShare(jupyterLabHeap, panelHeap)
    };
    console.log(JSON.stringify(result));
    results.push(result);
  });
}

test.afterAll(() => writePanelResults('field-panel', results));
