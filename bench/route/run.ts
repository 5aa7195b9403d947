/**
 * The route against the direct link, in the same run (see README.md):
 *   (a) push-to-viewer latency during a 5 s synchronous loop pushing a row every ~10 ms (30
 *       frames/s), one viewer direct and one through the route at the same time;
 *   (b) sustained throughput of 1 MiB binary frames (a replace-mode dataset of two 65,536-number
 *       columns, replaced every millisecond, 1000 frames/s allowed, each frame acknowledged),
 *       direct and through the route one after the other, alternating.
 * A real Jupyter server (Debian's jupyter_server with the extension, token auth) carries the
 * route. Usage: node --import tsx bench/route/run.ts [--reps 3] [--throughput-reps 5] [--seconds 2]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { line, open, type Plotter } from 'async-plotter';
import { SOCKET_PATH } from 'async-plotter/protocol';
import { median, percentile, spread } from '../kernel-client/stats.ts';
import { ROOT, startJupyter, type Jupyter } from '../../test/integration/route/jupyter.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const REPS = option('reps', 3);
const THROUGHPUT_REPS = option('throughput-reps', 5);
const SECONDS = option('seconds', 2);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const VIEWER = fileURLToPath(new URL('./viewer.ts', import.meta.url));
const MB = 2 ** 20;

type Path = 'direct' | 'route';
interface Address {
  url: string;
  path: string;
  headers: Record<string, string>;
}

function address(plotter: Plotter, jupyter: Jupyter, path: Path): Address {
  const port = Number(new URL(plotter.handle.url).port);
  return path === 'direct'
    ? { url: plotter.handle.url, path: SOCKET_PATH, headers: {} }
    : { url: jupyter.origin, path: jupyter.socketPath(port), headers: jupyter.auth };
}

/** Starts a viewer process; resolves once it is connected, with a promise of its report. */
async function startViewer<T>(
  plotter: Plotter,
  to: Address,
  mode: 'latency' | 'throughput'
): Promise<{ report: Promise<T> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      VIEWER,
      JSON.stringify(plotter.handle),
      JSON.stringify(to),
      mode,
      String(SECONDS * 1000)
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.value !== 'connected') {
    throw new Error(`the ${mode} viewer did not connect`);
  }
  return { report: iterator.next().then(next => JSON.parse(next.value as string) as T) };
}

async function latencyRun(jupyter: Jupyter): Promise<Record<Path, number[]>> {
  const plotter = await open({ title: 'bench-route-latency', display: false, rate: 30 });
  const chart = plotter.chart('c', line({ x: 'i', y: 't' }));
  const viewers = await Promise.all(
    (['direct', 'route'] as const).map(path =>
      startViewer<{ latencies: number[] }>(plotter, address(plotter, jupyter, path), 'latency')
    )
  );
  const start = Date.now();
  let i = 0;
  let last = 0;
  let y = 0;
  for (let now = start; now - start < 5000; now = Date.now()) {
    y = Math.sin(y + i) * 0.5; // the computation: the loop never yields
    if (now - last >= 10) {
      chart.push({ i: i++, t: now });
      last = now;
    }
  }
  await plotter.close();
  const [direct, route] = await Promise.all(viewers.map(viewer => viewer.report));
  return { direct: direct.latencies, route: route.latencies };
}

async function throughputRun(jupyter: Jupyter, path: Path): Promise<number> {
  const plotter = await open({ title: 'bench-route-throughput', display: false, rate: 1000 });
  const chart = plotter.chart('c', line(), { mode: 'replace' });
  const x = new Float64Array(MB / 16).map((_, i) => i);
  const y = x.map(v => Math.sin(v));
  let state = 0;
  const timer = setInterval(() => {
    y[0] = state++;
    chart.replace({ x, y });
  }, 1);
  try {
    const viewer = await startViewer<{ bytes: number; ms: number }>(
      plotter,
      address(plotter, jupyter, path),
      'throughput'
    );
    const { bytes, ms } = await viewer.report;
    return bytes / MB / (ms / 1000);
  } finally {
    clearInterval(timer);
    await plotter.close({ timeoutMs: 200 });
  }
}

function versions(): string {
  const python = execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sys, jupyter_server, tornado; print(sys.version.split()[0], jupyter_server.__version__, tornado.version)'
    ],
    { encoding: 'utf8' }
  )
    .trim()
    .split(' ');
  return `Node ${process.versions.node}, Python ${python[0]}, jupyter_server ${python[1]}, tornado ${python[2]}`;
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${versions()}`;
console.log(
  `# route vs direct, ${new Date().toISOString()}, ${machine}, load ${loadavg()[0].toFixed(2)}`
);
const jupyter = await startJupyter();
try {
  const p50: Record<Path, number[]> = { direct: [], route: [] };
  const p90: Record<Path, number[]> = { direct: [], route: [] };
  const added: number[] = [];
  for (let rep = 0; rep < (ONLY === 'throughput' ? 0 : REPS); rep++) {
    const run = await latencyRun(jupyter);
    for (const path of ['direct', 'route'] as const) {
      p50[path].push(percentile(run[path], 50));
      p90[path].push(percentile(run[path], 90));
    }
    added.push(p50.route[rep] - p50.direct[rep]);
  }
  const latency = (path: Path) =>
    `${path} p50 ${median(p50[path])} ms (${spread(p50[path], 0)}), p90 ${median(p90[path])} ms (${spread(p90[path], 0)})`;
  console.log(
    `(a) latency push -> viewer, 5 s synchronous loop pushing every 10 ms at 30 frames/s, ${REPS} runs ` +
      `(median, min-max): ${latency('direct')}; ${latency('route')}; the route adds ${median(added)} ms ` +
      `to p50 (${spread(added, 0)}; target ≤ 5 ms)`
  );

  const rates: Record<Path, number[]> = { direct: [], route: [] };
  const ratios: number[] = [];
  await throughputRun(jupyter, 'route'); // warm-up
  for (let rep = 0; rep < (ONLY === 'latency' ? 0 : THROUGHPUT_REPS); rep++) {
    const order: Path[] = rep % 2 === 0 ? ['direct', 'route'] : ['route', 'direct'];
    for (const path of order) {
      rates[path].push(await throughputRun(jupyter, path));
    }
    ratios.push((rates.route[rep] / rates.direct[rep]) * 100);
  }
  const rate = (path: Path) =>
    `${path} ${median(rates[path]).toFixed(0)} MiB/s (${spread(rates[path], 0)})`;
  console.log(
    `(b) throughput of 1 MiB binary frames, each acknowledged, ${THROUGHPUT_REPS} × ${SECONDS} s alternating: ` +
      `${rate('direct')}; ${rate('route')}; route/direct ${median(ratios).toFixed(0)}% (${spread(ratios, 0)}%; ` +
      `target ≥ 50%)`
  );
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  const out = `${ROOT}bench/results/route.json`;
  writeFileSync(
    out,
    JSON.stringify(
      { date: new Date().toISOString(), machine, p50, p90, added, rates, ratios },
      null,
      2
    )
  );
  console.log(`results written to ${out}`);
} finally {
  await jupyter.stop();
}
