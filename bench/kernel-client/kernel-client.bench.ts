/**
 * Kernel-client benchmarks, runnable under Deno and Node (see run.sh). Each figure is the
 * median of several repetitions, with the min-max spread, and ratios use a baseline measured
 * in the same run:
 *   (a) ns per push() of a numeric row, a viewer attached (vs a bare Date.now() call);
 *   (b) slowdown of a 1e7-iteration float loop pushing every iteration, a 30 Hz viewer attached
 *       (BENCH_WINDOW rows kept, default 10000; BENCH_VIEWER=stall for a viewer that never acks;
 *       BENCH_SPLIT=k runs each repetition as k alternating bare/floor/pushing parts of 1e7/k
 *       iterations, so that all see the same moments of a shared machine's load), in wall time
 *       and in on-CPU time of the computing thread (Linux), next to the floor of any recording:
 *       the same loop storing each row into a plain Float64Array; without a window, next to the
 *       floor of keeping every row: the same loop appending each row to fresh plain arrays;
 *   (c) push-to-viewer latency during a 5 s synchronous loop at 30 frames/s (BENCH_LATENCY_MS),
 *       and the frames arriving while the loop runs, per second: asserted (median p50 <= 50 ms,
 *       >= 8 frames/s; the run exits 1 when one is not met);
 *   (d) process memory growth over 1e7 pushes into a 1000-row window with a stalled viewer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { line, open, type Chart, type Plotter } from 'async-plotter';
import { median, percentile, spread } from './stats.ts';
import { threadCpuMs } from './thread-cpu.ts';

const runtime = typeof (globalThis as { Deno?: unknown }).Deno === 'object' ? 'deno' : 'node';
const REPS = Number(process.env.BENCH_REPS ?? 5);
/** (b): run each repetition's 1e7 iterations as this many alternating bare/floor/pushing parts. */
const SPLIT = Number(process.env.BENCH_SPLIT ?? 1);
const VIEWER = fileURLToPath(new URL('./viewer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ViewerProcess {
  child: ChildProcess;
  result: Promise<{ rows: number; frames: number; latencies: number[]; arrivals: number[] }>;
}

type ViewerMode = 'ack' | 'panel' | 'stall';

async function startViewer(plotter: Plotter, mode: ViewerMode): Promise<ViewerProcess> {
  const child = spawn('node', ['--import', 'tsx', VIEWER, JSON.stringify(plotter.handle), mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const received: string[] = [];
  let wake: (() => void) | null = null;
  lines.on('line', text => {
    received.push(text);
    wake?.();
  });
  const nextLine = async (): Promise<string> => {
    while (received.length === 0) {
      await new Promise<void>(resolve => (wake = resolve));
    }
    return received.shift() as string;
  };
  await nextLine(); // connected
  return { child, result: nextLine().then(text => JSON.parse(text)) };
}

let sink = 0;

function pushLoop(chart: Chart, n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    chart.push({ x: i, y: i * 0.5 });
  }
  return ((performance.now() - start) * 1e6) / n;
}

function dateNowLoop(n: number): number {
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < n; i++) {
    last += Date.now() & 1;
  }
  sink += last;
  return ((performance.now() - start) * 1e6) / n;
}

/** (b)'s loop: float math only. Each variant is its own function, optimised on its own. */
function bareLoop(n: number): number {
  let y = 0;
  for (let i = 0; i < n; i++) {
    const x = i * 1e-3;
    y = Math.sin(x) * Math.exp(-x * 1e-3) + 0.5 * y;
  }
  return y;
}

/** The floor of any recording: the same loop storing x, y into a plain Float64Array ring. */
const ring = new Float64Array(2 * 65536);
function floorLoop(n: number): number {
  let y = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const x = i * 1e-3;
    y = Math.sin(x) * Math.exp(-x * 1e-3) + 0.5 * y;
    ring[at] = x;
    ring[at + 1] = y;
    at = at + 2 === ring.length ? 0 : at + 2;
  }
  return y;
}

