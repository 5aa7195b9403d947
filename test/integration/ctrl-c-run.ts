/**
 * Runs the Ctrl-C fixture (fixtures/ctrl-c.ts) as a real process in a process group of its own,
 * connects a viewer, signals it as a terminal (the group) or as `kill -INT <pid>` (the process
 * alone) does, and checks what the viewer kept. Shared by ctrl-c.test.ts and
 * ctrl-c-signals.test.ts.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PlotterHandle } from 'async-plotter/protocol';
import { command, type Runtime } from '../support/runtimes.ts';
import { TestViewer, type Datum, type ViewerOptions } from '../support/socket-viewer.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/ctrl-c.ts', import.meta.url));
export const MESSAGE = 'PlotInterrupted: stopped by the user (Ctrl-C)';
export const LATE_NOTE = 'the viewers may lack the rows pushed last (not delivered in time)';
/** As in the fixture. */
export const WINDOW = 500;
export const STATE_ROWS = 50;

export type Dataset = 'append' | 'window' | 'replace';
/** `group`: SIGINT to the process group (a terminal's Ctrl-C); `pid`: to the process alone. */
export type Target = 'group' | 'pid';

export interface Report {
  handle?: PlotterHandle;
  ready?: boolean;
  pushed?: number;
  exit?: number;
  caught?: string;
  own?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

interface Process {
  child: ChildProcess;
  reports: Report[];
  exited: Promise<Exit>;
  stderr(): string;
  /** Sends SIGINT to the process or its group; returns when (ms since the epoch). */
  sigint(target: Target): number;
}

export interface Run extends Process {
  viewer: TestViewer;
  dataset: Dataset;
}

function launch(runtime: Runtime, args: string[], first: (report: Report) => boolean) {
  const [file, argv] = command(runtime, FIXTURE, args);
  const child = spawn(file, argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let errors = '';
  child.stderr?.on('data', chunk => (errors += String(chunk)));
  const exited = new Promise<Exit>(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
  );
  const reports: Report[] = [];
  const ready = new Promise<Report>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', text => {
      const report = JSON.parse(text) as Report;
      reports.push(report);
      if (first(report)) {
        resolve(report);
      }
    });
    void exited.then(() => reject(new Error(`${runtime} ${args.join(' ')} exited: ${errors}`)));
  });
  const process_: Process = {
    child,
    reports,
    exited,
    stderr: () => errors,
    sigint: target => {
      const pid = child.pid as number;
      process.kill(target === 'group' ? -pid : pid, 'SIGINT');
      return Date.now();
    }
  };
  return { process: process_, ready };
}

/** Starts `scenario` with a plotter, connects a viewer, then lets the script run. */
export async function start(
  runtime: Runtime,
  scenario: string,
  dataset: Dataset = 'append',
  viewerOptions: ViewerOptions = {}
): Promise<Run> {
  const { process: run, ready } = launch(
    runtime,
    [scenario, dataset],
    report => report.handle !== undefined
  );
  const { handle } = await ready;
  const viewer = new TestViewer(handle as PlotterHandle, { name: 'ctrl-c', ...viewerOptions });
  await viewer.connected();
  run.child.stdin?.write('go\n');
  return { ...run, viewer, dataset };
}

/**
 * The same scenario without a plotter, in plain Node: signalled `afterMs` after it started its
 * loop, how many ms after the signal it exited.
 */
export async function plainExitMs(
  scenario: string,
  target: Target,
  afterMs = 300
): Promise<number> {
  const { process: run, ready } = launch(
    'node',
    [scenario, 'plain'],
    report => report.ready === true
  );
  await ready;
  run.child.stdin?.write('go\n');
  await new Promise(resolve => setTimeout(resolve, afterMs));
  const signalled = run.sigint(target);
  const exit = await run.exited;
  assert.equal(exit.signal, 'SIGINT', `plain Node: ${JSON.stringify(exit)} ${run.stderr()}`);
  return exit.at - signalled;
}

/** The highest push the viewer has seen (pushes counted from 1). */
export function progress(run: Run): number {
  const rows = run.viewer.rows('series');
  if (rows.length === 0) {
    return 0;
  }
  const row = run.dataset === 'replace' ? rows[0] : rows[rows.length - 1];
  return (row.i as number) + 1;
}

/** Pushes the script reported last (after each push, or at exit). */
export function lastPushed(run: Run): number {
  const counts = run.reports.filter(report => report.pushed !== undefined);
  assert.ok(counts.length > 0, `the script reported no pushes: ${run.stderr()}`);
  return counts[counts.length - 1].pushed as number;
}

/**
 * The viewer holds the final state of `pushed` pushes: every row (append), the last WINDOW
 * (window), the last state (replace), each row once and in order.
 */
export function assertFinalRows(run: Run, pushed: number): void {
  const rows = run.viewer.rows('series');
  const first = (expected: number): void =>
    rows.forEach((row: Datum, k) =>
      assert.equal(row.i, expected + k, `row ${k} of ${rows.length}`)
    );
  if (run.dataset === 'append') {
    assert.equal(rows.length, pushed, 'every row pushed');
    first(0);
  } else if (run.dataset === 'window') {
    assert.equal(rows.length, Math.min(WINDOW, pushed), 'the window of the last rows');
    first(pushed - rows.length);
  } else {
    assert.equal(rows.length, STATE_ROWS, 'the last state');
    first(pushed - 1);
  }
}

/** Rows 0..n-1 in order: what a viewer kept is a contiguous start of what was pushed. */
export function assertContiguousStart(rows: Datum[]): void {
  rows.forEach((row, k) => assert.equal(row.i, k, `row ${k} of ${rows.length}`));
}

/** One line, `MESSAGE` (with the late note or not), and no stack trace. */
export function assertOneLine(run: Process, late: boolean): void {
  const stderr = run.stderr();
  assert.equal(stderr.split('PlotInterrupted:').length - 1, 1, `one line: ${stderr}`);
  assert.ok(stderr.includes(MESSAGE), stderr);
  assert.equal(stderr.includes(LATE_NOTE), late, `the late note ${late ? '' : 'not '}: ${stderr}`);
  assert.ok(!stderr.includes('    at '), `no stack trace: ${stderr}`);
}
