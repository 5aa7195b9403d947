// The viewer's connection against a rogue socket.io plot server that speaks the protocol
// badly: messages of any shape (fast-check), events without acknowledgement functions, unknown
// events, a `closed` without a reason. Nothing may escape as an uncaught exception, every
// message that asks for an acknowledgement gets one, and a good frame still applies.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { packFrame, type DatasetUpdate } from 'async-plotter/protocol';
import { PlotterConnection } from '../../../src/viewer/link/plotter-connection';
import { PlotterModel } from '../../../src/viewer/models/plotter-model';
import { startFixtureServer } from './fixture-server';
import type { FixtureServer, FixtureSocket } from './fixture-server';
import { goodDataset } from './hostile-arbitraries';

type LooseEmit = (event: string, ...args: unknown[]) => void;

describe('PlotterConnection against a rogue plot server', () => {
  let server: FixtureServer;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  before(async () => {
    server = await startFixtureServer('rogue');
    process.on('uncaughtException', record);
  });
  after(async () => {
    process.off('uncaughtException', record);
    await server.close();
  });

  async function connected(): Promise<{
    model: PlotterModel;
    connection: PlotterConnection;
    socket: FixtureSocket;
  }> {
    const model = new PlotterModel('a.ipynb', server.handle);
    const viewer = server.nextViewer();
    const connection = new PlotterConnection(model, { maxFps: () => 1000 });
    return { model, connection, socket: await viewer };
  }

  /** Emits and resolves with whether the viewer acknowledged within `ms`. */
  function acknowledged(
    socket: FixtureSocket,
    event: string,
    body: unknown,
    ms = 2000
  ): Promise<boolean> {
    return new Promise(resolve => {
      const timer = setTimeout(() => resolve(false), ms);
      (socket.emit as unknown as LooseEmit)(event, body, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  it('acknowledges messages of any shape, throws nothing, and a good frame still applies', async () => {
    const { model, connection, socket } = await connected();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('snapshot', 'frame'),
        fc.anything({ maxDepth: 3, withTypedArray: true }),
        async (event, body) => {
          assert.ok(await acknowledged(socket, event, body), 'acknowledged');
        }
      ),
      { numRuns: 200 }
    );
    assert.ok(
      await acknowledged(
        socket,
        'frame',
        packFrame({
          seq: 1,
          charts: [
            {
              chart: 'good',
              spec: { mark: 'line' },
              datasets: [goodDataset('d', 4, 'append') as unknown as DatasetUpdate]
            }
          ]
        })
      )
    );
    assert.equal(model.charts.get('good')?.datasets.get('d')?.size, 4);
    assert.deepEqual(uncaught, []);
    connection.dispose();
  });

  it('events without an acknowledgement, unknown events and a closed without a reason', async () => {
    const { model, connection, socket } = await connected();
    const emit = socket.emit.bind(socket) as unknown as LooseEmit;
    emit('frame', { seq: 1, charts: [] }); // no acknowledgement function
    emit('snapshot', null);
    emit('snapshot', { plotter: 5, charts: [] }, 'not a function');
    emit('surprise', 1, 2, 3);
    emit('closed', { reason: 'an object' });
    await new Promise(resolve => setTimeout(resolve, 300));
    assert.deepEqual(uncaught, []);
    assert.equal(model.status, 'disconnected');
    assert.equal(model.problem?.kind, 'closed');
    assert.equal(model.info, null, 'a malformed plotter description is not used');
    connection.dispose();
  });
});
