/** Under Deno and Node: live delivery during a synchronous loop, close() flush, script exit. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { connect, TestViewer } from '../support/socket-viewer.ts';
import { RUNTIMES, startScenario } from '../support/runtimes.ts';

for (const runtime of RUNTIMES) {
  test(`${runtime}: rows reach a viewer while the computing thread spins`, async () => {
    const fixture = await startScenario(runtime, 'live');
    /** When each frame with rows arrived. */
    const arrivals: number[] = [];
    const viewer = await connect(fixture.handle, {
      onMessage: (kind, charts, at) => {
        const rows = charts.some(update => update.datasets.some(change => change.rows.length > 0));
        if (kind === 'frame' && rows) {
          arrivals.push(at);
        }
      }
    });
    await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
    fixture.go();
    const { done } = await fixture.next<{ done: { rows: number; loopEnd: number } }>();
    await viewer.waitFor(() => viewer.rows('series').length === done.rows, `${done.rows} rows`);
    assert.equal(await fixture.exited(), 0, fixture.stderr());
    // Live: rows arrive in frames while the 2.5 s loop still runs, from its first half on, not
    // all at its end. (At 30 frames/s about 75 arrive; how many and how late each row is, is
    // measured by bench/kernel-client's latency part, not here.)
    const during = arrivals.filter(at => at < done.loopEnd).length;
    const firstHalf = arrivals.filter(at => at < done.loopEnd - 1250).length;
    const seen = `${during} frames arrived during the loop, ${firstHalf} in its first half`;
    assert.ok(during >= 5, seen);
    assert.ok(firstHalf >= 1, seen);
    const rows = viewer.rows('series');
    rows.forEach((row, i) => assert.equal(row.i, i));
    viewer.close();
  });

  test(`${runtime}: close() delivers everything, then frees the port`, async () => {
    const fixture = await startScenario(runtime, 'flush');
    const intruder = new TestViewer(fixture.handle, { token: 'not-the-token' });
    await assert.rejects(intruder.connected(), /wrong token/);
    intruder.close();
    const viewer = await connect(fixture.handle, { ackDelayMs: 20 });
    fixture.go();
    await fixture.next();
    assert.equal(viewer.rows('series').length, 100000);
    assert.equal(viewer.rows('series')[99999].t, 199998);
    assert.equal(viewer.closedReason, 'the plotter was closed');
    const port = Number(new URL(fixture.handle.url).port);
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
    assert.equal(await fixture.exited(), 0);
    assert.match(fixture.stderr(), /refused viewer from .*: wrong token/);
    assert.ok(!fixture.stderr().includes(fixture.handle.token), 'the token is never logged');
  });

  test(`${runtime}: 1e7 pushes with a stalled viewer stay within a bounded memory`, async () => {
    const fixture = await startScenario(runtime, 'memory');
    const stalled = await connect(fixture.handle, { stallAfter: 0 });
    fixture.go();
    const { done } = await fixture.next<{ done: { growthBytes: number } }>();
    assert.ok(
      done.growthBytes < 64 * 2 ** 20,
      `grew ${(done.growthBytes / 2 ** 20).toFixed(1)} MB`
    );
    assert.equal(stalled.messages, 1, 'the stalled viewer got only its snapshot');
    stalled.close();
    assert.equal(await fixture.exited(), 0);
  });

  test(`${runtime}: a script that never closes its plotter exits by itself`, async () => {
    const fixture = await startScenario(runtime, 'exit');
    const viewer = new TestViewer(fixture.handle);
    await viewer.connected();
    fixture.go();
    await fixture.next();
    const code = await Promise.race([
      fixture.exited(),
      new Promise<string>(resolve => setTimeout(() => resolve('still running'), 10000))
    ]);
    if (code === 'still running') {
      fixture.child.kill();
    }
    assert.equal(code, 0);
    viewer.close();
  });
}
