/**
 * Ctrl-C (SIGINT) in a plotting script, Deno and Node. Neither runtime can run a handler while
 * the computing thread spins (Node delivers signals to the main thread only; in `deno run` a
 * worker's SIGINT listener did not run, measured with Deno 2.9.6), so async-plotter keeps the
 * default: Ctrl-C ends the process at once, and the viewers keep every row sent before it, which
 * is every row recorded up to one frame (1000/rate ms) before the signal.
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

interface Run {
  viewer: TestViewer;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  interrupt(): number;
  stderr(): string;
}

async function start(runtime: Runtime, scenario: string): Promise<Run> {
  const [file, args] = command(runtime, FIXTURE, [scenario]);
  const child = spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', chunk => (errors += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    resolve => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error(`${runtime} ${scenario} exited: ${errors}`)));
  });
  const { handle } = JSON.parse(first) as { handle: PlotterHandle };
  const viewer = new TestViewer(handle, { name: 'ctrl-c' });
  await viewer.connected();
  child.stdin.write('go\n');
  return {
    viewer,
    exited,
    interrupt: () => {
      child.kill('SIGINT');
      return Date.now();
    },
    stderr: () => errors
  };
}

/** Rows 0..n-1, each once, in order. */
function assertContiguous(rows: Record<string, unknown>[]): void {
  rows.forEach((row, index) => assert.equal(row.i, index));
}

for (const runtime of ['deno', 'node'] as const) {
  test(`${runtime}: Ctrl-C ends a spinning plotting script at once; viewers keep the rows sent`, async () => {
    const run = await start(runtime, 'spin');
    await run.viewer.waitFor(() => run.viewer.rows('series').length > 2000, 'rows while spinning');
    const signalled = run.interrupt();
    const exit = await run.exited;
    assert.equal(exit.signal, 'SIGINT', run.stderr());
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after SIGINT`);
    const rows = run.viewer.rows('series');
    assert.ok(rows.length > 2000);
    assertContiguous(rows);
    run.viewer.close();
  });

  test(`${runtime}: every row pushed before Ctrl-C while the script awaits has reached the viewer`, async () => {
    const run = await start(runtime, 'await');
    await run.viewer.waitFor(() => run.viewer.rows('series').length === 1000, 'the 1000 rows');
    const signalled = run.interrupt();
    const exit = await run.exited;
    assert.equal(exit.signal, 'SIGINT', run.stderr());
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after SIGINT`);
    assert.equal(run.viewer.rows('series').length, 1000);
    assertContiguous(run.viewer.rows('series'));
    run.viewer.close();
  });
}
