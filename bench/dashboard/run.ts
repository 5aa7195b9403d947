/**
 * Dashboard benchmark (one command: `node --import tsx bench/dashboard/run.ts`, part of
 * `npm run bench`; BENCH_QUICK=1 runs one short round of each case):
 * a script pushing a row into each of its line charts on every iteration of a synchronous
 * loop, watched in the viewer page in Chromium at 1280 x 800. In the same run:
 * - one chart (the baseline), 8 charts (what the window shows) and 16 charts: the draws per
 *   second of each card on screen, and that cards off screen do not draw;
 * - the main-thread cost of a card off screen, per frame: the time the page spends applying its
 *   rows (each card's `data-apply-ms`), per frame it received;
 * - 16 charts in a window tall enough to show all of them;
 * - 64 charts: every card's model live and exact, the cards on screen drawing;
 * - 4 line charts beside a rolling mean drawn from every row (slow to draw): the line charts'
 *   draws per second against 4 line charts alone.
 * Then the same in the JupyterLab panel (panel/panel.spec.ts): 1 and 16 charts from one looping Deno
 * cell, the cards' draws per second and the panel's share of the heap over JupyterLab's own.
 * Asserts the targets of the dashboards issue and prints medians with their spread; writes
 * bench/results/dashboard.json and dashboard-panel.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import process from 'node:process';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../test/ui/helpers/chromium.ts';
import { median, spread } from '../kernel-client/stats.ts';
import { pageDashboard, type DashboardResult } from './page-dashboard.ts';
import { vegaFloor, type FloorMode, type FloorResult } from './vega-floor.ts';

const quick = process.env.BENCH_QUICK === '1';
const rounds = quick ? 1 : 3;
const loopMs = quick ? 8000 : 12_000;
const window = { width: 1280, height: 800 };

interface Case {
  name: string;
  charts: number;
  viewport: { width: number; height: number };
  slow?: boolean;
  /** Work per iteration before the pushes (µs). */
  stepUs?: number;
}

const cases: Case[] = [
  { name: '1 chart', charts: 1, viewport: window },
  { name: '8 charts', charts: 8, viewport: window },
  { name: '16 charts', charts: 16, viewport: window },
  { name: '16 charts, all on screen', charts: 16, viewport: { width: 1280, height: 2800 } },
  { name: '16 charts, 20 µs of work per step', charts: 16, viewport: window, stepUs: 20 },
  { name: '64 charts', charts: 64, viewport: window },
  { name: '4 charts', charts: 4, viewport: window },
  { name: '4 charts and a slow one', charts: 4, viewport: window, slow: true }
];

// BENCH_CASES="1 chart;16 charts" runs only those page cases (to look at one; the checks then
// report the missing ones as not met).
const only = process.env.BENCH_CASES?.split(';').map(name => name.trim());
const chosen = only ? cases.filter(({ name }) => only.includes(name)) : cases;
const skipPanel = process.env.BENCH_SKIP_PANEL === '1';

const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const runs = new Map<string, DashboardResult[]>();
/** Cards on screen in the cases: 1, 8 (the 1280 x 800 window) and 16 (the tall one). */
const floorCharts = [1, 8, 16];
const floorModes: FloorMode[] = ['replace', 'stream', 'axes'];
const floors = new Map<string, FloorResult[]>();
try {
  for (let round = 0; round < rounds; round++) {
    for (const { name, charts, viewport, slow, stepUs } of chosen) {
      const result = await pageDashboard(browser, charts, viewport, loopMs, slow, stepUs);
      runs.set(name, [...(runs.get(name) ?? []), result]);
    }
  }
  // The floor: Vega alone drawing the cards each case shows on screen, one core spinning.
  for (let round = 0; round < rounds; round++) {
    for (const mode of floorModes) {
      for (const charts of floorCharts) {
        const key = `${mode} ${charts}`;
        floors.set(key, [
          ...(floors.get(key) ?? []),
          await vegaFloor(browser, charts, loopMs / 2000, mode)
        ]);
      }
    }
  }
} finally {
  await browser.close();
}

const table = chosen.map(({ name }) => {
  const results = runs.get(name) ?? [];
  const onScreen = results.flatMap(result => result.onScreenFps);
  const offScreen = results.flatMap(result => result.offScreenFps);
  return {
    case: name,
    'cards on screen': median(results.map(result => result.onScreen)),
    'draws/s on screen (median)': +median(onScreen).toFixed(1),
    'draws/s on screen (min-max)': spread(onScreen),
    'draws/s off screen (max)': offScreen.length ? Math.max(...offScreen) : null,
    'frames/s received': +median(results.map(result => result.framesPerSecond)).toFixed(1),
    'main thread ms/frame': +median(results.map(r => r.mainThreadMsPerFrame)).toFixed(2),
    'heap MB': +median(results.map(result => result.heapMB)).toFixed(1),
    'slow cards': Math.max(...results.map(result => result.slowCards)),
    'slow card draws/s': results[0]?.slowCardFps?.toFixed(2) ?? '',
    // Where the cores went (% of one core, the machine has cpus().length).
    'CPU % loop/worker/browser/all': cpuShares(results)
  };
});
console.table(table);

/** The cases' CPU shares, medians over the rounds: computing thread, worker, browser, all. */
function cpuShares(results: DashboardResult[]): string {
  const shares = results.flatMap(result => (result.cpu ? [result.cpu] : []));
  if (shares.length === 0) {
    return '';
  }
  const of = (key: 'computing' | 'worker' | 'browser' | 'machine') =>
    median(shares.map(share => share[key])).toFixed(0);
  return `${of('computing')}/${of('worker')}/${of('browser')}/${of('machine')}`;
}

