import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChartUpdate } from 'async-plotter/protocol';
import { PlotterConnection } from '../../../src/viewer/link/plotter-connection';
import type { ConnectionOptions } from '../../../src/viewer/link/plotter-connection';
import { PlotterModel } from '../../../src/viewer/models/plotter-model';
import type { ConnectionStatus } from '../../../src/viewer/models/plotter-model';
import { sendFrame, sendSnapshot, startFixtureServer } from './fixture-server';
import type { FixtureServer, FixtureSocket } from './fixture-server';
import { append, range } from './wire';

function waitForStatus(model: PlotterModel, status: ConnectionStatus): Promise<void> {
  if (model.status === status) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const check = () => {
      if (model.status === status) {
        model.statusChanged.disconnect(check);
        resolve();
      }
    };
    model.statusChanged.connect(check);
  });
}

/**
 * A model of the fixture server's plotter and its connection, once the server has sent the
 * connection's first message: a snapshot of `charts` (none by default).
 */
async function connectToFixture(
  server: FixtureServer,
  options: ConnectionOptions,
  charts: ChartUpdate[] = []
): Promise<{ model: PlotterModel; connection: PlotterConnection; socket: FixtureSocket }> {
  const model = new PlotterModel('a.ipynb', server.handle);
  const viewer = server.nextViewer();
  const connection = new PlotterConnection(model, options);
  const socket = await viewer;
  await sendSnapshot(socket, charts);
  return { model, connection, socket };
}

describe('PlotterConnection against a socket.io plot server', () => {
  let server: FixtureServer;
  before(async () => {
    server = await startFixtureServer();
  });
  after(async () => {
    await server.close();
  });

  it('applies the snapshot and frames, acknowledges each, and delivers stop', async () => {
    const { model, connection, socket } = await connectToFixture(server, { maxFps: () => 1000 }, [
      {
        chart: 'loss',
        spec: { mark: 'line' },
        datasets: [append('p', range(0, 5), { reset: true, window: 10 })]
      }
    ]);
    assert.equal(model.status, 'connected');
    assert.equal(model.charts.get('loss')?.points, 5);
    for (let seq = 1; seq <= 5; seq++) {
      await sendFrame(socket, seq, [
        { chart: 'loss', datasets: [append('p', range(seq * 5, seq * 5 + 5), { window: 10 })] }
      ]);
    }
    assert.equal(model.charts.get('loss')?.points, 10);
    assert.equal(await connection.stop(), true);
    assert.equal(server.stops, 1);
    connection.dispose();
    connection.dispose();
    assert.equal(model.status, 'disconnected');
    assert.equal(model.charts.get('loss')?.points, 10, 'data is kept after disconnecting');
  });

  it('delays acks to hold the maximum frame rate', async () => {
    const { connection, socket } = await connectToFixture(server, { maxFps: () => 20 });
    const start = performance.now();
    for (let seq = 1; seq <= 5; seq++) {
      await sendFrame(socket, seq, [{ chart: 'c', datasets: [append('p', [seq])] }]);
    }
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 5 * 50 - 20, `5 frames at 20 fps took ${elapsed.toFixed(0)} ms`);
    connection.dispose();
  });

  it('shows disconnected when the server closes the plotter', async () => {
    const { model, connection, socket } = await connectToFixture(server, { maxFps: () => 60 });
    socket.emit('closed', { code: 'plotter-closed', message: 'the notebook closed the plotter' });
    await waitForStatus(model, 'disconnected');
    assert.equal(model.problem?.kind, 'closed');
    assert.match(model.problem?.detail ?? '', /closed/);
    connection.dispose();
  });

  it('shows stalled while the server sends nothing, connected again on its next message', async () => {
    const { model, connection, socket } = await connectToFixture(server, {
      maxFps: () => 60,
      stallAfterMs: 300
    });
    assert.equal(model.status, 'connected');
    // Not even a heartbeat (the fixture server sends none): stalled within a check or two.
    await waitForStatus(model, 'stalled');
    assert.equal(model.problem, null, 'a stall is not a lost link');
    await sendFrame(socket, 1, []);
    assert.equal(model.status, 'connected');
    connection.dispose();
  });

  it('a wrong token ends disconnected without retrying', async () => {
    const model = new PlotterModel('a.ipynb', { ...server.handle, token: 'wrong' });
    const connection = new PlotterConnection(model, { maxFps: () => 60 });
    await waitForStatus(model, 'disconnected');
    assert.deepEqual(model.problem, { kind: 'refused', detail: 'unauthorized' });
    connection.dispose();
  });

  it('says why the link is down: closed, or unreachable while retrying; clears it on connect', async () => {
    const { model, connection, socket } = await connectToFixture(server, { maxFps: () => 60 });
    assert.equal(model.problem, null);
    socket.emit('closed', { code: 'plotter-closed', message: 'the plotter was closed' });
    await waitForStatus(model, 'disconnected');
    assert.deepEqual(model.problem, { kind: 'closed', detail: 'the plotter was closed' });
    connection.dispose();

    // Nothing listens on port 1: socket.io keeps trying, the card says so.
    const lost = new PlotterModel('a.ipynb', { ...server.handle, url: 'http://127.0.0.1:1' });
    const retrying = new PlotterConnection(lost, { maxFps: () => 60 });
    await new Promise<void>(resolve => {
      const check = () => {
        if (lost.problem) {
          lost.statusChanged.disconnect(check);
          resolve();
        }
      };
      lost.statusChanged.connect(check);
    });
    assert.equal(lost.status, 'connecting');
    assert.equal(lost.problem?.kind, 'unreachable');
    retrying.dispose();

    // When the attempts run out, the card no longer says it is retrying.
    const abandoned = new PlotterModel('a.ipynb', { ...server.handle, url: 'http://127.0.0.1:1' });
    const once = new PlotterConnection(abandoned, { maxFps: () => 60, reconnectionAttempts: 1 });
    await waitForStatus(abandoned, 'disconnected');
    assert.equal(abandoned.problem?.kind, 'gave-up');
    assert.equal(abandoned.problem?.detail, 'websocket error');
    once.dispose();

    // A new handle (the user connects again) starts without the old problem.
    const refused = new PlotterModel('a.ipynb', { ...server.handle, token: 'wrong' });
    const first = new PlotterConnection(refused, { maxFps: () => 60 });
    await waitForStatus(refused, 'disconnected');
    first.dispose();
    refused.handle = server.handle;
    assert.equal(refused.problem, null);
    const next = server.nextViewer();
    const second = new PlotterConnection(refused, { maxFps: () => 60 });
    await sendSnapshot(await next, []);
    assert.equal(refused.status, 'connected');
    assert.equal(refused.problem, null);
    second.dispose();
  });
});