/**
 * The floor of keeping every row: the same loop appending x, y to plain Float64Array chunks that
 * are never reused, so that memory grows 16 bytes per row as the plotter's history does.
 */
const keptChunks: Float64Array[] = [];
const KEPT_CHUNK = 2 * 2 ** 20;
let keptChunk = new Float64Array(0);
let keptAt = 0;
function keptFloorLoop(n: number): number {
  let y = 0;
  let chunk = keptChunk;
  let at = keptAt;
  for (let i = 0; i < n; i++) {
    const x = i * 1e-3;
    y = Math.sin(x) * Math.exp(-x * 1e-3) + 0.5 * y;
    if (at === chunk.length) {
      chunk = new Float64Array(KEPT_CHUNK);
      keptChunks.push(chunk);
      at = 0;
    }
    chunk[at] = x;
    chunk[at + 1] = y;
    at += 2;
  }
  keptChunk = chunk;
  keptAt = at;
  return y;
}

let windowedTarget: Chart | null = null;
function windowedLoop(n: number): number {
  const chart = windowedTarget as Chart;
  let y = 0;
  for (let i = 0; i < n; i++) {
    const x = i * 1e-3;
    y = Math.sin(x) * Math.exp(-x * 1e-3) + 0.5 * y;
    chart.push({ x, y });
  }
  return y;
}

/** The same loop pushing into a chart without a window (every row kept, the default). */
let keptTarget: Chart | null = null;
let keptOffset = 0;
function keptLoop(n: number): number {
  const chart = keptTarget as Chart;
  let y = 0;
  const offset = keptOffset;
  for (let i = 0; i < n; i++) {
    const x = (offset + i) * 1e-3;
    y = Math.sin(x) * Math.exp(-x * 1e-3) + 0.5 * y;
    chart.push({ x, y });
  }
  keptOffset += n;
  return y;
}

/** Runs one of (b)'s loops; returns wall ms and the computing thread's CPU ms (NaN if unknown). */
function compute(n: number, loop: (n: number) => number): [number, number] {
  const cpu = threadCpuMs();
  const start = performance.now();
  sink += loop(n);
  const wall = performance.now() - start;
  return [wall, cpu === null ? NaN : (threadCpuMs() as number) - cpu];
}

