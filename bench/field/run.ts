/**
 * Field benchmark (one command: `node --import tsx bench/field/run.ts`, part of `npm run bench`;
 * BENCH_QUICK=1 runs one short round). In the same run:
 * - the computing thread: `replace()` of a 1024² Float32 field against one `Float32Array.set`
 *   of it into the same array each time (the anchor) and into one of three shared arrays in
 *   turn (the floor of a triple buffer, whose slots take turns), and the heap it allocates per
 *   call;
 * - the worker: reducing a 4096² state to a 480 x 480 card (block mean), and its bytes;
 * - the viewer page in Chromium, a line chart fed every millisecond beside: nothing (the
 *   baseline), a 1024² field replaced 30 times a second, a 4096² field 10 times a second, and
 *   the rect `heatmap()` path with 256² rows; each card's draws per second, the page's main
 *   thread per field draw, the heap after a collection;
 * - the floor: a bare canvas's `putImageData` of a 1024² image;
 * - the JupyterLab panel (panel/panel.spec.ts; BENCH_SKIP_PANEL=1 skips it): one looping Deno
 *   cell with a line chart, alone and beside a 1024² field replaced 30 times a second; draws
 *   per second, main thread per field draw, the panel's heap over JupyterLab's own.
 * Prints medians with their spread, asserts the targets it can, writes bench/results/field.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { chromium } from '@playwright/test';
import { field, open } from 'async-plotter';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../test/ui/helpers/chromium.ts';
import { median, spread } from '../kernel-client/stats.ts';
import { reduceField } from '../../kernel-client/src/worker/decimation/field-reduction.ts';
import { canvasFloor, pageField, type FieldRun } from './page-field.ts';

const quick = process.env.BENCH_QUICK === '1';
const rounds = quick ? 1 : 3;
const loopMs = quick ? 8000 : 12_000;

// The computing thread: replace() against the copy it has to make.
const plotter = await open({ title: 'field bench', display: false, browser: false });
const chart = plotter.chart('phi', field());
const side = 1024;
const state = Float32Array.from({ length: side * side }, (_, i) => Math.sin(i));
const copy = new Float32Array(side * side);
const turns = [0, 1, 2].map(() => new Float32Array(new SharedArrayBuffer(side * side * 4)));
const replaceUs: number[] = [];
const setUs: number[] = [];
const turnUs: number[] = [];
chart.replace({ width: side, height: side, values: state }); // the slots' first allocation
for (let round = 0; round < 3; round++) {
  chart.replace({ width: side, height: side, values: state });
}
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < 200; i++) {
  let started = performance.now();
  copy.set(state);
  setUs.push((performance.now() - started) * 1000);
  started = performance.now();
  turns[i % 3].set(state);
  turnUs.push((performance.now() - started) * 1000);
  started = performance.now();
  chart.replace({ width: side, height: side, values: state });
  replaceUs.push((performance.now() - started) * 1000);
}
const heapPerCall = (process.memoryUsage().heapUsed - heapBefore) / 200;
await plotter.close();

// The worker: one 4096² state reduced to a 480 x 480 card.
const big = 4096;
const bigState = {
  width: big,
  height: big,
  version: 1,
  values: Float32Array.from({ length: big * big }, (_, i) => (i % 977) / 977)
};
const reduceMs: number[] = [];
let reducedBytes = 0;
for (let i = 0; i < 15; i++) {
  const started = performance.now();
  const cells = reduceField(
    bigState,
    { col: 0, row: 0, cols: big, rows: big },
    { cols: 480, rows: 480 },
    'mean'
  );
  reduceMs.push(performance.now() - started);
  reducedBytes = cells.values.byteLength;
}

// The worker's floor: one JavaScript pass that only sums the state's cells.
const passMs: number[] = [];
for (let i = 0; i < 15; i++) {
  const started = performance.now();
  let sum = 0;
  for (let k = 0; k < bigState.values.length; k++) {
    sum += bigState.values[k];
  }
  passMs.push(performance.now() - started);
  if (sum === -1) {
    console.log(sum);
  }
}

const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const cases = [
  { name: 'line alone', kind: 'none', side: 0, rate: 0 },
  { name: 'field 1024², 30/s', kind: 'field', side: 1024, rate: 30 },
  { name: 'field 4096², 10/s', kind: 'field', side: 4096, rate: 10 },
  { name: 'rect heatmap 256², 30/s', kind: 'heatmap', side: 256, rate: 30 }
] as const;
const runs = new Map<string, FieldRun[]>();
const floors: number[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    for (const { name, kind, side: size, rate } of cases) {
      runs.set(name, [
        ...(runs.get(name) ?? []),
        await pageField(browser, kind, size, rate, loopMs)
      ]);
    }
    floors.push(await canvasFloor(browser, 1024));
  }
} finally {
  await browser.close();
}

const baseline = median((runs.get('line alone') ?? []).map(run => run.lineFps));
const table = cases.map(({ name }) => {
  const results = runs.get(name) ?? [];
  const fieldFps = results.flatMap(run => (run.fieldFps === null ? [] : [run.fieldFps]));
  const lineFps = results.map(run => run.lineFps);
  const main = results.flatMap(run =>
    run.mainMsPerFieldDraw === null ? [] : [run.mainMsPerFieldDraw]
  );
  return {
    case: name,
    'states/s': +median(results.map(run => run.statesPerSecond)).toFixed(1),
    'field draws/s': fieldFps.length ? `${median(fieldFps).toFixed(1)} (${spread(fieldFps)})` : '',
    'line draws/s': `${median(lineFps).toFixed(1)} (${spread(lineFps)})`,
    'line vs alone': `${((median(lineFps) / baseline) * 100).toFixed(0)}%`,
    'main ms per field draw': main.length ? +median(main).toFixed(1) : '',
    'heap MB': +median(results.map(run => run.heapMB)).toFixed(1),
    'CPU % loop/worker/browser/all': cpuShares(results)
  };
});
console.table(table);

/** The runs' CPU shares, medians: computing thread, worker, Chromium, the whole machine. */
function cpuShares(results: FieldRun[]): string {
  const shares = results.flatMap(result => (result.cpu ? [result.cpu] : []));
  const of = (key: 'computing' | 'worker' | 'browser' | 'machine') =>
    median(shares.map(share => share[key])).toFixed(0);
  return shares.length === 0
    ? ''
    : `${of('computing')}/${of('worker')}/${of('browser')}/${of('machine')}`;
}
const computing = {
  'replace() 1024² (µs, median)': +median(replaceUs).toFixed(0),
  'Float32Array.set 1024² (µs, median)': +median(setUs).toFixed(0),
  ratio: +(median(replaceUs) / median(setUs)).toFixed(2),
  'floor: set into 3 shared arrays in turn (µs, median)': +median(turnUs).toFixed(0),
  'ratio to that floor': +(median(replaceUs) / median(turnUs)).toFixed(2),
  'replace() spread (µs)': spread(replaceUs, 0),
  'heap bytes per replace()': Math.round(heapPerCall),
  'worker: 4096² to 480² (ms, median)': +median(reduceMs).toFixed(1),
  'worker: spread (ms)': spread(reduceMs),
  'floor: one summing pass over 4096² (ms, median)': +median(passMs).toFixed(1),
  'bytes per frame': reducedBytes,
  "card's device pixels x 4": 480 * 480 * 4,
  'floor: putImageData 1024² (ms, median)': +median(floors).toFixed(2)
};
console.table(computing);

