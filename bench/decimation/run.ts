/**
 * Decimation benchmarks (one command: `node --import tsx bench/decimation/run.ts`, part of
 * `npm run bench`): the worker's CPU per frame, how soon a zoom brings its rows (asserted:
 * median <= 250 ms), the panel's drawing of 1e6 and 1e7 streamed rows in Chromium against
 * today's path (every row to Vega, measured in the same run by bench/panel), kernel memory for
 * kept rows, a billion pushes under the memory budget (BENCH_BILLION=0 skips it: it writes
 * ~16 GB to a temporary folder, a few minutes), and the panel in JupyterLab (lab/lab.spec.ts,
 * asserted: rows shown after the cell's end, frames/s while a cell streams, the page's heap;
 * BENCH_LAB=0 skips it). Prints a summary; writes bench/results/decimation.json; exits 1 when
 * an asserted target is not met.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../test/ui/helpers/chromium.ts';
import { browserStream, type StreamResult } from './browser-stream.ts';
import { workerFrame, type WorkerFrameResult } from './worker-frame.ts';
import { zoomLatency } from './zoom.ts';

/** A zoom's rows, from the viewport report until the viewer holds them all: median, at most. */
const ZOOM_MS = 250;

const repo = resolve(import.meta.dirname, '../..');

function child<T = Record<string, unknown>>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 2 ** 26
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.versions.node}`
};

console.log('# worker CPU per frame (1% new rows, one 800 px viewer)');
const worker: WorkerFrameResult[] = [workerFrame(1e6), workerFrame(1e7)];
console.table(worker);
results.worker = worker;

console.log('# a zoom on 300 of 200,000 rows: from the viewport report to every row (ms)');
const zoom = await zoomLatency();
console.log(zoom);
results.zoom = zoom;
const zoomMet = zoom.medianMs <= ZOOM_MS;
console.log(`${zoomMet ? 'met' : 'NOT MET'}: a zoom's rows within ${ZOOM_MS} ms (median)`);
if (!zoomMet) {
  process.exitCode = 1;
}

console.log("# the panel's drawing in Chromium (the viewer page: the panel's viewer core)");
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const streams: StreamResult[] = [];
try {
  for (const rows of [1e6, 1e7]) {
    streams.push(await browserStream(browser, rows));
  }
} finally {
  await browser.close();
}
console.table(streams);
results.streams = streams;

console.log("# today's path, same run: every row to Vega, 1% replaced per frame (bench/panel)");
execFileSync(
  process.execPath,
  [
    '--import',
    'tsx',
    'bench/panel/run.ts',
    '--sizes',
    '1000000',
    '--frames',
    '5',
    '--budget',
    '60000'
  ],
  { cwd: repo, stdio: 'inherit' }
);
const panel = JSON.parse(readFileSync(join(repo, 'bench/results/panel.json'), 'utf8')) as {
  results: unknown;
};
results.everyRowToVega = panel.results;

interface MemoryResult {
  rawMB: number;
  rssGrowthMB: number;
}

console.log('# kernel memory for kept rows (1e7 and 4e7 rows of two numbers, no window)');
const ratio = child<MemoryResult>('bench/decimation/kernel-memory.ts', ['ratio', '1e7']);
console.log(ratio);
const ratioLarge = child<MemoryResult>('bench/decimation/kernel-memory.ts', ['ratio', '4e7']);
console.log(ratioLarge);
// RSS growth = a fixed part (the rings, grown to their largest by a fast loop, and the
// runtime's own) + a part per kept row: the second is the cost of keeping rows.
const perRawByte = (ratioLarge.rssGrowthMB - ratio.rssGrowthMB) / (ratioLarge.rawMB - ratio.rawMB);
const fixedMB = ratio.rssGrowthMB - perRawByte * ratio.rawMB;
console.log(
  `RSS growth / raw bytes: ${(ratio.rssGrowthMB / ratio.rawMB).toFixed(2)}x at 1e7 rows, ` +
    `${(ratioLarge.rssGrowthMB / ratioLarge.rawMB).toFixed(2)}x at 4e7; per kept row ` +
    `${perRawByte.toFixed(3)}x its raw bytes, plus ${fixedMB.toFixed(0)} MB fixed`
);
results.memory = { rows1e7: ratio, rows4e7: ratioLarge, perRawByte, fixedMB };

if (process.env.BENCH_BILLION !== '0') {
  console.log('# a billion pushes under the default memory budget (1 GiB)');
  const billion = child('bench/decimation/kernel-memory.ts', ['billion']);
  console.log(billion);
  results.billion = billion;
}

if (process.env.BENCH_LAB !== '0') {
  console.log('# the panel in JupyterLab: the README example, a cell streaming every ~1 µs');
  const lab = join(repo, 'bench/results/decimation-lab.json');
  rmSync(lab, { force: true });
  try {
    execFileSync('npx', ['playwright', 'test', '-c', 'bench/decimation/lab/lab.config.ts'], {
      cwd: repo,
      stdio: 'inherit'
    });
  } catch {
    process.exitCode = 1; // a target not met, or the run failed: its output says which
  }
  results.lab = existsSync(lab) ? (JSON.parse(readFileSync(lab, 'utf8')) as unknown) : null;
}

mkdirSync(join(repo, 'bench/results'), { recursive: true });
const out = join(repo, 'bench/results/decimation.json');
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(`results written to ${out}`);
