/**
 * The computation of the dashboard benchmark, run as its own process (`node --import tsx`):
 * `dashboard-script.ts <charts> <loopMs> [slow|none] [stepUs]`. Opens one plotter with `charts`
 * line charts (with `slow`, one more: a rolling mean, which Vega computes from every row up to
 * the row limit, slow to draw), prints
 * `{"viewerUrl"}`, waits for a line on stdin, then pushes one row into every chart on each
 * iteration of a synchronous loop for `loopMs` (each iteration first spinning `stepUs`
 * microseconds, as a loop that computes between pushes; default 0), prints `{"rows"}` (per chart) and waits for the
 * end of stdin to close the plotter.
 */
import process from 'node:process';
import { createInterface } from 'node:readline';
import { line, open } from 'async-plotter';

const [chartsArg, loopArg, slowArg, stepArg] = process.argv.slice(2);
const stepMs = Number(stepArg ?? 0) / 1000;
const count = Number(chartsArg);
const loopMs = Number(loopArg);
const lines = createInterface({ input: process.stdin });
const nextLine = (): Promise<void> =>
  new Promise(resolve => {
    lines.once('line', () => resolve());
    lines.once('close', () => resolve());
  });

const plotter = await open({ title: `dashboard of ${count}`, display: false });
const charts = Array.from({ length: count }, (_, k) =>
  plotter.chart(`metric ${String(k).padStart(2, '0')}`, line({ x: 'step', y: 'v' }))
);
if (slowArg === 'slow') {
  charts.push(
    plotter.chart('rolling mean', {
      data: { name: 'points' },
      transform: [{ window: [{ op: 'mean', field: 'v', as: 'mean' }], frame: [-500, 0] }],
      mark: 'line',
      encoding: {
        x: { field: 'step', type: 'quantitative' },
        y: { field: 'mean', type: 'quantitative' }
      }
    })
  );
}
process.stdout.write(JSON.stringify({ viewerUrl: plotter.viewerUrl }) + '\n');
await nextLine();
const started = Date.now();
let step = 0;
while (Date.now() - started < loopMs) {
  if (stepMs > 0) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // the computation of one step
    }
  }
  for (let k = 0; k < charts.length; k++) {
    charts[k].push({
      step,
      v: Math.exp(-step / (1e5 * (k + 1))) + 0.05 * Math.sin(step / (3000 + 300 * k))
    });
  }
  step++;
}
process.stdout.write(JSON.stringify({ rows: step }) + '\n');
await nextLine();
await plotter.close();
lines.close();