const out = resolve(import.meta.dirname, '../results');
mkdirSync(out, { recursive: true });

// The JupyterLab panel.
interface PanelResult {
  case: string;
  lineFps: number;
  fieldFps: number | null;
  mainMsPerFieldDraw: number | null;
  panelShareMB: number;
}
let panel: PanelResult[] = [];
if (process.env.BENCH_SKIP_PANEL !== '1') {
  console.log('# the JupyterLab panel (one Deno cell)');
  execFileSync(
    'npx',
    ['playwright', 'test', '-c', 'bench/field/panel/panel.config.ts', '--reporter=line'],
    {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: 'inherit',
      env: { ...process.env, BENCH_SECONDS: quick ? '15' : '24' }
    }
  );
  panel = (
    JSON.parse(readFileSync(resolve(out, 'field-panel.json'), 'utf8')) as {
      results: PanelResult[];
    }
  ).results;
  console.table(panel);
}
writeFileSync(
  resolve(out, 'field.json'),
  JSON.stringify({ date: new Date().toISOString(), rounds, table, computing, panel }, null, 2)
);

// The targets this benchmark asserts (the frame-rate ones are reported, see docs/benchmarks.md).
const unmet: string[] = [];
if (median(replaceUs) > 1.2 * median(setUs) + 50) {
  unmet.push(`replace() costs ${computing.ratio}x a Float32Array.set (+50 µs allowed: 1.2x)`);
}
if (median(reduceMs) > 15) {
  unmet.push(
    `the worker takes ${median(reduceMs).toFixed(1)} ms to reduce 4096² (15 allowed; one ` +
      `summing pass over it takes ${median(passMs).toFixed(1)} ms)`
  );
}
if (reducedBytes > 480 * 480 * 4) {
  unmet.push(`a frame carries ${reducedBytes} bytes, more than the card's pixels x 4`);
}
if (unmet.length > 0) {
  console.log(`not met:\n- ${unmet.join('\n- ')}`);
  process.exit(1);
}