const row = (name: string) => table.find(entry => entry.case === name);
const sixteen = runs.get('16 charts') ?? [];
// What a card off screen costs: the main-thread time its rows take to apply (they are kept for
// when it is shown), per frame, measured in the page for each card of the 16-chart case.
const offScreenEach = sixteen.flatMap(r => r.offScreenMsPerFrame);
const offScreenMs = offScreenEach.length > 0 ? median(offScreenEach) : NaN;
console.log(
  `main thread per card off screen, per frame: ${offScreenMs.toFixed(2)} ms (${spread(offScreenEach, 2)})`
);

console.log(
  '# the floor: Vega alone, one core spinning; each chart holds 3,200 rows and every frame',
  'either replaces them all (replace) or its 132 oldest and newest with newer ones (stream);',
  'axes: 2 rows replaced every frame (what the line layer leaves to Vega)'
);
const floorTable = floorModes.flatMap(mode =>
  floorCharts.map(charts => {
    const results = floors.get(`${mode} ${charts}`) ?? [];
    const fps = results.flatMap(result => result.drawsPerSecond);
    return {
      mode,
      'charts on screen': charts,
      'draws/s (median)': +median(fps).toFixed(1),
      'draws/s (min-max)': spread(fps),
      'ms per frame of all': +median(results.map(result => result.frameMs)).toFixed(1)
    };
  })
);
console.table(floorTable);
const floorOf = (mode: FloorMode, charts: number) =>
  floorTable.find(entry => entry.mode === mode && entry['charts on screen'] === charts)?.[
    'draws/s (median)'
  ] ?? NaN;
for (const [name, charts] of [
  ['1 chart', 1],
  ['16 charts', 8],
  ['16 charts, all on screen', 16]
] as const) {
  const plotter = table.find(entry => entry.case === name)?.['draws/s on screen (median)'];
  if (plotter !== undefined) {
    const share = (mode: FloorMode) =>
      `${floorOf(mode, charts)} ${mode} (${((100 * plotter) / floorOf(mode, charts)).toFixed(0)}%)`;
    console.log(
      `${name}: the plotter ${plotter} draws/s per card on screen; Vega alone ${share('stream')}, ${share('replace')}, ${share('axes')}`
    );
  }
}

const out = resolve(import.meta.dirname, '../results');
if (!skipPanel) {
  console.log('# the JupyterLab panel (one Deno cell)');
  execFileSync(
    'npx',
    ['playwright', 'test', '-c', 'bench/dashboard/panel/panel.config.ts', '--reporter=line'],
    {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: 'inherit',
      env: { ...process.env, BENCH_SECONDS: quick ? '15' : '24' }
    }
  );
}
interface PanelResult {
  charts: number;
  onScreenFps: number[];
  offScreenMaxFps: number | null;
  panelShareMB: number;
}
const panel: PanelResult[] = skipPanel
  ? []
  : (
      JSON.parse(readFileSync(resolve(out, 'dashboard-panel.json'), 'utf8')) as {
        results: PanelResult[];
      }
    ).results;
console.table(panel);
const panel16 = panel.find(result => result.charts === 16);

const fourAlone = median((runs.get('4 charts') ?? []).flatMap(r => r.onScreenFps));
const fourBeside = median((runs.get('4 charts and a slow one') ?? []).flatMap(r => r.onScreenFps));
if (Number.isFinite(fourAlone) && Number.isFinite(fourBeside)) {
  console.log(
    `4 line charts: ${fourAlone.toFixed(1)} draws/s alone, ${fourBeside.toFixed(1)} beside a slow chart (${((100 * fourBeside) / fourAlone).toFixed(0)}%)`
  );
}

const checks: [string, boolean][] = [
  [
    '16 charts: each card on screen >= 20 draws/s',
    Math.min(...sixteen.flatMap(r => r.onScreenFps)) >= 20
  ],
  [
    '16 charts: cards off screen do not draw',
    sixteen.every(r => r.offScreenFps.every(f => f === 0))
  ],
  ['16 charts: a card off screen costs <= 0.5 ms per frame', offScreenMs <= 0.5],
  ['16 charts: page heap <= 60 MB', (row('16 charts')?.['heap MB'] ?? Infinity) <= 60],
  [
    'a slow chart says so',
    (runs.get('4 charts and a slow one') ?? []).every(r => r.slowCards === 1)
  ],
  ['line charts beside a slow chart keep >= 80% of their rate', fourBeside >= 0.8 * fourAlone],
  [
    'panel, 16 charts: each card on screen >= 20 draws/s',
    Math.min(...(panel16?.onScreenFps ?? [0])) >= 20
  ],
  ['panel, 16 charts: cards off screen do not draw', (panel16?.offScreenMaxFps ?? 0) === 0],
  [
    'panel, 16 charts: the panel adds <= 25 MB of heap to JupyterLab',
    (panel16?.panelShareMB ?? Infinity) <= 25
  ],
  [
    '64 charts: the cards on screen draw',
    (runs.get('64 charts') ?? []).every(r => r.onScreenFps.every(f => f > 0))
  ]
];
for (const [what, ok] of checks) {
  console.log(`${ok ? 'met' : 'NOT MET'}: ${what}`);
}

mkdirSync(out, { recursive: true });
writeFileSync(
  resolve(out, 'dashboard.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.versions.node}`,
      table,
      floor: floorTable,
      panel,
      offScreenMsPerFrame: offScreenMs,
      checks: Object.fromEntries(checks),
      runs: Object.fromEntries(runs)
    },
    null,
    2
  )
);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
