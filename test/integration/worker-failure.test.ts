/**
 * A plotter whose worker throws (forced with the hidden diagnostics), under Node and Deno: the
 * computing loop's next data call throws PlotterFailedError at once, never hangs, close()
 * returns at once, and the viewer keeps what it had and hears the server go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RUNTIMES, startFixture } from '../support/runtimes.ts';
import { connect } from '../support/socket-viewer.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/worker-failure.ts', import.meta.url));

for (const runtime of RUNTIMES) {
  test(`${runtime}: a worker that throws fails the next data call, not a hang`, async () => {
    const fixture = await startFixture(runtime, FIXTURE, [], 'worker-failure');
    const { handle, next } = fixture;
    const viewer = await connect(handle, { name: 'watching' });
    await viewer.waitFor(() => viewer.rows('c').length === 500, 'the first rows');
    const gone = new Promise<string>(resolve => viewer.socket.once('disconnect', resolve));
    fixture.go();
    const result = await next<{
      error: string;
      failedAfterMs: number;
      again: string;
      closeMs: number;
    }>();
    assert.match(
      result.error,
      /^PlotterFailedError: async-plotter: plotter "failing": the plot server failed \(forced failure of the plot server \(diagnostics\)\); what the viewers received is kept/
    );
    // Not a hang: the loop gives up by itself after 10 s, and close() waiting for the dead
    // worker would take its 2 s timeout and 3 s more. Both bounds are half of those.
    assert.ok(
      result.failedAfterMs < 5000,
      `the loop heard it at once (${result.failedAfterMs} ms)`
    );
    assert.equal(result.again, 'PlotterFailedError', 'every later data call throws too');
    assert.ok(
      result.closeMs < 2500,
      `close() does not wait for a dead worker (${result.closeMs} ms)`
    );
    assert.equal(await gone, 'transport close');
    assert.equal(viewer.rows('c').length, 500, 'the viewer keeps what it had');
    assert.equal(await fixture.exited(), 0, fixture.stderr());
    assert.match(fixture.stderr(), /the plot server failed: forced failure/);
    viewer.close();
  });
}
