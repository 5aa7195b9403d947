/**
 * Ctrl-C (SIGINT) in a plotting script, Deno and Node. A terminal sends Ctrl-C's SIGINT to its
 * foreground process group; the scripts run in a group of their own and the tests signal the
 * group the same way. Each case: the script ends within 1 s, says why in one line, and its
 * viewer holds every row pushed before the end (the final state), contiguous.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PlotterHandle } from 'async-plotter/protocol';
import { command, type Runtime } from './runtimes.ts';
import { TestViewer } from './viewer.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/ctrl-c.ts', import.meta.url));
const MESSAGE = 'PlotInterrupted: stopped by the user (Ctrl-C)';

interface Report {
  handle?: PlotterHandle;
  pushed?: number;
  exit?: number;
  caught?: string;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

interface Run {
  viewer: TestViewer;
  reports: Report[];
  exited: Promise<Exit>;
  /** What the terminal does on Ctrl-C: SIGINT to the whole process group. */
  ctrlC(): number;
  stderr(): string;
}

async function start(runtime: Runtime, scenario: string): Promise<Run> {
  const [file, args] = command(runtime, FIXTURE, [scenario]);
  const child = spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let errors = '';
  child.stderr.on('data', chunk => (errors += String(chunk)));
  const exited = new Promise<Exit>(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
  );
  const reports: Report[] = [];
  const first = new Promise<PlotterHandle>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', text => {
      const report = JSON.parse(text) as Report;
      reports.push(report);
      if (report.handle !== undefined) {
        resolve(report.handle);
      }
    });
    void exited.then(() => reject(new Error(`${runtime} ${scenario} exited: ${errors}`)));
  });
  const viewer = new TestViewer(await first, { name: 'ctrl-c' });
  await viewer.connected();
  child.stdin.write('go\n');
  return {
    viewer,
    reports,
    exited,
    ctrlC: () => {
      process.kill(-(child.pid as number), 'SIGINT');
      return Date.now();
    },
    stderr: () => errors
  };
}

/** Rows 0..n-1, each once, in order. */
function assertContiguous(rows: Record<string, unknown>[]): void {
  rows.forEach((row, index) => assert.equal(row.i, index));
}

function lastPushed(run: Run): number {
  const counts = run.reports.filter(report => report.pushed !== undefined);
  assert.ok(counts.length > 0, `the script reported no pushes: ${run.stderr()}`);
  return counts[counts.length - 1].pushed as number;
}

for (const runtime of ['deno', 'node'] as const) {
  test(`${runtime}: Ctrl-C ends a loop that pushes every iteration; the viewer has every row`, async () => {
    const run = await start(runtime, 'spin');
    await run.viewer.waitFor(() => run.viewer.rows('series').length > 2000, 'rows while spinning');
    const signalled = run.ctrlC();
    const exit = await run.exited;
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after Ctrl-C`);
    assert.equal(exit.code, 130, run.stderr());
    assert.ok(run.stderr().includes(MESSAGE), run.stderr());
    assert.ok(!run.stderr().includes('    at '), `no stack trace: ${run.stderr()}`);
    const rows = run.viewer.rows('series');
    assert.equal(rows.length, lastPushed(run), 'every row pushed before Ctrl-C');
    assertContiguous(rows);
    assert.equal(run.viewer.closedReason, 'the plotter was closed');
    run.viewer.close();
  });

  test(`${runtime}: Ctrl-C while the script awaits ends it; the viewer has every row`, async () => {
    const run = await start(runtime, 'await');
    await run.viewer.waitFor(() => run.viewer.rows('series').length === 1000, 'the 1000 rows');
    const signalled = run.ctrlC();
    const exit = await run.exited;
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after Ctrl-C`);
    assert.equal(exit.code, 130, run.stderr());
    assert.ok(run.stderr().includes(MESSAGE), run.stderr());
    assert.equal(lastPushed(run), 1000);
    assert.equal(run.viewer.rows('series').length, 1000);
    assertContiguous(run.viewer.rows('series'));
    run.viewer.close();
  });

  test(`${runtime}: Ctrl-C ends a spinning loop that pushes once every 1.5 s`, async () => {
    const run = await start(runtime, 'sparse');
    await run.viewer.waitFor(() => run.viewer.rows('series').length === 2, 'the second row');
    const signalled = run.ctrlC();
    const exit = await run.exited;
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after Ctrl-C`);
    // Nothing ran on the computing thread: the worker ended the process after its viewers had
    // everything.
    assert.equal(exit.signal, 'SIGTERM', `${JSON.stringify(exit)} ${run.stderr()}`);
    assert.ok(run.stderr().includes(MESSAGE), run.stderr());
    assert.equal(lastPushed(run), 2);
    assert.equal(run.viewer.rows('series').length, 2);
    run.viewer.close();
  });

  test(`${runtime}: a loop that catches PlotInterrupted finishes on its own terms`, async () => {
    const run = await start(runtime, 'catch');
    await run.viewer.waitFor(() => run.viewer.rows('series').length > 2000, 'rows while spinning');
    run.ctrlC();
    const exit = await run.exited;
    assert.equal(exit.code, 0, run.stderr());
    const caught = run.reports.find(report => report.caught !== undefined);
    assert.equal(caught?.caught, 'stopped by the user (Ctrl-C)');
    assert.equal(run.viewer.rows('series').length, caught?.pushed);
    assertContiguous(run.viewer.rows('series'));
    run.viewer.close();
  });
}