async function benchPush(): Promise<void> {
  const plotter = await open({ title: 'bench-push', display: false });
  const chart = plotter.chart('c', line(), { window: 100000 });
  const viewer = await startViewer(plotter, 'ack');
  const n = 1e7;
  pushLoop(chart, 1e6);
  const push: number[] = [];
  const clock: number[] = [];
  for (let r = 0; r < REPS; r++) {
    clock.push(dateNowLoop(n / 10));
    push.push(pushLoop(chart, n));
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  await plotter.close();
  await viewer.result;
  console.log(
    `(a) push(): ${median(push).toFixed(1)} ns median (${spread(push)}) per numeric row, viewer ` +
      `attached; Date.now(): ${median(clock).toFixed(1)} ns (${spread(clock)}); ratio ` +
      `${(median(push) / median(clock)).toFixed(2)}`
  );
}

async function benchCompute(): Promise<void> {
  const plotter = await open({ title: 'bench-compute', display: false });
  const window = Number(process.env.BENCH_WINDOW ?? 10000);
  // Two charts, each with its own loop: a window of `window` rows, and none (every row kept).
  const windowed = plotter.chart('windowed', line(), { window });
  const kept = plotter.chart('kept', line());
  const viewerMode = (process.env.BENCH_VIEWER ?? 'panel') as ViewerMode;
  const viewer = await startViewer(plotter, viewerMode);
  const n = 1e7;
  windowedTarget = windowed;
  keptTarget = kept;
  for (const loop of [bareLoop, floorLoop, windowedLoop, keptLoop, keptFloorLoop]) {
    compute(1e6, loop);
  }
  const bare: number[] = [];
  const pushed: number[] = [];
  const pushedKept: number[] = [];
  const ratios: number[] = [];
  const keptRatios: number[] = [];
  const keptCpuRatios: number[] = [];
  const keptOverWindowed: number[] = [];
  const cpuRatios: number[] = [];
  const floorRatios: number[] = [];
  const keptFloorRatios: number[] = [];
  for (let r = 0; r < REPS; r++) {
    let [b, bCpu, f, p, pCpu, k, kf, kCpu] = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let part = 0; part < SPLIT; part++) {
      const [bPart, bCpuPart] = compute(n / SPLIT, bareLoop);
      const [fPart] = compute(n / SPLIT, floorLoop);
      const [pPart, pCpuPart] = compute(n / SPLIT, windowedLoop);
      const [kPart, kCpuPart] = compute(n / SPLIT, keptLoop);
      kCpu += kCpuPart;
      kf += compute(n / SPLIT, keptFloorLoop)[0];
      [b, bCpu, f, p, pCpu, k] = [
        b + bPart,
        bCpu + bCpuPart,
        f + fPart,
        p + pPart,
        pCpu + pCpuPart,
        k + kPart
      ];
    }
    bare.push(b);
    pushed.push(p);
    pushedKept.push(k);
    ratios.push((p / b - 1) * 100);
    keptRatios.push((k / b - 1) * 100);
    keptCpuRatios.push((kCpu / bCpu - 1) * 100);
    keptOverWindowed.push(k / p);
    cpuRatios.push((pCpu / bCpu - 1) * 100);
    floorRatios.push((f / b - 1) * 100);
    keptFloorRatios.push((kf / b - 1) * 100);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  await plotter.close();
  const seen = await viewer.result;
  const onCpu = Number.isNaN(cpuRatios[0])
    ? ''
    : `; on-CPU time of the computing thread: ${median(cpuRatios).toFixed(1)}% (${spread(cpuRatios)}%)`;
  console.log(
    `(b) 1e7-iteration loop: ${median(bare).toFixed(0)} ms (${spread(bare, 0)}) bare, ` +
      `${median(pushed).toFixed(0)} ms (${spread(pushed, 0)}) pushing every iteration; slowdown ` +
      `${median(ratios).toFixed(1)}% median (${spread(ratios)}%)${onCpu}; floor (the same loop ` +
      `storing x, y into a plain Float64Array, no library): ${median(floorRatios).toFixed(1)}% ` +
      `(${spread(floorRatios)}%) [${window}-row window, viewer ${viewerMode}: ${seen.frames} ` +
      `frames${SPLIT > 1 ? `, ${SPLIT} alternating parts` : ''}]`
  );
  console.log(
    `(b) without a window (every row kept, ${(keptOffset / 1e6).toFixed(0)}M rows by the end): ` +
      `${median(pushedKept).toFixed(0)} ms (${spread(pushedKept, 0)}), slowdown ` +
      `${median(keptRatios).toFixed(1)}% (${spread(keptRatios)}%)` +
      (Number.isNaN(keptCpuRatios[0])
        ? '; '
        : `, on-CPU ${median(keptCpuRatios).toFixed(1)}% (${spread(keptCpuRatios)}%); `) +
      `${median(keptOverWindowed).toFixed(3)}x the windowed loop (${spread(keptOverWindowed, 3)}), target <= 1.1x; ` +
      `floor of keeping every row (the same loop appending x, y to fresh plain Float64Arrays, ` +
      `no library): ${median(keptFloorRatios).toFixed(1)}% (${spread(keptFloorRatios)}%)`
  );
  keptChunks.length = 0;
}

/** (c)'s targets, asserted: the median p50 latency, and frames arriving while the loop runs. */
const LATENCY_P50_MS = 50;
const LIVE_FRAMES_PER_SECOND = 8;
const LATENCY_LOOP_MS = Number(process.env.BENCH_LATENCY_MS ?? 5000);

async function benchLatency(): Promise<void> {
  const p50: number[] = [];
  const p90: number[] = [];
  const max: number[] = [];
  const live: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const plotter = await open({ title: 'bench-latency', display: false, rate: 30 });
    const chart = plotter.chart('c', line({ x: 'i', y: 't' }));
    const viewer = await startViewer(plotter, 'panel');
    const start = Date.now();
    let i = 0;
    let last = 0;
    let y = 0;
    while (last - start < LATENCY_LOOP_MS) {
      y = Math.sin(y + i) * 0.5;
      const now = Date.now();
      if (now !== last) {
        chart.push({ i: i++, t: now });
        last = now;
      }
    }
    const loopEnd = Date.now();
    sink += y;
    await plotter.close();
    const seen = await viewer.result;
    p50.push(percentile(seen.latencies, 50));
    p90.push(percentile(seen.latencies, 90));
    max.push(Math.max(...seen.latencies));
    const during = seen.arrivals.filter(at => at >= start && at < loopEnd).length;
    live.push(during / ((loopEnd - start) / 1000));
  }
  console.log(
    `(c) latency push -> viewer during a ${LATENCY_LOOP_MS / 1000} s synchronous loop at 30 ` +
      `frames/s, ${REPS} loops: p50 ${median(p50)} ms median (${spread(p50, 0)}), p90 ` +
      `${median(p90)} ms (${spread(p90, 0)}), max ${median(max)} ms (${spread(max, 0)}); frames ` +
      `arriving during the loop: ${median(live).toFixed(1)}/s (${spread(live)})`
  );
  check(`(c) median p50 latency <= ${LATENCY_P50_MS} ms`, median(p50) <= LATENCY_P50_MS);
  check(
    `(c) frames arriving during the loop >= ${LIVE_FRAMES_PER_SECOND}/s (median)`,
    median(live) >= LIVE_FRAMES_PER_SECOND
  );
}

