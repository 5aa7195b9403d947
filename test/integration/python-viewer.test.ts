/**
 * A third-party viewer: a Python client on Debian's python-socketio (fixtures/python_viewer.py)
 * follows a Node script with 16 line charts (test/page/fixtures/dashboard.ts) and decodes its
 * messages as async-plotter/protocol documents them: every number of a message in its one
 * `numbers` attachment, each number column at its `at` byte offset, little-endian Float64. One
 * viewer takes every row, one gives its plot size and takes decimated rows, both from the start
 * (frames of 16 charts); a third connects after the loop (a snapshot of 16 charts). Each
 * acknowledges every message, and what they hold at the end is what the script pushed, bit
 * for bit.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, type PlotterHandle } from 'async-plotter/protocol';
import { jsonLines, startFixture } from '../support/runtimes.ts';

const DASHBOARD = fileURLToPath(new URL('../page/fixtures/dashboard.ts', import.meta.url));
const PYTHON_VIEWER = fileURLToPath(new URL('./fixtures/python_viewer.py', import.meta.url));
/** Debian's Python, which has python3-socketio (scripts/setup.sh installs it). */
const PYTHON = '/usr/bin/python3';
const CHARTS = 16;
/** 60,000 rows per chart in about 1.5 s, sent in frames of all 16 charts. */
const ITERATIONS = 60_000;

type Row = Record<string, number>;

interface Held {
  mode: 'append' | 'decimated' | 'replace';
  rows: number;
  total: number;
  first: Row | null;
  last: Row | null;
  sum: number;
}

interface Summary {
  protocol: number | null;
  errors: string[];
  messages: number;
  rowsInSnapshot: number;
  mostChartsInAFrame: number;
  mostNumberColumnsInAFrame: number;
  charts: Record<string, Record<string, Held>>;
  /** What the `closed` event carried; null when none came. */
  closed: unknown;
  timedOut: boolean;
}

interface Done {
  rows: number;
  charts: Record<string, { rows: number; last: Row; sum: number }>;
}

interface PythonViewer {
  child: ChildProcess;
  next<T>(): Promise<T>;
  exited: Promise<number | null>;
  stderr(): string;
}

function startPythonViewer(handle: PlotterHandle, args: string[]): PythonViewer {
  const child = spawn(PYTHON, [PYTHON_VIEWER, handle.url, handle.token, ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let errors = '';
  child.stderr?.on('data', chunk => (errors += String(chunk)));
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  const next = jsonLines(
    child,
    exited,
    () => `python_viewer.py ${args.join(' ')}`,
    () => errors
  );
  return { child, next, exited, stderr: () => errors };
}

test('a python-socketio viewer decodes the frames and the snapshot of 16 charts, every row and decimated', async () => {
  const fixture = await startFixture(
    'node',
    DASHBOARD,
    [
      'python viewer',
      JSON.stringify({
        charts: CHARTS,
        iterations: ITERATIONS,
        stepUs: 25,
        loopMs: 60_000,
        sums: true,
        closeTimeoutMs: 60_000,
        display: false
      })
    ],
    'dashboard'
  );
  const viewers: PythonViewer[] = [];
  try {
    const every = startPythonViewer(fixture.handle, ['--name', 'python-every-row']);
    const decimated = startPythonViewer(fixture.handle, [
      '--name',
      'python-decimated',
      '--plot-size',
      '600',
      '300'
    ]);
    viewers.push(every, decimated);
    for (const viewer of viewers) {
      assert.deepEqual(await viewer.next(), { connected: true });
    }

    fixture.go();
    const { done } = await fixture.next<{ done: Done }>();
    assert.equal(done.rows, ITERATIONS);
    const late = startPythonViewer(fixture.handle, ['--name', 'python-late']);
    viewers.push(late);
    assert.deepEqual(await late.next(), { connected: true });
    // close() delivers what the viewers lack, then tells them the plotter closed.
    fixture.child.stdin?.end('close\n');
    const [all, few, after] = [
      await every.next<Summary>(),
      await decimated.next<Summary>(),
      await late.next<Summary>()
    ];
    assert.equal(await fixture.exited(), 0, fixture.stderr());
    for (const viewer of viewers) {
      assert.equal(await viewer.exited, 0, viewer.stderr());
    }

    const names = Array.from({ length: CHARTS }, (_, k) => `c${String(k).padStart(2, '0')}`);
    for (const [what, summary] of [
      ['every row', all],
      ['decimated', few],
      ['late', after]
    ] as const) {
      assert.deepEqual(summary.errors, [], what);
      assert.equal(summary.timedOut, false, `${what}: the plotter's close never came`);
      assert.notEqual(summary.closed, null, `${what}: no \`closed\` event`);
      assert.equal(summary.protocol, PROTOCOL_VERSION, what);
      assert.deepEqual(Object.keys(summary.charts).sort(), names, what);
    }
    // Frames as the issue met them: 16 charts, 32 number columns in one message.
    for (const [what, summary] of [
      ['every row', all],
      ['decimated', few]
    ] as const) {
      assert.equal(summary.mostChartsInAFrame, CHARTS, what);
      assert.ok(summary.mostNumberColumnsInAFrame >= 2 * CHARTS, what);
    }
    // A snapshot of 16 charts holding rows (up to a frame's worth per dataset).
    assert.ok(after.rowsInSnapshot >= CHARTS, `late: ${after.rowsInSnapshot} rows in the snapshot`);
    for (const name of names) {
      const pushed = done.charts[name];
      for (const [what, summary] of [
        ['every row', all],
        ['late', after]
      ] as const) {
        const whole = summary.charts[name].data;
        assert.deepEqual(
          { mode: whole.mode, rows: whole.rows, total: whole.total, last: whole.last },
          { mode: 'append', rows: pushed.rows, total: pushed.rows, last: pushed.last },
          `${name}, ${what}`
        );
        assert.equal(whole.first?.step, 0, `${name}, ${what}`);
        // Every value decoded exactly, in order: the same sum, bit for bit.
        assert.equal(whole.sum, pushed.sum, `${name}, ${what}: the sum of v`);
      }

      const drawn = few.charts[name].data;
      assert.equal(drawn.mode, 'decimated', name);
      assert.equal(drawn.total, pushed.rows, name);
      assert.ok(drawn.rows > 0 && drawn.rows < pushed.rows / 10, `${name}: ${drawn.rows} rows`);
      assert.equal(drawn.first?.step, 0, name);
      assert.deepEqual(drawn.last, pushed.last, name);
    }
    console.log(
      `python viewers: ${all.messages}, ${few.messages} and ${after.messages} messages ` +
        `(${after.rowsInSnapshot} rows in the late one's snapshot); ` +
        `decimated rows per chart ${Math.min(...names.map(n => few.charts[n].data.rows))}-` +
        `${Math.max(...names.map(n => few.charts[n].data.rows))} of ${done.rows}`
    );
  } finally {
    fixture.child.kill('SIGKILL');
    viewers.forEach(viewer => viewer.child.kill('SIGKILL'));
  }
});
