/**
 * Ctrl-C (SIGINT) in a plotting script, Deno and Node. A terminal sends Ctrl-C's SIGINT to its
 * foreground process group; the scripts run in a group of their own and these tests signal the
 * group the same way (ctrl-c-signals.test.ts signals the process alone too, with every kind of
 * dataset). Each case: the script ends within 1 s, says why in one line, and its viewer holds
 * every row pushed before the end (the final state), contiguous.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertContiguousStart,
  assertFinalRows,
  assertOneLine,
  lastPushed,
  start
} from './ctrl-c-run.ts';

for (const runtime of ['deno', 'node'] as const) {
  test(`${runtime}: Ctrl-C ends a loop that pushes every iteration; the viewer has every row`, async () => {
    const run = await start(runtime, 'spin');
    await run.viewer.waitFor(() => run.viewer.rows('series').length > 2000, 'rows while spinning');
    const signalled = run.sigint('group');
    const exit = await run.exited;
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after Ctrl-C`);
    assert.equal(exit.code, 130, run.stderr());
    assertOneLine(run, false);
    assertFinalRows(run, lastPushed(run));
    assert.equal(run.viewer.closedReason, 'the plotter was closed');
    run.viewer.close();
  });

  test(`${runtime}: Ctrl-C while the script awaits ends it; the viewer has every row`, async () => {
    const run = await start(runtime, 'await');
    await run.viewer.waitFor(() => run.viewer.rows('series').length === 1000, 'the 1000 rows');
    const signalled = run.sigint('group');
    const exit = await run.exited;
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after Ctrl-C`);
    assert.equal(exit.code, 130, run.stderr());
    assertOneLine(run, false);
    assert.equal(lastPushed(run), 1000);
    assertFinalRows(run, 1000);
    run.viewer.close();
  });

  test(`${runtime}: Ctrl-C ends a spinning loop that pushes once every 1.5 s`, async () => {
    const run = await start(runtime, 'sparse');
    await run.viewer.waitFor(() => run.viewer.rows('series').length === 2, 'the second row');
    const signalled = run.sigint('group');
    const exit = await run.exited;
    assert.ok(exit.at - signalled < 1000, `exited ${exit.at - signalled} ms after Ctrl-C`);
    // Nothing ran on the computing thread: the worker brought its viewers up to date, then let
    // SIGINT end the process as it would without the plotter (shells report 130).
    assert.equal(exit.signal, 'SIGINT', `${JSON.stringify(exit)} ${run.stderr()}`);
    assertOneLine(run, false);
    assert.equal(lastPushed(run), 2);
    assertFinalRows(run, 2);
    run.viewer.close();
  });

  test(`${runtime}: a loop that catches PlotInterrupted finishes on its own terms`, async () => {
    const run = await start(runtime, 'catch');
    await run.viewer.waitFor(() => run.viewer.rows('series').length > 2000, 'rows while spinning');
    run.sigint('group');
    const exit = await run.exited;
    assert.equal(exit.code, 0, run.stderr());
    const caught = run.reports.find(report => report.caught !== undefined);
    assert.equal(caught?.caught, 'stopped by the user (Ctrl-C)');
    assert.equal(run.viewer.rows('series').length, caught?.pushed);
    assertContiguousStart(run.viewer.rows('series'));
    assert.ok(!run.stderr().includes('PlotInterrupted:'), `no line: ${run.stderr()}`);
    run.viewer.close();
  });

  test(`${runtime}: a script with its own SIGINT listener keeps control, even while it computes`, async () => {
    const run = await start(runtime, 'own');
    await run.viewer.waitFor(() => run.viewer.rows('series').length === 1, 'the first row');
    run.sigint('pid');
    const exit = await run.exited;
    // Exit 0 after the report the script writes once its computation is over: not ended early.
    assert.equal(exit.code, 0, `${JSON.stringify(exit)} ${run.stderr()}`);
    const own = run.reports.find(report => report.own !== undefined);
    assert.equal(own?.own, true, 'its listener ran');
    assert.ok(!run.stderr().includes('PlotInterrupted:'), `no line: ${run.stderr()}`);
    assertFinalRows(run, 1);
    run.viewer.close();
  });
}
