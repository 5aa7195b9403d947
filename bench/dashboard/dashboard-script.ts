/**
 * The computation of the dashboard benchmark, run as its own process (`node --import tsx`):
 * `dashboard-script.ts <charts> <loopMs>`. Opens one plotter with `charts` line charts, prints
 * `{"viewerUrl"}`, waits for a line on stdin, then pushes one row into every chart on each
 * iteration of a synchronous loop for `loopMs`, prints `{"rows"}` (per chart) and waits for the
 * end of stdin to close the plotter.
 */
import process from 'node:process';
import { createInterface } from 'node:readline';
import { line, open } from 'async-plotter';

const [chartsArg, loopArg] = process.argv.slice(2);
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
process.stdout.write(JSON.stringify({ viewerUrl: plotter.viewerUrl }) + '\n');
await nextLine();
const started = Date.now();
let step = 0;
while (Date.now() - started < loopMs) {
  for (let k = 0; k < count; k++) {
    charts[k].push({ step, v: Math.sin(step / (500 + 40 * k)) + k });
  }
  step++;
}
process.stdout.write(JSON.stringify({ rows: step }) + '\n');
await nextLine();
await plotter.close();
lines.close();
