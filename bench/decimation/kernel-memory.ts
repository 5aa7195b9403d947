/**
 * Kernel memory for kept rows, in a process of its own (so that its RSS is the plotter's):
 *   ratio [rows] — rows (default 1e7) of two numbers without a window, a decimating viewer
 *             attached: RSS growth from an open plotter with its viewer (`openMB` is what
 *             opening cost) against the raw column bytes (target ≤ 1.25x);
 *   billion — 1e9 pushes under the default memory budget (1 GiB): peak RSS against the budget
 *             (target ≤ budget + 100 MB), and the picture: first, last and both planted
 *             extremes in what the viewer holds.
 * Prints one JSON line.
 */
import process from 'node:process';
import { line, open } from 'async-plotter';
import {
  SOCKET_PATH,
  readNumbers,
  unpackFrame,
  unpackSnapshot,
  type ChartUpdate,
  type WireColumn
} from 'async-plotter/protocol';
import { io } from 'socket.io-client';

const mode = process.argv[2] ?? 'ratio';
const rows = mode === 'billion' ? 1e9 : Number(process.argv[3] ?? 1e7);
const HIGH = 1e3;
const LOW = -1e3;
const high = Math.floor(rows * 0.123);
const low = Math.floor(rows * 0.777);

const rssBefore = process.memoryUsage().rss;
const plotter = await open({ title: `memory ${mode}`, display: false });
const chart = plotter.chart('c', line({ x: 'x', y: 'y' }));
const viewer = io(plotter.url, {
  path: SOCKET_PATH,
  transports: ['websocket'],
  auth: { token: plotter.handle.token, plotSize: { width: 800, height: 200 } }
});
let kept = 0;
let held: { x: number; y: number }[] = [];
const numbers = (column: WireColumn | undefined): Float64Array =>
  column?.type === 'number' ? readNumbers(column.data) : new Float64Array(0);
const apply = (charts: ChartUpdate[]) => {
  for (const update of charts) {
    for (const change of update.datasets) {
      if (change.mode !== 'decimated') continue;
      const xs = numbers(change.rows.columns.x);
      const ys = numbers(change.rows.columns.y);
      held = held.slice(0, change.keep);
      for (let i = 0; i < change.rows.length; i++) held.push({ x: xs[i], y: ys[i] });
      kept = change.kept;
    }
  }
};
viewer.on('snapshot', (packed, ack) => {
  apply(unpackSnapshot(packed).charts);
  ack();
});
viewer.on('frame', (packed, ack) => {
  apply(unpackFrame(packed).charts);
  ack();
});
await new Promise<void>(resolve => viewer.once('connect', () => resolve()));
// The plotter's fixed cost (the worker thread's runtime, its server, a connected viewer) is in
// RSS from here on: growth from here is what the rows cost.
await new Promise(resolve => setTimeout(resolve, 500));
const rssOpen = process.memoryUsage().rss;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const started = performance.now();
let y = 0;
for (let i = 0; i < rows; i++) {
  y = 0.999 * y + Math.sin(i * 1e-5) * 1e-3;
  chart.push({ x: i, y: i === high ? HIGH : i === low ? LOW : y });
  if ((i & 0xfffff) === 0) {
    peak = Math.max(peak, process.memoryUsage().rss);
  }
}
const pushSeconds = (performance.now() - started) / 1000;
while (kept < rows) {
  await new Promise(resolve => setTimeout(resolve, 50));
}
await new Promise(resolve => setTimeout(resolve, 500));
clearInterval(sampler);
const rss = process.memoryUsage().rss;
const ys = held.map(row => row.y);
const result = {
  mode,
  rows,
  pushSeconds,
  rawMB: (rows * 16) / 2 ** 20,
  rssGrowthMB: (rss - rssOpen) / 2 ** 20,
  openMB: (rssOpen - rssBefore) / 2 ** 20,
  peakRssMB: Math.max(peak, rss) / 2 ** 20,
  baselineRssMB: rssBefore / 2 ** 20,
  drawnRows: held.length,
  picture: {
    first: held[0]?.x === 0,
    last: held.at(-1)?.x === rows - 1,
    highest: Math.max(...ys) === HIGH,
    lowest: Math.min(...ys) === LOW
  }
};
viewer.close();
await plotter.close({ timeoutMs: 500 });
console.log(JSON.stringify(result));