/** Prints whether a target is met; one not met makes the run exit 1. */
function check(what: string, met: boolean): void {
  console.log(`${met ? 'met' : 'NOT MET'}: ${what}`);
  if (!met) {
    process.exitCode = 1;
  }
}

async function benchMemory(): Promise<void> {
  const plotter = await open({ title: 'bench-memory', display: false });
  const window = 1000;
  const chart = plotter.chart('c', line(), { window });
  const viewer = await startViewer(plotter, 'stall');
  pushLoop(chart, 1e6);
  await new Promise(resolve => setTimeout(resolve, 100));
  const before = process.memoryUsage().rss;
  const growth: number[] = [];
  for (let r = 0; r < Math.min(REPS, 3); r++) {
    pushLoop(chart, 1e7);
    await new Promise(resolve => setTimeout(resolve, 100));
    growth.push((process.memoryUsage().rss - before) / 2 ** 20);
  }
  await plotter.close({ timeoutMs: 200 });
  viewer.child.kill();
  console.log(
    `(d) RSS growth after 1e7, 2e7, 3e7 pushes, ${window}-row window (${((window * 2 * 8) / 1024).toFixed(0)} KB), ` +
      `stalled viewer: ${growth.map(g => g.toFixed(1)).join(', ')} MB`
  );
}

console.log(
  `# kernel-client benchmarks, ${runtime} ${process.versions[runtime === 'deno' ? 'deno' : 'node'] ?? ''}, ${REPS} repetitions`
);
const only = process.argv[2];
for (const [name, bench] of [
  ['push', benchPush],
  ['compute', benchCompute],
  ['latency', benchLatency],
  ['memory', benchMemory]
] as const) {
  if (only === undefined || only === name) {
    await bench();
  }
}
if (sink === 42) {
  console.log('');
}
