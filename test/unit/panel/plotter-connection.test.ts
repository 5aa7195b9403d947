import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PlotterConnection } from '../../../src/plotter-connection';
import { PlotterModel } from '../../../src/plotter-model';
import type { ConnectionStatus } from '../../../src/plotter-model';
import { sendFrame, sendSnapshot, startFixtureServer } from './fixture-server';
import type { FixtureServer } from './fixture-server';
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

describe('PlotterConnection against a socket.io plot server', () => {
  let server: FixtureServer;
  before(async () => {
    server = await startFixtureServer();
  });
  after(async () => {
    await server.close();
  });

  it('applies the snapshot and frames, acknowledges each, and delivers stop', async () => {
    const model = new PlotterModel('a.ipynb', server.handle);
    const viewer = server.nextViewer();
    const connection = new PlotterConnection(model, { maxFps: () => 1000 });
    const socket = await viewer;
    await sendSnapshot(socket, [
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
    const model = new PlotterModel('a.ipynb', server.handle);
    const viewer = server.nextViewer();
    const connection = new PlotterConnection(model, { maxFps: () => 20 });
    const socket = await viewer;
    await sendSnapshot(socket, []);
    const start = performance.now();
    for (let seq = 1; seq <= 5; seq++) {
      await sendFrame(socket, seq, [{ chart: 'c', datasets: [append('p', [seq])] }]);
    }
    const elapsed = performance.now() - start;
    assert.ok(elapsed >= 5 * 50 - 20, `5 frames at 20 fps took ${elapsed.toFixed(0)} ms`);
    connection.dispose();
  });

  it('shows disconnected when the server closes the plotter', async () => {
    const model = new PlotterModel('a.ipynb', server.handle);
    const viewer = server.nextViewer();
    const connection = new PlotterConnection(model, { maxFps: () => 60 });
    const socket = await viewer;
    await sendSnapshot(socket, []);
    socket.emit('closed', 'the notebook closed the plotter');
    await waitForStatus(model, 'disconnected');
    assert.match(connection.lastError?.message ?? '', /closed/);
    connection.dispose();
  });

  it('a wrong token ends disconnected without retrying', async () => {
    const model = new PlotterModel('a.ipynb', { ...server.handle, token: 'wrong' });
    const connection = new PlotterConnection(model, { maxFps: () => 60 });
    await waitForStatus(model, 'disconnected');
    assert.match(connection.lastError?.message ?? '', /unauthorized/);
    connection.dispose();
  });
});
