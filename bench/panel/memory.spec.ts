// Streams into the real panel for SOAK_MINUTES (default 10) with a fixed window and samples the
// page's JavaScript heap (after a forced garbage collection) and DOM node count every 30 s.
// The baseline is the first sample, taken after one minute of streaming in the same run.
import { expect, test } from '@jupyterlab/galata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chartCard, plotPanel } from '../../test/ui/helpers/plot-panel';
import { cardPointsNow } from '../../test/support/card-points';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);
const WINDOW = 1000;
const SAMPLE_EVERY_MS = 30_000;

const STREAM = `import { open } from "npm:async-plotter";
const plot = await open({ title: "soak" });
const c = plot.chart("loss", {
  data: { name: "points" },
  mark: "line",
  encoding: { x: { field: "step", type: "quantitative" }, y: { field: "loss", type: "quantitative" } }
}, { window: ${WINDOW} });
let i = 0;
const end = Date.now() + ${minutes * 60_000};
while (Date.now() < end) {
  for (let k = 0; k < 50; k++) { c.push({ step: i, loss: Math.sin(i / 100) }); i++; }
  await new Promise(r => setTimeout(r, 10));
}
"pushed " + i`;

interface Sample {
  minute: number;
  heapMB: number;
  nodes: number;
  points: number;
}

test('browser memory stays flat while the panel streams with a fixed window', async ({ page }) => {
  // galata's `page` wraps the Playwright page; CDP wants the page itself.
  const [target] = page.context().pages();
  const client = await page.context().newCDPSession(target);
  await client.send('HeapProfiler.enable');
  const sample = async (start: number): Promise<Sample> => {
    await client.send('HeapProfiler.collectGarbage');
    const heap = await client.send('Runtime.getHeapUsage');
    const dom = await client.send('Memory.getDOMCounters');
    return {
      minute: (Date.now() - start) / 60_000,
      heapMB: heap.usedSize / 2 ** 20,
      nodes: dom.nodes,
      points: await cardPointsNow(chartCard(page, 'loss'))
    };
  };

  await page.notebook.createNew('soak.ipynb', { kernel: 'deno' });
  await page.notebook.setCell(0, 'code', STREAM);
  await page.notebook.runCell(0, { inplace: true, wait: false });
  await expect(plotPanel(page)).toBeVisible({ timeout: 60_000 });
  await expect(chartCard(page, 'loss')).toBeVisible();
  const start = Date.now();

  const samples: Sample[] = [];
  await page.waitForTimeout(60_000);
  while (Date.now() - start < minutes * 60_000 - 5_000) {
    samples.push(await sample(start));
    console.log(JSON.stringify(samples[samples.length - 1]));
    await page.waitForTimeout(SAMPLE_EVERY_MS);
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const peak = Math.max(...samples.map(s => s.heapMB));
  const summary = {
    minutes,
    window: WINDOW,
    baselineHeapMB: first.heapMB,
    lastHeapMB: last.heapMB,
    peakHeapMB: peak,
    growthMB: last.heapMB - first.heapMB,
    baselineNodes: first.nodes,
    lastNodes: last.nodes,
    samples
  };
  const out = resolve(__dirname, '../results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'panel-memory.json'), JSON.stringify(summary, null, 2));
  console.log(
    `heap after 1 min ${first.heapMB.toFixed(1)} MB, after ${last.minute.toFixed(1)} min ` +
      `${last.heapMB.toFixed(1)} MB (peak ${peak.toFixed(1)}), DOM nodes ${first.nodes} -> ${last.nodes}`
  );
  expect(last.points).toBe(WINDOW);
  // "No growth": within 10% of the baseline (garbage collection timing), DOM nodes flat.
  expect(last.heapMB).toBeLessThanOrEqual(first.heapMB * 1.1);
  expect(last.nodes).toBeLessThanOrEqual(first.nodes * 1.1);
});
